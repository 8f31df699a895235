#!/usr/bin/env bash
# Benchmarks the annotation server against the in-process pipeline on this machine: starts the
# server (serve.sh start, own port), runs the load generator (org.cnlp.cli.ServerBenchCommand:
# docs/s, p50/p99 at 1, 8, 32 clients, /annotate/batch, RSS), stops the server.
#
#   server/bench.sh [--port N] [--batch-1] [load generator options: --seconds S --clients 1,8,32 ...]
#
# --batch-1 also restarts the server with cnlp.batch.max-size=1 (batch-1 serving: model passes of one sequence) and with
# cnlp.batch.max-size=0 (no shared passes: each replica runs its own), and measures both
# at the largest client count, for comparison. Needs a built project (./cnlp builds it).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
source "$ROOT/.ci/env.sh"

PORT=9181
BATCH_ONE=false
ARGS=()
MAX_CLIENTS=32
while [ $# -gt 0 ]; do
  case "$1" in
    --port) PORT="$2"; shift 2 ;;
    --batch-1) BATCH_ONE=true; shift ;;
    --clients) ARGS+=("$1" "$2"); MAX_CLIENTS="$(tr ',' '\n' <<<"$2" | sort -n | tail -1)"; shift 2 ;;
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
  # The same load at the largest client count with the model's micro-batching changed (cnlp.batch.max-size):
  # 1 = batch-1 serving (every forward pass one sequence), 0 = no shared passes (each replica runs its own).
  ONLY=()
  for ((i = 0; i < ${#ARGS[@]}; i++)); do
    if [ "${ARGS[$i]}" = "--clients" ]; then i=$((i + 1)); else ONLY+=("${ARGS[$i]}"); fi
  done
  for SIZE in 1 0; do
    "$ROOT/server/serve.sh" stop >/dev/null
    echo
    echo "same server with cnlp.batch.max-size=$SIZE ($([ "$SIZE" = 1 ] && echo 'batch-1 serving: every forward pass of a model runs one sequence' || echo 'no shared passes: every replica runs its own forward passes')):"
    CNLP_INBOX_DIR= CNLP_BATCH_MAX_SIZE=$SIZE "$ROOT/server/serve.sh" start --port "$PORT"
    generate --server-only --batch-size 0 --clients "$MAX_CLIENTS" ${ONLY[@]+"${ONLY[@]}"} || STATUS=$?
  done
fi
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
exit $STATUS
