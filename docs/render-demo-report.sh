#!/usr/bin/env bash
# Renders the demo's HTML report to docs/demo-report.png (the picture README shows) with headless Chromium.
#
#   ./mvnw package -Pdemo -Ddemo.seconds=60     # writes target/demo/demo-report.html
#   docs/render-demo-report.sh [report.html] [out.png]
#
# Needs Debian's chromium package (apt-get install -y chromium). The page is self-contained (inline CSS and SVG, no
# script, no font or image from outside), and Chromium runs with its network features off and a fresh profile
# directory that is removed afterwards, so rendering reaches nothing outside this machine.
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
html="$(realpath "${1:-$here/../target/demo/demo-report.html}")"
png="$(realpath -m "${2:-$here/demo-report.png}")"
width="${WIDTH:-1180}"
height="${HEIGHT:-1800}"

if [[ ! -f "$html" ]]; then
  echo "no report at $html: run the demo first (./mvnw package -Pdemo -Ddemo.seconds=60)" >&2
  exit 1
fi
browser="$(command -v chromium || command -v chromium-browser || true)"
if [[ -z "$browser" ]]; then
  echo "chromium not found: apt-get install -y chromium" >&2
  exit 1
fi

profile="$(mktemp -d)"
trap 'rm -rf "$profile"' EXIT
"$browser" --headless --no-sandbox --disable-gpu --disable-quic --no-first-run --disable-background-networking \
  --disable-component-update --disable-sync --hide-scrollbars --user-data-dir="$profile" \
  --window-size="$width,$height" --screenshot="$png" "file://$html" 2>/dev/null
echo "rendered $html to $png (${width}x${height})"
