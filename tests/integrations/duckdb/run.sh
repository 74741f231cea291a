#!/usr/bin/env bash
# The JSON Lines export in an engine that is not accord: DuckDB (the `duckdb` Python package,
# embedded, pinned) loads `accord export --format jsonl` of data/ and answers the question of
# examples/positions_by_holder.rs (positions by holder) with the same text, byte for byte.
# The accord binary is $ACCORD_BIN, or target/debug/accord from the repository's root.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../../.." && pwd)"
cd "$repo"

accord_bin="${ACCORD_BIN:-target/debug/accord}"
venv=target/duckdb-venv
if [ ! -x "$venv/bin/python" ]; then
  python3 -m venv "$venv"
fi
"$venv/bin/pip" install --quiet --disable-pip-version-check duckdb==1.4.2

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
"$accord_bin" export --format jsonl -o "$work/export" data
"$venv/bin/python" "$here/positions_by_holder.py" "$work/export" > "$work/duckdb.txt"
cargo run --quiet --locked --example positions_by_holder > "$work/library.txt"

if ! diff -u "$work/library.txt" "$work/duckdb.txt"; then
  echo "run.sh: DuckDB's answer differs from the library example's (above)" >&2
  exit 1
fi
# The README shows the query that ran, not a copy that may drift from it.
if ! python3 -c 'import sys; sys.exit(open(sys.argv[1]).read() not in open(sys.argv[2]).read())' \
    "$here/positions_by_holder.sql" README.md; then
  echo "run.sh: README.md does not show tests/integrations/duckdb/positions_by_holder.sql as it is" >&2
  exit 1
fi
lines=$(wc -l < "$work/duckdb.txt")
holders=$(grep -c '^[^ ]' "$work/duckdb.txt")
echo "DuckDB over the JSON Lines export gives the library example's answer: $holders holders, $lines lines, identical"
