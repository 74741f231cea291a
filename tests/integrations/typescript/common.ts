// What load.ts and compare.ts share: reading a YAML file the way a TypeScript user would (the
// `yaml` package, YAML 1.2 core schema), and ajv set up for accord's schema in strict mode.

import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import Ajv2020 from "ajv/dist/2020";
import type { ValidateFunction } from "ajv/dist/2020";
import { parseAllDocuments } from "yaml";
import type { AccordDataFile } from "./generated/accord";

export const SCHEMA = "schemas/accord.schema.json";

/** A validator for accord data files that is also a type guard for the generated root type. */
export function schemaValidator(): ValidateFunction<AccordDataFile> {
  const ajv = new Ajv2020({ allErrors: true, strict: true });
  // accord's own annotation keywords, and the editor keywords yaml-language-server reads:
  // meaningful to accord and to editors, not to validation. Strict mode stays on otherwise.
  ajv.addVocabulary([
    "x-accord-refers-to",
    "x-accord-verbatim",
    "x-accord-format-version",
    "x-accord-scaffold",
    "markdownEnumDescriptions",
    "markdownDescription",
  ]);
  return ajv.compile<AccordDataFile>(JSON.parse(readFileSync(SCHEMA, "utf8")));
}

/** A file's single YAML document as plain data, or why the `yaml` package cannot give one. */
export type Read = { value: unknown } | { unreadable: string };

export function readYaml(path: string): Read {
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(readFileSync(path));
  } catch {
    return { unreadable: "not UTF-8" };
  }
  const documents = parseAllDocuments(text);
  if (documents.length !== 1) return { unreadable: `${documents.length} YAML documents` };
  const [document] = documents;
  const error = document?.errors[0];
  if (!document || error) return { unreadable: `${error?.code}: ${error?.message.split("\n")[0]?.replace(/:$/, "")}` };
  try {
    return { value: document.toJS() };
  } catch (e) {
    return { unreadable: String(e) };
  }
}

/** The *.yaml and *.yml files under a directory, sorted, as accord finds them. */
export function yamlFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: "utf8" })
    .filter((name) => /\.ya?ml$/.test(name))
    .map((name) => join(dir, name))
    .sort();
}
