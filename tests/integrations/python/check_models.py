#!/usr/bin/env python3
"""Proves that pydantic v2 models generated from schemas/accord.schema.json by
datamodel-code-generator work as they come, without hand edits:

- `import MODELS_DIR`: the generated `accord_models` module imports, and every object of the schema
  (all have `additionalProperties: false`) became a model that forbids unknown fields;
- `data MODELS_DIR`: every YAML file in data/, read by the YAML 1.2 core schema as accord reads it,
  validates with the root model, and copies of a data file broken in ways the schema forbids are
  rejected, each with the expected pydantic error at the expected place.

Run by run.sh; exits non-zero when a check fails.
"""

import copy
import importlib
import json
import pathlib
import sys

import pydantic
import yaml

REPO = pathlib.Path(__file__).resolve().parents[3]
SCHEMA = json.loads((REPO / "schemas" / "accord.schema.json").read_text(encoding="utf-8"))
ROOT_MODEL = "AccordDataFile"  # named by datamodel-code-generator after the schema's title

sys.path.insert(0, str(REPO / "tests" / "independent"))
from validate_with_python import Yaml12Loader  # noqa: E402  (the loader accord's own CI uses)


def load_yaml(path):
    """One YAML document, read by the YAML 1.2 core schema: `NO` and `11:00` stay strings."""
    return yaml.load(path.read_bytes().decode("utf-8"), Loader=Yaml12Loader)


def import_models(models_dir):
    sys.path.insert(0, str(models_dir))
    return importlib.import_module("accord_models")


def data_files():
    return sorted(p for p in (REPO / "data").rglob("*") if p.suffix in (".yaml", ".yml"))


def check_import(models_dir):
    models = import_models(models_dir)
    classes = [v for v in vars(models).values() if isinstance(v, type) and v.__module__ == models.__name__]
    model_classes = [c for c in classes if issubclass(c, pydantic.BaseModel)]
    objects = {"(root)": ROOT_MODEL} | {
        name: name for name, schema in SCHEMA["$defs"].items() if schema.get("type") == "object"
    }
    problems = []
    for where, name in objects.items():
        model = getattr(models, name, None)
        if not (isinstance(model, type) and issubclass(model, pydantic.BaseModel)):
            problems.append(f"{where}: no model named {name}")
        elif model.model_config.get("extra") != "forbid":
            problems.append(f"{name} does not forbid extra fields (extra={model.model_config.get('extra')!r})")
    for problem in problems:
        print(f"  FAIL {problem}")
    print(
        f"  imported accord_models: {len(model_classes)} models, {len(classes) - len(model_classes)} enums; "
        f"{len(objects)} schema objects checked for extra='forbid', {len(problems)} problems"
    )
    return not problems


def broken_copies(document):
    """Copies of a data file with `events`, each broken once: (what, expected error type, place)."""

    def broken(what, error_type, location, change):
        copied = copy.deepcopy(document)
        change(copied["events"][0])
        return what, error_type, location, copied

    yield broken("an unknown field", "extra_forbidden", ("events", 0, "venue"), lambda e: e.update(venue="Oval Office"))
    yield broken("a wrong enum value", "enum", ("events", 0, "kind"), lambda e: e.update(kind="rumour"))
    yield broken("a missing required field", "missing", ("events", 0, "title"), lambda e: e.pop("title"))
    yield broken("an id off its pattern", "string_pattern_mismatch", ("events", 0, "id"), lambda e: e.update(id="Call 1"))
    yield broken("an empty citations list", "too_short", ("events", 0, "citations"), lambda e: e.update(citations=[]))
    yield broken("a string for a list", "list_type", ("events", 0, "participants"), lambda e: e.update(participants="russia"))
    # What a YAML 1.1 loader makes of an unquoted `11:00`: the base-60 number 660.
    yield broken("a time read by YAML 1.1", "string_type", ("events", 0, "date", "time"), lambda e: e["date"].update(time=660))
    unknown_section = copy.deepcopy(document) | {"meetings": []}
    yield "an unknown section", "extra_forbidden", ("meetings",), unknown_section


def check_data(models_dir):
    root = getattr(import_models(models_dir), ROOT_MODEL)
    files = data_files()
    rejected = 0
    for path in files:
        try:
            root.model_validate(load_yaml(path))
        except pydantic.ValidationError as error:
            rejected += 1
            print(f"  FAIL {path.relative_to(REPO)}: rejected by {ROOT_MODEL}\n{error}")
    print(f"  {ROOT_MODEL}.model_validate: {len(files) - rejected} of {len(files)} data files valid")

    events_file = REPO / "data" / "events.yaml"
    broken = list(broken_copies(load_yaml(events_file)))
    missed = 0
    for what, error_type, location, document in broken:
        try:
            root.model_validate(document)
            found = "accepted"
        except pydantic.ValidationError as error:
            found = [(e["type"], e["loc"]) for e in error.errors()]
            if (error_type, location) in found:
                continue
        missed += 1
        print(f"  FAIL {what}: expected {error_type} at {location}, got {found}")
    print(
        f"  {len(broken) - missed} of {len(broken)} broken copies of {events_file.relative_to(REPO)} "
        "rejected with the expected error"
    )
    return bool(files) and not rejected and not missed


if __name__ == "__main__":
    command, models_dir = sys.argv[1], pathlib.Path(sys.argv[2])
    sys.exit(0 if {"import": check_import, "data": check_data}[command](models_dir) else 1)
