#!/usr/bin/env bash
# Proves that schemas/accord.schema.json works for Python users, with the real tools:
#   generate          datamodel-code-generator turns the schema into pydantic v2 models that import;
#   load the data     those models validate every YAML file in data/ and reject broken copies;
#   same verdict      Python jsonschema and the models judge every fixture, example of `accord explain`
#                     and data file as accord does.
# Run from anywhere; it is idempotent. Everything it makes goes under target/ (git-ignored).
set -euo pipefail
cd "$(dirname "$0")/../../.."

here=tests/integrations/python
out=target/integrations/python
venv=target/integrations/python-venv
py=$venv/bin/python
# No __pycache__ beside the scripts, nor beside tests/independent/validate_with_python.py they import.
export PYTHONDONTWRITEBYTECODE=1

step() { printf '\n== %s\n' "$*"; }

step "setup"
if [ ! -x "$py" ]; then
  python3 -m venv "$venv"
fi
"$py" -m pip install --quiet --disable-pip-version-check -r "$here/requirements.txt"
# Built every run (a no-op when fresh), so that an accord older than the code is never used.
cargo build --locked --quiet
# The examples of `accord explain` as data files, which same_verdict.py checks as fixtures.
cargo run --quiet --example explain_examples -- target/explain-examples
mkdir -p "$out"
"$py" - <<'EOF'
import importlib.metadata, platform
tools = ("datamodel-code-generator", "pydantic", "jsonschema", "PyYAML")
print(f"  Python {platform.python_version()}, " + ", ".join(f"{t} {importlib.metadata.version(t)}" for t in tools))
EOF
echo "  $(target/debug/accord --version)"

failed=()

step "generate: datamodel-code-generator -> $out/accord_models.py"
# The options that read most like hand-written models: Annotated fields and named type aliases
# instead of con* types and RootModel wrappers, StrEnums, and the schema's descriptions as
# docstrings (kept as field descriptions by use_attribute_docstrings).
codegen=(
  "$venv/bin/datamodel-codegen"
  --input schemas/accord.schema.json
  --input-file-type jsonschema
  --output "$out/accord_models.py"
  --output-model-type pydantic_v2.BaseModel
  --target-python-version 3.11
  --use-annotated
  --field-constraints
  --use-type-alias
  --use-specialized-enum
  --capitalise-enum-members
  --use-schema-description
  --use-field-description
  --use-attribute-docstrings
  --use-single-line-docstring
  --use-double-quotes
  --disable-timestamp
  --formatters builtin
)
if "${codegen[@]}" 2>"$out/codegen.log"; then
  echo "  wrote $(wc -l <"$out/accord_models.py") lines"
  # Say what the generator could not map (a warning, not a failure).
  sed -n 's/^.*UserWarning: \(.*\)$/  generator warning: \1/p' "$out/codegen.log" | sort -u
  if "$py" "$here/check_models.py" import "$out"; then generated=yes; else generated=no; failed+=(generate); fi
else
  cat "$out/codegen.log"
  generated=no
  failed+=(generate)
fi

if [ "$generated" = yes ]; then
  step "load the data: the generated models validate data/ and reject broken documents"
  "$py" "$here/check_models.py" data "$out" || failed+=("load the data")

  step "same verdict as accord: jsonschema and the models against accord check, file by file"
  "$py" "$here/same_verdict.py" "$out" || failed+=("same verdict as accord")
else
  echo "  skipping the other steps: there are no models to run"
  failed+=("load the data (skipped)" "same verdict as accord (skipped)")
fi

step "summary"
for name in generate "load the data" "same verdict as accord"; do
  status=ok
  for f in "${failed[@]+"${failed[@]}"}"; do
    case "$f" in "$name"*) status=FAILED ;; esac
  done
  printf '  %-24s %s\n' "$name" "$status"
done
[ ${#failed[@]} -eq 0 ]
