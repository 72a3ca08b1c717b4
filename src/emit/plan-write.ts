import { readFile, realpath, stat } from 'node:fs/promises';
import type { Stats } from 'node:fs';
import path from 'node:path';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { MANIFEST_PATH } from '../render/manifest-file.js';
import { inspectPath, isMissing, isSafeRelativePath, lstatOrNothing, type PathProblem } from './out-paths.js';

/**
 * How `generate` treats a file: `generated` files are written every time and
 * recorded in the manifest; an `if-absent` file (a user-owned starter, such
 * as an extensions module) is written only when nothing is there, and is then
 * the user's: never overwritten, taken over, or removed.
 */
export type WriteMode = 'generated' | 'if-absent';

/** A file to emit: a rendered file, optionally with its write mode (default `generated`). */
export interface EmitFile {
  path: string;
  content: string;
  mode?: WriteMode;
}

/** A file to put in place, and the parent directories to create for it. */
export interface PlannedWrite {
  path: string;
  content: string;
  /** Something is there now and is replaced. */
  replaces: boolean;
  missingParents: string[];
}

/** Everything `generate` will change in the output directory, checked before anything is touched. */
export interface WritePlan {
  /** The output directory, resolved; its real path when it exists. */
  root: string;
  exists: boolean;
  writes: PlannedWrite[];
  unchanged: string[];
  /** `if-absent` files already there, left as they are. */
  kept: string[];
  /** Files the manifest did not record, overwritten because the user passed --take-over. */
  takenOver: string[];
  /** Files the previous manifest recorded that this generation no longer produces. */
  removals: string[];
}

/**
 * Checks every path `generate` would write or delete before anything is
 * touched: each must stay inside the output directory with symbolic links
 * resolved, find directories where directories go and files where files go,
 * and either be absent, be a file the previous manifest records as generated,
 * hold the same bytes already, or be taken over explicitly.
 */
export async function planWrite(input: {
  outDir: string;
  files: readonly EmitFile[];
  takeOver?: boolean;
}): Promise<{ plan?: WritePlan; diagnostics: Diagnostic[] }> {
  const display = (relative: string): string =>
    relative === '' ? input.outDir : path.join(input.outDir, relative).split(path.sep).join('/');
  const files = [...input.files].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  for (const file of files) {
    if (!isSafeRelativePath(file.path))
      throw new Error(`refusing to write outside the output directory: "${file.path}"`);
  }
  const located = await locateRoot({ outDir: input.outDir, display });
  if (!located.root) return { diagnostics: located.diagnostics };
  const { root, exists } = located;
  const plan: WritePlan = { root, exists, writes: [], unchanged: [], kept: [], takenOver: [], removals: [] };
  if (!exists) {
    plan.writes = files.map((file) => ({
      path: file.path,
      content: file.content,
      replaces: false,
      missingParents: [],
    }));
    return { plan, diagnostics: [] };
  }

  const problems = new ProblemList(display);
  const previous = await readPrevious({ root, display, problems });
  const notGenerated: string[] = [];
  for (const file of files) {
    const state = await inspectPath({ root, relativePath: file.path });
    if (state.problem) {
      problems.add({ problem: state.problem, file: file.path, action: 'write' });
      continue;
    }
    if (state.entry === undefined) {
      plan.writes.push({
        path: file.path,
        content: file.content,
        replaces: false,
        missingParents: state.missingParents,
      });
    } else if (file.mode === 'if-absent') {
      plan.kept.push(file.path);
    } else if (await holds({ root, file, entry: state.entry })) {
      plan.unchanged.push(file.path);
    } else if (previous.recorded?.has(file.path) || input.takeOver) {
      plan.writes.push({ path: file.path, content: file.content, replaces: true, missingParents: [] });
      if (!previous.recorded?.has(file.path)) plan.takenOver.push(file.path);
    } else {
      notGenerated.push(file.path);
    }
  }
  const produced = new Set(files.map((file) => file.path));
  for (const stale of [...(previous.recorded ?? [])].filter((file) => !produced.has(file)).sort()) {
    const state = await inspectPath({ root, relativePath: stale });
    if (state.problem?.kind === 'outside') problems.add({ problem: state.problem, file: stale, action: 'delete' });
    else if (!state.problem && state.entry !== undefined) plan.removals.push(stale);
  }
  const diagnostics = [
    ...problems.diagnostics(),
    ...notGenerated.map((file) => notGeneratedDiagnostic({ file, display, previous })),
  ];
  return diagnostics.length > 0 ? { diagnostics } : { plan, diagnostics };
}

async function locateRoot(input: {
  outDir: string;
  display: (relative: string) => string;
}): Promise<{ root?: string; exists: boolean; diagnostics: Diagnostic[] }> {
  const resolved = path.resolve(input.outDir);
  const info = await statOrNothing(resolved);
  if (info?.isDirectory()) return { root: await realpath(resolved), exists: true, diagnostics: [] };
  if (info)
    return { exists: false, diagnostics: [notDirectory({ message: `${input.outDir} exists and is not a directory` })] };
  if ((await lstatOrNothing(resolved))?.isSymbolicLink()) {
    return {
      exists: false,
      diagnostics: [notDirectory({ message: `${input.outDir} is a symbolic link to a directory that does not exist` })],
    };
  }
  // --out will be created: whatever exists of its parents must be directories.
  for (let dir = path.dirname(resolved); ; dir = path.dirname(dir)) {
    const parent = await statOrNothing(dir);
    if (parent && !parent.isDirectory()) {
      return {
        exists: false,
        diagnostics: [notDirectory({ message: `cannot create ${input.outDir}: ${dir} is not a directory` })],
      };
    }
    if (parent || dir === path.dirname(dir)) break;
  }
  return { root: resolved, exists: false, diagnostics: [] };
}

async function statOrNothing(target: string): Promise<Stats | undefined> {
  try {
    return await stat(target);
  } catch (error) {
    if (isMissing(error)) return undefined;
    throw error;
  }
}

/** The file already has exactly these bytes (a symbolic link never counts: it is replaced, not followed). */
async function holds(input: { root: string; file: EmitFile; entry: Stats }): Promise<boolean> {
  if (!input.entry.isFile() || input.entry.size !== Buffer.byteLength(input.file.content, 'utf8')) return false;
  return (await readFile(path.join(input.root, input.file.path), 'utf8')) === input.file.content;
}

interface Previous {
  /** Files the manifest in the output directory records as generated (the manifest included); undefined without a readable one. */
  recorded?: Set<string>;
  /** Why there is no readable manifest, when a file is there. */
  problem?: string;
}

async function readPrevious(input: {
  root: string;
  display: (relative: string) => string;
  problems: ProblemList;
}): Promise<Previous> {
  const state = await inspectPath({ root: input.root, relativePath: MANIFEST_PATH });
  if (state.entry === undefined) return {};
  if (!state.entry.isFile()) return { problem: `${MANIFEST_PATH} is not a regular file` };
  let files: unknown;
  try {
    files = (JSON.parse(await readFile(path.join(input.root, MANIFEST_PATH), 'utf8')) as { files?: unknown }).files;
  } catch {
    return { problem: `${MANIFEST_PATH} is not valid JSON` };
  }
  if (typeof files !== 'object' || files === null || Array.isArray(files))
    return { problem: `${MANIFEST_PATH} has no "files" record` };
  const recorded = new Set<string>([MANIFEST_PATH]);
  for (const file of Object.keys(files)) {
    if (isSafeRelativePath(file)) recorded.add(file);
    else input.problems.addManifestEntry(file);
  }
  return { recorded };
}

/** Problems found while planning, one diagnostic per place however many files it affects. */
class ProblemList {
  private readonly found = new Map<string, { problem: PathProblem; files: string[]; action: 'write' | 'delete' }>();
  private readonly manifestEntries: string[] = [];

  constructor(private readonly display: (relative: string) => string) {}

  add(input: { problem: PathProblem; file: string; action: 'write' | 'delete' }): void {
    const key = `${input.problem.kind} ${input.problem.at} ${input.action}`;
    const existing = this.found.get(key);
    if (existing) existing.files.push(input.file);
    else this.found.set(key, { problem: input.problem, files: [input.file], action: input.action });
  }

  addManifestEntry(file: string): void {
    this.manifestEntries.push(file);
  }

  diagnostics(): Diagnostic[] {
    const result = [...this.found.values()].map(({ problem, files, action }) =>
      this.describe({ problem, files, action }),
    );
    for (const entry of this.manifestEntries) {
      result.push({
        code: 'MCPGEN_OUT_OUTSIDE',
        severity: 'error',
        message: `${MANIFEST_PATH} lists "${entry}", which is not a path inside the output directory; generate never deletes outside it`,
        location: at(this.display(MANIFEST_PATH)),
        hint: 'The manifest was edited: restore it from version control, or delete it and run `mcpgen generate --take-over`.',
      });
    }
    return result;
  }

  private describe(input: { problem: PathProblem; files: string[]; action: 'write' | 'delete' }): Diagnostic {
    const { problem, files, action } = input;
    const where = this.display(problem.at);
    const first = files[0] ?? problem.at;
    const affected = `${first}${files.length > 1 ? ` and ${files.length - 1} more` : ''}`;
    const verb =
      action === 'write'
        ? `generate writes ${affected} there`
        : `generate would delete ${affected}, a file it generated before`;
    switch (problem.kind) {
      case 'outside':
        return {
          code: 'MCPGEN_OUT_OUTSIDE',
          severity: 'error',
          message: `${where} is a symbolic link to ${problem.realTarget}, outside the output directory; ${verb}, and never writes or deletes outside it`,
          location: at(where),
          hint: 'Replace the symbolic link with a directory, or choose another --out.',
        };
      case 'not-directory':
        return {
          code: 'MCPGEN_OUT_PATH_CONFLICT',
          severity: 'error',
          message: `${where} is not a directory, but ${verb}`,
          location: at(where),
          hint: `Move or rename ${where}, or choose another --out.`,
        };
      case 'is-directory':
        return {
          code: 'MCPGEN_OUT_PATH_CONFLICT',
          severity: 'error',
          message: `${where} is a directory, but generate writes a file there`,
          location: at(where),
          hint: `Move or rename ${where}, or choose another --out.`,
        };
      case 'special':
        return {
          code: 'MCPGEN_OUT_PATH_CONFLICT',
          severity: 'error',
          message: `${where} is not a regular file (a socket, pipe or device), but generate writes a file there`,
          location: at(where),
          hint: `Remove ${where}, or choose another --out.`,
        };
    }
  }
}

function notGeneratedDiagnostic(input: {
  file: string;
  display: (relative: string) => string;
  previous: Previous;
}): Diagnostic {
  const why = input.previous.recorded
    ? `${MANIFEST_PATH} does not record it`
    : (input.previous.problem ?? `there is no ${MANIFEST_PATH}`);
  return {
    code: 'MCPGEN_OUT_FILE_NOT_GENERATED',
    severity: 'error',
    message: `${input.display(input.file)} exists and was not generated by mcpgen (${why}); generate would overwrite it`,
    location: at(input.display(input.file)),
    hint: 'Move it out of the output directory, or pass --take-over to let generate overwrite it (it then becomes a generated file).',
  };
}

function notDirectory(input: { message: string }): Diagnostic {
  return {
    code: 'MCPGEN_OUT_NOT_DIRECTORY',
    severity: 'error',
    message: input.message,
    hint: 'Choose a directory for --out.',
  };
}

function at(file: string): { file: string; line: number; column: number } {
  return { file, line: 1, column: 1 };
}
