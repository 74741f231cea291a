// Proves that a TypeScript user validating with the committed schema (ajv 8, draft 2020-12,
// strict mode, every error) gets accord's verdict: for every fixture, every example of the
// explanations (src/codes/), every data file and a few tricky inputs written here (NUL byte,
// alias bomb...), ajv says valid exactly when accord has no finding of a schema-expressible code,
// and ajv flags every place where accord reports one.
// Findings of rules JSON Schema cannot express are listed as known differences; files that
// accord or the `yaml` package cannot read as one YAML document are listed as not compared.
// Anything else is a disagreement and fails.
//
// accord checks fixtures as tests/accord/fixtures.rs does: each one together with the base
// dataset so that references to base records resolve; data/ is checked as a whole.
//
// Usage (from the repository root): node tests/integrations/typescript/build/compare.js

import { spawnSync } from "node:child_process";
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import type { ErrorObject } from "ajv/dist/2020";
import { readYaml, schemaValidator, yamlFiles } from "./common";

const ACCORD = "target/debug/accord";
const BASE = "tests/fixtures/base";
// The examples of `accord explain` as data files (bad/<code>.yaml, fixed/<code>.yaml), written
// by run.sh with `cargo run --example explain_examples`; checked like the fixtures.
const EXAMPLES = "target/explain-examples";

const SCHEMA_CODES = ["unknown-field", "missing-field", "invalid-type", "invalid-value", "invalid-pattern", "schema-violation", "empty-text"];
const RULE_CODES = ["impossible-date", "duplicate-id", "dangling-reference", "wrong-reference-kind", "self-reference", "duplicate-item", "inferred-part-absent", "attribution-mismatch", "missing-party", "kind-field-mismatch", "status-order", "lifecycle-order", "status-after-publication", "quote-not-found", "empty-source-text", "source-text-unreadable", "source-text-outside-dataset", "link-outside-dataset"];
const YAML_CODES = ["io-error", "file-too-large", "not-utf8", "empty-file", "yaml-syntax", "multiple-documents", "duplicate-key", "unsupported-yaml", "limit-exceeded"];
const WARNING_ONLY = ["yaml-1-1-value"];

interface Diagnostic {
  code: string;
  severity: string;
  message: string;
  path: string;
  pointer: string | null;
}

function accordCheck(paths: string[]): Diagnostic[] {
  const run = spawnSync(ACCORD, ["check", "--format", "json", ...paths], { encoding: "utf8", maxBuffer: 1 << 28 });
  if (run.status !== 0 && run.status !== 1) {
    throw new Error(`accord check ${paths.join(" ")} exited with ${run.status}: ${run.stderr}`);
  }
  const output = JSON.parse(run.stdout) as { version: number; diagnostics: Diagnostic[] };
  if (output.version !== 2) throw new Error(`accord's JSON output is version ${output.version}, expected 2`);
  return output.diagnostics;
}

// A few tricky inputs no fixture has, written under target/ and checked alone.
const EXTRA = "target/typescript-integration";
const person = (fields: string) => `people:\n  - {id: a, name: b, ${fields}citations: [{source: s, quote: q}]}\n`;
const bomb = Array.from({ length: 10 }, (_, i) => `a${i}: &a${i} [${Array(10).fill(i ? `*a${i - 1}` : "lol").join(", ")}]\n`);
rmSync(EXTRA, { recursive: true, force: true });
mkdirSync(EXTRA, { recursive: true });
for (const [name, text] of Object.entries({
  "nul-byte": "people: []\n\0\n",
  "byte-order-mark": "\uFEFFpeople: []\n",
  "alias-bomb": bomb.join(""),
  "deep-nesting": "[".repeat(10_000) + "]".repeat(10_000),
  "merge-key": "claims:\n  - <<: {id: a}\n    kind: position\n    summary: s\n    citations: [{source: s, quote: q}]\n",
  "null-value": person("wikidata: ~, "),
  "out-of-range": person("holds: [{office: o, term_number: 99999999999999999999, citations: [{source: s, quote: q}]}], "),
})) writeFileSync(`${EXTRA}/${name}.yaml`, text);

// Each file with the accord run that checks it.
const cases: { file: string; run: string[] }[] = [
  ...yamlFiles(BASE).map((file) => ({ file, run: [BASE] })),
  ...["tests/fixtures/valid", "tests/fixtures/invalid", `${EXAMPLES}/bad`, `${EXAMPLES}/fixed`]
    .flatMap(yamlFiles)
    .map((file) => ({ file, run: [BASE, file] })),
  ...yamlFiles("data").map((file) => ({ file, run: ["data"] })),
  ...yamlFiles(EXTRA).map((file) => ({ file, run: [file] })),
];

const validate = schemaValidator();
const runs = new Map<string, Diagnostic[]>();
const tally = { agree: 0, "known difference": 0, "not compared": 0, DISAGREE: 0 };
const codesSeen = new Set<string>();

for (const { file, run } of cases) {
  const key = run.join(" ");
  if (!runs.has(key)) runs.set(key, accordCheck(run));
  const diagnostics = (runs.get(key) ?? []).filter((d) => d.path === file);
  const codes = [...new Set(diagnostics.map((d) => d.code))].sort();
  codes.forEach((code) => codesSeen.add(code));
  const of = (list: string[]) => codes.filter((code) => list.includes(code));
  const unclassified = codes.filter((c) => ![SCHEMA_CODES, RULE_CODES, YAML_CODES, WARNING_ONLY].some((l) => l.includes(c)));
  const read = readYaml(file);
  const yamlPackage = "unreadable" in read ? `yaml package: ${read.unreadable}` : "the yaml package reads it";

  let verdict: keyof typeof tally;
  let detail: string;
  let ajvErrors: ErrorObject[] = [];
  if (unclassified.length) {
    verdict = "DISAGREE";
    detail = `accord code(s) this script does not classify: ${unclassified.join(", ")}`;
  } else if (of(YAML_CODES).length) {
    verdict = "not compared";
    detail = `accord ${of(YAML_CODES).join(", ")}; ${yamlPackage}`;
  } else if ("unreadable" in read) {
    verdict = "DISAGREE";
    detail = `accord reads the file, but the ${yamlPackage}`;
  } else {
    const ajvValid = validate(read.value);
    ajvErrors = validate.errors ?? [];
    const schemaFindings = diagnostics.filter((d) => SCHEMA_CODES.includes(d.code));
    // Where ajv puts each error: the instance, or for an extra field the field itself.
    const ajvPlaces = new Set(ajvErrors.flatMap((e) => [e.instancePath, `${e.instancePath}/${e.params["additionalProperty"]}`]));
    const unmatched = schemaFindings.filter((d) => !ajvPlaces.has(d.pointer ?? ""));
    const accordVerdict = schemaFindings.length ? `invalid (${of(SCHEMA_CODES).join(", ")})` : "valid";
    if (ajvValid === (schemaFindings.length === 0) && unmatched.length === 0) {
      verdict = of(RULE_CODES).length ? "known difference" : "agree";
      detail = of(RULE_CODES).length ? `${of(RULE_CODES).join(", ")}; schema verdict ${accordVerdict} in both` : accordVerdict;
      if (of(WARNING_ONLY).length) detail += ` (accord warns: ${of(WARNING_ONLY).join(", ")})`;
    } else {
      verdict = "DISAGREE";
      detail = `accord: ${accordVerdict}; ajv: ${ajvValid ? "valid" : "invalid"}` + (unmatched.length ? "; ajv flags nothing at some of accord's places" : "");
    }
  }
  tally[verdict]++;
  console.log(`${verdict.padEnd(16)} ${file}: ${detail}`);
  if (verdict === "DISAGREE") {
    for (const d of diagnostics) console.log(`    accord ${d.code} at ${d.pointer ?? "?"}: ${d.message}`);
    for (const e of ajvErrors) console.log(`    ajv ${e.keyword} at ${e.instancePath || "/"}: ${e.message}`);
  }
}

// The comparison proves something only while the files still hold each kind of case.
const needed = ["unknown-field", "missing-field", "invalid-type", "invalid-value", "invalid-pattern", "duplicate-key", "not-utf8", "multiple-documents"];
const missing = needed.filter((code) => !codesSeen.has(code));
if (missing.length) {
  console.log(`DISAGREE         no file gave ${missing.join(", ")}: the comparison has lost those cases`);
  tally.DISAGREE++;
}
console.log(`${cases.length} files: ${Object.entries(tally).map(([k, n]) => `${n} ${k}`).join(", ")}`);
process.exitCode = tally.DISAGREE ? 1 : 0;
