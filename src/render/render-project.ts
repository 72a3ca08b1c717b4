import type { PlannedFile, RenderedFile } from '../plan/project-files.js';
import { formatJson } from './format-json.js';
import { readRuntimeModule } from './runtime-modules.js';
import { MANIFEST_PATH, sha256 } from './manifest-file.js';
import { getTemplate } from './templates.js';

/**
 * Renders every planned file, then adds the manifest with a hash per file.
 * Files come out already in prettier's layout: templates are stored
 * formatted, declarations the plan built as syntax trees are laid out by
 * the code printer (`{{{code …}}}`), JSON by `formatJson`, Markdown tables by
 * `markdownTable`. The golden tests check the result against prettier.
 */
export async function renderProject(input: {
  files: PlannedFile[];
  manifest: Record<string, unknown>;
  /** The generation digest, given the hash of each file. */
  digest: (files: Readonly<Record<string, string>>) => string;
}): Promise<RenderedFile[]> {
  const rendered: RenderedFile[] = [];
  for (const file of input.files) {
    if (file.kind === 'json') rendered.push({ path: file.path, content: formatJson(file.value) });
    else if (file.kind === 'runtime') rendered.push({ path: file.path, content: readRuntimeModule(file.source) });
    else {
      const content = normalizeNewlines(getTemplate(file.template)(file.view));
      rendered.push({ path: file.path, content, ...(file.kind === 'user' ? { mode: 'if-absent' as const } : {}) });
    }
  }
  const hashed = rendered.filter((file) => file.mode !== 'if-absent');
  const files = Object.fromEntries(hashed.map((file) => [file.path, sha256(file.content)]));
  // Short objects on one line: the manifest is the largest file, and still diffs line by line.
  const manifest = formatJson(
    { ...input.manifest, generationDigest: input.digest(files), files },
    { inlineObjects: true },
  );
  return [...rendered, { path: MANIFEST_PATH, content: manifest }].sort((a, b) =>
    a.path < b.path ? -1 : a.path > b.path ? 1 : 0,
  );
}

function normalizeNewlines(text: string): string {
  return text.replace(/\r\n?/g, '\n');
}
