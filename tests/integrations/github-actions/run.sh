#!/usr/bin/env bash
# Offline checks of the example GitHub Actions workflows in examples/github-actions/:
#   1. both validate against SchemaStore's GitHub workflow schema, as vendored by check-jsonschema
#      (`--builtin-schema vendor.github-workflows`: no network), and a broken copy does not;
#   2. the accord steps of both workflows, taken from the files themselves, run for real (with
#      target/debug/accord instead of target/release/accord) on a copy of data/ and on a copy with
#      a broken record:
#      - `--format github`: nothing on clean data and exit 0; on the broken copy exit 1 (the job
#        fails) and `::error file=...,line=...,col=...` workflow commands only;
#      - `--format sarif`: the step passes on both (exit 1 is kept for the upload) and records
#        accord's exit status in $GITHUB_OUTPUT; the report is JSON, SARIF `version: 2.1.0`,
#        valid against the OASIS schema in tests/fixtures/sarif/, with no result on clean data
#        and the finding on the broken copy; the final step then fails the job.
#
# Usage: tests/integrations/github-actions/run.sh   (from anywhere; builds target/debug/accord
# with `cargo build --quiet` when it is missing)
#
# check-jsonschema: the pin of benches/peers/requirements.txt. Its venv, target/peers/venv, is
# used when benches/compare.sh installed it from the current pins; otherwise this script installs
# the same pins into target/integrations/github-actions-venv.
set -euo pipefail
cd "$(dirname "$0")/../../.."
REPO=$(pwd -P)

readonly PINS=benches/peers/requirements.txt
readonly PEERS_VENV=target/peers/venv
readonly OWN_VENV=target/integrations/github-actions-venv
readonly SARIF_SCHEMA=tests/fixtures/sarif/sarif-schema-2.1.0.json
readonly WORKFLOWS=(examples/github-actions/accord-sarif.yml examples/github-actions/accord-annotations.yml)
readonly ACCORD=$REPO/target/debug/accord

log() { printf '\n==> %s\n' "$*"; }
fail() {
  printf 'FAIL: %s\n' "$*" >&2
  exit 1
}
pass() { printf 'ok: %s\n' "$*"; }

# --- check-jsonschema --------------------------------------------------------------------------
if cmp -s "$PINS" "$PEERS_VENV/.installed-requirements.txt" && [[ -x $PEERS_VENV/bin/check-jsonschema ]]; then
  VENV=$PEERS_VENV
else
  VENV=$OWN_VENV
  if ! cmp -s "$PINS" "$VENV/.installed-requirements.txt" || [[ ! -x $VENV/bin/check-jsonschema ]]; then
    log "installing check-jsonschema ($PINS) into $VENV"
    [[ -x $VENV/bin/python ]] || python3 -m venv "$VENV"
    "$VENV/bin/pip" install --quiet --disable-pip-version-check -r "$PINS"
    cp "$PINS" "$VENV/.installed-requirements.txt"
  fi
fi
CJS=$VENV/bin/check-jsonschema
PY=$VENV/bin/python
echo "using $("$CJS" --version) from $VENV"

TMP=$(mktemp -d "${TMPDIR:-/tmp}/accord-github-actions.XXXXXX")
trap 'rm -rf "$TMP"' EXIT

# --- 1. the workflows against the workflow schema ----------------------------------------------
log "the workflows validate against vendor.github-workflows"
"$CJS" --builtin-schema vendor.github-workflows "${WORKFLOWS[@]}"
pass "both workflows are valid"

# A control: the same check must reject a broken workflow (a misspelt permission level, and a
# job without runs-on).
sed -e 's/security-events: write/security-events: writ/' -e '/runs-on:/d' \
  examples/github-actions/accord-sarif.yml >"$TMP/broken-workflow.yml"
if "$CJS" --builtin-schema vendor.github-workflows "$TMP/broken-workflow.yml" >"$TMP/broken-workflow.out" 2>&1; then
  cat "$TMP/broken-workflow.out"
  fail "a broken workflow passed the schema check"
fi
sed 's/^/    | /' "$TMP/broken-workflow.out"
pass "a broken workflow is rejected"

# --- 2. the accord steps, run for real ---------------------------------------------------------
if [[ ! -x $ACCORD ]]; then
  log "building target/debug/accord"
  cargo build --quiet
fi

# step_script WORKFLOW STEP_ID: the `run:` script of the step with that id (in the workflow's
# only job), with the debug build of accord: the test runs the workflow's own commands, not a
# copy of them. ruamel.yaml comes with check-jsonschema.
step_script() {
  local script
  script=$("$PY" - "$1" "$2" <<'PYTHON'
import sys
from ruamel.yaml import YAML

path, step_id = sys.argv[1], sys.argv[2]
with open(path, encoding="utf-8") as f:
    jobs = YAML(typ="safe").load(f)["jobs"]
if len(jobs) != 1:
    sys.exit(f"{path}: expected one job, found {len(jobs)}")
for step in next(iter(jobs.values()))["steps"]:
    if step.get("id") == step_id:
        if "run" not in step:
            sys.exit(f"{path}: step {step_id} has no run:")
        sys.stdout.write(step["run"])
        break
else:
    sys.exit(f"{path}: no step has id {step_id}")
PYTHON
  )
  [[ $script == *target/release/accord* || $2 == verdict ]] ||
    fail "$1: step $2 no longer runs target/release/accord"
  printf '%s\n' "${script//target\/release\/accord/$ACCORD}"
}

# run_step NAME DIR SCRIPT: runs SCRIPT in DIR as the runner's default shell does (bash -e), with
# a $GITHUB_OUTPUT file; stdout to $TMP/NAME.out, stderr to $TMP/NAME.err; sets STATUS.
STATUS=0
run_step() {
  local name=$1 dir=$2 script=$3
  : >"$TMP/$name.github-output"
  STATUS=0
  (cd "$dir" && GITHUB_OUTPUT=$TMP/$name.github-output bash --noprofile --norc -e -c "$script") \
    >"$TMP/$name.out" 2>"$TMP/$name.err" || STATUS=$?
  echo "  $name: exit $STATUS, $(wc -l <"$TMP/$name.out") lines on stdout, $(wc -l <"$TMP/$name.err") on stderr"
}
show() { sed 's/^/    | /' "$TMP/$1"; }

# Two copies of the dataset: as it is, and with the first `kind: call` of events.yaml misspelt.
mkdir -p "$TMP/clean" "$TMP/broken"
cp -R data "$TMP/clean/"
cp -R data "$TMP/broken/"
line=$(grep -n '^    kind: call$' "$TMP/broken/data/events.yaml" | head -n 1 | cut -d: -f1)
[[ -n $line ]] || fail "data/events.yaml has no '    kind: call' line to break"
sed -i "${line}s/kind: call\$/kind: cal/" "$TMP/broken/data/events.yaml"
column=$(sed -n "${line}p" "$TMP/broken/data/events.yaml" | awk '{ print index($0, "cal") }')
echo "broken copy: data/events.yaml:$line:$column says 'kind: cal'"

log "accord-annotations.yml: the accord step (--format github)"
annotations=$(step_script examples/github-actions/accord-annotations.yml accord)
printf '%s\n' "$annotations" | sed 's/^/    $ /'

run_step github-clean "$TMP/clean" "$annotations"
[[ $STATUS == 0 ]] || { show github-clean.out; show github-clean.err; fail "github format on clean data: exit $STATUS"; }
[[ ! -s $TMP/github-clean.out && ! -s $TMP/github-clean.err ]] || fail "github format printed something on clean data"
pass "clean data: exit 0, nothing printed"

run_step github-broken "$TMP/broken" "$annotations"
show github-broken.out
[[ $STATUS == 1 ]] || { show github-broken.err; fail "github format on broken data: exit $STATUS, expected 1"; }
grep -q "^::error file=data/events\.yaml,line=$line,col=$column,.*title=invalid-value::" "$TMP/github-broken.out" ||
  fail "no ::error annotation for data/events.yaml:$line:$column"
if grep -v '^::\(error\|warning\|notice\) ' "$TMP/github-broken.out" | grep -q .; then
  fail "stdout holds lines that are not workflow commands"
fi
if grep -q $'\x1b' "$TMP/github-broken.out"; then fail "escape codes in the github format"; fi
[[ ! -s $TMP/github-broken.err ]] || { show github-broken.err; fail "github format wrote to stderr"; }
pass "broken data: exit 1 (the job fails), one ::error command per finding and nothing else"

log "accord-sarif.yml: the accord step (--format sarif), then the verdict step"
sarif=$(step_script examples/github-actions/accord-sarif.yml accord)
verdict=$(step_script examples/github-actions/accord-sarif.yml verdict)
printf '%s\n' "$sarif" | sed 's/^/    $ /'

# check_sarif FILE RESULTS: FILE is SARIF 2.1.0 JSON with RESULTS results ("some": at least one,
# and the broken record among them), and validates against the OASIS schema.
check_sarif() {
  "$PY" - "$1" "$2" "$line" "$column" <<'PYTHON'
import json, sys

path, expected, line, column = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
with open(path, encoding="utf-8") as f:
    report = json.load(f)
assert report["version"] == "2.1.0", report["version"]
results = report["runs"][0]["results"]
print(f"    SARIF {report['version']}: {len(results)} result(s)")
if expected == "none":
    assert results == [], results
else:
    assert len(results) >= 1, "no result"
    wanted = [
        r for r in results
        if r["ruleId"] == "invalid-value"
        and r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "data/events.yaml"
        and r["locations"][0]["physicalLocation"]["region"]["startLine"] == line
        and r["locations"][0]["physicalLocation"]["region"]["startColumn"] == column
    ]
    assert wanted, f"no invalid-value result at data/events.yaml:{line}:{column}"
    rules = [rule["id"] for rule in report["runs"][0]["tool"]["driver"]["rules"]]
    for r in results:
        assert rules[r["ruleIndex"]] == r["ruleId"], r
PYTHON
  "$CJS" --schemafile "$SARIF_SCHEMA" "$1"
}
github_output_status() { sed -n 's/^status=//p' "$TMP/$1.github-output"; }

run_step sarif-clean "$TMP/clean" "$sarif"
[[ $STATUS == 0 ]] || { show sarif-clean.err; fail "sarif step on clean data: exit $STATUS"; }
[[ $(github_output_status sarif-clean) == 0 ]] || fail "sarif step on clean data: status output is not 0"
[[ ! -s $TMP/sarif-clean.err ]] || { show sarif-clean.err; fail "sarif step wrote to stderr"; }
check_sarif "$TMP/clean/accord.sarif" none
pass "clean data: the step passes, status=0, a valid SARIF report with no result; the verdict step is skipped"

run_step sarif-broken "$TMP/broken" "$sarif"
[[ $STATUS == 0 ]] || { show sarif-broken.err; fail "sarif step on broken data: exit $STATUS (the upload would not run)"; }
[[ $(github_output_status sarif-broken) == 1 ]] || fail "sarif step on broken data: status output is not 1"
check_sarif "$TMP/broken/accord.sarif" some
run_step sarif-verdict "$TMP/broken" "$verdict"
show sarif-verdict.out
[[ $STATUS == 1 ]] || fail "the verdict step did not fail the job"
pass "broken data: the step passes with status=1 (the upload runs), a valid SARIF report with the finding, and the verdict step fails the job"

log "accord-sarif.yml: exit 2 (could not run) stops before the upload"
mkdir -p "$TMP/no-data"
run_step sarif-no-data "$TMP/no-data" "$sarif"
show sarif-no-data.out
show sarif-no-data.err
[[ $STATUS == 2 ]] || fail "sarif step without data/: exit $STATUS, expected 2"
pass "no data/: the step fails with exit 2"

echo
echo "all GitHub Actions example checks passed"
