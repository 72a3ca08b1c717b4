import { lstat, realpath, stat } from 'node:fs/promises';
import type { Stats } from 'node:fs';
import path from 'node:path';

/** A relative, `/`-separated path that stays where it is joined: no `..`, no empty or `.` segment, not absolute. */
export function isSafeRelativePath(relativePath: string): boolean {
  if (
    relativePath === '' ||
    path.isAbsolute(relativePath) ||
    /^[A-Za-z]:/.test(relativePath) ||
    relativePath.includes('\0')
  )
    return false;
  return relativePath.split(/[\\/]/).every((segment) => segment !== '' && segment !== '.' && segment !== '..');
}

/** `child` is `root` or lies under it (both real, absolute paths). */
export function isInside(input: { root: string; child: string }): boolean {
  const relative = path.relative(input.root, input.child);
  return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative));
}

/** lstat, or undefined when nothing is there. */
export async function lstatOrNothing(target: string): Promise<Stats | undefined> {
  try {
    return await lstat(target);
  } catch (error) {
    if (isMissing(error)) return undefined;
    throw error;
  }
}

export function isMissing(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException).code;
  return code === 'ENOENT' || code === 'ENOTDIR';
}

/** What stands in the way of using a path under the output directory. */
export type PathProblem =
  | { kind: 'outside'; at: string; realTarget: string }
  | { kind: 'not-directory'; at: string }
  | { kind: 'is-directory'; at: string }
  | { kind: 'special'; at: string };

/** What is at a relative path under the real output directory, every parent checked. */
export interface PathState {
  problem?: PathProblem;
  /** The parent directories that do not exist yet (relative, outermost first). */
  missingParents: string[];
  /** The entry at the path itself (not followed when it is a symbolic link); undefined when absent. */
  entry?: Stats;
}

/**
 * Walks `relativePath` under `root` (a real path) one segment at a time with
 * lstat, so that every parent that is a symbolic link is resolved and must
 * stay inside `root`, every parent must be a directory, and the entry itself
 * is reported as it is (a symbolic link there is replaced or removed as a link,
 * never followed).
 */
export async function inspectPath(input: { root: string; relativePath: string }): Promise<PathState> {
  const segments = input.relativePath.split('/');
  const missingParents: string[] = [];
  for (let index = 0; index < segments.length - 1; index += 1) {
    const relative = segments.slice(0, index + 1).join('/');
    if (missingParents.length > 0) {
      missingParents.push(relative);
      continue;
    }
    const full = path.join(input.root, relative);
    const info = await lstatOrNothing(full);
    if (info === undefined) {
      missingParents.push(relative);
      continue;
    }
    if (info.isSymbolicLink()) {
      const realTarget = await realpath(full).catch(() => undefined);
      if (realTarget === undefined) return { problem: { kind: 'not-directory', at: relative }, missingParents };
      if (!isInside({ root: input.root, child: realTarget }))
        return { problem: { kind: 'outside', at: relative, realTarget }, missingParents };
      if (!(await stat(realTarget)).isDirectory())
        return { problem: { kind: 'not-directory', at: relative }, missingParents };
      continue;
    }
    if (!info.isDirectory()) return { problem: { kind: 'not-directory', at: relative }, missingParents };
  }
  if (missingParents.length > 0) return { missingParents };
  const entry = await lstatOrNothing(path.join(input.root, input.relativePath));
  if (entry === undefined) return { missingParents };
  if (entry.isDirectory()) return { problem: { kind: 'is-directory', at: input.relativePath }, missingParents, entry };
  if (!entry.isFile() && !entry.isSymbolicLink())
    return { problem: { kind: 'special', at: input.relativePath }, missingParents, entry };
  return { missingParents, entry };
}
