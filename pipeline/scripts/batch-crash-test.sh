#!/usr/bin/env bash
# Fault check for `cnlp batch`: kills a batch with SIGKILL at different points, restarts it, and
# checks that the folder ends up with every input accounted for exactly once.
#
#   pipeline/scripts/batch-crash-test.sh [--docs N] [--rounds R] [--kills K] [--seed S] [--keep]
#
# Run from anywhere; it uses the repository's ./cnlp launcher (builds on first use) unless CNLP
# names another command. Each round generates a fresh folder (N sample notes, a PubTator file, a
# JSON array, three bad files), then starts `cnlp batch` K times and kills each run with kill -9
# at a different point: during start-up (a random delay), then once a random share of the inputs
# is finished (a few ms of random jitter added, so that kills land while files are being read,
# annotated, written or moved). A last run finishes the folder. Checks after each round:
#   - the inbox holds no input any more;
#   - each generated input is in exactly one of .done/ and .error/ (good ones in .done/, bad ones
#     in .error/ with an error report), and nothing else is there;
#   - the outputs are exactly one JSON file per good document, each complete, none for bad inputs;
#   - no temporary (*.cnlp-tmp) file is left anywhere;
#   - the last run wrote its batch-summary.json;
#   - every output equals the one an uninterrupted run over the same inputs wrote (a reference run
#     made first; the "source" line, which names the round's folder, aside).
# Exit code 0 when every round passes.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
CNLP="${CNLP:-$ROOT/cnlp}"
DOCS=300
ROUNDS=3
KILLS=5
SEED=20261127
KEEP=false
while [ $# -gt 0 ]; do
  case "$1" in
    --docs) DOCS="$2"; shift 2 ;;
    --rounds) ROUNDS="$2"; shift 2 ;;
    --kills) KILLS="$2"; shift 2 ;;
    --seed) SEED="$2"; shift 2 ;;
    --keep) KEEP=true; shift ;;
    -h|--help) sed -n '2,22p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "unknown option: $1 (see --help)" >&2; exit 2 ;;
  esac
done

WORK="$(mktemp -d "${TMPDIR:-/tmp}/cnlp-batch-crash.XXXXXX")"
cleanup() {
  if [ -n "${PID:-}" ] && kill -0 "$PID" 2>/dev/null; then kill -9 "$PID" 2>/dev/null || true; fi
  if [ "$KEEP" = true ]; then echo "kept $WORK"; else rm -rf "$WORK"; fi
}
trap cleanup EXIT
RANDOM=$SEED

NOTES=()
while IFS= read -r -d '' note; do NOTES+=("$note"); done < <(find "$ROOT/corpora-samples/notes/mtsamples-txt" \
  "$ROOT/corpora-samples/notes/mts-dialog-txt" -type f -name '*.txt' -print0 | sort -z)
[ "${#NOTES[@]}" -gt 0 ] || { echo "no sample notes under $ROOT/corpora-samples/notes" >&2; exit 2; }

echo "batch-crash-test: $ROUNDS rounds x ($KILLS kills + 1 final run), $DOCS notes + 5 other inputs per round, seed $SEED"
echo "  warming up $CNLP (build and terminology index on first use) ..."
"$CNLP" terminology search "heart attack" --top 1 >"$WORK/warmup.log" 2>&1 || { cat "$WORK/warmup.log" >&2; exit 2; }

# generate DIR: inputs into DIR/in, expectations into DIR/expected-{good,bad,outputs}
generate() {
  local dir="$1" in="$1/in" i name
  mkdir -p "$in/ward-a" "$in/ward-b"
  : >"$dir/expected-good"; : >"$dir/expected-outputs"
  for ((i = 0; i < DOCS; i++)); do
    name="$(printf 'n%04d' "$i")-$(basename "${NOTES[i % ${#NOTES[@]}]}")"
    case $((i % 3)) in 0) name="$name" ;; 1) name="ward-a/$name" ;; 2) name="ward-b/$name" ;; esac
    cp "${NOTES[i % ${#NOTES[@]}]}" "$in/$name"
    echo "$name" >>"$dir/expected-good"
    echo "${name%.txt}.json" >>"$dir/expected-outputs"
  done
  printf '9001|t|Hypertension and aspirin.\n9001|a|Patients with breast cancer received aspirin.\n\n9002|t|Asthma.\n9002|a|No wheezing.\n\n9003|t|Gout.\n9003|a|Painful joints.\n' >"$in/abstracts.txt"
  printf '[{"id": "j-1", "text": "Denies chest pain."}, {"id": "j-2", "text": "History of diabetes.", "metadata": {"ward": 3}}]' >"$in/pair.json"
  printf 'abstracts.txt\npair.json\n' >>"$dir/expected-good"
  printf '9001.json\n9002.json\n9003.json\nj-1.json\nj-2.json\n' >>"$dir/expected-outputs"
  : >"$in/empty.txt"
  printf 'PK\003\004\000\000binary' >"$in/binary.dat"
  printf 'Patient has diab\350te' >"$in/latin1.txt"
  printf 'binary.dat\nempty.txt\nlatin1.txt\n' >"$dir/expected-bad"
  sort -o "$dir/expected-good" "$dir/expected-good"
  sort -o "$dir/expected-outputs" "$dir/expected-outputs"
}

finished_count() { # inputs already moved to .done/ or .error/ (reports excluded)
  { find "$1/in/.done" "$1/in/.error" -type f ! -name '*.error.json' ! -name '.*' 2>/dev/null || true; } | wc -l
}

start_batch() { # DIR LOG
  echo "=== $(date +%T.%N | cut -c1-12) cnlp batch starts" >>"$2"
  "$CNLP" batch --in "$1/in" --out "$1/out" --threads 2 --settle-ms 0 --poll-ms 50 >>"$2" 2>&1 &
  PID=$!
}

# listing DIR: visible files under DIR relative to it, sorted
listing() { (cd "$1" && find . -type f ! -name '.*' ! -path '*/.*' | sed 's|^\./||' | sort); }

verify() {
  local dir="$1" problems=0 f
  fail() { echo "    FAIL: $*"; problems=$((problems + 1)); }
  [ -z "$(listing "$dir/in")" ] || fail "inputs left in the inbox: $(listing "$dir/in" | head -5 | tr '\n' ' ')"
  local done_list error_list
  done_list="$(listing "$dir/in/.done")"
  error_list="$(listing "$dir/in/.error" | grep -v '\.error\.json$' || true)"
  [ "$done_list" = "$(cat "$dir/expected-good")" ] || fail ".done/ differs from the good inputs: $(diff <(echo "$done_list") "$dir/expected-good" | head -6 | tr '\n' ' ')"
  [ "$error_list" = "$(cat "$dir/expected-bad")" ] || fail ".error/ differs from the bad inputs: $(diff <(echo "$error_list") "$dir/expected-bad" | head -6 | tr '\n' ' ')"
  local both
  both="$(comm -12 <(echo "$done_list") <(echo "$error_list"))"
  [ -z "$both" ] || fail "inputs in both .done/ and .error/: $both"
  while IFS= read -r f; do
    [ -n "$f" ] || continue
    grep -q '"cnlp-batch-error"' "$dir/in/.error/$f.error.json" 2>/dev/null || fail "no error report for $f"
  done <<<"$error_list"
  local reports
  reports="$(listing "$dir/in/.error" | grep '\.error\.json$' | sed 's/\.error\.json$//' || true)"
  [ "$reports" = "$error_list" ] || fail "error reports without their input: $(comm -23 <(echo "$reports") <(echo "$error_list") | tr '\n' ' ')"
  local outputs
  outputs="$(listing "$dir/out" | grep -v -e '^batch-summary\.' -e '^TypeSystem\.xml$' || true)"
  [ "$outputs" = "$(cat "$dir/expected-outputs")" ] || fail "outputs differ from one JSON per good document: $(diff <(echo "$outputs") "$dir/expected-outputs" | head -6 | tr '\n' ' ')"
  while IFS= read -r f; do
    [ -n "$f" ] || continue
    local id
    id="$(basename "${f%.json}")"
    if ! grep -q '"schema" : "cnlp-annotations"' "$dir/out/$f" || ! grep -q "\"id\" : \"$id\"" "$dir/out/$f" \
        || [ "$(tail -c 2 "$dir/out/$f")" != "}" ]; then
      fail "incomplete output $f"
    fi
  done <<<"$outputs"
  local temporary
  temporary="$(find "$dir" -name '*.cnlp-tmp' | head -3)"
  [ -z "$temporary" ] || fail "temporary files left: $temporary"
  [ -f "$dir/out/batch-summary.json" ] || fail "no batch-summary.json from the final run"
  if [ -n "${2:-}" ]; then
    local differing=0
    while IFS= read -r f; do
      [ -n "$f" ] || continue
      cmp -s <(grep -v '"source" :' "$dir/out/$f") <(grep -v '"source" :' "$2/out/$f") || differing=$((differing + 1))
    done <<<"$outputs"
    [ "$differing" -eq 0 ] || fail "$differing outputs differ from the uninterrupted reference run"
  fi
  return "$problems"
}

reference="$WORK/reference"
mkdir -p "$reference"
generate "$reference"
start_batch "$reference" "$reference/batch.log"
wait "$PID" || true
PID=""
verify "$reference" || { echo "  the uninterrupted reference run failed its checks (log: $reference/batch.log)"; KEEP=true; exit 1; }
echo "  reference run without kills: PASS"

failed_rounds=0
for ((round = 1; round <= ROUNDS; round++)); do
  dir="$WORK/round-$round"
  mkdir -p "$dir"
  generate "$dir"
  total=$((DOCS + 5))
  log="$dir/batch.log"
  points=()
  for ((k = 1; k <= KILLS; k++)); do
    if [ "$k" -eq 1 ]; then
      delay_ms=$((200 + RANDOM % 1500))
      start_batch "$dir" "$log"
      sleep "$(printf '%d.%03d' $((delay_ms / 1000)) $((delay_ms % 1000)))"
      points+=("start-up+${delay_ms}ms@$(finished_count "$dir")")
    else
      # a random share of what is left, so that each run makes progress
      before="$(finished_count "$dir")"
      target=$((before + 1 + RANDOM % ((total - before) / (KILLS - k + 2) + 1)))
      start_batch "$dir" "$log"
      while kill -0 "$PID" 2>/dev/null && [ "$(finished_count "$dir")" -lt "$target" ]; do sleep 0.02; done
      jitter_ms=$((RANDOM % 40))
      sleep "0.0$(printf '%02d' "$jitter_ms")"
      points+=("$(finished_count "$dir")/$total")
    fi
    if kill -9 "$PID" 2>/dev/null; then
      wait "$PID" 2>/dev/null || true
    else
      status=0
      wait "$PID" || status=$?
      points[-1]="${points[-1]}(ended by itself, exit $status)"
    fi
    echo "=== killed at ${points[-1]}" >>"$log"
    PID=""
  done
  start_batch "$dir" "$log"
  final=0
  wait "$PID" || final=$?
  PID=""
  echo "  round $round: killed at ${points[*]}; final run exit $final (1 when it met a bad input)"
  if verify "$dir" "$reference"; then
    echo "  round $round: PASS ($(wc -l <"$dir/expected-good") inputs in .done/, 3 in .error/, $(wc -l <"$dir/expected-outputs") outputs equal to the reference, no temporary files)"
  else
    echo "  round $round: FAILED (log: $log)"
    KEEP=true
    failed_rounds=$((failed_rounds + 1))
  fi
done
if [ "$failed_rounds" -eq 0 ]; then
  echo "batch-crash-test: all $ROUNDS rounds passed"
else
  echo "batch-crash-test: $failed_rounds of $ROUNDS rounds FAILED"
  exit 1
fi
