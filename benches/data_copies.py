#!/usr/bin/env python3
"""Writes a benchmark corpus made of N copies of the bundled dataset `data/`.

    python3 benches/data_copies.py --copies 200 --out target/corpus/copies

writes OUT/accord.toml (a dataset root whose data is OUT/data) and OUT/data/copy-00001/ ...
OUT/data/copy-NNNNN/, each a copy of every file under data/ (accord.toml, the YAML files, the
source texts). In copy K every record id gets the suffix `-cKKKKK` (`ukraine` becomes
`ukraine-c00017`), and so does every reference to it, so each copy is a valid dataset on its own
(its accord.toml makes it a root of its own) and all copies together form one valid dataset:
no id is defined twice, no reference dangles. Source texts keep their names and contents: each
copy has its own, next to its YAML, so `text:` paths and quotes are unchanged. The
`# yaml-language-server: $schema=...` modelines are re-pointed at the repository's schema.

Only whole YAML scalars are renamed: the values of `id:` keys, and the scalars (plain or
quoted, alone, in a block sequence or in a flow sequence) of the keys the schema types as ids
(`x-accord-refers-to` in schemas/accord.schema.json: `holders`, `source`, `about`, ...). Prose,
quotes and ids that merely contain another id are left alone. The reader is a line scanner for
the YAML subset the dataset uses; it stops with an error on anything it cannot read for certain
(anchors, aliases, tags, flow mappings, flow sequences over several lines, an id-typed key whose
value is not an id defined in data/), rather than write a corpus that may be wrong.

The output depends only on the arguments (and data/): files are written in a fixed order, and
nothing is random. Python 3.11 standard library only.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
YAML_SUFFIXES = (".yaml", ".yml")
CONFIG_FILE_NAME = "accord.toml"

# A plain mapping key and the `:` after it (then a space or the end of the line).
KEY_RE = re.compile(r"([A-Za-z_][A-Za-z0-9_-]*)[ ]*:(?: +|$)")
# A block sequence entry's `- ` (or a lone `-`).
DASH_RE = re.compile(r"-(?: +|$)")
MODELINE_RE = re.compile(r"^(# yaml-language-server: \$schema=)(\S+)", re.MULTILINE)
# What a renamed id ends with; an original id that already looks like this could collide.
SUFFIX_RE = re.compile(r"-c[0-9]+$")


class ScanError(Exception):
    pass


def id_keys_from_schema(schema: dict) -> tuple[set[str], int]:
    """The property names whose values are ids (or lists of ids) somewhere in the schema, and the
    shortest maxLength of an id type."""
    defs = schema.get("$defs", {})
    id_defs = {name for name, d in defs.items() if "x-accord-refers-to" in d}
    if not id_defs:
        raise SystemExit("data_copies.py: the schema marks no id type (x-accord-refers-to)")
    max_len = min(defs[n].get("maxLength", 10**9) for n in id_defs)

    def refs(node) -> set[str]:
        out = set()
        if isinstance(node, dict):
            if "$ref" in node:
                out.add(node["$ref"].rsplit("/", 1)[-1])
            for k in ("items", "anyOf", "oneOf", "allOf", "additionalProperties"):
                v = node.get(k)
                for x in v if isinstance(v, list) else [v]:
                    out |= refs(x)
        return out

    keys = set()

    def props(node) -> None:
        if not isinstance(node, dict):
            return
        for key, sub in node.get("properties", {}).items():
            if refs(sub) & id_defs:
                keys.add(key)
        for k in ("anyOf", "oneOf", "allOf"):
            for x in node.get(k, []):
                props(x)

    props(schema)
    for d in defs.values():
        props(d)
    keys.add("id")
    return keys, max_len


class Scalar:
    """One scalar of a file: its key (the mapping key it is the value of, or the key of the
    sequence it is an item of), its text, and where its text ends in the file."""

    __slots__ = ("key", "value", "end", "line")

    def __init__(self, key: str, value: str, end: int, line: int):
        self.key, self.value, self.end, self.line = key, value, end, line


def strip_comment(text: str) -> str:
    """A plain scalar's text without a trailing ` # comment` and trailing spaces."""
    cut = text.find(" #")
    if cut >= 0:
        text = text[:cut]
    return text.rstrip(" ")


def quoted_end(text: str, start: int) -> int | None:
    """The index of the quote closing the quoted scalar opened at text[start], or None."""
    q = text[start]
    i = start + 1
    while i < len(text):
        c = text[i]
        if q == "'" and c == "'":
            if i + 1 < len(text) and text[i + 1] == "'":
                i += 2
                continue
            return i
        if q == '"':
            if c == "\\":
                i += 2
                continue
            if c == '"':
                return i
        i += 1
    return None


def scan(path: Path, text: str) -> list[Scalar]:
    """Every single-line scalar value of a YAML file with its key. Raises ScanError on what the
    scanner cannot read for certain."""
    scalars: list[Scalar] = []
    stack: list[tuple[int, str]] = []  # (column, key) of keys whose value is on later lines
    skip_deeper_than: int | None = None  # inside a block scalar or a multi-line scalar
    open_quote: str | None = None  # a quoted scalar continues on the next lines
    skip_from = 0  # where the line of the scalar that may go on begins
    offset = 0

    def fail(lineno: int, message: str):
        raise ScanError(f"{path}:{lineno}: {message}")

    def value(key: str, line: str, pos: int, base: int, lineno: int, owner_col: int):
        """Reads the value starting at line[pos]; returns the new skip/quote state."""
        nonlocal scalars
        rest = line[pos:]
        first = rest[0]
        if first == "[":
            body_end = rest.find("]")
            if body_end < 0:
                fail(lineno, "a flow sequence over several lines is not supported")
            tail = strip_comment(rest[body_end + 1 :])
            if tail:
                fail(lineno, f"unexpected text after a flow sequence: {tail!r}")
            body = rest[1:body_end]
            if any(c in body for c in "[]{}&*!"):
                fail(lineno, "nested flow collections, anchors, aliases or tags are not supported")
            i = 0
            for item in body.split(","):
                lead = len(item) - len(item.lstrip(" "))
                stripped = item.strip(" ")
                start = pos + 1 + i + lead
                i += len(item) + 1
                if not stripped:
                    continue
                if stripped[0] in "'\"":
                    if quoted_end(stripped, 0) != len(stripped) - 1:
                        fail(lineno, "a quoted flow item with a comma or a broken quote")
                    inner = stripped[1:-1]
                    end = start + len(stripped) - 1
                    if not any(c in inner for c in "'\"\\"):
                        scalars.append(Scalar(key, inner, base + end, lineno))
                else:
                    scalars.append(Scalar(key, stripped, base + start + len(stripped), lineno))
            return None, None
        if first == "{":
            fail(lineno, "flow mappings are not supported")
        if first in "&*!":
            fail(lineno, "anchors, aliases and tags are not supported")
        if first in "|>":
            if key in ID_KEYS:
                fail(lineno, f"a block scalar for the id-typed key {key!r}")
            return owner_col, None
        if first in "'\"":
            close = quoted_end(rest, 0)
            if close is None:
                if key in ID_KEYS:
                    fail(lineno, f"a multi-line quoted scalar for the id-typed key {key!r}")
                return owner_col, first
            tail = strip_comment(rest[close + 1 :])
            if tail:
                fail(lineno, f"unexpected text after a quoted scalar: {tail!r}")
            inner = rest[1:close]
            if not any(c in inner for c in "'\"\\"):
                scalars.append(Scalar(key, inner, base + pos + close, lineno))
            return None, None
        plain = strip_comment(rest)
        if ": " in plain or plain.endswith(":"):
            fail(lineno, f"a compact nested mapping is not supported: {plain!r}")
        scalars.append(Scalar(key, plain, base + pos + len(plain), lineno))
        # A plain scalar may go on over more indented lines.
        return owner_col, None

    for lineno, line in enumerate(text.split("\n"), start=1):
        base = offset
        offset += len(line) + 1
        line = line.rstrip("\r")
        stripped = line.lstrip(" ")
        col = len(line) - len(stripped)
        if open_quote is not None:
            # Inside a quoted scalar that began on an earlier line: find its end.
            probe = open_quote + line
            close = quoted_end(probe, 0)
            if close is not None:
                if strip_comment(probe[close + 1 :]):
                    fail(lineno, "unexpected text after a multi-line quoted scalar")
                open_quote = None
                skip_deeper_than = None
            continue
        if not stripped or stripped.startswith("#"):
            continue
        if skip_deeper_than is not None:
            if col > skip_deeper_than:
                if scalars and scalars[-1].end > skip_from and scalars[-1].key in ID_KEYS:
                    fail(lineno, f"a multi-line plain scalar for the id-typed key {scalars[-1].key!r}")
                continue
            skip_deeper_than = None
        if stripped.startswith("\t") or "\t" in line[:col + 1]:
            fail(lineno, "tabs in indentation")
        if stripped in ("---", "...") or stripped.startswith(("--- ", "%")):
            if stripped != "---":
                fail(lineno, "directives and document markers with content are not supported")
            stack.clear()
            continue
        pos = col
        dash_col = None
        while True:
            m = DASH_RE.match(line, pos)
            if not m:
                break
            dash_col = pos
            pos = m.end()
        if pos >= len(line):
            fail(lineno, "an empty sequence entry (a nested node on the next lines) is not supported")
        m = KEY_RE.match(line, pos)
        if m:
            key = m.group(1)
            while stack and stack[-1][0] >= pos:
                stack.pop()
            after = line[m.end() :]
            if not after or after.startswith("#"):
                stack.append((pos, key))
                continue
            skip_from = base
            skip_deeper_than, open_quote = value(key, line, m.end(), base, lineno, pos)
            continue
        if line[pos] in "'\"?" and KEY_RE.match(line, pos) is None and ":" in line[pos:]:
            # Possibly a quoted or complex key: refuse rather than guess.
            if line[pos] == "?" or re.match(r"(['\"]).*\1 *:", line[pos:]):
                fail(lineno, "quoted or complex mapping keys are not supported")
        if dash_col is None:
            fail(lineno, f"cannot read this line: {stripped!r}")
        # A scalar item of a block sequence: its key is the sequence's.
        while stack and stack[-1][0] > dash_col:
            stack.pop()
        if not stack:
            fail(lineno, "a sequence that is not the value of a key")
        skip_from = base
        skip_deeper_than, open_quote = value(stack[-1][1], line, pos, base, lineno, dash_col)
    if open_quote is not None:
        raise ScanError(f"{path}: a quoted scalar is not closed")
    return scalars


class Template:
    """A file of data/ ready to be written per copy: the pieces of its text between the ends of
    the ids to rename (a copy's text is the suffix joined between them), or its bytes."""

    def __init__(self, rel: Path, pieces: list[str] | None, raw: bytes | None):
        self.rel, self.pieces, self.raw = rel, pieces, raw


def load_templates(data: Path, out_data: Path, verbose: bool) -> tuple[list[Template], dict]:
    files = sorted(
        p
        for p in data.rglob("*")
        if p.is_file() and not any(part.startswith(".") for part in p.relative_to(data).parts)
    )
    if not any(p.suffix in YAML_SUFFIXES for p in files):
        raise SystemExit(f"data_copies.py: no YAML file under {data}")
    scanned: dict[Path, tuple[str, list[Scalar]]] = {}
    errors = []
    for p in files:
        if p.suffix in YAML_SUFFIXES:
            text = p.read_bytes().decode("utf-8")
            try:
                scanned[p] = (text, scan(p, text))
            except ScanError as e:
                errors.append(str(e))
    if errors:
        raise SystemExit("data_copies.py: cannot read data/ for certain:\n  " + "\n  ".join(errors))

    # The ids data/ defines, then every id-typed scalar must name one of them.
    defined: dict[str, str] = {}
    for p, (_, scalars) in scanned.items():
        for s in scalars:
            if s.key == "id":
                if s.value in defined:
                    errors.append(f"{p}:{s.line}: id {s.value!r} is defined twice in data/ (also {defined[s.value]})")
                defined[s.value] = f"{p}:{s.line}"
                if SUFFIX_RE.search(s.value):
                    errors.append(f"{p}:{s.line}: id {s.value!r} already ends like a copy suffix")
                if len(s.value) + SUFFIX_LEN > ID_MAX_LEN:
                    errors.append(f"{p}:{s.line}: id {s.value!r} would exceed {ID_MAX_LEN} characters")
    stats = {"ids": len(defined), "references": 0, "left": {}}
    templates = []
    for p in files:
        rel = p.relative_to(data)
        if p not in scanned:
            templates.append(Template(rel, None, p.read_bytes()))
            continue
        text, scalars = scanned[p]
        ends = []
        for s in scalars:
            if s.key in ID_KEYS:
                if s.value not in defined:
                    errors.append(f"{p}:{s.line}: {s.key}: {s.value!r} is not an id defined in data/")
                    continue
                ends.append(s.end)
                if s.key != "id":
                    stats["references"] += 1
            elif s.value in defined:
                stats["left"].setdefault(f"{s.key}: {s.value}", []).append(f"{rel}:{s.line}")
        pieces = []
        last = 0
        for end in sorted(ends):
            pieces.append(text[last:end])
            last = end
        pieces.append(text[last:])
        # Re-point the modeline at the same schema file, seen from the copy's directory (the same
        # depth in every copy). The modeline is a comment before any id, so it is in pieces[0].
        copy_dir = out_data / "copy-1" / rel.parent

        def repoint(m: re.Match) -> str:
            target = m.group(2)
            if "://" in target or os.path.isabs(target):
                return m.group(0)
            resolved = (p.parent / target).resolve()
            if not resolved.exists():
                return m.group(0)
            return m.group(1) + Path(os.path.relpath(resolved, copy_dir.resolve())).as_posix()

        pieces[0] = MODELINE_RE.sub(repoint, pieces[0], count=1)
        templates.append(Template(rel, pieces, None))
    if errors:
        raise SystemExit("data_copies.py: cannot rename the ids of data/ cleanly:\n  " + "\n  ".join(errors))
    if verbose:
        for what, where in sorted(stats["left"].items()):
            print(f"left alone (not an id-typed key): {what} at {', '.join(where)}", file=sys.stderr)
    return templates, stats


def self_check(templates: list[Template], suffix_a: str, suffix_b: str) -> None:
    """Renders two copies and reads them back: every id of each ends with its suffix, every
    id-typed scalar names an id of the same copy, and the two copies share no id."""
    ids = {}
    for suffix in (suffix_a, suffix_b):
        rendered = {t.rel: suffix.join(t.pieces) for t in templates if t.pieces is not None}
        scalars = [s for rel, text in rendered.items() for s in scan(rel, text)]
        defined = {s.value for s in scalars if s.key == "id"}
        bad = [s.value for s in scalars if s.key in ID_KEYS and (not s.value.endswith(suffix) or s.value not in defined)]
        if bad:
            raise SystemExit(f"data_copies.py: self-check failed for {suffix}: {bad[:5]}")
        ids[suffix] = defined
    if ids[suffix_a] & ids[suffix_b]:
        raise SystemExit("data_copies.py: self-check failed: two copies share ids")


def write_corpus(templates: list[Template], out: Path, copies: int, width: int) -> tuple[int, int]:
    out_data = out / "data"
    files = yaml_bytes = 0
    dirs = sorted({t.rel.parent for t in templates}, key=lambda d: (len(d.parts), d.as_posix()))
    for k in range(1, copies + 1):
        copy = out_data / f"copy-{k:0{width}d}"
        for d in dirs:
            (copy / d).mkdir(parents=True, exist_ok=True)
        suffix = f"-c{k:0{width}d}"
        for t in templates:
            path = copy / t.rel
            if t.pieces is None:
                path.write_bytes(t.raw)
            else:
                data = suffix.join(t.pieces).encode("utf-8")
                path.write_bytes(data)
                yaml_bytes += len(data)
            files += 1
    return files, yaml_bytes


def main() -> None:
    parser = argparse.ArgumentParser(
        description="Write a corpus of N copies of data/ with ids renamed per copy (see the header).",
    )
    parser.add_argument("--copies", type=int, required=True, help="how many copies (N >= 1)")
    parser.add_argument("--out", type=Path, required=True, help="the corpus directory (OUT/accord.toml, OUT/data)")
    parser.add_argument("--data", type=Path, default=REPO / "data", help="the dataset to copy (default: data/)")
    parser.add_argument(
        "--schema", type=Path, default=REPO / "schemas/accord.schema.json",
        help="the data schema, which says which keys hold ids (default: schemas/accord.schema.json)",
    )
    parser.add_argument("--force", action="store_true", help="replace OUT/data and OUT/accord.toml if they exist")
    parser.add_argument("--verbose", action="store_true", help="list the id-like scalars left alone (names, not ids)")
    args = parser.parse_args()
    if args.copies < 1:
        parser.error("--copies needs a positive number")
    width = max(5, len(str(args.copies)))

    global ID_KEYS, ID_MAX_LEN, SUFFIX_LEN
    ID_KEYS, ID_MAX_LEN = id_keys_from_schema(json.loads(args.schema.read_text(encoding="utf-8")))
    SUFFIX_LEN = len(f"-c{args.copies:0{width}d}")

    out: Path = args.out
    out_data = out / "data"
    config = out / CONFIG_FILE_NAME
    if out_data.exists() or config.exists():
        if not args.force:
            raise SystemExit(f"data_copies.py: {out} already holds a corpus: remove it or pass --force")
        shutil.rmtree(out_data, ignore_errors=True)
        config.unlink(missing_ok=True)

    started = time.monotonic()
    templates, stats = load_templates(args.data.resolve(), out_data, args.verbose)
    self_check(templates, f"-c{1:0{width}d}", f"-c{2:0{width}d}")
    out.mkdir(parents=True, exist_ok=True)
    files, yaml_bytes = write_corpus(templates, out, args.copies, width)
    config.write_text(
        "# The root of a benchmark corpus written by benches/data_copies.py: "
        f"{args.copies} copies of data/,\n"
        "# each with its ids suffixed -cNNNNN (and its own accord.toml, so a copy is also a root alone).\n"
        "# The schema of this file is schemas/config.schema.json.\n"
        'data = ["data"]\n',
        encoding="utf-8",
    )
    left = sum(len(v) for v in stats["left"].values())
    print(
        f"wrote {args.copies} copies of {args.data} to {out_data}: {files} files, "
        f"{yaml_bytes / 1e6:.1f} MB of YAML; per copy {stats['ids']} ids and {stats['references']} "
        f"references renamed, {left} id-like scalars under other keys left alone "
        f"({time.monotonic() - started:.1f} s)",
        file=sys.stderr,
    )


ID_KEYS: set[str] = set()
ID_MAX_LEN = 100
SUFFIX_LEN = 7

if __name__ == "__main__":
    main()
