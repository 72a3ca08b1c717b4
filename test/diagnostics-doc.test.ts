import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { CATALOGUE } from '../src/diagnostics/catalogue.js';
import { DIAGNOSTICS_DOC, renderDiagnosticsReference } from '../scripts/diagnostics-doc.js';

describe('docs/diagnostics.md', () => {
  it('is what the catalogue generates (run `npm run docs:diagnostics` after changing a code)', async () => {
    const committed = await readFile(DIAGNOSTICS_DOC, 'utf8');
    expect(committed, 'docs/diagnostics.md is stale: run `npm run docs:diagnostics`').toBe(
      await renderDiagnosticsReference(),
    );
  });

  it('documents every code with its cause and fix', async () => {
    const committed = await readFile(DIAGNOSTICS_DOC, 'utf8');
    for (const [code, entry] of Object.entries(CATALOGUE)) {
      expect(committed).toContain(`## ${code}\n`);
      expect(committed).toContain(entry.title);
    }
  });
});
