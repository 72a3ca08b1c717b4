import { readdirSync } from 'node:fs';
import path from 'node:path';

/** Directories a generated project's own .gitignore excludes: build output, installs. */
const IGNORED_DIRS = new Set(['node_modules', 'dist']);

/** Every file under `root` (relative, `/`-separated, sorted), skipping build output and installs. */
export function listProjectFiles(root: string): string[] {
  const walk = (dir: string): string[] =>
    readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) return IGNORED_DIRS.has(entry.name) ? [] : walk(full);
      return entry.name === '.env' ? [] : [path.relative(root, full).split(path.sep).join('/')];
    });
  return walk(root).sort();
}
