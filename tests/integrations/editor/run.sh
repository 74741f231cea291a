#!/usr/bin/env bash
# Editor integration check: installs the pinned yaml-language-server (npm ci, from package-lock.json)
# next to this script and runs lsp-test.mjs, which drives it over LSP against the real data files.
# Run from anywhere, e.g. `tests/integrations/editor/run.sh` from the repo root. Needs Node >= 20.6.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../../.." && pwd)"

log="$(mktemp)"
trap 'rm -f "$log"' EXIT
if ! (cd "$here" && npm ci --no-audit --no-fund --loglevel=error) >"$log" 2>&1; then
  cat "$log" >&2
  echo "run.sh: npm ci failed in $here" >&2
  exit 1
fi

cd "$repo"
node tests/integrations/editor/lsp-test.mjs
