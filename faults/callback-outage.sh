#!/usr/bin/env bash
# The long version of CallbacksIT: the CRM endpoint is down for 10 minutes (after a kill -9 of the instance that was
# delivering), then up again; the test fails unless every callback arrives, once per webhook-id at least, in each
# contact's order. Takes about 12 minutes. Usage: faults/callback-outage.sh [outage seconds, default 600]
set -euo pipefail
cd "$(dirname "$0")/.."
outage="${1:-600}"
exec ./mvnw -o verify -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false -Dit.test=CallbacksIT \
  -Ddialgate.it.callback-outage="$outage"

