#!/usr/bin/env bash
# Measures slint against cfn-lint: wall time (process start included) and peak memory on a small
# SAM app, generated 300- and 1,200-resource templates and the shared corpus, plus slint's work
# time per template without process start. Results go to target/bench/results.md (under
# $CARGO_TARGET_DIR when set); with
# --update-doc they also replace the results section of BENCHMARKS.md.
#
#   bash bench/run.sh [--update-doc]
#
# Environment: SLINT_CORPUS (default ../shared/corpus), SLINT_BENCH_VENV (default
# /tmp/slint-bench-venv, where cfn-lint is installed; never a project dependency),
# CFN_LINT_SAMPLE (corpus files cfn-lint runs on, default 200), CFN_LINT_FULL=1 (also run cfn-lint
# once over the whole corpus, which takes many minutes on two cores), SLINT_BENCH_COMMIT (the
# commit to name when the source tree has no .git).
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
CORPUS=${SLINT_CORPUS:-$ROOT/../shared/corpus}
VENV=${SLINT_BENCH_VENV:-/tmp/slint-bench-venv}
CFN_LINT_VERSION=1.58.0
CFN_LINT_SAMPLE=${CFN_LINT_SAMPLE:-200}
SAMPLE_SEED=20240601
TARGET=${CARGO_TARGET_DIR:-$ROOT/target}
OUT=$TARGET/bench
UPDATE_DOC=0
[[ "${1:-}" == "--update-doc" ]] && UPDATE_DOC=1

log() { printf '\n== %s\n' "$*" >&2; }

mkdir -p "$OUT"
rm -f "$OUT"/*.json "$OUT"/*.rss "$OUT"/loadavg-*

if [[ ! -f "$CORPUS/MANIFEST.tsv" ]]; then
    echo "error: no corpus at $CORPUS (set SLINT_CORPUS)" >&2
    exit 2
fi

log "building slint (release)"
(cd "$ROOT" && cargo build --release --bin slint)
SLINT=$TARGET/release/slint

log "cfn-lint $CFN_LINT_VERSION in $VENV"
if [[ "$("$VENV/bin/cfn-lint" --version 2>/dev/null)" != "cfn-lint $CFN_LINT_VERSION" ]]; then
    python3 -m venv "$VENV"
    "$VENV/bin/pip" install --quiet "cfn-lint==$CFN_LINT_VERSION"
fi
CFN_LINT=$VENV/bin/cfn-lint

# Optional tools: installed from Debian when we can, replaced when we cannot.
apt_install() {
    if [[ $(id -u) == 0 ]] && command -v apt-get >/dev/null; then
        apt-get install -y -qq "$1" >/dev/null 2>&1 || { apt-get update -qq >/dev/null 2>&1 && apt-get install -y -qq "$1" >/dev/null 2>&1; } || true
    fi
}
command -v hyperfine >/dev/null || apt_install hyperfine
[[ -x /usr/bin/time ]] || apt_install time

# time_command NAME RUNS WARMUP COMMAND... : median wall time into $OUT/NAME.json.
time_command() {
    local name=$1 runs=$2 warmup=$3
    shift 3
    if command -v hyperfine >/dev/null; then
        hyperfine --style basic --ignore-failure -N --runs "$runs" --warmup "$warmup" \
            --command-name "$name" --export-json "$OUT/$name.json" -- "$(printf '%q ' "$@")" >&2
    else
        python3 "$ROOT/bench/timeit.py" --runs "$runs" --warmup "$warmup" --name "$name" \
            --export-json "$OUT/$name.json" -- "$@"
    fi
}

# peak_rss NAME COMMAND... : "Maximum resident set size" of one run into $OUT/NAME.rss.
peak_rss() {
    local name=$1
    shift
    if [[ -x /usr/bin/time ]]; then
        /usr/bin/time -v "$@" >/dev/null 2>"$OUT/$name.time" || true
        awk -F': ' '/Maximum resident set size/ {print $2}' "$OUT/$name.time" >"$OUT/$name.rss"
    fi
}

log "inputs"
SMALL=$ROOT/examples/orders-api/template.yaml
python3 "$ROOT/bench/generate.py" 300 >"$OUT/generated-300.yaml"
python3 "$ROOT/bench/generate.py" 1200 >"$OUT/generated-1200.yaml"
awk -F'\t' -v dir="$CORPUS" 'NR == 1 { for (i = 1; i <= NF; i++) if ($i == "local_path") col = i; next }
    { print dir "/" $col }' "$CORPUS/MANIFEST.tsv" >"$OUT/corpus-files.txt"
python3 - "$OUT/corpus-files.txt" "$CFN_LINT_SAMPLE" "$SAMPLE_SEED" >"$OUT/corpus-sample.txt" <<'EOF'
import random, sys
files = open(sys.argv[1]).read().split("\n")[:-1]
for path in sorted(random.Random(int(sys.argv[3])).sample(files, min(int(sys.argv[2]), len(files)))):
    print(path)
EOF
mapfile -t SAMPLE <"$OUT/corpus-sample.txt"

cp /proc/loadavg "$OUT/loadavg-start" 2>/dev/null || true

log "wall time and peak memory, one template at a time"
for case in small:"$SMALL" generated-300:"$OUT/generated-300.yaml" generated-1200:"$OUT/generated-1200.yaml"; do
    name=${case%%:*}
    file=${case#*:}
    time_command "slint-$name" 20 3 "$SLINT" check "$file" --no-config --format json
    peak_rss "slint-$name" "$SLINT" check "$file" --no-config --format json
    runs=5
    [[ $name == generated-1200 ]] && runs=3
    time_command "cfn-lint-$name" "$runs" 1 "$CFN_LINT" --format json -- "$file"
    peak_rss "cfn-lint-$name" "$CFN_LINT" --format json -- "$file"
done
time_command "cfn-lint-startup" 5 1 "$CFN_LINT" --version

log "wall time and peak memory, corpus"
time_command "slint-corpus" 10 2 "$SLINT" check "$CORPUS" --no-config --format json
peak_rss "slint-corpus" "$SLINT" check "$CORPUS" --no-config --format json
"$SLINT" check "$CORPUS" --no-config --format json >"$OUT/slint-corpus-output.json" || true
time_command "slint-sample" 10 2 "$SLINT" check "${SAMPLE[@]}" --no-config --format json
time_command "cfn-lint-sample" 3 0 "$CFN_LINT" --format json -- "${SAMPLE[@]}"
peak_rss "cfn-lint-sample" "$CFN_LINT" --format json -- "${SAMPLE[@]}"
if [[ "${CFN_LINT_FULL:-0}" == 1 ]]; then
    mapfile -t ALL <"$OUT/corpus-files.txt"
    time_command "cfn-lint-corpus" 1 0 "$CFN_LINT" --format json -- "${ALL[@]}"
fi

log "work time without process start"
(cd "$ROOT" && cargo bench --bench lint -- --out "$OUT/work.json" \
    --file small "$SMALL" \
    --file generated-300 "$OUT/generated-300.yaml" \
    --file generated-1200 "$OUT/generated-1200.yaml" \
    --set corpus "$OUT/corpus-files.txt" \
    --rules generated-1200 "$OUT/generated-1200.yaml")

cp /proc/loadavg "$OUT/loadavg-end" 2>/dev/null || true

log "report"
python3 "$ROOT/bench/report.py" --out "$OUT" --small "$SMALL" --slint "$SLINT" --cfn-lint "$CFN_LINT" \
    $([[ $UPDATE_DOC == 1 ]] && echo --update-doc "$ROOT/BENCHMARKS.md")
echo "results: $OUT/results.md" >&2
