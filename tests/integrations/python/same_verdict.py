#!/usr/bin/env python3
"""Proves that Python tools given only the committed JSON Schema judge the fixtures and the data as
accord does: for every file of tests/fixtures/{base,valid,invalid} and data/ and every example of
the explanations, Python `jsonschema` (Draft202012Validator, format checking off) and the
generated pydantic models say "valid" exactly when `accord check` reports no finding that JSON
Schema can express.

Fixtures are checked as tests/accord/fixtures.rs checks them: each together with the base dataset
tests/fixtures/base, so that references to base records resolve; data/ is checked as one dataset.
The examples are read from target/explain-examples/{bad,fixed}/, which run.sh writes with
`cargo run --example explain_examples`.
Findings JSON Schema cannot express (references, quotes, dates, unique ids) are listed as known
differences; files that do not reach the schema the same way in both tools (not UTF-8, several
documents, bad YAML, ...) are listed as not compared.

Usage: same_verdict.py MODELS_DIR
"""

import json
import pathlib
import subprocess
import sys

import jsonschema
import pydantic

from check_models import REPO, ROOT_MODEL, SCHEMA, data_files, import_models, load_yaml

ACCORD = REPO / "target" / "debug" / "accord"
BASE = "tests/fixtures/base"
EXAMPLES = "target/explain-examples"

SCHEMA_CODES = {"unknown-field", "missing-field", "invalid-type", "invalid-value", "invalid-pattern", "schema-violation", "empty-text"}
RULE_CODES = {
    "impossible-date", "duplicate-id", "dangling-reference", "wrong-reference-kind", "self-reference",
    "duplicate-item",
    "inferred-part-absent", "attribution-mismatch", "missing-party", "kind-field-mismatch", "status-order",
    "lifecycle-order", "status-after-publication",
    "quote-not-found", "empty-source-text",
    "source-text-unreadable", "source-text-outside-dataset", "link-outside-dataset",
}  # fmt: skip
YAML_CODES = {
    "io-error", "file-too-large", "not-utf8", "empty-file", "yaml-syntax", "multiple-documents", "duplicate-key",
    "unsupported-yaml", "limit-exceeded",
}  # fmt: skip
WARNING_CODES = {"yaml-1-1-value"}


def accord_findings(*paths):
    """accord's findings by file, from one `accord check --format json` run over `paths`."""
    run = subprocess.run(
        [ACCORD, "check", "--format", "json", *paths], cwd=REPO, capture_output=True, text=True, check=False
    )
    if run.returncode not in (0, 1):
        sys.exit(f"accord check {' '.join(paths)} exited {run.returncode}:\n{run.stderr}")
    by_file = {}
    for diagnostic in json.loads(run.stdout)["diagnostics"]:
        by_file.setdefault(diagnostic["path"], []).append(diagnostic)
    return by_file


def cases():
    """(file, accord's findings in that file) for every file compared."""

    def relative(paths):
        return sorted(str(p.relative_to(REPO)) for p in paths)

    def only(files, by_file):
        strays = set(by_file) - set(files)
        if strays:  # a path spelled differently would otherwise pass as "no findings"
            sys.exit(f"accord reported findings in unexpected files: {sorted(strays)}")
        return [(f, by_file.get(f, [])) for f in files]

    base_files = relative((REPO / BASE).glob("*.yaml"))
    yield from only(base_files, accord_findings(BASE))
    folders = [REPO / "tests" / "fixtures" / folder for folder in ("valid", "invalid")]
    folders += [REPO / EXAMPLES / which for which in ("bad", "fixed")]
    for folder in folders:
        fixtures = relative(folder.glob("*.yaml"))
        if not fixtures:
            sys.exit(f"no YAML file in {folder.relative_to(REPO)}")
        for fixture in fixtures:
            yield from only([fixture], {p: f for p, f in accord_findings(BASE, fixture).items() if p not in base_files})
    yield from only(relative(data_files()), accord_findings("data"))


def pyyaml_outcome(path):
    """What PyYAML makes of a file, in a few words."""
    try:
        document = load_yaml(REPO / path)
    except Exception as error:  # noqa: BLE001 -- any failure to load is the answer
        first_line = str(error).splitlines()[0] if str(error) else ""
        return f"PyYAML raises {type(error).__name__}: {first_line}".rstrip(": ")
    return "PyYAML loads " + ("null" if document is None else f"a {type(document).__name__}")


def compare(path, findings, validator, root):
    """(status, detail, lines explaining a disagreement) for one file."""
    codes = {f["code"] for f in findings}
    unclassified = codes - SCHEMA_CODES - RULE_CODES - YAML_CODES - WARNING_CODES
    if unclassified:
        return "disagree", f"accord code(s) not classified by this script: {', '.join(sorted(unclassified))}", []
    if codes & YAML_CODES:
        return "not compared", f"{', '.join(sorted(codes & YAML_CODES))}; {pyyaml_outcome(path)}", []
    try:
        document = load_yaml(REPO / path)
    except Exception:  # noqa: BLE001
        return "not compared", f"accord reads it, but {pyyaml_outcome(path)}", []

    accord_valid = not codes & SCHEMA_CODES
    schema_errors = sorted(validator.iter_errors(document), key=lambda e: list(map(str, e.absolute_path)))
    try:
        root.model_validate(document)
        model_errors = []
    except pydantic.ValidationError as error:
        model_errors = error.errors()
    schema_valid, model_valid = not schema_errors, not model_errors

    if not schema_valid == model_valid == accord_valid:
        lines = [f"accord: {'valid' if accord_valid else 'invalid'}"]
        lines += [f"  {f['code']} at {f.get('pointer') or '-'}: {f['message']}" for f in findings]
        lines += [f"jsonschema: {'valid' if schema_valid else 'invalid'}"]
        lines += [f"  /{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in schema_errors]
        lines += [f"pydantic {ROOT_MODEL}: {'valid' if model_valid else 'invalid'}"]
        lines += [f"  /{'/'.join(map(str, e['loc']))}: {e['msg']}" for e in model_errors]
        return "disagree", "the verdicts differ", lines

    verdict = "valid" if accord_valid else f"invalid ({', '.join(sorted(codes & SCHEMA_CODES))})"
    if codes & WARNING_CODES:
        verdict += f", with warnings ({', '.join(sorted(codes & WARNING_CODES))})"
    if codes & RULE_CODES:
        return "known difference", f"{', '.join(sorted(codes & RULE_CODES))}; otherwise {verdict}", []
    return "agree", verdict, []


def main():
    validator = jsonschema.Draft202012Validator(SCHEMA)  # no format_checker: format checking off
    root = getattr(import_models(pathlib.Path(sys.argv[1])), ROOT_MODEL)
    results = [(path, *compare(path, findings, validator, root)) for path, findings in cases()]
    width = max(len(path) for path, *_ in results)
    tally = {"agree": 0, "known difference": 0, "not compared": 0, "disagree": 0}
    for path, status, detail, lines in results:
        tally[status] += 1
        print(f"  {path:<{width}}  {status.upper() if status == 'disagree' else status}: {detail}")
        for line in lines:
            print(f"      {line}")
    print("  " + ", ".join(f"{count} {label}" for label, count in tally.items()) + f" (of {len(results)} files)")
    return 1 if tally["disagree"] or not tally["agree"] else 0


if __name__ == "__main__":
    sys.exit(main())
