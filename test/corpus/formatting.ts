import path from 'node:path';
import * as prettier from 'prettier';
import type { RenderedFile } from '../../src/plan/project-files.js';
import { PRETTIER_OPTIONS } from '../../src/render/code/print.js';

const PARSERS: Record<string, string> = { '.ts': 'typescript', '.json': 'json', '.md': 'markdown' };
const TOOL_FILES_CHECKED = 8;
const MAX_CHECKED_CHARS = 400_000;

/**
 * Generated files prettier would change (mcpgen writes prettier's layout
 * itself), each with its first differing line. A sample keeps the corpus run
 * short: the README, settings, the tool index, the first tool files, and the
 * test and snapshot files when they are not huge.
 */
export async function unformattedFiles(files: RenderedFile[]): Promise<string[]> {
  const toolFiles = files
    .filter((file) => file.path.startsWith('src/tools/') && file.path !== 'src/tools/index.ts')
    .slice(0, TOOL_FILES_CHECKED);
  const sample = files.filter(
    (file) =>
      toolFiles.includes(file) ||
      ['README.md', 'src/settings.ts', 'src/tools/index.ts', 'package.json'].includes(file.path) ||
      (['test/contract.test.ts', 'test/tools-list.test.ts', 'mcpgen.manifest.json'].includes(file.path) &&
        file.content.length <= MAX_CHECKED_CHARS),
  );
  const problems: string[] = [];
  for (const file of sample) {
    const parser = PARSERS[path.extname(file.path)];
    if (parser === undefined) continue;
    const formatted = await prettier.format(file.content, { ...PRETTIER_OPTIONS, parser });
    if (formatted === file.content) continue;
    const ours = file.content.split('\n');
    const theirs = formatted.split('\n');
    const at = ours.findIndex((line, index) => line !== theirs[index]);
    problems.push(
      `${file.path}:${at + 1} is not in prettier's layout: ${JSON.stringify(ours[at])} (prettier: ${JSON.stringify(theirs[at])})`,
    );
  }
  return problems;
}
