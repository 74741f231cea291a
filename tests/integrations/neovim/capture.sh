#!/usr/bin/env bash
# Writes capture.txt next to this script: the screen of Neovim (in tmux) with a dataset finding of
# `accord lsp` shown as virtual text on a claim whose holder is a misspelt id. For the README; not
# a check. Needs `nvim` and `tmux` (Debian: `apt-get install -y neovim tmux`) and a built accord.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../../.." && pwd)"
bin="${ACCORD_BIN:-$repo/target/debug/accord}"
case "$bin" in /*) ;; *) bin="$repo/$bin" ;; esac
if [ ! -x "$bin" ]; then
  echo "capture.sh: no accord binary at $bin (run \`cargo build\` first, or set ACCORD_BIN)" >&2
  exit 1
fi

work="$(mktemp -d)"
session="accord-capture-$$"
trap 'tmux kill-session -t "$session" 2>/dev/null || true; rm -rf "$work"' EXIT
dataset="$work/dataset"
mkdir -p "$dataset/data"
cp "$repo"/tests/fixtures/base/{base.yaml,example-source.txt,fund-text.txt} "$dataset/data/"
printf 'data = ["data"]\n' >"$dataset/accord.toml"
cat >"$dataset/data/claims.yaml" <<'YAML'
claims:
  - id: ruiz-claim
    kind: statement
    summary: Ana Ruiz will meet her Nordland counterpart.
    holders: [ana-ruis]
    citations:
      - source: example-source
        quote: Ana Ruiz
        modality: stated
        according_to: [ana-ruiz]
YAML

cd "$dataset"
tmux new-session -d -s "$session" -x 132 -y 14 \
  env XDG_CACHE_HOME="$work/cache" XDG_STATE_HOME="$work/state" XDG_DATA_HOME="$work/share" \
  ACCORD_BIN="$bin" ACCORD_DATASET="$dataset" TERM=xterm-256color \
  nvim --clean -u "$here/capture.lua" data/claims.yaml
for _ in $(seq 100); do
  if tmux capture-pane -p -t "$session" | grep -q 'did you mean'; then
    break
  fi
  sleep 0.2
done
sleep 0.3
tmux capture-pane -p -t "$session" | sed -e 's/[[:space:]]*$//' >"$here/capture.txt"
if ! grep -q 'did you mean' "$here/capture.txt"; then
  cat "$here/capture.txt" >&2
  echo "capture.sh: no finding on the screen within 20 s" >&2
  exit 1
fi
tmux send-keys -t "$session" Escape ':qall!' Enter
cat "$here/capture.txt"
