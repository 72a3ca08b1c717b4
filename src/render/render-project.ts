import { createHash } from 'node:crypto';
import type { PlannedFile, RenderedFile } from '../plan/project-files.js';
import { formatFile } from './format.js';
import { getTemplate } from './templates.js';

export const MANIFEST_PATH = 'mcpgen.manifest.json';

/** Renders and formats every planned file, then adds the manifest with a hash per file. */
export async function renderProject(input: { files: PlannedFile[]; manifest: Record<string, unknown> }): Promise<RenderedFile[]> {
  // One file at a time: formatting in parallel keeps every syntax tree alive at once (1.6 GB on a 400-tool spec).
  const rendered: RenderedFile[] = [];
  for (const file of input.files) {
    const raw = file.kind === 'json' ? `${JSON.stringify(file.value, null, 2)}\n` : getTemplate(file.template)(file.view);
    rendered.push({ path: file.path, content: await formatFile({ path: file.path, content: normalizeNewlines(raw) }) });
  }
  const files = Object.fromEntries(rendered.map((file) => [file.path, sha256(file.content)]));
  const manifest = `${JSON.stringify({ ...input.manifest, files }, null, 2)}\n`;
  return [...rendered, { path: MANIFEST_PATH, content: await formatFile({ path: MANIFEST_PATH, content: manifest }) }].sort(
    (a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0),
  );
}

export function sha256(content: string): string {
  return createHash('sha256').update(content, 'utf8').digest('hex');
}

function normalizeNewlines(text: string): string {
  return text.replace(/\r\n?/g, '\n');
}
