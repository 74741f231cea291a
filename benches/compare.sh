#!/usr/bin/env bash
# Whole-process benchmark: accord side by side with its parse floor (the parse_only example, with
# --fast: the same reader accord uses) and
# two peer validators (check-jsonschema, ajv-cli) on the same generated corpus, printed as
# Markdown tables. With --check-verdicts it instead compares which files each tool finds
# schema-invalid. No timing is ever asserted: the numbers are for people to read.
#
# Everything it needs goes under target/: the release binaries, the corpora (target/corpus/NAME),
# and the peers (target/peers/venv, target/peers/node), installed from the pins in benches/peers/.
# Progress goes to stderr, the tables to stdout: `benches/compare.sh > results.md` works.
set -euo pipefail
# A C locale: decimal points in awk/printf and EPOCHREALTIME, and a stable sort order.
export LC_ALL=C

cd "$(dirname "${BASH_SOURCE[0]}")/.."
readonly ROOT=$PWD

readonly SCHEMA=schemas/accord.schema.json
readonly CORPORA=target/corpus
readonly PINS=benches/peers
readonly VENV=target/peers/venv
readonly NODE_DIR=target/peers/node
readonly ACCORD=target/release/accord
readonly PARSE_ONLY=target/release/examples/parse_only
readonly GENERATOR=target/release/examples/corpus
# The copies corpora: copies of the bundled dataset data/, ids renamed per copy.
readonly COPIES_GENERATOR=benches/data_copies.py
readonly CJS=$VENV/bin/check-jsonschema
readonly AJV=$NODE_DIR/node_modules/.bin/ajv
# --spec=draft2020: the schema is draft 2020-12 (ajv-cli's default is draft-07).
# -c ajv-formats: the standard formats. --all-errors: every error, as accord reports.
# --strict=false: the schema carries keywords and formats ajv does not know, which its strict mode
# rejects: `markdownEnumDescriptions` (for editors) and schemars' `uint32`/`double` formats, which
# are annotations for every validator (check-jsonschema ignores them too).
readonly AJV_FLAGS=(--spec=draft2020 -c ajv-formats --all-errors --strict=false)
# The codes of findings JSON Schema can express; accord's others (dangling-reference, duplicate-id,
# quotes, impossible dates, YAML-level findings) are rules the peers cannot check.
readonly SCHEMA_CODES='["unknown-field","missing-field","invalid-type","invalid-value","invalid-pattern","schema-violation","empty-text"]'
# check-jsonschema takes 1-2 minutes per run on `big` and several on these: --skip-slow-peers
# leaves it out on them.
readonly SLOW_PEER_SIZES=" many10 big2 copies10 "
# Used by --size all, cheapest first.
readonly ALL_SIZES=(small copies many many-invalid big copies10 many10 big2)

usage() {
  cat <<'EOF'
Usage: benches/compare.sh [--size SIZE[,SIZE...]] [--runs N] [--skip-slow-peers] [--check-verdicts]

Benchmarks accord (default threads and --threads 1), its parse floor (parse_only, default threads
and RAYON_NUM_THREADS=1), check-jsonschema and ajv-cli on generated corpora; prints the best wall
time of N runs, the peak RSS, and the ratios, as Markdown.

  --size SIZE        small (100 files x 40 records, the default), many (2000 x 40),
                     many-invalid (2000 x 40, 1% of records spoilt), many10 (20000 x 40),
                     big (1 x 200000), big2 (1 x 400000; `big10` is accepted for it, since
                     10x would be too large), small-invalid (100 x 40, 5% spoilt),
                     copies (200 copies of the bundled dataset data/ with ids renamed per
                     copy: 1400 YAML files, 200 source texts), copies10 (2000 copies), or all
                     (small, copies, many, many-invalid, big, copies10, many10, big2).
                     Repeat it or use commas.
  --runs N           runs per command; the best wall time is kept (default 3)
  --skip-slow-peers  skip check-jsonschema on many10, big2 and copies10 (minutes per run)
  --check-verdicts   instead of timing, compare per file whether accord, check-jsonschema and
                     ajv find schema errors, on the selected sizes and on small-invalid; exits 1
                     if they disagree
  -h, --help         this help
EOF
}

log() { printf '%s\n' "$*" >&2; }
die() { log "compare.sh: $*"; exit 2; }

# --- arguments --------------------------------------------------------------------------------

SIZES=()
RUNS=3
CHECK_VERDICTS=false
SKIP_SLOW_PEERS=false

add_sizes() {
  local size list
  IFS=, read -r -a list <<<"$1"
  for size in "${list[@]}"; do
    case $size in
      all) SIZES+=("${ALL_SIZES[@]}") ;;
      big10) log "big10 would be a ~800 MB file: using big2 (400000 records) for growth"; SIZES+=(big2) ;;
      small | many | many-invalid | many10 | big | big2 | small-invalid | copies | copies10) SIZES+=("$size") ;;
      *) die "unknown size '$size' (see --help)" ;;
    esac
  done
}

while (($# > 0)); do
  case $1 in
    --size) (($# > 1)) || die "--size needs a value"; add_sizes "$2"; shift ;;
    --size=*) add_sizes "${1#--size=}" ;;
    --runs) (($# > 1)) || die "--runs needs a value"; RUNS=$2; shift ;;
    --runs=*) RUNS=${1#--runs=} ;;
    --skip-slow-peers) SKIP_SLOW_PEERS=true ;;
    --check-verdicts) CHECK_VERDICTS=true ;;
    -h | --help) usage; exit 0 ;;
    *) usage >&2; die "unknown argument '$1'" ;;
  esac
  shift
done
[[ $RUNS =~ ^[1-9][0-9]*$ ]] || die "--runs needs a positive integer, not '$RUNS'"
((${#SIZES[@]} > 0)) || SIZES=(small)
if $CHECK_VERDICTS && [[ " ${SIZES[*]} " != *" small-invalid "* ]]; then
  # Valid corpora alone would only show that everyone accepts valid data.
  SIZES+=(small-invalid)
fi
# Drop repeats, keeping the order.
declare -A seen=()
unique=()
for size in "${SIZES[@]}"; do
  [[ -n ${seen[$size]:-} ]] || unique+=("$size")
  seen[$size]=1
done
SIZES=("${unique[@]}")

SCRATCH=$(mktemp -d "${TMPDIR:-/tmp}/accord-compare.XXXXXX")
readonly SCRATCH
trap 'rm -rf "$SCRATCH"' EXIT

# --- preparing: binaries, corpora, peers ------------------------------------------------------

# ensure_debian_tool PATH PACKAGE: installs Debian's PACKAGE if PATH is missing (the machine
# image has both; a bare one may not).
ensure_debian_tool() {
  [[ -x $1 ]] && return
  log "installing $1 (Debian package $2)"
  apt-get install -y -qq "$2" >&2 || { apt-get update -qq >&2 && apt-get install -y -qq "$2" >&2; }
}

build() {
  log "building: cargo build --release --bin accord --examples"
  cargo build --release --bin accord --examples >&2 ||
    die "cargo build failed (src/ may be in the middle of a change): try again later"
}

# corpus_args NAME: the generator's arguments for a corpus (the seed is the generator's fixed default;
# the copies corpora have no randomness).
corpus_args() {
  case $1 in
    small) echo "--files 100 --records 40" ;;
    small-invalid) echo "--files 100 --records 40 --invalid-percent 5" ;;
    many) echo "--files 2000 --records 40" ;;
    many-invalid) echo "--files 2000 --records 40 --invalid-percent 1" ;;
    many10) echo "--files 20000 --records 40" ;;
    big) echo "--files 1 --records 200000" ;;
    big2) echo "--files 1 --records 400000" ;;
    copies) echo "--copies 200" ;;
    copies10) echo "--copies 2000" ;;
    *) die "no corpus called $1" ;;
  esac
}

# corpus_generator NAME: the command that writes a corpus, given `--out DIR` and its arguments
# (both generators write DIR/data).
corpus_generator() {
  case $1 in
    copies*) echo "python3 $COPIES_GENERATOR" ;;
    *) echo "$GENERATOR" ;;
  esac
}

# corpus_stamp NAME: what a corpus is made from. A copies corpus also depends on data/ and on its
# generator, which `cargo build` does not track: their digest is part of its stamp.
corpus_stamp() {
  case $1 in
    copies*)
      echo "$(corpus_args "$1") $(find data "$COPIES_GENERATOR" -type f -print0 | sort -z |
        xargs -0 sha256sum | sha256sum | cut -c 1-16)" ;;
    *) corpus_args "$1" ;;
  esac
}

# ensure_corpus NAME: generates target/corpus/NAME unless it is there already, made with the same
# arguments (a stamp records them, so a directory left by an older or hand-run command is redone).
ensure_corpus() {
  local name=$1 dir=$CORPORA/$1 args stamp
  args=$(corpus_args "$name")
  stamp=$(corpus_stamp "$name")
  if [[ -f $dir/.generated-with && $(<"$dir/.generated-with") == "$stamp" ]]; then
    return
  fi
  log "generating corpus $name ($args)"
  rm -rf "$dir"
  # shellcheck disable=SC2086 # the generator's command and $args are lists of words
  $(corpus_generator "$name") --out "$dir" $args >&2
  printf '%s\n' "$stamp" >"$dir/.generated-with"
}

# ensure_peers: installs the pinned peers under target/peers, or does nothing when the installed
# pins are the committed ones (the copy of each pin file is written only after a good install).
ensure_peers() {
  if ! cmp -s "$PINS/requirements.txt" "$VENV/.installed-requirements.txt" || [[ ! -x $CJS ]]; then
    log "installing check-jsonschema into $VENV"
    [[ -x $VENV/bin/python ]] || python3 -m venv "$VENV"
    "$VENV/bin/pip" install --quiet --disable-pip-version-check -r "$PINS/requirements.txt" >&2
    cp "$PINS/requirements.txt" "$VENV/.installed-requirements.txt"
  fi
  # Without ruamel.yaml.clib, check-jsonschema silently falls back to the pure-Python parser,
  # three times slower: that would be a comparison with a handicapped peer.
  "$VENV/bin/python" -c 'import ruamel.yaml, sys; sys.exit("CParser" not in ruamel.yaml.YAML(typ="safe").Parser.__name__)' ||
    die "check-jsonschema would use the pure-Python YAML parser: is ruamel.yaml.clib installed in $VENV?"

  if ! cmp -s "$PINS/package-lock.json" "$NODE_DIR/.installed-package-lock.json" || [[ ! -x $AJV ]]; then
    log "installing ajv-cli into $NODE_DIR"
    mkdir -p "$NODE_DIR"
    cp "$PINS/package.json" "$PINS/package-lock.json" "$NODE_DIR/"
    npm ci --prefix "$NODE_DIR" --no-audit --no-fund --loglevel=error >&2
    cp "$PINS/package-lock.json" "$NODE_DIR/.installed-package-lock.json"
  fi
}

node_package_version() {
  node -p "require('./$NODE_DIR/node_modules/$1/package.json').version"
}

# --- measuring --------------------------------------------------------------------------------

# timed CMD...: runs one process, adding its wall time (µs) to RUN_US and raising RUN_KB to its
# peak RSS. Exit codes 0 (clean) and 1 (findings) are both successful runs; any other stops the
# script. The wall time comes from bash's EPOCHREALTIME (µs) rather than time's %e (10 ms steps),
# which is too coarse for the small corpus; GNU time gives the peak RSS.
timed() {
  local start end rc=0 line
  start=${EPOCHREALTIME/./}
  /usr/bin/time -f '%e %M' -o "$SCRATCH/time" "$@" >>"$SCRATCH/output" 2>&1 || rc=$?
  end=${EPOCHREALTIME/./}
  if ((rc > 1)); then
    log "failed (exit code $rc): $*"
    tail -n 20 "$SCRATCH/output" >&2
    exit 2
  fi
  RUN_US=$((RUN_US + end - start))
  # time prints "Command exited with non-zero status 1" first when the exit code is not 0.
  line=$(tail -n 1 "$SCRATCH/time")
  if ((${line#* } > RUN_KB)); then RUN_KB=${line#* }; fi
}

# bench LABEL RUNNER: calls the shell function RUNNER (which runs processes through `timed`) RUNS
# times and records the best wall time in WALL_US[LABEL] and the highest peak RSS in RSS_KB[LABEL].
declare -A WALL_US=() RSS_KB=()
bench() {
  local label=$1 runner=$2 run best=0 peak=0
  for ((run = 1; run <= RUNS; run++)); do
    RUN_US=0 RUN_KB=0
    : >"$SCRATCH/output"
    "$runner"
    if ((best == 0 || RUN_US < best)); then best=$RUN_US; fi
    if ((RUN_KB > peak)); then peak=$RUN_KB; fi
  done
  WALL_US[$label]=$best
  RSS_KB[$label]=$peak
  log "  $label: $(seconds "$best") s, $(mib "$peak") MiB"
}

seconds() { awk -v us="$1" 'BEGIN { printf "%.3f", us / 1e6 }'; }
mib() { awk -v kb="$1" 'BEGIN { printf "%.1f", kb / 1024 }'; }

# The corpus being measured; set by each corpus's loop.
DATA=
DATA_FILES=()

# list_data_files: every YAML data file of the corpus (not its .txt source texts), sorted.
list_data_files() {
  mapfile -d '' -t DATA_FILES < <(find "$DATA" -type f \( -name '*.yaml' -o -name '*.yml' \) -print0 | sort -z)
}

# make_batches: splits DATA_FILES into as few check-jsonschema command lines as the kernel's
# argument-length limit allows (one, unless the corpus is huge), as NUL-separated lists
# $SCRATCH/batch.N. Sets BATCHES to their number.
make_batches() {
  local budget used=0 file cost
  # ARG_MAX bounds argv and the environment together; count each argument's pointer too and
  # keep a margin for the fixed arguments and the interpreter the script's shebang adds.
  budget=$(($(getconf ARG_MAX) - $(env | wc -c) - 65536))
  BATCHES=1
  rm -f "$SCRATCH"/batch.*
  : >"$SCRATCH/batch.0"
  for file in "${DATA_FILES[@]}"; do
    cost=$((${#file} + 1 + 8))
    if ((used + cost > budget)); then
      : >"$SCRATCH/batch.$BATCHES"
      BATCHES=$((BATCHES + 1))
      used=0
    fi
    used=$((used + cost))
    printf '%s\0' "$file" >>"$SCRATCH/batch.$((BATCHES - 1))"
  done
}

# Runners: one whole-process measurement each.
# Cold runs: without the cache, every file is read, parsed and checked.
run_accord() { timed "$ACCORD" check --format concise --no-cache "$DATA"; }
run_accord_1() { timed "$ACCORD" check --format concise --no-cache --threads 1 "$DATA"; }
# Warm runs: the cache of the run before, in a directory of the script's (so that corpora
# without an accord.toml have one too). Nothing changed, or one file changed before each run (a
# comment line added; the file is restored afterwards).
run_accord_cached() { timed "$ACCORD" check --format concise --cache-dir "$SCRATCH/cache" "$DATA"; }
run_accord_one_changed() {
  printf '# changed %s\n' "$RANDOM" >>"${DATA_FILES[0]}"
  timed "$ACCORD" check --format concise --cache-dir "$SCRATCH/cache" "$DATA"
}
# The parse floor is accord's own reader for these files, the fast reader (building the JSON
# value, as accord must); saphyr-parser's bare event stream, the full reader's engine, is shown too.
run_parse_only() { timed "$PARSE_ONLY" --fast "$DATA"; }
run_parse_only_1() { timed env RAYON_NUM_THREADS=1 "$PARSE_ONLY" --fast "$DATA"; }
run_saphyr_events_1() { timed env RAYON_NUM_THREADS=1 "$PARSE_ONLY" "$DATA"; }
run_check_jsonschema() {
  local batch files
  for ((batch = 0; batch < BATCHES; batch++)); do
    mapfile -d '' -t files <"$SCRATCH/batch.$batch"
    timed "$CJS" --schemafile "$SCHEMA" "${files[@]}"
  done
}
# ajv-cli expands the glob itself (glob 7, where ** matches any depth including none), so there
# is no argument-length limit; it is quoted so that bash does not expand it.
run_ajv() { timed "$AJV" validate "${AJV_FLAGS[@]}" -s "$SCHEMA" -d "$DATA/**/*.yaml"; }

# ajv_file_count FILE: how many files ajv reported on (a "<file> valid" or "<file> invalid" line each).
ajv_file_count() { grep -cE '\.ya?ml (in)?valid$' "$1" || true; }

# --- the benchmark ----------------------------------------------------------------------------

print_machine() {
  local cpu mem
  if $CHECK_VERDICTS; then
    echo "# Schema verdicts of accord and its peers, file by file"
  else
    echo "# accord side by side"
  fi
  echo
  cpu=$(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo)
  mem=$(awk '/^MemTotal:/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo)
  echo "- machine: $(nproc) CPUs (nproc), $mem of memory, ${cpu:-unknown CPU}"
  echo "- accord $(git rev-parse --short HEAD 2>/dev/null || echo '?')$(git diff --quiet HEAD -- src benches Cargo.toml Cargo.lock 2>/dev/null || echo ' with uncommitted changes'), release build"
  echo "- peers: $("$CJS" --version | sed "s/, version / /") (ruamel.yaml C loader);" \
    "ajv-cli $(node_package_version ajv-cli) (ajv $(node_package_version ajv)," \
    "ajv-formats $(node_package_version ajv-formats), js-yaml $(node_package_version js-yaml)), node $(node --version)"
  $CHECK_VERDICTS ||
    echo "- wall: best of $RUNS runs of the whole process; RSS: the highest peak of those runs"
}

corpus_line() {
  local name=$1 bytes command=corpus
  # Through --files0-from: 20000 names may not fit on a command line.
  bytes=$(printf '%s\0' "${DATA_FILES[@]}" | du -cb --files0-from=- | tail -n 1 | cut -f 1)
  [[ $name != copies* ]] || command=$COPIES_GENERATOR
  command+=" $(corpus_args "$name")"
  echo "## Corpus \`$name\`: ${#DATA_FILES[@]} data files, $(awk -v b="$bytes" 'BEGIN { printf "%.1f", b / 1e6 }') MB of YAML" \
    "(\`$command\`)"
}

# row LABEL COMMAND: one line of the table, or "skipped" cells.
row() {
  local label=$1 command=$2
  if [[ -z ${WALL_US[$label]:-} ]]; then
    echo "| $command | skipped | skipped |"
  else
    echo "| $command | $(seconds "${WALL_US[$label]}") | $(mib "${RSS_KB[$label]}") |"
  fi
}

# ratio NUMERATOR DENOMINATOR TEXT: one line of the ratios table.
ratio() {
  local value=skipped
  if [[ -n ${WALL_US[$1]:-} && -n ${WALL_US[$2]:-} ]]; then
    value=$(awk -v a="${WALL_US[$1]}" -v b="${WALL_US[$2]}" 'BEGIN { printf "%.2f×", a / b }')
  fi
  echo "| $3 | $value |"
}

bench_corpus() {
  local name=$1 skip_cjs=false
  WALL_US=() RSS_KB=()
  if $SKIP_SLOW_PEERS && [[ $SLOW_PEER_SIZES == *" $name "* ]]; then skip_cjs=true; fi
  make_batches
  # Another build or test on this 2-core machine skews everything: say how busy it was.
  LOAD_BEFORE=$(cut -d ' ' -f 1 /proc/loadavg)
  log "benchmarking $name ($RUNS runs each; load average $LOAD_BEFORE)"
  bench accord run_accord
  bench accord-1 run_accord_1
  rm -rf "$SCRATCH/cache"
  cp "${DATA_FILES[0]}" "$SCRATCH/one-changed.orig"
  # The cache is filled, and files left alone for two seconds, so that their stamps are trusted.
  "$ACCORD" check --format concise --cache-dir "$SCRATCH/cache" "$DATA" >/dev/null 2>&1 || true
  sleep 2
  bench accord-cached run_accord_cached
  bench accord-one-changed run_accord_one_changed
  cp "$SCRATCH/one-changed.orig" "${DATA_FILES[0]}"
  rm -rf "$SCRATCH/cache"
  bench parse-only run_parse_only
  bench parse-only-1 run_parse_only_1
  bench saphyr-events-1 run_saphyr_events_1
  if $skip_cjs; then
    log "  check-jsonschema: skipped (--skip-slow-peers)"
  else
    bench check-jsonschema run_check_jsonschema
  fi
  bench ajv run_ajv
  # The glob is ajv's own: make sure it found every data file, no more, no fewer.
  local seen_by_ajv
  seen_by_ajv=$(ajv_file_count "$SCRATCH/output")
  ((seen_by_ajv == ${#DATA_FILES[@]})) ||
    die "ajv validated $seen_by_ajv files, the corpus has ${#DATA_FILES[@]}: its glob missed some"

  echo
  corpus_line "$name"
  echo
  echo "Load average (1 min) before the runs: $LOAD_BEFORE; after: $(cut -d ' ' -f 1 /proc/loadavg)."
  echo
  echo "| command | wall s | peak RSS MiB |"
  echo "|---|---:|---:|"
  row accord "\`accord check --format concise --no-cache\` ($(nproc) threads)"
  row accord-1 "\`accord check --format concise --no-cache --threads 1\`"
  row accord-cached "\`accord check\`, the cache of the run before, nothing changed"
  row accord-one-changed "\`accord check\`, the cache of the run before, one file changed"
  row parse-only "parse-only: fast reader ($(nproc) threads)"
  row parse-only-1 "parse-only: fast reader, \`RAYON_NUM_THREADS=1\`"
  row saphyr-events-1 "saphyr-parser events only, \`RAYON_NUM_THREADS=1\`"
  row check-jsonschema "check-jsonschema"
  row ajv "ajv validate"
  if ! $skip_cjs && ((BATCHES > 1)); then
    echo
    echo "check-jsonschema got the files in $BATCHES command lines (the argument-length limit):" \
      "its wall time is the sum of the $BATCHES processes, its RSS the highest of them."
  fi
  echo
  echo "| ratio of wall times | value |"
  echo "|---|---:|"
  ratio check-jsonschema accord "check-jsonschema / accord: how many times faster accord is"
  ratio ajv accord "ajv / accord: how many times faster accord is"
  ratio check-jsonschema accord-1 "check-jsonschema / accord --threads 1 (one thread each)"
  ratio ajv accord-1 "ajv / accord --threads 1 (one thread each)"
  ratio accord parse-only "accord / parse-only: overhead over the parse floor"
  ratio accord-1 parse-only-1 "accord / parse-only, one thread each"
  ratio accord-1 accord "accord --threads 1 / accord: the thread speedup"
}

# --- verdicts ---------------------------------------------------------------------------------

# relative_paths: strips the corpus's data directory from each path on stdin (tools print paths
# as given, accord possibly absolute), so the three lists compare.
relative_paths() {
  sed -e "s|^$ROOT/||" -e 's|^\./||' -e "s|^$DATA/||" | sort -u
}

# allow_findings OUT CMD...: runs CMD with stdout in OUT (and, for ajv's verdicts on stderr,
# stderr too when OUT ends in .out); exit codes 0 and 1 are results, any other stops the script.
allow_findings() {
  local out=$1 rc=0
  shift
  if [[ $out == *.out ]]; then
    "$@" >"$out" 2>&1 || rc=$?
  else
    "$@" >"$out" 2>"$SCRATCH/stderr" || rc=$?
  fi
  if ((rc > 1)); then
    log "failed (exit code $rc): $*"
    tail -n 20 "$out" "$SCRATCH/stderr" >&2 2>/dev/null || true
    exit 2
  fi
}

# explain_files TOOL: for each file on stdin (relative to the data directory), a list item with
# the first errors TOOL gave for it, so that a disagreement can be understood without rerunning.
explain_files() {
  local tool=$1 file any=false
  while IFS= read -r file; do
    any=true
    echo "- \`$file\`:"
    case $tool in
      accord)
        jq -r --arg f "$file" --argjson codes "$SCHEMA_CODES" '.diagnostics[]
          | select((.path | endswith("/" + $f)) and (.code | IN($codes[])))
          | "\(.code) at \(.pointer): \(.message)"' "$SCRATCH/accord.json" ;;
      check-jsonschema)
        jq -r --arg f "$file" '.errors[]?, .parse_errors[]? | select(.filename | endswith("/" + $f))
          | "\(.path // "parse error"): \(.message)"' "$SCRATCH"/cjs.*.json ;;
      ajv)
        # The line after "<file> invalid" holds its errors as one JSON array.
        awk -v f="/$file invalid" 'found { print; exit } substr($0, length($0) - length(f) + 1) == f { found = 1 }' \
          "$SCRATCH/ajv.out" | jq -r '.[] | "\(.instancePath): \(.message) \(.params | tostring)"' ;;
    esac | head -n 3 | sed 's/^/  - /'
  done
  $any || echo "- none"
}

# verdicts_corpus NAME: lists the schema-invalid files according to each tool in
# $SCRATCH/invalid.TOOL, prints them side by side, and adds NAME to DISAGREED if they differ.
DISAGREED=()
verdicts_corpus() {
  local name=$1 batch tool files
  log "comparing verdicts on $name"

  # accord: only the schema-level codes; JSON gives every finding with its path.
  allow_findings "$SCRATCH/accord.json" "$ACCORD" check --format json --color never "$DATA"
  jq -r --argjson codes "$SCHEMA_CODES" '.diagnostics[] | select(.code | IN($codes[])) | .path' \
    "$SCRATCH/accord.json" | relative_paths >"$SCRATCH/invalid.accord"
  jq -r --argjson codes "$SCHEMA_CODES" '.diagnostics[] | select(.code | IN($codes[]) | not) | .code' \
    "$SCRATCH/accord.json" | sort | uniq -c |
    awk '{ printf "%s%s: %s", sep, $2, $1; sep = ", " } END { if (NR == 0) printf "none" }' >"$SCRATCH/other-codes"

  # check-jsonschema: its JSON lists the failing files (and any it could not parse).
  make_batches
  rm -f "$SCRATCH"/cjs.*.json
  : >"$SCRATCH/invalid.check-jsonschema.raw"
  for ((batch = 0; batch < BATCHES; batch++)); do
    mapfile -d '' -t files <"$SCRATCH/batch.$batch"
    allow_findings "$SCRATCH/cjs.$batch.json" "$CJS" --schemafile "$SCHEMA" --output-format json "${files[@]}"
    jq -r '.errors[].filename, (.parse_errors[]? | .filename)' "$SCRATCH/cjs.$batch.json" >>"$SCRATCH/invalid.check-jsonschema.raw"
  done
  relative_paths <"$SCRATCH/invalid.check-jsonschema.raw" >"$SCRATCH/invalid.check-jsonschema"

  # ajv: one "<file> valid" or "<file> invalid" line per file; --errors=line keeps each file's
  # errors on one JSON line so that they cannot be taken for a verdict.
  allow_findings "$SCRATCH/ajv.out" "$AJV" validate "${AJV_FLAGS[@]}" --errors=line -s "$SCHEMA" -d "$DATA/**/*.yaml"
  local seen_by_ajv
  seen_by_ajv=$(ajv_file_count "$SCRATCH/ajv.out")
  ((seen_by_ajv == ${#DATA_FILES[@]})) ||
    die "ajv validated $seen_by_ajv files, the corpus has ${#DATA_FILES[@]}: its glob missed some"
  sed -n 's/ invalid$//p' "$SCRATCH/ajv.out" | relative_paths >"$SCRATCH/invalid.ajv"

  echo
  corpus_line "$name"
  echo
  echo "| tool | schema-invalid files | same files as accord |"
  echo "|---|---:|---|"
  echo "| accord | $(wc -l <"$SCRATCH/invalid.accord") | |"
  for tool in check-jsonschema ajv; do
    if cmp -s "$SCRATCH/invalid.accord" "$SCRATCH/invalid.$tool"; then
      echo "| $tool | $(wc -l <"$SCRATCH/invalid.$tool") | yes |"
    else
      echo "| $tool | $(wc -l <"$SCRATCH/invalid.$tool") | **no** |"
      DISAGREED+=("$name")
    fi
  done
  echo
  echo "accord's other findings, which JSON Schema cannot express: $(cat "$SCRATCH/other-codes")."
  for tool in check-jsonschema ajv; do
    if ! cmp -s "$SCRATCH/invalid.accord" "$SCRATCH/invalid.$tool"; then
      echo
      echo "Invalid for accord only, not for $tool:"
      comm -23 "$SCRATCH/invalid.accord" "$SCRATCH/invalid.$tool" | explain_files accord
      echo
      echo "Invalid for $tool only, not for accord:"
      comm -13 "$SCRATCH/invalid.accord" "$SCRATCH/invalid.$tool" | explain_files "$tool"
    fi
  done
  # A spoilt corpus that nobody finds invalid would make the comparison pass vacuously.
  if [[ $(corpus_args "$name") == *--invalid-percent* && ! -s $SCRATCH/invalid.accord ]]; then
    echo
    echo "**accord found no schema error in $name, which has spoilt records: the comparison proves nothing.**"
    DISAGREED+=("$name")
  fi
}

# --- main -------------------------------------------------------------------------------------

# GNU time gives the peak RSS (%M), which bash's `time` keyword cannot; jq reads the JSON reports.
ensure_debian_tool /usr/bin/time time
ensure_debian_tool /usr/bin/jq jq
build
ensure_peers
for size in "${SIZES[@]}"; do ensure_corpus "$size"; done

print_machine
for size in "${SIZES[@]}"; do
  DATA=$CORPORA/$size/data
  list_data_files
  if $CHECK_VERDICTS; then
    verdicts_corpus "$size"
  else
    bench_corpus "$size"
  fi
done

if ((${#DISAGREED[@]} > 0)); then
  log "compare.sh: the verdicts differ on: $(printf '%s\n' "${DISAGREED[@]}" | sort -u | paste -sd ' ')"
  exit 1
fi
