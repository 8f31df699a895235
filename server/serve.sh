#!/usr/bin/env bash
# Runs the cnlp annotation server (Open Liberty) for `./cnlp serve`.
#
#   server/serve.sh [run] [--port N] [--host H] [--prod]   foreground; Ctrl-C stops it
#   server/serve.sh start [...]                            background; returns once ready
#   server/serve.sh stop | status
#   --samples: once ready, drop the sample notes (corpora-samples/notes/mtsamples-txt) into the inbox and wait
#              until their annotations are in the outbox (the README's first command: ./cnlp serve start --samples)
#
# Builds the server when it is missing or older than its sources, uses the terminology index in
# $CNLP_WORK/terminology-index (the server builds it from corpora-samples on first start), and in
# development mode (the default) accepts the API key it creates in $CNLP_WORK/server/dev-api-key.
# --prod: no development key; set CNLP_SECURITY_API_KEYS_FILE (one key per line).
# Models: when $CNLP_MODELS_DIR (default: the repository's models/) holds ner-teacher/bundle.json, also serves the
# teacher pipeline (request "model": "teacher"), and student likewise once ner-student and a student pipeline exist;
# dictionary stays the default pipeline. CNLP_PIPELINES, CNLP_MODELS, CNLP_PIPELINE_DEFAULT set by you win.
# VQA: when $CNLP_MODELS_DIR/vqa/bundle.json exists (cnlp vqa train), POST /api/v1/vqa answers with it
# (CNLP_VQA_MODEL set by you wins; CNLP_VQA_MODEL=none turns it off).
# Inbox: text files dropped into $CNLP_INBOX_DIR (default $CNLP_WORK/inbox) are annotated to JSON in $CNLP_OUTBOX_DIR
# (default $CNLP_WORK/outbox) by CNLP_INBOX_PIPELINE (default: the default pipeline); CNLP_INBOX_DIR= (empty) turns it off.
# Logs: $CNLP_WORK/server/output/cnlpServer/logs/messages.log. Other settings: CNLP_* variables (server/README.md).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
source "$ROOT/.ci/env.sh"

NAME=cnlpServer
WLP="$ROOT/server/target/liberty/wlp"
WORK="${CNLP_WORK:-$ROOT/work}"
ACTION=run
case "${1:-}" in run|start|stop|status) ACTION="$1"; shift ;; esac

PORT="${CNLP_PORT:-9080}"
HOST="${CNLP_HOST:-localhost}"
MODE="${CNLP_SECURITY_MODE:-dev}"
SAMPLES=0
while [ $# -gt 0 ]; do
  case "$1" in
    --port) PORT="$2"; shift 2 ;;
    --host) HOST="$2"; shift 2 ;;
    --prod) MODE=prod; shift ;;
    --samples) SAMPLES=1; shift ;;
    -h|--help) sed -n '2,21p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "cnlp serve: unknown option $1 (see --help)" >&2; exit 2 ;;
  esac
done

export WLP_OUTPUT_DIR="$WORK/server/output"
export HTTP_PORT="$PORT" HTTPS_PORT="${CNLP_HTTPS_PORT:--1}"
export HTTP_HOST="$([ "$HOST" = 0.0.0.0 ] && echo '*' || echo "$HOST")"
export CNLP_SECURITY_MODE="$MODE"
export CNLP_SECURITY_DEV_KEY_FILE="${CNLP_SECURITY_DEV_KEY_FILE:-$WORK/server/dev-api-key}"
export CNLP_TERMINOLOGY_INDEX="${CNLP_TERMINOLOGY_INDEX:-$WORK/terminology-index}"
export CNLP_TERMINOLOGY_CORPORA="${CNLP_TERMINOLOGY_CORPORA:-$ROOT/corpora-samples}"
LOG="$WLP_OUTPUT_DIR/$NAME/logs/messages.log"
URL="http://$([ "$HOST" = 0.0.0.0 ] && echo localhost || echo "$HOST"):$PORT"

case "$ACTION" in
  stop) exec "$WLP/bin/server" stop "$NAME" ;;
  status) exec "$WLP/bin/server" status "$NAME" ;;
esac

export CNLP_MODELS_DIR="${CNLP_MODELS_DIR:-$ROOT/models}"

# Whether the pipeline catalog the server reads (built in, plus CNLP_PIPELINES_FILE) defines pipeline $1.
catalog_has() {
  local file
  for file in "$ROOT/annotators/src/main/resources/org/cnlp/annotators/pipelines/pipelines.json" \
              ${CNLP_PIPELINES_FILE:+"$CNLP_PIPELINES_FILE"}; do
    [ -f "$file" ] && grep -Eq "^[[:space:]]*\"$1\"[[:space:]]*:[[:space:]]*\{" "$file" && return 0
  done
  return 1
}
# Model pipelines whose bundles are installed: pipeline name, then bundle folder under CNLP_MODELS_DIR.
PIPELINES=dictionary
MODEL_MAP=""
for served in teacher:ner-teacher student:ner-student; do
  name="${served%%:*}" bundle="${served#*:}"
  [ -f "$CNLP_MODELS_DIR/$bundle/bundle.json" ] || continue
  if catalog_has "$name"; then
    PIPELINES+=",$name"
    MODEL_MAP+="${MODEL_MAP:+,}$name=$name"
  else
    echo "cnlp serve: $CNLP_MODELS_DIR/$bundle is installed, but the pipeline catalog has no '$name' pipeline yet; not served" >&2
  fi
done
export CNLP_PIPELINES="${CNLP_PIPELINES:-$PIPELINES}"
if [ -z "${CNLP_MODELS+set}" ]; then
  # Only models whose pipeline is served: the server refuses a model mapped to a pipeline it does not serve.
  models=""
  for entry in ${MODEL_MAP//,/ }; do
    case ",${CNLP_PIPELINES// /}," in *",${entry#*=},"*) models+="${models:+,}$entry" ;; esac
  done
  [ -z "$models" ] || export CNLP_MODELS="$models"
fi
# Inbox/outbox (the server's folder batch): on unless CNLP_INBOX_DIR or CNLP_OUTBOX_DIR is set empty; paths made absolute
# here, since the server resolves relative ones against its own output folder.
if [ -z "${CNLP_INBOX_DIR+set}" ]; then CNLP_INBOX_DIR="$WORK/inbox"; fi
if [ -z "${CNLP_OUTBOX_DIR+set}" ]; then CNLP_OUTBOX_DIR="$WORK/outbox"; fi
if [ -n "$CNLP_INBOX_DIR" ] && [ -n "$CNLP_OUTBOX_DIR" ]; then
  CNLP_INBOX_DIR="$(realpath -m "$CNLP_INBOX_DIR")" CNLP_OUTBOX_DIR="$(realpath -m "$CNLP_OUTBOX_DIR")"
  mkdir -p "$CNLP_INBOX_DIR" "$CNLP_OUTBOX_DIR"
  export CNLP_INBOX_DIR CNLP_OUTBOX_DIR
  INBOX="$CNLP_INBOX_DIR -> $CNLP_OUTBOX_DIR (pipeline ${CNLP_INBOX_PIPELINE:-${CNLP_PIPELINE_DEFAULT:-${CNLP_PIPELINES%%,*}}}, ${CNLP_INBOX_THREADS:-1} thread(s))"
else
  export CNLP_INBOX_DIR="" CNLP_OUTBOX_DIR=""
  INBOX="off (CNLP_INBOX_DIR or CNLP_OUTBOX_DIR set empty)"
fi
if [ -z "${CNLP_VQA_MODEL+set}" ] && [ -f "$CNLP_MODELS_DIR/vqa/bundle.json" ]; then
  export CNLP_VQA_MODEL="$CNLP_MODELS_DIR/vqa"
fi
SERVED="pipelines ${CNLP_PIPELINES// /} (default ${CNLP_PIPELINE_DEFAULT:-${CNLP_PIPELINES%%,*}}); models ${CNLP_MODELS:-none}"
[ -z "${CNLP_MODELS:-}" ] || SERVED+=" from $CNLP_MODELS_DIR"
case "${CNLP_VQA_MODEL:-none}" in none|NONE) ;; *) SERVED+="; VQA $CNLP_VQA_MODEL" ;; esac

# The server bundles the pipeline, annotators, terminology-index, distillation and multimodal jars: rebuild when any of
# their sources (the built-in pipelines.json included) is newer than the deployed application.
build_needed() {
  local war="$WLP/usr/servers/$NAME/apps/cnlp-server.war"
  [ -f "$war" ] || return 0
  [ -n "$(find "$ROOT"/{server,pipeline,annotators,terminology-index,distillation,multimodal}/src/main "$ROOT"/pom.xml \
            "$ROOT"/*/pom.xml \
            -newer "$war" -type f -print -quit)" ]
}
CLEAN=()
if build_needed; then
  CLEAN=(--clean)   # a new application: drop Liberty's cached copy of the old one
  mkdir -p "$WORK"
  echo "cnlp serve: building the server (Maven output in $WORK/build-server.log) ..." >&2
  if ! (cd "$ROOT" && mvn -B -q -DskipTests -pl server -am package >"$WORK/build-server.log" 2>&1); then
    echo "cnlp serve: build failed; see $WORK/build-server.log (run ./cnlp once to build the other modules)" >&2
    tail -n 30 "$WORK/build-server.log" >&2
    exit 3
  fi
fi
mkdir -p "$WLP_OUTPUT_DIR"

# Prints the URLs once /health/ready answers 200 (the pipelines are loaded), or gives up after 300 s.
announce() {
  local start=$SECONDS
  while [ $((SECONDS - start)) -lt 300 ]; do
    if curl -fs -o /dev/null "$URL/health/ready" 2>/dev/null; then
      cat >&2 <<EOF
cnlp serve: ready after $((SECONDS - start)) s
  serving   $SERVED
  API       $URL/api/v1   (POST /annotate, POST /annotate/batch, POST /vqa, GET /terminology/search, GET /models, GET /inbox)
  inbox     $INBOX
  OpenAPI   $URL/openapi/ui
  health    $URL/health/ready   metrics $URL/metrics
  logs      $LOG
EOF
      if [ "$MODE" = dev ]; then
        cat >&2 <<EOF
  API key   $CNLP_SECURITY_DEV_KEY_FILE (development mode)
  try:      curl -H "Authorization: Bearer \$(cat $CNLP_SECURITY_DEV_KEY_FILE)" -H 'Content-Type: text/plain' \\
                 --data 'Denies chest pain; history of MI.' $URL/api/v1/annotate
EOF
      fi
      return 0
    fi
    sleep 1
  done
  echo "cnlp serve: not ready after 300 s; see $LOG" >&2
  return 1
}

# --samples: copies the sample notes into a fresh inbox folder (hidden name, then rename, so the
# inbox never takes a half-copied file) and waits until each has an output or an error report.
feed_samples() {
  [ "$SAMPLES" = 1 ] || return 0
  if [ -z "${CNLP_INBOX_DIR:-}" ] || [ -z "${CNLP_OUTBOX_DIR:-}" ]; then
    echo "cnlp serve: --samples needs the inbox (CNLP_INBOX_DIR and CNLP_OUTBOX_DIR)" >&2
    return 1
  fi
  local batch="samples-$(date +%Y%m%d-%H%M%S)" n=0 start=$SECONDS name
  mkdir -p "$CNLP_INBOX_DIR/$batch"
  for note in "$ROOT"/corpora-samples/notes/mtsamples-txt/*.txt; do
    name="$(basename "$note")"
    cp "$note" "$CNLP_INBOX_DIR/$batch/.$name.part" && mv "$CNLP_INBOX_DIR/$batch/.$name.part" "$CNLP_INBOX_DIR/$batch/$name"
    n=$((n + 1))
  done
  echo "cnlp serve: dropped $n sample notes into $CNLP_INBOX_DIR/$batch; waiting for the outbox ..." >&2
  local done failed
  while [ $((SECONDS - start)) -lt 900 ]; do
    done=$({ find "$CNLP_OUTBOX_DIR/$batch" -name '*.json' 2>/dev/null || true; } | wc -l)
    failed=$({ find "$CNLP_INBOX_DIR/.error/$batch" -type f ! -name '*.error.json' 2>/dev/null || true; } | wc -l)
    if [ $((done + failed)) -ge "$n" ]; then
      echo "cnlp serve: $done of $n sample notes annotated into $CNLP_OUTBOX_DIR/$batch ($failed failed) in $((SECONDS - start)) s" >&2
      return 0
    fi
    sleep 1
  done
  echo "cnlp serve: the sample notes were not all processed within 900 s; see $LOG" >&2
  return 1
}

echo "cnlp serve: starting Open Liberty on $URL ($MODE mode): $SERVED ..." >&2
if [ "$ACTION" = start ]; then
  "$WLP/bin/server" start "$NAME" "${CLEAN[@]}" >&2
  announce
  feed_samples
  echo "cnlp serve: running in the background; stop it with ./cnlp serve stop" >&2
else
  command -v curl >/dev/null && { announce && feed_samples; } &
  exec "$WLP/bin/server" run "$NAME" "${CLEAN[@]}"
fi
