// Proves that the types json-schema-to-typescript generates from schemas/accord.schema.json are
// usable as hand-written types would be: this program is compiled with `strict`,
// `noUncheckedIndexedAccess` and `exactOptionalPropertyTypes`, reads every YAML file under the
// given directories (default: data) with the `yaml` package, narrows each to `AccordDataFile`
// with ajv's type guard, and walks the typed records across files. It fails if a file does not
// validate, if a section is empty, or if a typed reference does not resolve.
//
// Usage (from the repository root): node tests/integrations/typescript/build/load.js [DIR...]

import { readYaml, schemaValidator, yamlFiles } from "./common";
import type { AccordDataFile, Citation, FundProvision } from "./generated/accord";

// Compile-time checks: the generated types reject what the schema rejects. If one of these lines
// stops being a type error, tsc fails with "Unused '@ts-expect-error' directive".
export const rejected: Citation[] = [
  // @ts-expect-error an unknown field (the schema says additionalProperties: false)
  { source: "s", quote: "q", sumary: "x" },
  // @ts-expect-error a value outside the enum
  { source: "s", quote: "q", modality: "on_record" },
  // @ts-expect-error a required field is missing
  { source: "s" },
];
// @ts-expect-error an empty list where the schema says minItems: 1
export const noCitations: FundProvision = { summary: "s", citations: [] };

const validate = schemaValidator();
const files: AccordDataFile[] = [];
for (const path of (process.argv.length > 2 ? process.argv.slice(2) : ["data"]).flatMap(yamlFiles)) {
  const read = readYaml(path);
  if ("unreadable" in read) throw new Error(`${path}: ${read.unreadable}`);
  if (!validate(read.value)) throw new Error(`${path}: ${JSON.stringify(validate.errors, null, 2)}`);
  files.push(read.value); // narrowed to AccordDataFile by the type guard
}

const people = files.flatMap((file) => file.people ?? []);
const organizations = files.flatMap((file) => file.organizations ?? []);
const claims = files.flatMap((file) => file.claims ?? []);
const agreements = files.flatMap((file) => file.agreements ?? []);
for (const [section, records] of Object.entries({ people, organizations, claims, agreements })) {
  if (records.length === 0) throw new Error(`no ${section} in ${files.length} files: nothing to show`);
}

const actorNames = new Map<string, string>([...people, ...organizations].map((a) => [a.id, a.name]));
function actorName(id: string): string {
  const name = actorNames.get(id);
  if (name === undefined) throw new Error(`no person or organization has the id ${id}`);
  return name;
}

console.log(`${files.length} files`);
console.log(`people: ${people.map((p) => `${p.name} (${(p.holds ?? []).map((h) => h.office).join(", ") || "no office"})`).join("; ")}`);
console.log(`organizations: ${organizations.map((o) => o.name).join("; ")}`);
for (const claim of claims) {
  const holders = (claim.holders ?? []).map(actorName).join(", ") || "no holder";
  console.log(`claim ${claim.id} [${claim.kind}], held by ${holders}: ${claim.citations[0].quote.slice(0, 60)}`);
}
for (const agreement of agreements) {
  // `names` has minItems 1, so its type is a non-empty tuple and names[0] needs no undefined check.
  const others = agreement.names.slice(1).map((n) => n.name);
  console.log(`agreement ${agreement.id}: "${agreement.names[0].name}"${others.length ? `, also ${others.map((n) => `"${n}"`).join(", ")}` : ""}; parties ${agreement.parties.map(actorName).join(", ")}`);
}
console.log(`${files.length} files typed as AccordDataFile: people ${people.length}, organizations ${organizations.length}, claims ${claims.length}, agreements ${agreements.length}`);
