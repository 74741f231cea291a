#!/usr/bin/env python3
"""Validates YAML files against the committed schema with Python's `jsonschema`, a validator
independent of accord's Rust stack. YAML is read by the YAML 1.2 core schema (as accord does):
`NO` stays a string, `11:00` is not a sexagesimal number, and dates are not turned into objects.

Usage: validate_with_python.py [--expect valid|invalid] FILE_OR_DIR...
Exit 0 when every file gets the expected verdict.
"""

import importlib.metadata
import json
import pathlib
import re
import sys

import jsonschema
import yaml


class Yaml12Loader(yaml.SafeLoader):
    """PyYAML's safe loader with YAML 1.2 core-schema scalars instead of YAML 1.1 ones."""


Yaml12Loader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag.rsplit(":", 1)[-1] not in ("bool", "int", "float", "timestamp")]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
Yaml12Loader.add_implicit_resolver(
    "tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF")
)
Yaml12Loader.add_implicit_resolver(
    "tag:yaml.org,2002:int", re.compile(r"^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$"), list("-+0123456789")
)
Yaml12Loader.add_implicit_resolver(
    "tag:yaml.org,2002:float",
    re.compile(r"^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$"),
    list("-+0123456789."),
)


def construct_int_1_2(loader, node):
    """YAML 1.2 ints: decimal (leading zeros allowed), 0o octal, 0x hexadecimal."""
    text = loader.construct_scalar(node)
    return int(text, 0) if text.startswith(("0o", "0x")) else int(text)


Yaml12Loader.add_constructor("tag:yaml.org,2002:int", construct_int_1_2)


def files(arguments):
    for argument in arguments:
        path = pathlib.Path(argument)
        if path.is_dir():
            yield from sorted(p for p in path.rglob("*") if p.suffix in (".yaml", ".yml"))
        else:
            yield path


def main():
    arguments = sys.argv[1:]
    expect = "valid"
    if arguments[:1] == ["--expect"]:
        expect, arguments = arguments[1], arguments[2:]
    root = pathlib.Path(__file__).resolve().parents[2]
    schema = json.loads((root / "schemas" / "accord.schema.json").read_text())
    validator = jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker())
    failures = 0
    checked = 0
    for path in files(arguments):
        checked += 1
        document = yaml.load(path.read_text(encoding="utf-8"), Loader=Yaml12Loader)
        errors = sorted(validator.iter_errors(document), key=lambda e: list(e.absolute_path))
        verdict = "invalid" if errors else "valid"
        if verdict != expect:
            failures += 1
            print(f"{path}: expected {expect}, jsonschema says {verdict}")
            for error in errors:
                print(f"  /{'/'.join(map(str, error.absolute_path))}: {error.message}")
    print(f"jsonschema {importlib.metadata.version('jsonschema')}: {checked} files, {failures} with an unexpected verdict")
    return 1 if failures or not checked else 0


if __name__ == "__main__":
    sys.exit(main())
