#!/usr/bin/env bash
# Proves that accord's schemas work with code generators, with the real tools:
#   quicktype pair  quicktype 23, given schemas/accord.schema.json and
#                   schemas/export.referencing.schema.json in one run (`--src-lang schema`, in
#                   either order), resolves the latter's absolute `$ref`s
#                   (https://accord.invalid/schemas/v2/accord.schema.json#/$defs/…) to the given
#                   file, fetching nothing, and declares each shared type once, in Go and in
#                   TypeScript: no Purple/Fluffy-prefixed copy. It prints the Go types and enum
#                   constants quicktype renames where names clash in Go's one namespace.
#   go round trip   Go types quicktype generates (`--lang go`, no other option needed: all optional
#                   fields get `omitempty`, and `--omit-empty` changes nothing for these schemas)
#                   from schemas/export.schema.json, and from the pair above, built with Debian's Go,
#                   read `accord export` of data/ and of tests/fixtures/story/ and write it back:
#                   the same JSON values, valid against schemas/export.schema.json (jsonschema).
#   rust round trip Rust types cargo-typify generates from schemas/export.schema.json (typify
#                   resolves no external `$ref`, so the self-contained form) do the same with serde.
# Pinned: quicktype in package.json and package-lock.json, cargo-typify and jsonschema below, the
# Rust round trip's crates in rust/Cargo.toml and rust/Cargo.lock. What is missing is installed
# (Go, Node and python3-venv with apt-get, as root); installs under target/ are reused by later
# runs. Everything it makes goes under target/integrations/codegen/ (git-ignored). Run from
# anywhere; it is idempotent, and exits non-zero if a step fails. A cold run takes about five
# minutes, most of them building cargo-typify; a warm one, seconds.
set -euo pipefail
cd "$(dirname "$0")/../../.."

here=tests/integrations/codegen
out=target/integrations/codegen
typify_version=0.8.0
jsonschema_version=4.26.0
quicktype_version=$(sed -n 's/^ *"quicktype": "\(.*\)"$/\1/p' "$here/package.json")
export PYTHONDONTWRITEBYTECODE=1

step() { printf '\n== %s\n' "$*"; }

apt_updated=no
apt_install() {
  if [ "$(id -u)" -ne 0 ]; then
    echo "  missing: apt-get install $*; run as root, or install it first" >&2
    return 1
  fi
  if [ "$apt_updated" = no ]; then
    apt-get update -qq >"$out/apt.log" 2>&1 || { cat "$out/apt.log"; return 1; }
    apt_updated=yes
  fi
  echo "  apt-get install $*"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@" >"$out/apt.log" 2>&1 ||
    { cat "$out/apt.log"; return 1; }
}

step "setup"
mkdir -p "$out/inputs"
command -v go >/dev/null || apt_install golang-go
command -v npm >/dev/null || apt_install nodejs npm
command -v python3 >/dev/null || apt_install python3 python3-venv

# quicktype, from the committed lock file; npm ci again only when that lock file changed.
npm_dir=$out/npm
qt=$npm_dir/node_modules/.bin/quicktype
if ! { [ -x "$qt" ] && cmp -s "$here/package-lock.json" "$npm_dir/package-lock.json"; }; then
  mkdir -p "$npm_dir"
  cp "$here/package.json" "$here/package-lock.json" "$npm_dir/"
  (cd "$npm_dir" && npm ci --no-audit --no-fund --loglevel=error)
fi

# cargo-typify, built once into target/.
typify_root=$out/tools/cargo-typify-$typify_version
typify=$typify_root/bin/cargo-typify
if [ ! -x "$typify" ]; then
  echo "  cargo install cargo-typify@$typify_version (a few minutes, once)"
  cargo install --locked --quiet --root "$typify_root" --target-dir "$out/tools/build" \
    "cargo-typify@$typify_version"
  rm -rf "$out/tools/build"
fi

# Python jsonschema, in a venv of its own.
venv=$out/venv
py=$venv/bin/python
if [ ! -x "$py" ]; then
  rm -rf "$venv"
  if ! python3 -m venv "$venv" 2>/dev/null; then
    rm -rf "$venv"
    apt_install python3-venv
    python3 -m venv "$venv"
  fi
fi
if ! "$py" -c "import importlib.metadata as m, sys; sys.exit(m.version('jsonschema') != '$jsonschema_version')" 2>/dev/null; then
  "$py" -m pip install --quiet --disable-pip-version-check "jsonschema==$jsonschema_version"
fi

# Go builds with the standard library only: no module proxy, no checksum database, no toolchain
# download, caches under target/.
export GOPROXY=off GOSUMDB=off GOFLAGS=-mod=mod GO111MODULE=on GOTOOLCHAIN=local GOTELEMETRY=off
export GOCACHE="$PWD/$out/go/cache" GOPATH="$PWD/$out/go/path"

# Built every run (a no-op when fresh), so that an accord older than the code is never used.
cargo build --locked --quiet
# The exports the round trips read: the bundled dataset, and the story fixture, which has every
# kind of quantity, a vote, funds with contributions and conflicting reports.
inputs=()
for source in data tests/fixtures/story; do
  input=$out/inputs/$(basename "$source").json
  target/debug/accord export "$source" >"$input"
  inputs+=("$input")
done
# What the steps generate is made anew each run, so that no step reads a file left by another run.
rm -rf "$out/go/self" "$out/go/pair" "$out/ts" "$out/rust/src"
installed_quicktype=$("$qt" --version | sed -n 's/^quicktype version //p')
if [ "$installed_quicktype" != "$quicktype_version" ]; then
  echo "  quicktype $installed_quicktype is installed, package.json pins $quicktype_version" >&2
  exit 1
fi
echo "  quicktype $installed_quicktype, cargo-typify $typify_version, $(go version | cut -d' ' -f3)," \
  "node $(node --version), jsonschema $("$py" -c 'import importlib.metadata as m; print(m.version("jsonschema"))')," \
  "$(target/debug/accord --version)"

quicktype_pair() {
  mkdir -p "$out/go/pair" "$out/ts"
  # --src-lang schema: without it quicktype reads the schemas as sample JSON documents. The order of
  # the two files does not matter; the data-file schema's `$id` is what the `$ref`s find.
  local pair=(--src-lang schema schemas/accord.schema.json schemas/export.referencing.schema.json)
  "$qt" --lang go --package main --debug print-schema-resolving -o "$out/go/pair/export.go" \
    "${pair[@]}" >"$out/quicktype-pair-resolving.log" 2>&1 ||
    { grep -v '^adding mapping' "$out/quicktype-pair-resolving.log" | tail -n 20; return 1; }
  "$qt" --lang ts --just-types -o "$out/ts/pair.ts" "${pair[@]}"
  # Go of the self-contained form, to compare with; the go round trip builds it too. With one
  # source, quicktype names the root after the output file unless told.
  mkdir -p "$out/go/self"
  "$qt" --lang go --package main --src-lang schema --top-level AccordDatasetExport \
    -o "$out/go/self/export.go" schemas/export.schema.json
  if grep -E "trying to fetch https?:" "$out/quicktype-pair-resolving.log"; then
    echo "  quicktype tried to fetch a schema (see $out/quicktype-pair-resolving.log)"
    return 1
  fi
  # shellcheck disable=SC2016 # a literal $defs
  grep -qF 'resolved to https://accord.invalid/schemas/v2/accord.schema.json#/$defs/Citation (schemas/accord.schema.json#' \
    "$out/quicktype-pair-resolving.log"
  echo "  the absolute \$refs resolved to schemas/accord.schema.json, nothing fetched"
  "$py" "$here/check.py" types schemas/accord.schema.json "$out/go/pair/export.go" \
    "$out/go/self/export.go" "$out/ts/pair.ts"
}

go_round_trip() {
  # quicktype_pair wrote the Go of both forms; the self-contained one is made again here only when
  # that step did not get as far.
  [ -s "$out/go/self/export.go" ] ||
    "$qt" --lang go --package main --src-lang schema --top-level AccordDatasetExport \
      -o "$out/go/self/export.go" schemas/export.schema.json
  local form input name
  for form in self pair; do
    if [ ! -s "$out/go/$form/export.go" ]; then
      echo "  no Go from the $form form: quicktype pair failed"
      return 1
    fi
    cp "$here/go/go.mod" "$here/go/main.go" "$out/go/$form/"
    (cd "$out/go/$form" && go vet . && go build -o ../roundtrip-$form .)
    for input in "${inputs[@]}"; do
      name=$(basename "$input" .json)
      "$out/go/roundtrip-$form" "$input" "$out/go/$name.$form.json"
      "$py" "$here/check.py" same schemas/export.schema.json "$input" "$out/go/$name.$form.json"
    done
  done
  echo "Go types of both forms give back both exports"
}

rust_round_trip() {
  local crate=$out/rust input name
  mkdir -p "$crate/src"
  cp "$here/rust/Cargo.toml" "$here/rust/Cargo.lock" "$crate/"
  cp "$here/rust/roundtrip.rs" "$crate/src/"
  # --no-builder: plain types, without the builder code nobody here uses (which compiles too, with
  # some 60 dead-code warnings).
  "$typify" typify --no-builder -o "$crate/src/export.rs" schemas/export.schema.json
  echo "  $(grep -cE '^pub (struct|enum) ' "$crate/src/export.rs") types in $crate/src/export.rs"
  CARGO_TARGET_DIR=$out/rust-target cargo build --locked --quiet --manifest-path "$crate/Cargo.toml"
  for input in "${inputs[@]}"; do
    name=$(basename "$input" .json)
    "$out/rust-target/debug/roundtrip" "$input" "$crate/$name.json"
    "$py" "$here/check.py" same schemas/export.schema.json "$input" "$crate/$name.json"
  done
  echo "Rust types give back both exports"
}

# shellcheck source=tests/integrations/steps.sh
. tests/integrations/steps.sh
run_steps codegen quicktype_pair go_round_trip rust_round_trip
