#!/usr/bin/env bash
# Editor integration check: installs the pinned yaml-language-server and LSP client libraries (npm ci,
# from package-lock.json) next to this script, runs lsp-test.mjs, which drives yaml-language-server over
# LSP against the real data files, then accord-lsp-test.mjs, which drives `accord lsp` over LSP against
# a temp copy of tests/fixtures/base. The accord binary is $ACCORD_BIN, or target/debug/accord from the
# repo root; it is not built here.
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
status=0
node tests/integrations/editor/lsp-test.mjs || status=1

accord_bin="${ACCORD_BIN:-target/debug/accord}"
if [ ! -x "$accord_bin" ]; then
  echo "run.sh: the accord binary $accord_bin is missing or not executable: build it first (cargo build) or set ACCORD_BIN" >&2
  exit 1
fi
ACCORD_BIN="$accord_bin" node tests/integrations/editor/accord-lsp-test.mjs || status=1
exit "$status"
