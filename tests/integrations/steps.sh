# Sourced by the integration scripts: `run_steps SUITE STEP...` runs each STEP (a shell function)
# with `set -e` inside it, goes on after a step that fails, prints a line per step (its name, ok
# or FAILED, and the last line it printed), and returns non-zero if any step failed.
run_steps() {
  local suite=$1 name log status result failed=0
  shift
  local summary=()
  for name in "$@"; do
    printf '\n==> %s\n' "${name//_/ }"
    log=$(mktemp)
    set +e
    (set -e; "$name") 2>&1 | tee "$log"
    status=${PIPESTATUS[0]}
    set -e
    if [ "$status" -eq 0 ]; then result=ok; else result=FAILED; failed=$((failed + 1)); fi
    summary+=("$(printf '%-16s %-7s %s' "${name//_/ }" "$result" "$(tail -n 1 "$log")")")
    rm -f "$log"
  done
  printf '\n==> summary\n'
  printf '%s\n' "${summary[@]}"
  echo "$suite: $(($# - failed)) passed, $failed failed"
  [ "$failed" -eq 0 ]
}
