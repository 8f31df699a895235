#!/usr/bin/env bash
# Benchmarks the annotation server against the in-process pipeline on this machine: starts the
# server (serve.sh start, own port), runs the load generator (org.cnlp.cli.ServerBenchCommand:
# docs/s, p50/p99 at 1, 8, 32 clients, /annotate/batch, RSS), stops the server.
#
#   server/bench.sh [--port N] [--batch-1] [load generator options: --seconds S --clients 1,8,32 ...]
#
# --batch-1 also restarts the server with cnlp.batch.max-size=1 (no micro-batching: model passes of one sequence) and measures it
# at the largest client count, for comparison. Needs a built project (./cnlp builds it).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
source "$ROOT/.ci/env.sh"

PORT=9181
BATCH_ONE=false
ARGS=()
while [ $# -gt 0 ]; do
  case "$1" in
    --port) PORT="$2"; shift 2 ;;
    --batch-1) BATCH_ONE=true; shift ;;
    *) ARGS+=("$1"); shift ;;
  esac
done
JAR="$ROOT/cli/target/cnlp-cli.jar"
[ -f "$JAR" ] || { echo "cnlp bench: build first (./cnlp --help builds the project)" >&2; exit 3; }

generate() {
  "$JAVA_HOME/bin/java" $CNLP_JVM_FLAGS -Djdk.httpclient.keepalive.timeout=10 -Dcnlp.root="$ROOT" \
    -cp "$JAR:$ROOT/cli/target/lib/*" org.cnlp.cli.ServerBenchCommand --url "http://localhost:$PORT" "$@"
}

trap '"$ROOT/server/serve.sh" stop >/dev/null 2>&1 || true' EXIT
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
CNLP_INBOX_DIR= "$ROOT/server/serve.sh" start --port "$PORT"   # no inbox: keep the measurement clean
STATUS=0
generate ${ARGS[@]+"${ARGS[@]}"} || STATUS=$?
if $BATCH_ONE; then
  "$ROOT/server/serve.sh" stop >/dev/null
  echo
  echo "same server with cnlp.batch.max-size=1 (batch-1 serving: every forward pass of a model runs one sequence):"
  CNLP_BATCH_MAX_SIZE=1 "$ROOT/server/serve.sh" start --port "$PORT"
  generate --server-only --batch-size 0 --clients 32 ${ARGS[@]+"${ARGS[@]}"} || STATUS=$?
fi
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
exit $STATUS
