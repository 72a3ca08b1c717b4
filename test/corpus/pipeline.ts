/**
 * Runs the whole corpus with both cores busy: generation runs in this
 * process while type checks and tools/list run in child processes. Projects
 * are type-checked in batches (one tsc program per batch pays the type
 * libraries once), each batch starting as soon as it is written.
 *
 * Revisions of one API (the drift pairs) share most tools byte for byte: a
 * revision's tool whose file, and the runtime it imports, are identical to
 * the previous revision's was compiled and listed with that revision; only
 * the tools that differ are compiled and listed again, in a project of their own.
 */
import path from 'node:path';
import { hasErrors } from '../../src/diagnostics/diagnostic.js';
import { formatDiagnostics } from '../../src/diagnostics/format.js';
import type { RenderedFile } from '../../src/plan/project-files.js';
import { CORPUS_DIR, projectName, type CorpusSpec } from './corpus.js';
import { compiledEntry, generateFor, listSpecOperations, listTools, typeCheck, writeGenerated, type Generation } from './harness.js';

/** Per spec: the pass rate the suite asserts on and reports. */
export interface SpecResult {
  file: string;
  attempted: number;
  generated: number;
  compiled: number;
  listed: number;
  /** Revisions: tools identical to the previous revision's (compiled and listed there). */
  sharedWithPrevious: number;
  problems: string[];
}

/** A batch is type-checked once it holds this many tools. */
const BATCH_TOOLS = 250;
const TSC_CONCURRENCY = 2;
const LIST_CONCURRENCY = 2;

/** `openapi.2024-08-22.f318438.json` → `openapi.json`: revisions of one API share a family. */
export function familyOf(file: string): string {
  return file.replace(/\.\d{4}-\d{2}-\d{2}\.[0-9a-f]{7}(?=\.[a-z]+$)/, '');
}

interface Project {
  file: string;
  name: string;
  generation: Generation;
  /** Tools this project compiles and lists itself. */
  own: string[];
  /** Tools proven by identity with the previous revision, whose project is named. */
  shared: string[];
  previous?: Project;
  compileErrors: string[];
  compiled: boolean;
  listed: Set<string>;
  problems: string[];
}

class Limiter {
  private running = 0;
  private readonly waiting: Array<() => void> = [];
  constructor(private readonly limit: number) {}
  async run<T>(task: () => Promise<T>): Promise<T> {
    if (this.running >= this.limit) await new Promise<void>((resolve) => this.waiting.push(resolve));
    this.running += 1;
    try {
      return await task();
    } finally {
      this.running -= 1;
      this.waiting.shift()?.();
    }
  }
}

export async function runCorpus(input: { specs: CorpusSpec[]; workDir: string }): Promise<SpecResult[]> {
  const { workDir } = input;
  const tsc = new Limiter(TSC_CONCURRENCY);
  const lister = new Limiter(LIST_CONCURRENCY);
  const pending: Array<Promise<void>> = [];
  const projects = new Map<string, Project>();
  const latest = new Map<string, { project: Project; files: Map<string, string> }>();
  const failures = new Map<string, SpecResult>();
  let batch: Project[] = [];

  const flush = (): void => {
    if (batch.length === 0) return;
    const members = batch;
    const group = `batch${pending.length + 1}`;
    batch = [];
    pending.push(checkAndList({ workDir, group, members, tsc, lister }));
  };

  // Small specs first, so the first batch's type check overlaps the generation of the large ones.
  const ordered = [...input.specs].sort((a, b) => a.operations - b.operations || compare(a.file, b.file));
  const revisionOrder = [...input.specs].sort((a, b) => compare(a.file, b.file));
  for (const spec of [...ordered.filter((s) => !isRevision(s, revisionOrder)), ...revisionOrder.filter((s) => isRevision(s, revisionOrder))]) {
    const specPath = path.join(CORPUS_DIR, spec.file);
    const name = projectName(spec.file);
    const listed = await listSpecOperations(specPath);
    if (hasErrors(listed.diagnostics)) {
      failures.set(spec.file, failed({ file: spec.file, problems: [formatDiagnostics(listed.diagnostics)] }));
      continue;
    }
    const generation = await generateFor({ specPath, name, all: listed.all, workDir });
    if (!generation.files || hasErrors(generation.diagnostics)) {
      const errors = generation.diagnostics.filter((d) => d.severity === 'error');
      failures.set(spec.file, { ...failed({ file: spec.file, problems: [formatDiagnostics(errors)] }), attempted: generation.operations.length });
      continue;
    }
    const family = familyOf(spec.file);
    const previous = latest.get(family);
    const changed = previous ? changedTools({ generation, previous: previous.files }) : new Set(generation.expectedTools);
    const project: Project = {
      file: spec.file,
      name,
      generation,
      own: generation.expectedTools.filter((tool) => changed.has(tool)),
      shared: generation.expectedTools.filter((tool) => !changed.has(tool)),
      ...(previous ? { previous: previous.project } : {}),
      compileErrors: [],
      compiled: false,
      listed: new Set(),
      problems: [],
    };
    projects.set(spec.file, project);
    latest.set(family, { project, files: fileMap(generation.files) });
    if (project.own.length === 0) continue;
    const files = previous
      ? (await generateFor({ specPath, name, all: listed.all, workDir, only: changed })).files
      : generation.files;
    if (!files) {
      project.problems.push(`the revision's changed tools did not generate on their own: ${project.own.join(', ')}`);
      continue;
    }
    await writeGenerated({ files, projectDir: path.join(workDir, name) });
    batch.push(project);
    if (batch.reduce((sum, member) => sum + member.own.length, 0) >= BATCH_TOOLS) flush();
  }
  flush();
  await Promise.all(pending);
  return input.specs.map((spec) => {
    const project = projects.get(spec.file);
    return project ? summarize(project) : (failures.get(spec.file) ?? failed({ file: spec.file, problems: ['not run'] }));
  });
}

function isRevision(spec: CorpusSpec, sorted: CorpusSpec[]): boolean {
  const family = familyOf(spec.file);
  if (family === spec.file) return false;
  return sorted.find((candidate) => familyOf(candidate.file) === family)?.file !== spec.file;
}

async function checkAndList(input: { workDir: string; group: string; members: Project[]; tsc: Limiter; lister: Limiter }): Promise<void> {
  const { workDir, group, members } = input;
  const errors = await input.tsc.run(() => typeCheck({ workDir, group, projects: members.map((member) => member.name) }));
  await Promise.all(
    members.map(async (member) => {
      member.compileErrors = errors.get(member.name) ?? [];
      member.compiled = member.compileErrors.length === 0;
      if (!member.compiled) return;
      try {
        const tools = await input.lister.run(() => listTools(compiledEntry({ workDir, group, project: member.name })));
        member.listed = new Set(tools.map((tool) => tool.name));
        const unexpected = tools.map((tool) => tool.name).filter((tool) => !member.own.includes(tool));
        if (unexpected.length > 0) member.problems.push(`tools/list has tools the allowlist does not name: ${unexpected.join(', ')}`);
      } catch (error) {
        member.problems.push(`tools/list failed: ${error instanceof Error ? error.message : String(error)}`);
      }
    }),
  );
}

function failed(input: { file: string; problems: string[] }): SpecResult {
  return { file: input.file, attempted: 0, generated: 0, compiled: 0, listed: 0, sharedWithPrevious: 0, problems: input.problems };
}

function fileMap(files: RenderedFile[]): Map<string, string> {
  return new Map(files.map((file) => [file.path, file.content]));
}

/** Tools whose file differs from the previous revision's; all of them when the runtime they import differs. */
function changedTools(input: { generation: Generation; previous: Map<string, string> }): Set<string> {
  const files = fileMap(input.generation.files ?? []);
  const runtimeChanged = [...files].some(([file, content]) => file.startsWith('src/runtime/') && input.previous.get(file) !== content);
  const changed = new Set<string>();
  for (const tool of input.generation.expectedTools) {
    const file = input.generation.toolFiles.get(tool);
    if (runtimeChanged || file === undefined || files.get(file) !== input.previous.get(file)) changed.add(tool);
  }
  return changed;
}

/** Whether a tool compiled and was listed, following shared tools back through earlier revisions. */
function toolStatus(project: Project, tool: string): { compiled: boolean; listed: boolean } {
  if (project.own.includes(tool)) return { compiled: project.compiled, listed: project.listed.has(tool) };
  return project.previous ? toolStatus(project.previous, tool) : { compiled: false, listed: false };
}

function summarize(project: Project): SpecResult {
  const statuses = project.generation.expectedTools.map((tool) => toolStatus(project, tool));
  return {
    file: project.file,
    attempted: project.generation.operations.length,
    generated: project.generation.generated,
    compiled: statuses.filter((status) => status.compiled).length,
    listed: statuses.filter((status) => status.listed).length,
    sharedWithPrevious: project.shared.length,
    problems: [...project.compileErrors.slice(0, 10), ...project.problems],
  };
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
