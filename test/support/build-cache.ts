/**
 * A build shared by every test file that needs it, keyed by the hash of all
 * its inputs: the first caller builds (tsc is the slow part of many
 * end-to-end files), later callers, in this run or the next, copy the result.
 * The key covers every input byte, the lockfile (what node_modules holds) and
 * the compiler version, so a cached result is the one a fresh build would give.
 * It lives under node_modules/.cache, which `npm ci` starts empty.
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { mkdir, mkdtemp, open, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { REPO_ROOT } from '../../scripts/worked-example.js';

const CACHE_ROOT = path.join(REPO_ROOT, 'node_modules/.cache/mcpgen-tests');
/** A lock older than this belongs to a run that was killed mid-build. */
const STALE_LOCK_MS = 10 * 60_000;

/** Every file under each input (directories walked in sorted order), with its path, hashed with the shared inputs. */
export function inputHash(inputs: readonly string[]): string {
  const hash = createHash('sha256');
  const always = [
    path.join(REPO_ROOT, 'package-lock.json'),
    path.join(REPO_ROOT, 'node_modules/typescript/package.json'),
  ];
  const add = (file: string): void => {
    hash.update(`${path.relative(REPO_ROOT, file)}\0`);
    hash.update(readFileSync(file));
    hash.update('\0');
  };
  const walk = (entry: string): void => {
    if (!statSync(entry).isDirectory()) return add(entry);
    for (const name of readdirSync(entry).sort()) {
      if (name === 'node_modules' || name === 'dist') continue;
      walk(path.join(entry, name));
    }
  };
  for (const input of [...always, ...inputs]) walk(input);
  return hash.digest('hex').slice(0, 24);
}

/**
 * The directory holding `build`'s output for these inputs, built once. `build`
 * writes into the directory it is given; the result is published by an atomic
 * rename, so a directory that exists is complete.
 */
export async function cachedBuild(input: {
  name: string;
  inputs: readonly string[];
  build: (outDir: string) => Promise<void>;
}): Promise<string> {
  await mkdir(CACHE_ROOT, { recursive: true });
  const done = path.join(CACHE_ROOT, `${input.name}-${inputHash(input.inputs)}`);
  const lock = `${done}.lock`;
  for (;;) {
    if (existsSync(done)) return done;
    const handle = await open(lock, 'wx').catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'EEXIST') return undefined;
      throw error;
    });
    if (!handle) {
      // Another test file is building the same thing: wait for it (or take over from a dead run).
      const since = await stat(lock).then(
        (info) => Date.now() - info.mtimeMs,
        () => 0,
      );
      if (since > STALE_LOCK_MS) await rm(lock, { force: true });
      else await new Promise((resolve) => setTimeout(resolve, 250));
      continue;
    }
    try {
      const work = await mkdtemp(`${done}.building-`);
      try {
        await input.build(work);
        await rename(work, done);
      } catch (error) {
        await rm(work, { recursive: true, force: true });
        throw error;
      }
      return done;
    } finally {
      await handle.close();
      await rm(lock, { force: true });
    }
  }
}
