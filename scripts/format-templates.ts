/**
 * Formats mcpgen's static templates with prettier, using the options
 * generated projects are formatted with. Generation writes these files
 * verbatim (formatting hundreds of files on every run is what made it slow),
 * so they must already be in prettier's layout; the golden tests check that
 * every generated file is. Templates with placeholders beyond the header are
 * listed and left to their authors.
 *
 *   npm run templates:format
 */
import { readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import * as prettier from 'prettier';
import { PRETTIER_OPTIONS } from '../src/render/code/print.js';
import { TEMPLATES_DIR } from '../src/render/asset-dirs.js';

const HEADER = '{{> header}}\n';
/** `{{{code declarations}}}`: declarations the code printer writes at generation. */
const CODE_BLOCK = /\{\{\{code [^}]+\}\}\}/g;
const header = await readFile(path.join(TEMPLATES_DIR, 'partials/header.hbs'), 'utf8');

for (const file of await listTemplates(path.join(TEMPLATES_DIR, 'project'))) {
  if (!file.endsWith('.ts.hbs')) continue;
  const text = await readFile(file, 'utf8');
  const blocks: string[] = [];
  // Code blocks are laid out at generation; stand-in statements keep their place.
  const masked = text.replace(CODE_BLOCK, (block) => `const __mcpgen_code_${blocks.push(block) - 1} = 0;`);
  const withHeader = masked.replace(HEADER, `${header.trimEnd()}\n`);
  const relative = path.relative(TEMPLATES_DIR, file);
  if (withHeader.includes('{{')) {
    console.log(`skipped (has placeholders): ${relative}`);
    continue;
  }
  const formatted = await prettier.format(withHeader, { ...PRETTIER_OPTIONS, parser: 'typescript' });
  const next = formatted
    .replace(`${header.trimEnd()}\n`, HEADER)
    .replace(/const __mcpgen_code_(\d+) = 0;/g, (_, index: string) => blocks[Number(index)] ?? '');
  if (next !== text) {
    await writeFile(file, next);
    console.log(`formatted: ${relative}`);
  }
}

async function listTemplates(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  const nested = await Promise.all(
    entries.map((entry) =>
      entry.isDirectory() ? listTemplates(path.join(dir, entry.name)) : [path.join(dir, entry.name)],
    ),
  );
  return nested.flat().sort();
}
