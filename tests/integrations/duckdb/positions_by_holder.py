"""Runs positions_by_holder.sql with DuckDB (embedded) over an `accord export --format jsonl`
directory and prints the result as examples/positions_by_holder.rs prints its own.

    python positions_by_holder.py EXPORT_DIR
"""

import os
import pathlib
import sys

import duckdb


def main() -> int:
    export = pathlib.Path(sys.argv[1])
    query = (pathlib.Path(__file__).parent / "positions_by_holder.sql").read_text()
    os.chdir(export)
    # One thread keeps `row_number() OVER ()` in the order the lines are read: dataset order.
    connection = duckdb.connect(config={"threads": 1})
    rows = connection.execute(query).fetchall()
    out = []
    previous = None
    for holder, name, summary, quote, source, modality in rows:
        if holder != previous:
            out.append(f"{name} ({holder})")
            previous = holder
        out.append(f"  - {summary}")
        out.append(f'    "{quote}" ({source}, {modality})')
    sys.stdout.write("".join(line + "\n" for line in out))
    return 0


if __name__ == "__main__":
    sys.exit(main())
