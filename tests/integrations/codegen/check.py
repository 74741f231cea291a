"""The checks of tests/integrations/codegen/run.sh that read generated code or JSON.

  check.py types SCHEMA GO_PAIR GO_SELF TS_PAIR
      quicktype, given accord.schema.json and export.referencing.schema.json in one run, declared
      each of the data-file schema's object and enum `$defs` once: no Purple/Fluffy-prefixed
      copies, no name declared twice, every such `$def` matched by exactly one Go struct (by its
      JSON field names) or Go enum (by its values), and the same Go types as the export schema's
      self-contained form gives, plus the data-file root. Prints which `$defs` and enum values
      Go's one namespace made quicktype rename.
  check.py same SCHEMA ORIGINAL REWRITTEN
      REWRITTEN equals ORIGINAL as JSON values (json.load ==, so key order, white space and
      escapes do not count) and is valid against SCHEMA (jsonschema, Draft 2020-12, with format
      checking). Says, without failing, where a number is spelled differently (`50.0` as `50`).
"""

import json
import re
import sys

# The words quicktype puts before a name that two different types would otherwise share.
QUICKTYPE_PREFIXES = (
    "Purple", "Fluffy", "Tentacled", "Sticky", "Indigo", "Indecent", "Hilarious", "Ambitious",
    "Cunning", "Magenta", "Frisky", "Mischievous", "Braggadocious",
)
PREFIXED = re.compile(r"^(%s)[A-Z]" % "|".join(QUICKTYPE_PREFIXES))


def go_declarations(path):
    """The Go file's named types: {name: ("struct", json field names) or ("enum", values)}."""
    text = open(path, encoding="utf-8").read()
    declared = re.findall(r"^type (\w+) ", text, re.M)
    repeated = sorted({name for name in declared if declared.count(name) > 1})
    types = {}
    for name, body in re.findall(r"^type (\w+) struct \{\n(.*?)^\}", text, re.M | re.S):
        types[name] = ("struct", frozenset(re.findall(r'json:"([^",]+)', body)))
    for name in re.findall(r"^type (\w+) string$", text, re.M):
        types[name] = ("enum", frozenset())
    consts = re.findall(r"^\t(\w+)\s+(\w+) = \"([^\"]*)\"$", text, re.M)
    for const, enum, value in consts:
        types[enum] = ("enum", types[enum][1] | {value})
    return declared, repeated, types, consts


def go_name(value):
    """The name quicktype's Go renderer gives an enum value when nothing else has it, but for the
    case of acronyms (`url` is `URL`)."""
    return "".join(word[:1].upper() + word[1:] for word in re.split(r"[^A-Za-z0-9]+", value) if word)


def types(schema_path, go_pair, go_self, ts_pair):
    schema = json.load(open(schema_path, encoding="utf-8"))
    problems = []

    declared, repeated, go_types, consts = go_declarations(go_pair)
    problems += [f"Go: {name} is declared more than once" for name in repeated]
    problems += [f"Go: {name} is a quicktype-prefixed copy" for name in declared if PREFIXED.match(name)]

    ts_text = open(ts_pair, encoding="utf-8").read()
    ts_declared = re.findall(r"^export (?:interface|enum|type) (\w+)", ts_text, re.M)
    problems += [f"TypeScript: {name} is declared more than once"
                 for name in sorted({n for n in ts_declared if ts_declared.count(n) > 1})]
    problems += [f"TypeScript: {name} is a quicktype-prefixed copy" for name in ts_declared if PREFIXED.match(name)]

    renamed = []
    checked = 0
    for name, definition in schema["$defs"].items():
        if "properties" in definition:
            shape = ("struct", frozenset(definition["properties"]))
        elif "oneOf" in definition and all("properties" in branch for branch in definition["oneOf"]):
            # quicktype merges the branches of a oneOf of objects into one struct.
            shape = ("struct", frozenset(p for branch in definition["oneOf"] for p in branch["properties"]))
        elif "enum" in definition:
            shape = ("enum", frozenset(definition["enum"]))
        else:
            continue  # a plain string with a pattern: no type of its own in Go or TypeScript
        checked += 1
        matches = [go for go, go_shape in go_types.items() if go_shape == shape]
        if len(matches) != 1:
            problems.append(f"Go: $defs/{name} matches {len(matches)} types: {matches}")
        elif matches[0] != name:
            taken = [f"{enum}.{const}" for const, enum, value in consts if const == name]
            renamed.append(f"$defs/{name} -> {matches[0]}"
                           + (f" (the constant {', '.join(taken)} has its name)" if taken else ""))
        if name not in ts_declared:
            problems.append(f"TypeScript: no type named {name}")
    for root in ("AccordDataFile", "AccordDatasetExport"):
        if root not in declared or root not in ts_declared:
            problems.append(f"{root}, a root, is missing")

    # The pair gives the same Go as the self-contained export schema, and the data-file root.
    self_declared = set(go_declarations(go_self)[0])
    if set(declared) != self_declared | {"AccordDataFile"}:
        problems.append("Go: the pair and the self-contained export schema declare different types: "
                        f"{sorted(set(declared) ^ (self_declared | {'AccordDataFile'}))}")

    if problems:
        print("\n".join("  " + problem for problem in problems))
        return 1
    objects = sum(1 for shape in go_types.values() if shape[0] == "struct")
    print(f"  Go: {len(declared)} types ({objects} structs), TypeScript: {len(ts_declared)} types;"
          " no quicktype-prefixed copy, none declared twice")
    print("  Go types renamed by quicktype (one namespace with the enum constants):")
    print("\n".join(f"    {line}" for line in renamed) or "    none")
    values = {}
    for const, enum, value in consts:
        values.setdefault(value, []).append((enum, const))
    print("  Go enum constants renamed because two enums share the value, or a type has its name:")
    lines = [f"    {value!r}: " + ", ".join(f"{enum}.{const}" for enum, const in sorted(uses))
             for value, uses in sorted(values.items())
             if any(const.lower() != go_name(value).lower() for enum, const in uses)]
    print("\n".join(lines) or "    none")
    print(f"each of the {checked} object and enum $defs declared once, in Go and in TypeScript")
    return 0


def spelled_numbers(original, rewritten, path="$"):
    """Where the same number is an int on one side and a float on the other."""
    if isinstance(original, dict):
        for key in original:
            yield from spelled_numbers(original[key], rewritten[key], f"{path}.{key}")
    elif isinstance(original, list):
        for index, (a, b) in enumerate(zip(original, rewritten)):
            yield from spelled_numbers(a, b, f"{path}[{index}]")
    elif isinstance(original, (int, float)) and not isinstance(original, bool) and type(original) is not type(rewritten):
        yield f"{path}: {json.dumps(original)} -> {json.dumps(rewritten)}"


def first_difference(a, b, path="$"):
    if type(a) is not type(b) and not (isinstance(a, (int, float)) and isinstance(b, (int, float))):
        return f"{path}: {json.dumps(a)[:80]} != {json.dumps(b)[:80]}"
    if isinstance(a, dict):
        for key in sorted(set(a) | set(b)):
            if key not in a or key not in b:
                return f"{path}.{key}: only in {'the original' if key in a else 'the rewritten'}"
            found = first_difference(a[key], b[key], f"{path}.{key}")
            if found:
                return found
    elif isinstance(a, list):
        if len(a) != len(b):
            return f"{path}: {len(a)} items != {len(b)}"
        for index, (x, y) in enumerate(zip(a, b)):
            found = first_difference(x, y, f"{path}[{index}]")
            if found:
                return found
    elif a != b:
        return f"{path}: {json.dumps(a)[:80]} != {json.dumps(b)[:80]}"
    return None


def same(schema_path, original_path, rewritten_path):
    import jsonschema

    original_bytes = open(original_path, "rb").read()
    rewritten_bytes = open(rewritten_path, "rb").read()
    original, rewritten = json.loads(original_bytes), json.loads(rewritten_bytes)
    failed = False
    if original != rewritten:
        print(f"  {rewritten_path} differs from {original_path}: {first_difference(original, rewritten)}")
        failed = True
    schema = json.load(open(schema_path, encoding="utf-8"))
    validator_class = jsonschema.validators.validator_for(schema)
    validator_class.check_schema(schema)
    validator = validator_class(schema, format_checker=jsonschema.FormatChecker())
    errors = sorted(validator.iter_errors(rewritten), key=lambda e: list(map(str, e.absolute_path)))
    for error in errors[:5]:
        print(f"  {rewritten_path}: not valid at /{'/'.join(map(str, error.absolute_path))}: {error.message[:120]}")
    failed = failed or bool(errors)
    if failed:
        return 1
    notes = list(spelled_numbers(original, rewritten))
    text = "byte for byte" if original_bytes == rewritten_bytes else "as JSON values"
    print(f"  {rewritten_path}: equal {text}, valid against {schema_path}"
          + (f"; numbers spelled differently: {', '.join(notes)}" if notes else ""))
    return 0


if __name__ == "__main__":
    command, *args = sys.argv[1:]
    sys.exit({"types": types, "same": same}[command](*args))
