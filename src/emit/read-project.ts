import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { OutNotDirectoryError } from './write-project.js';
import { resolveInside } from './safe-path.js';

/** Never part of the comparison: what the generated project's own .gitignore excludes, and VCS data. */
const IGNORED_DIRS = new Set(['node_modules', 'dist', '.git']);
const IGNORED_FILES = new Set(['.env']);

/** What `--out` holds, as far as `check` needs it. */
export interface ProjectSnapshot {
  /** false when the directory does not exist yet. */
  exists: boolean;
  /** Every file, relative and `/`-separated, sorted; build output, installs and `.env` left out. */
  paths: string[];
  /** Contents of the files asked for that exist. */
  contents: Map<string, string>;
}

/**
 * Lists `outDir` and reads the files `check` compares (the others are only
 * listed, so a large stray file costs nothing). Throws OutNotDirectoryError
 * when `outDir` is a file.
 */
export async function readProject(input: { outDir: string; wanted: Iterable<string> }): Promise<ProjectSnapshot> {
  const outDir = path.resolve(input.outDir);
  if (!(await outDirExists(outDir))) return { exists: false, paths: [], contents: new Map() };
  const paths = (await walk({ root: outDir, dir: outDir })).sort();
  const present = new Set(paths);
  const contents = new Map<string, string>();
  for (const file of new Set(input.wanted)) {
    if (!present.has(file)) continue;
    contents.set(file, await readFile(resolveInside({ outDir, relativePath: file }), 'utf8'));
  }
  return { exists: true, paths, contents };
}

/** false when `outDir` does not exist; throws OutNotDirectoryError when it is a file. */
export async function outDirExists(outDir: string): Promise<boolean> {
  try {
    if (!(await stat(outDir)).isDirectory()) throw new OutNotDirectoryError(path.resolve(outDir));
    return true;
  } catch (error) {
    if (error instanceof OutNotDirectoryError) throw error;
    return false;
  }
}

async function walk(input: { root: string; dir: string }): Promise<string[]> {
  const entries = await readdir(input.dir, { withFileTypes: true });
  const nested = await Promise.all(
    entries.map(async (entry): Promise<string[]> => {
      const full = path.join(input.dir, entry.name);
      if (entry.isDirectory()) return IGNORED_DIRS.has(entry.name) ? [] : walk({ root: input.root, dir: full });
      if (!entry.isFile() || IGNORED_FILES.has(entry.name)) return [];
      return [path.relative(input.root, full).split(path.sep).join('/')];
    }),
  );
  return nested.flat();
}
