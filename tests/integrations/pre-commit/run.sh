#!/usr/bin/env bash
# Integration test of the pre-commit hook that this repository provides (.pre-commit-hooks.yaml):
# a real pre-commit, pinned, runs the hook `accord` (hooks/accord-check, which builds accord for
# checking only) in a throwaway git repository that holds a copy of data/ and schemas/.
#
# It checks that
#   (a) `pre-commit run --all-files` passes on the bundled (clean) data, and the accord the hook
#       built has no language server (`accord lsp` exits 2 and names the feature);
#   (b) a staged data file with a wrong enum value makes `pre-commit run` fail with accord's
#       finding (its code and file:line:column), the one finding of that file: the file is
#       checked in the context of its dataset (data/accord.toml), so the ids it refers to in the
#       other files are known; and `git commit` through the installed git hook is refused;
#   (c) a staged change to a source .txt file alone runs the hook over the whole dataset, which
#       reports the quote of a YAML file that no longer matches (the reason for matching .txt
#       files);
#   (d) a staged change to a file that is neither YAML nor .txt skips the hook;
#   (e) accord.toml and `args:` name another data directory;
#   (f) the hook `accord-system` (`language: system`) runs the accord on PATH.
# The pre-commit config, a YAML file too, is passed to the hook with --all-files; it lies outside
# the data that accord.toml names, so it is not checked.
#
# Usage: tests/integrations/pre-commit/run.sh [--committed]
#
# Which accord pre-commit builds. By default, the working tree as it is (tracked files with their
# uncommitted changes, and untracked files that are not ignored): the script copies it into
# target/integrations/pre-commit-snapshot and commits it there with a fixed author, date and
# message, so the same tree always gives the same commit id. That snapshot is the `repo:`, its
# commit the `rev:`: pre-commit clones it like any remote, and builds again only when the tree
# changed. With --committed, `repo:` is this repository and `rev:` is `git rev-parse HEAD`, as a
# user would pin it: only committed code is tested, and HEAD must hold .pre-commit-hooks.yaml.
# (`pre-commit try-repo` is not used: it ignores untracked files, so it misses a new
# .pre-commit-hooks.yaml, and it installs into a temporary store, so every run builds again.)
#
# Everything goes under target/integrations/: the venv with pre-commit, PRE_COMMIT_HOME (the
# clones, reused between runs), the cargo target directory of the hook's build, the snapshot, and the temporary dataset repository (removed on exit).
#
# Keeping the build cheap. The hook builds a rev once (`cargo build --profile hook
# --no-default-features` in pre-commit's clone) and reuses it while the rev is the same. For a
# new rev:
# - ACCORD_HOOK_TARGET_DIR is a directory of its own, kept between runs, so only accord itself is
#   compiled again, not its dependencies (the first run builds them: about two minutes). It is
#   not target/ itself: accord built from the clone would land in the same fingerprint slots as
#   a build of the work tree with that profile, whose source files are then older than that
#   build, so cargo would take the clone's binary for the work tree's.
# - CARGO_HOME is left alone: with the machine's cargo, pre-commit uses the user's registry
#   cache, so no crate is downloaded again.
#
# Environment:
#   ACCORD_HOOK_TARGET_DIR  the cargo target directory of the hook's build
#                           (default: target/integrations/pre-commit-cargo-target)
#   KEEP_TMP=1              keep the temporary dataset repository and outputs for inspection
set -euo pipefail
cd "$(dirname "$0")/../../.."
REPO=$(pwd -P)

readonly PRE_COMMIT_VERSION=4.7.0
readonly WORK=$REPO/target/integrations
readonly VENV=$WORK/pre-commit-venv
readonly PRE_COMMIT=$VENV/bin/pre-commit
readonly SNAPSHOT=$WORK/pre-commit-snapshot
export PRE_COMMIT_HOME=$WORK/pre-commit-home
readonly HOOK_TARGET_DIR=${ACCORD_HOOK_TARGET_DIR:-$WORK/pre-commit-cargo-target}

MODE=worktree
case ${1:-} in
  "") ;;
  --committed) MODE=committed ;;
  -h | --help)
    sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'
    exit 0
    ;;
  *)
    echo "unknown argument: $1 (try --help)" >&2
    exit 2
    ;;
esac

log() { printf '\n==> %s\n' "$*"; }
fail() {
  printf 'FAIL: %s\n' "$*" >&2
  exit 1
}
pass() { printf 'ok: %s\n' "$*"; }

# Timings, printed at the end.
TIMINGS=()
now() { date +%s.%N; }
since() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.1f", b - a }'; }
STARTED=$(now)

# --- pre-commit, pinned ------------------------------------------------------------------------
if [[ $("$PRE_COMMIT" --version 2>/dev/null || true) != "pre-commit $PRE_COMMIT_VERSION" ]]; then
  log "installing pre-commit $PRE_COMMIT_VERSION into $VENV"
  [[ -x $VENV/bin/python ]] || python3 -m venv "$VENV"
  "$VENV/bin/pip" install --quiet --disable-pip-version-check "pre-commit==$PRE_COMMIT_VERSION"
fi
"$PRE_COMMIT" --version
"$PRE_COMMIT" validate-manifest .pre-commit-hooks.yaml
pass ".pre-commit-hooks.yaml is a valid manifest"

# --- the accord repository that pre-commit builds ----------------------------------------------
if [[ $MODE == committed ]]; then
  HOOK_REPO=$REPO
  HOOK_REV=$(git -C "$REPO" rev-parse HEAD)
  git -C "$REPO" cat-file -e "$HOOK_REV:.pre-commit-hooks.yaml" 2>/dev/null ||
    fail "HEAD ($HOOK_REV) has no .pre-commit-hooks.yaml: commit it, or run without --committed"
else
  log "snapshot of the working tree in $SNAPSHOT"
  rm -rf "$SNAPSHOT"
  mkdir -p "$SNAPSHOT"
  # Tracked files that still exist, and untracked files that are not ignored.
  git -C "$REPO" ls-files -z --cached --others --exclude-standard --deduplicate |
    while IFS= read -r -d '' file; do
      if [[ -e $file || -L $file ]]; then printf '%s\0' "$file"; fi
    done |
    tar --null --no-recursion -T - -cf - | tar -xf - -C "$SNAPSHOT"
  git -C "$SNAPSHOT" init --quiet --initial-branch=snapshot
  git -C "$SNAPSHOT" -c core.autocrlf=false add --all
  # A fixed identity, date and message: the same tree gives the same commit id, run after run.
  GIT_AUTHOR_NAME=accord-integration GIT_AUTHOR_EMAIL=integration@accord.invalid \
    GIT_AUTHOR_DATE='2000-01-01T00:00:00+0000' \
    GIT_COMMITTER_NAME=accord-integration GIT_COMMITTER_EMAIL=integration@accord.invalid \
    GIT_COMMITTER_DATE='2000-01-01T00:00:00+0000' \
    git -C "$SNAPSHOT" -c commit.gpgsign=false commit --quiet --no-verify -m "accord working tree"
  HOOK_REPO=$SNAPSHOT
  HOOK_REV=$(git -C "$SNAPSHOT" rev-parse HEAD)
fi
echo "hook repository: $HOOK_REPO"
echo "hook rev:        $HOOK_REV ($MODE)"

# --- the dataset repository --------------------------------------------------------------------
mkdir -p "$WORK"
TMP=$(mktemp -d "$WORK/pre-commit-test.XXXXXX")
if [[ ${KEEP_TMP:-} == 1 ]]; then
  trap 'echo "kept $TMP"' EXIT
else
  trap 'rm -rf "$TMP"' EXIT
fi
DATASET=$TMP/dataset # the git repository
OUT=$TMP/out         # what each command printed
mkdir -p "$DATASET" "$OUT"
log "dataset repository in $DATASET"
cp -R data schemas "$DATASET/"
printf '# A dataset checked by accord\n' >"$DATASET/README.md"
# The dataset's root at the repository's root, as the README advises, so that every file the hook
# is given (the pre-commit config too) is placed in or outside the data.
rm "$DATASET/data/accord.toml"
printf 'data = ["data"]\n' >"$DATASET/accord.toml"

# write_config [ARGS]: the dataset's .pre-commit-config.yaml, with `args: ARGS` when given.
write_config() {
  {
    printf 'repos:\n'
    printf '  - repo: %s\n' "$HOOK_REPO"
    printf '    rev: %s\n' "$HOOK_REV"
    printf '    hooks:\n'
    printf '      - id: accord\n'
    if [[ -n ${1:-} ]]; then printf '        args: %s\n' "$1"; fi
  } >"$DATASET/.pre-commit-config.yaml"
}
write_config
cat "$DATASET/.pre-commit-config.yaml"
git -C "$DATASET" init --quiet --initial-branch=main
git -C "$DATASET" config user.name accord-integration
git -C "$DATASET" config user.email integration@accord.invalid
git -C "$DATASET" config commit.gpgsign false
git -C "$DATASET" add --all
git -C "$DATASET" commit --quiet -m "the bundled dataset"

# run_pc NAME ARGS...: runs pre-commit ARGS in the dataset repository, its output into $OUT/NAME
# and onto the terminal; sets STATUS. The runs pass --color never and their output is checked
# for escape codes (with --color always, pre-commit gives the hook a pseudo-terminal).
STATUS=0
run_pc() {
  local name=$1 started
  shift
  started=$(now)
  STATUS=0
  (cd "$DATASET" && ACCORD_HOOK_TARGET_DIR=$HOOK_TARGET_DIR "$PRE_COMMIT" "$@") >"$OUT/$name" 2>&1 ||
    STATUS=$?
  TIMINGS+=("$(printf '%-44s %7ss' "pre-commit $*" "$(since "$started")")")
  sed 's/^/    | /' "$OUT/$name"
  echo "    (exit $STATUS)"
}
expect_status() {
  [[ $STATUS == "$1" ]] || fail "$2: pre-commit exited $STATUS, expected $1"
}
expect_in() {
  grep -qE -- "$2" "$OUT/$1" || fail "$1: the output has no match for /$2/"
}
expect_no_escapes() {
  if grep -q $'\x1b\\[' "$OUT/$1"; then fail "$1: the output has colour escape codes"; fi
}

log "install the hook environment (the clone of the rev, unless PRE_COMMIT_HOME has it)"
echo "ACCORD_HOOK_TARGET_DIR=$HOOK_TARGET_DIR"
echo "PRE_COMMIT_HOME=$PRE_COMMIT_HOME"
run_pc install-hooks install-hooks
expect_status 0 "install-hooks"
pass "the hook environment is installed"

log "(a) pre-commit run --all-files passes on the clean data (the first run builds the checker)"
run_pc clean run --all-files --color never
expect_status 0 "(a)"
expect_in clean '^accord\.+Passed$'
pass "(a) clean data passes"
# The hook built accord for checking only: the language server and the report are left out,
# and say which feature brings them back.
hook_accord=$HOOK_TARGET_DIR/hook/accord
lsp_status=0
"$hook_accord" lsp >"$OUT/hook-lsp" 2>&1 || lsp_status=$?
[[ $lsp_status == 2 ]] || fail "(a) the hook's accord lsp exited $lsp_status, expected 2"
expect_in hook-lsp 'built without the `lsp` feature'
pass "(a) the hook's build has no language server (\`accord lsp\` exits 2 and names the feature)"

log "(b) a wrong enum value, staged, fails the hook with accord's finding"
# The first `kind: call` of data/events.yaml becomes `kind: cal`.
line=$(grep -n '^    kind: call$' "$DATASET/data/events.yaml" | head -n 1 | cut -d: -f1)
[[ -n $line ]] || fail "(b) data/events.yaml has no '    kind: call' line to break"
sed -i "${line}s/kind: call\$/kind: cal/" "$DATASET/data/events.yaml"
column=$(sed -n "${line}p" "$DATASET/data/events.yaml" | awk '{ print index($0, "cal") }')
git -C "$DATASET" add data/events.yaml
run_pc broken-enum run --color never
expect_status 1 "(b)"
expect_in broken-enum '^accord\.+Failed$'
expect_in broken-enum '^- exit code: 1$'
expect_in broken-enum 'error\[invalid-value\]'
expect_in broken-enum "data/events\.yaml:$line:$column"
expect_in broken-enum 'checked 1 file \([0-9]+ records\), in the context of [0-9]+ other files of its dataset: 1 error'
expect_no_escapes broken-enum
pass "(b) the finding invalid-value at data/events.yaml:$line:$column is reported, and only it"

log "(b) the same through the git hook: git commit is refused"
run_pc install install --hook-type pre-commit
expect_status 0 "pre-commit install"
head_before=$(git -C "$DATASET" rev-parse HEAD)
commit_status=0
git -C "$DATASET" commit -m "a broken record" >"$OUT/git-commit" 2>&1 || commit_status=$?
sed 's/^/    | /' "$OUT/git-commit"
echo "    (exit $commit_status)"
[[ $commit_status != 0 ]] || fail "(b) git commit of broken data succeeded"
[[ $(git -C "$DATASET" rev-parse HEAD) == "$head_before" ]] || fail "(b) HEAD moved"
expect_in git-commit 'error\[invalid-value\]'
pass "(b) git commit is refused and HEAD is unchanged"
git -C "$DATASET" checkout --quiet HEAD -- data/events.yaml

log "(c) a staged change to a source .txt alone runs the hook on the whole dataset"
txt=data/articles/hankyung-trump-zelensky-summit-minerals-agreement.txt
sentence="President Trump's call with Russian President"
grep -qF "$sentence" "$DATASET/$txt" || fail "(c) $txt no longer holds the words this case edits"
sed -i "s/$sentence/President Trump's phone conversation with Russian President/" "$DATASET/$txt"
git -C "$DATASET" add "$txt"
[[ $(git -C "$DATASET" diff --cached --name-only) == "$txt" ]] || fail "(c) more than $txt is staged"
run_pc broken-txt run --color never
expect_status 1 "(c)"
expect_in broken-txt 'error\[quote-not-found\]'
expect_in broken-txt 'data/events\.yaml:[0-9]+:[0-9]+'
pass "(c) a change to the source text reports the quote of data/events.yaml that no longer matches"
git -C "$DATASET" checkout --quiet HEAD -- "$txt"

log "(d) a change to a file that is neither YAML nor .txt skips the hook"
printf 'More words.\n' >>"$DATASET/README.md"
git -C "$DATASET" add README.md
run_pc skipped run --color never
expect_status 0 "(d)"
expect_in skipped '^accord\.+\(no files to check\)Skipped$'
pass "(d) the hook is skipped"
git -C "$DATASET" checkout --quiet HEAD -- README.md

log "(e) accord.toml and args: name another data directory"
git -C "$DATASET" mv data dataset
printf 'data = ["dataset"]\n' >"$DATASET/accord.toml"
write_config '[dataset]'
git -C "$DATASET" add .pre-commit-config.yaml accord.toml
cat "$DATASET/.pre-commit-config.yaml"
run_pc args run --all-files --color never
expect_status 0 "(e)"
expect_in args '^accord\.+Passed$'
sed -i "${line}s/kind: call\$/kind: cal/" "$DATASET/dataset/events.yaml"
git -C "$DATASET" add dataset/events.yaml
run_pc args-broken run --color never
expect_status 1 "(e)"
expect_in args-broken "dataset/events\.yaml:$line:$column"
pass "(e) accord.toml's data = [\"dataset\"] and args: [dataset] check dataset/"

log "(f) the hook accord-system runs the accord on PATH (language: system) and builds nothing"
# The dataset of (e), dataset/, with its broken line mended.
sed -i "${line}s/kind: cal\$/kind: call/" "$DATASET/dataset/events.yaml"
git -C "$DATASET" add dataset/events.yaml
{
  printf 'repos:\n'
  printf '  - repo: %s\n' "$HOOK_REPO"
  printf '    rev: %s\n' "$HOOK_REV"
  printf '    hooks:\n'
  printf '      - id: accord-system\n'
  printf '        args: [dataset]\n'
} >"$DATASET/.pre-commit-config.yaml"
git -C "$DATASET" add .pre-commit-config.yaml
mkdir -p "$TMP/bin"
ln -s "$hook_accord" "$TMP/bin/accord"
PATH="$TMP/bin:$PATH" run_pc system run --all-files --color never
expect_status 0 "(f)"
expect_in system '^accord\.+Passed$'
sed -i "${line}s/kind: call\$/kind: cal/" "$DATASET/dataset/events.yaml"
git -C "$DATASET" add dataset/events.yaml
PATH="$TMP/bin:$PATH" run_pc system-broken run --color never
expect_status 1 "(f)"
expect_in system-broken "dataset/events\.yaml:$line:$column"
pass "(f) accord-system checks with the accord on PATH"

# Drop the clones and builds of earlier revs: the dataset repository's config, which still
# exists, names the current one, so that one stays.
"$PRE_COMMIT" gc

log "timings"
printf '  %s\n' "${TIMINGS[@]}"
printf '  %-44s %7ss\n' "the whole script" "$(since "$STARTED")"
echo
echo "all pre-commit integration checks passed"
