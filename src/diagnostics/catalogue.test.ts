import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { CATALOGUE, FINDING_CLASSES, type CatalogueEntry } from './catalogue.js';

/** Environment variables that share the prefix but are not diagnostic codes. */
const NOT_CODES = new Set(['MCPGEN_DEBUG']);

const SRC = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts') ? [full] : [];
  });
}

describe('diagnostics catalogue', () => {
  it('documents every code the source emits', () => {
    const used = new Set<string>();
    for (const file of sourceFiles(SRC)) {
      // `env['MCPGEN_DEBUG']` names an environment variable, not a diagnostic code.
      for (const match of readFileSync(file, 'utf8').matchAll(/(?<!env\[)'(MCPGEN_[A-Z0-9_]+)'/g)) used.add(match[1]!);
    }
    const missing = [...used].filter((code) => !(code in CATALOGUE) && !NOT_CODES.has(code)).sort();
    expect(missing).toEqual([]);
    expect(used.size).toBeGreaterThan(20);
  });

  it('gives every code a title, a cause and a fix', () => {
    for (const [code, entry] of Object.entries(CATALOGUE)) {
      expect(code).toMatch(/^MCPGEN_[A-Z0-9_]+$/);
      expect(entry.title.length, code).toBeGreaterThan(5);
      expect(entry.cause.length, code).toBeGreaterThan(10);
      expect(entry.fix.length, code).toBeGreaterThan(10);
    }
  });

  it('gives every drift code a class (breaking, compatible or info), and only drift codes', () => {
    for (const [code, entry] of Object.entries(CATALOGUE) as Array<[string, CatalogueEntry]>) {
      if (code.startsWith('MCPGEN_DRIFT_')) expect(FINDING_CLASSES, code).toContain(entry.class);
      else expect(entry.class, code).toBeUndefined();
    }
  });
});
