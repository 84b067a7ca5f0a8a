#!/usr/bin/env bash
# readonly-check.sh — shows that the packaged dialgate runs with a read-only root filesystem, writing at most to /tmp.
#
# Copies the packaged application (target/quarkus-app; or the native executable when target/quarkus-artifact.properties
# says type=native) into a fresh directory, makes it read-only, and starts the application from it — that directory is
# also its working directory — with java.io.tmpdir pointing at the one writable directory. It runs against a real
# redis-server, with one tenant configured through environment variables only (as a Deployment would), waits for
# /q/health/ready, posts one event, reads it back, stops everything, and checks nothing in the application directory
# changed. Exit 0 only if all of that worked. No token or secret is printed (they are random per run).
#
#   ./mvnw package -DskipTests && deploy/readonly-check.sh        (ReadOnlyFilesystemIT runs it in ./mvnw verify)
#
# As root, file permissions do not stop writes, so the application is then started as user nobody (setpriv): the
# directory is read-only to it for real. Needs bash, curl, unzip (only to take redis-server out of the embedded-redis
# jar) and, for the jar, a JDK 17+.
# Environment (all optional): JAVA (default $JAVA_HOME/bin/java, else java on PATH); DIALGATE_REDIS_SERVER (a
# redis-server binary; default: redis-server on PATH, else the one inside EMBEDDED_REDIS_JAR or the embedded-redis jar
# in ~/.m2); READONLY_CHECK_TIMEOUT (seconds to wait for readiness, default 30).
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
TARGET=$ROOT/target
TIMEOUT=${READONLY_CHECK_TIMEOUT:-30}
JAVA=${JAVA:-${JAVA_HOME:+$JAVA_HOME/bin/java}}
JAVA=${JAVA:-java}

say() { echo "readonly-check: $*"; }
fail() { say "FAILED: $*"; exit 1; }

free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])' 2>/dev/null \
    || echo $((20000 + RANDOM % 20000))
}
port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
random_token() { head -c 18 /dev/urandom | base64 | tr '+/' '-_'; }

# --- what was packaged -----------------------------------------------------------------------------------------------
TYPE=jar
if [ -f "$TARGET/quarkus-artifact.properties" ]; then
  TYPE=$(sed -n 's/^type=//p' "$TARGET/quarkus-artifact.properties")
fi
case "$TYPE" in
  jar) [ -f "$TARGET/quarkus-app/quarkus-run.jar" ] || fail "no target/quarkus-app; run ./mvnw package first" ;;
  native) NATIVE=$TARGET/$(sed -n 's/^path=//p' "$TARGET/quarkus-artifact.properties")
          [ -x "$NATIVE" ] || fail "no native executable at $NATIVE" ;;
  *) fail "target/quarkus-artifact.properties says type=$TYPE; package a jar or a native executable first" ;;
esac

# --- a work area: app/ read-only, tmp/ the only place the application may write --------------------------------------
WORK=$(mktemp -d "${TMPDIR:-/tmp}/dialgate-readonly.XXXXXX")
APP=$WORK/app
WRITABLE=$WORK/tmp
APP_PID=
REDIS_PID=
cleanup() {
  [ -n "$APP_PID" ] && kill -KILL "$APP_PID" 2>/dev/null || true
  [ -n "$REDIS_PID" ] && kill -KILL "$REDIS_PID" 2>/dev/null || true
  chmod -R u+w "$WORK" 2>/dev/null || true
  rm -rf "$WORK"
}
trap cleanup EXIT
chmod 755 "$WORK"
mkdir -p "$WRITABLE" "$WORK/redis" "$WORK/logs"
chmod 1777 "$WRITABLE"

if [ "$TYPE" = jar ]; then
  cp -R "$TARGET/quarkus-app" "$APP"
  COMMAND=("$JAVA" -XX:-UsePerfData "-Djava.io.tmpdir=$WRITABLE" -jar "$APP/quarkus-run.jar")
else
  mkdir "$APP" && cp "$NATIVE" "$APP/dialgate"
  COMMAND=("$APP/dialgate" "-Djava.io.tmpdir=$WRITABLE")
fi
chmod -R a+rX,a-w "$APP"
fingerprint() { (cd "$APP" && find . -printf '%p %s %m %T@\n' | sort | sha256sum); }
BEFORE=$(fingerprint)

RUN_AS=()
if [ "$(id -u)" = 0 ]; then
  RUN_AS=(setpriv --reuid=65534 --regid=65534 --clear-groups)
  say "running as root: the application runs as uid 65534 so permissions apply"
fi

# --- Redis ------------------------------------------------------------------------------------------------------------
REDIS=${DIALGATE_REDIS_SERVER:-$(command -v redis-server || true)}
if [ -z "$REDIS" ]; then
  JAR=${EMBEDDED_REDIS_JAR:-$(ls -1 "$HOME"/.m2/repository/com/github/codemonstur/embedded-redis/*/*.jar 2>/dev/null \
        | grep -v sources | sort -V | tail -n 1)}
  [ -f "$JAR" ] || fail "no redis-server: set DIALGATE_REDIS_SERVER or EMBEDDED_REDIS_JAR"
  case "$(uname -m)" in x86_64|amd64) ARCH=linux-amd64 ;; aarch64|arm64) ARCH=linux-arm64 ;; *) ARCH=unknown ;; esac
  ENTRY=$(unzip -Z1 "$JAR" | grep -E "^redis-server-.*-$ARCH\$" | head -n 1)
  [ -n "$ENTRY" ] || fail "the embedded-redis jar has no redis-server for $(uname -m)"
  unzip -q -o "$JAR" "$ENTRY" -d "$WORK/redis"
  REDIS=$WORK/redis/$ENTRY
  chmod +x "$REDIS"
fi
REDIS_PORT=$(free_port)
"$REDIS" --port "$REDIS_PORT" --bind 127.0.0.1 --save "" --appendonly no --protected-mode no --dir "$WORK/redis" \
  > "$WORK/logs/redis.log" 2>&1 &
REDIS_PID=$!
for _ in $(seq 1 100); do port_open "$REDIS_PORT" && break; sleep 0.1; done
port_open "$REDIS_PORT" || fail "redis-server did not start"

# --- dialgate, configured from the environment only ------------------------------------------------------------------
HTTP_PORT=$(free_port)
# Health is served on the management interface only (its own port, 9000 unless told otherwise).
MANAGEMENT_PORT=$(free_port)
INGEST=$(random_token)
CRM=$(random_token)
START=$(date +%s%N)
(cd "$APP" && exec env -i PATH="$PATH" LANG=C.UTF-8 HOME="$WRITABLE" \
    QUARKUS_HTTP_HOST=127.0.0.1 QUARKUS_HTTP_PORT="$HTTP_PORT" \
    QUARKUS_MANAGEMENT_HOST=127.0.0.1 QUARKUS_MANAGEMENT_PORT="$MANAGEMENT_PORT" \
    QUARKUS_REDIS_HOSTS="redis://127.0.0.1:$REDIS_PORT" \
    DIALGATE_TENANTS_RO_GENESYS_API_URL=http://127.0.0.1:9 \
    DIALGATE_TENANTS_RO_GENESYS_LOGIN_URL=http://127.0.0.1:9 \
    DIALGATE_TENANTS_RO_GENESYS_CLIENT_ID=readonly-check \
    DIALGATE_TENANTS_RO_GENESYS_CLIENT_SECRET="$(random_token)" \
    DIALGATE_TENANTS_RO_INGEST_TOKEN="$INGEST" \
    DIALGATE_TENANTS_RO_CRM_TOKEN="$CRM" \
    "${RUN_AS[@]}" "${COMMAND[@]}") > "$WORK/logs/app.log" 2>&1 &
APP_PID=$!

show_log() { say "application log (last 40 lines):"; tail -n 40 "$WORK/logs/app.log" | sed 's/^/  | /'; }
ready=
for _ in $(seq 1 $((TIMEOUT * 10))); do
  kill -0 "$APP_PID" 2>/dev/null || { show_log; fail "the application exited before it was ready"; }
  if [ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$MANAGEMENT_PORT/q/health/ready")" = 200 ]; then
    ready=yes; break
  fi
  sleep 0.1
done
[ -n "$ready" ] || { show_log; fail "/q/health/ready not UP within ${TIMEOUT}s"; }
say "ready after $(( ($(date +%s%N) - START) / 1000000 )) ms (wall time of this check, not a benchmark)"

# --- one event in, and its effect read back ---------------------------------------------------------------------------
LIST=5f0c2d7e-1b8a-4c3e-9d2f-6a7b8c9d0e1f
CONTACT=readonly0check0contact0000000001
EVENT='{"topicName":"v2.outbound.voice.campaigns.contact.preContact","version":"2","eventBody":{
  "outboundContactListId":"'$LIST'","outboundContactId":"'$CONTACT'","eventTime":'$(( $(date +%s%N) / 1000000 ))',
  "conversationId":"0b7f4c1e-2d3a-4e5f-8a9b-0c1d2e3f4a5b","outboundCampaignId":"6f1a2b3c-4d5e-4f60-8a7b-9c0d1e2f3a4b"}}'
ANSWER=$(curl -s -w '\n%{http_code}' -X POST -H "Authorization: Bearer $INGEST" -H 'Content-Type: application/json' \
  --data "$EVENT" "http://127.0.0.1:$HTTP_PORT/v1/tenants/ro/events")
[ "$(tail -n 1 <<<"$ANSWER")" = 202 ] || { show_log; fail "the event was answered $(tail -n 1 <<<"$ANSWER")"; }
grep -q '"accepted":1' <<<"$ANSWER" || fail "the event was not accepted: $(head -n 1 <<<"$ANSWER")"
STATE=$(curl -s -H "Authorization: Bearer $CRM" \
  "http://127.0.0.1:$HTTP_PORT/v1/tenants/ro/contactlists/$LIST/contacts/$CONTACT/dial-state")
grep -q '"phase":"DIALING"' <<<"$STATE" || fail "the event's dial state was not stored: $STATE"
say "event accepted (202) and stored in Redis: the contact's dial state is DIALING"

# --- stop, and check the read-only directory was left alone ----------------------------------------------------------
kill -TERM "$APP_PID"
for _ in $(seq 1 200); do kill -0 "$APP_PID" 2>/dev/null || break; sleep 0.1; done
kill -0 "$APP_PID" 2>/dev/null && { show_log; fail "the application did not stop within 20 s of SIGTERM"; }
wait "$APP_PID" 2>/dev/null || true
APP_PID=
kill -TERM "$REDIS_PID" 2>/dev/null || true
wait "$REDIS_PID" 2>/dev/null || true
REDIS_PID=

[ "$(fingerprint)" = "$BEFORE" ] || fail "something in the read-only application directory changed"
if grep -qiE 'read-only file system|permission denied|AccessDeniedException' "$WORK/logs/app.log"; then
  show_log; fail "the application tried to write outside its temp directory"
fi
say "OK: ran from a read-only directory ($TYPE), wrote only to java.io.tmpdir"
