/**
 * The SARIF 2.1.0 JSON schema (OASIS, as published by SchemaStore; see
 * fixtures/sarif/README.md) compiled with Ajv: SARIF output is checked
 * against the standard, not against our reading of it.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import AjvDraft04 from 'ajv-draft-04';
import ajvFormats from 'ajv-formats';

// Both are CommonJS modules whose `module.exports` also carries itself as `default`.
const Ajv = AjvDraft04.default;
const addFormats = ajvFormats.default;

const SCHEMA = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures/sarif/sarif-2.1.0-rtm.5.json');

export function sarifValidator() {
  // The schema's `language` pattern has a stray `]`, valid only without the `u` flag (as its draft-04 authors ran it).
  const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false });
  addFormats(ajv);
  return ajv.compile(JSON.parse(readFileSync(SCHEMA, 'utf8')) as object);
}
