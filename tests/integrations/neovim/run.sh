#!/usr/bin/env bash
# Editor integration check: Neovim's built-in LSP client (vim.lsp, Neovim >= 0.7) drives `accord lsp`
# over stdio on a temporary dataset: a dangling id typed in is diagnosed, an id completes, go to
# definition jumps to the record, and a rename edits every buffer that names the id.
# Run from anywhere, e.g. `tests/integrations/neovim/run.sh` from the repo root. Needs `nvim` on PATH
# (Debian: `apt-get install -y neovim`) and a built accord (`cargo build`; ACCORD_BIN overrides).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../../.." && pwd)"

bin="${ACCORD_BIN:-$repo/target/debug/accord}"
case "$bin" in /*) ;; *) bin="$repo/$bin" ;; esac
if [ ! -x "$bin" ]; then
  echo "run.sh: no accord binary at $bin (run \`cargo build\` first, or set ACCORD_BIN)" >&2
  exit 1
fi
if ! command -v nvim >/dev/null; then
  echo "run.sh: nvim not found (Debian: apt-get install -y neovim)" >&2
  exit 1
fi

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
# The dataset of tests/accord/lsp.rs: the base fixture under data/, accord.toml at its root.
dataset="$work/dataset"
mkdir -p "$dataset/data"
cp "$repo"/tests/fixtures/base/{base.yaml,example-source.txt,fund-text.txt} "$dataset/data/"
printf 'data = ["data"]\n' >"$dataset/accord.toml"
# A claim on one line, Korean and an emoji before its holder; spelt right on disk.
cat >"$dataset/data/claims.yaml" <<'YAML'
claims:
  - {id: ruiz-claim, kind: statement, summary: "협정 😀 서명", holders: [ana-ruiz], citations: [{source: example-source, quote: Ana Ruiz, modality: stated, according_to: [ana-ruiz]}]}
YAML

# Neovim's state (the LSP log) stays in the temp dir.
export XDG_CACHE_HOME="$work/cache" XDG_STATE_HOME="$work/state" XDG_DATA_HOME="$work/share"
export ACCORD_BIN="$bin" ACCORD_DATASET="$dataset"

status=0
timeout 120 nvim --headless --clean -u "$here/test.lua" </dev/null || status=$?
if [ "$status" -ne 0 ]; then
  if [ "$status" -eq 124 ]; then echo "FAIL: nvim did not finish within 120 s"; fi
  for log in "$work"/cache/nvim/lsp.log "$work"/state/nvim/lsp.log; do
    if [ -s "$log" ]; then
      echo "--- $log (tail)" >&2
      tail -n 40 "$log" >&2
    fi
  done
  echo "run.sh: the Neovim check failed (exit $status)" >&2
  exit 1
fi
echo "run.sh: Neovim drives accord lsp: all checks pass"
