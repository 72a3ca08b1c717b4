/**
 * docs/diagnostics.md, the reference of every diagnostic code, generated from
 * the catalogue (src/diagnostics/catalogue.ts). `npm run docs:diagnostics`
 * writes it; test/diagnostics-doc.test.ts fails when it is stale.
 */
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as prettier from 'prettier';
import { CATALOGUE } from '../src/diagnostics/catalogue.js';

const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const DIAGNOSTICS_DOC = path.join(REPO_ROOT, 'docs/diagnostics.md');

/** The reference as Markdown, in catalogue order, laid out by prettier. */
export async function renderDiagnosticsReference(): Promise<string> {
  const entries = Object.entries(CATALOGUE);
  const text = [
    '<!-- Generated from src/diagnostics/catalogue.ts by `npm run docs:diagnostics`. Do not edit. -->',
    '',
    '# mcpgen diagnostics',
    '',
    `Every problem mcpgen reports carries one of these ${entries.length} stable codes, in its text output`,
    '(`path:line:col: error CODE: message`) and in `--format json` (`code`). Scripts may match on them.',
    '',
    ...entries.map(([code]) => `- [\`${code}\`](#${code.toLowerCase()})`),
    '',
    ...entries.flatMap(([code, entry]) => [
      `## ${code}`,
      '',
      `**${entry.title}.**`,
      '',
      `Cause: ${entry.cause}`,
      '',
      `Fix: ${entry.fix}`,
      '',
    ]),
  ].join('\n');
  return prettier.format(text, { parser: 'markdown', proseWrap: 'preserve' });
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  await writeFile(DIAGNOSTICS_DOC, await renderDiagnosticsReference());
  console.log(`wrote ${path.relative(process.cwd(), DIAGNOSTICS_DOC)}`);
}
