/**
 * The generation half of the corpus run, for a list of specs: allowlist,
 * generate() in memory, checked against prettier's layout, project written. Revisions of one API (the drift
 * pairs) share most tools byte for byte with the previous revision: only the
 * tools whose file (or the runtime they import) differs are written, in a
 * project of their own; the others were compiled and listed with that revision.
 */
import path from 'node:path';
import { hasErrors } from '../../src/diagnostics/diagnostic.js';
import { formatDiagnostics } from '../../src/diagnostics/format.js';
import type { RenderedFile } from '../../src/plan/project-files.js';
import { CORPUS_DIR, projectName, type CorpusSpec } from './corpus.js';
import { unformattedFiles } from './formatting.js';
import { generateFor, listSpecOperations, writeGenerated, type Generation } from './harness.js';

/** What the generation half reports for one spec. */
export interface Prepared {
  file: string;
  /** Project directory name under the work directory. */
  name: string;
  attempted: number;
  generated: number;
  /** Tool names the allowlist asked for. */
  expectedTools: string[];
  /** Tools this spec's own project compiles and lists (its project is written only when non-empty). */
  own: string[];
  /** Tools identical to the previous revision's, named by `previous`. */
  shared: string[];
  previous?: string;
  problems: string[];
}

/** `openapi.2024-08-22.f318438.json` → `openapi.json`: revisions of one API share a family. */
export function familyOf(file: string): string {
  return file.replace(/\.\d{4}-\d{2}-\d{2}\.[0-9a-f]{7}(?=\.[a-z]+$)/, '');
}

/** Prepares the specs in order (a family's revisions oldest first), reporting each as soon as it is written. */
export async function prepareSpecs(input: {
  specs: CorpusSpec[];
  workDir: string;
  onPrepared: (prepared: Prepared) => void;
}): Promise<void> {
  const latest = new Map<string, { file: string; files: Map<string, string> }>();
  for (const spec of input.specs) {
    const family = familyOf(spec.file);
    const prepared = await prepareOne({ spec, workDir: input.workDir, previous: latest.get(family) });
    if (prepared.files) latest.set(family, { file: spec.file, files: fileMap(prepared.files) });
    input.onPrepared(prepared.result);
  }
}

async function prepareOne(input: {
  spec: CorpusSpec;
  workDir: string;
  previous: { file: string; files: Map<string, string> } | undefined;
}): Promise<{ result: Prepared; files?: RenderedFile[] }> {
  const { spec, workDir, previous } = input;
  const specPath = path.join(CORPUS_DIR, spec.file);
  const name = projectName(spec.file);
  const base: Prepared = {
    file: spec.file,
    name,
    attempted: 0,
    generated: 0,
    expectedTools: [],
    own: [],
    shared: [],
    problems: [],
  };
  const listed = await listSpecOperations(specPath);
  if (hasErrors(listed.diagnostics)) return { result: { ...base, problems: [formatDiagnostics(listed.diagnostics)] } };
  const generation = await generateFor({ specPath, name, all: listed.all, workDir });
  const counts = {
    attempted: generation.operations.length,
    generated: generation.generated,
    expectedTools: generation.expectedTools,
  };
  if (!generation.files || hasErrors(generation.diagnostics)) {
    const errors = generation.diagnostics.filter((d) => d.severity === 'error');
    return { result: { ...base, ...counts, problems: [formatDiagnostics(errors)] } };
  }
  const layout = await unformattedFiles(generation.files);
  if (layout.length > 0) return { result: { ...base, ...counts, problems: layout } };
  const changed = previous ? changedTools({ generation, previous: previous.files }) : new Set(generation.expectedTools);
  const result: Prepared = {
    ...base,
    ...counts,
    own: generation.expectedTools.filter((tool) => changed.has(tool)),
    shared: generation.expectedTools.filter((tool) => !changed.has(tool)),
    ...(previous ? { previous: previous.file } : {}),
  };
  if (result.own.length === 0) return { result, files: generation.files };
  const files = previous
    ? (await generateFor({ specPath, name, all: listed.all, workDir, only: changed })).files
    : generation.files;
  if (!files)
    return {
      result: { ...result, problems: [`the changed tools did not generate on their own: ${result.own.join(', ')}`] },
    };
  await writeGenerated({ files, projectDir: path.join(workDir, name) });
  return { result, files: generation.files };
}

function fileMap(files: RenderedFile[]): Map<string, string> {
  return new Map(files.map((file) => [file.path, file.content]));
}

/** Tools whose file differs from the previous revision's; all of them when the runtime they import differs. */
function changedTools(input: { generation: Generation; previous: Map<string, string> }): Set<string> {
  const files = fileMap(input.generation.files ?? []);
  const runtimeChanged = [...files].some(
    ([file, content]) => file.startsWith('src/runtime/') && input.previous.get(file) !== content,
  );
  const changed = new Set<string>();
  for (const tool of input.generation.expectedTools) {
    const file = input.generation.toolFiles.get(tool);
    if (runtimeChanged || file === undefined || files.get(file) !== input.previous.get(file)) changed.add(tool);
  }
  return changed;
}
