import { randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, rm, stat, unlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { RenderedFile } from '../plan/project-files.js';
import { MANIFEST_PATH } from '../render/render-project.js';
import { resolveInside } from './safe-path.js';

export interface WriteSummary {
  written: string[];
  unchanged: string[];
  removed: string[];
}

/**
 * Writes the project so that a failure leaves `outDir` as it was: every file
 * is staged in a sibling directory first, then moved into place (a rename on
 * the same filesystem). A new `outDir` appears whole in one rename. Files the
 * previous manifest listed and this generation does not are removed; files
 * mcpgen never generated are left alone.
 */
export async function writeProject(input: { outDir: string; files: RenderedFile[] }): Promise<WriteSummary> {
  const outDir = path.resolve(input.outDir);
  const exists = await isDirectory(outDir);
  const staging = `${outDir}.mcpgen-staging-${randomBytes(4).toString('hex')}`;
  try {
    for (const file of input.files) {
      const target = resolveInside({ outDir: staging, relativePath: file.path });
      await mkdir(path.dirname(target), { recursive: true });
      await writeFile(target, file.content, 'utf8');
    }
    if (!exists) {
      await mkdir(path.dirname(outDir), { recursive: true });
      await rename(staging, outDir);
      return { written: input.files.map((f) => f.path), unchanged: [], removed: [] };
    }
    return await moveInto({ outDir, staging, files: input.files });
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
}

async function moveInto(input: { outDir: string; staging: string; files: RenderedFile[] }): Promise<WriteSummary> {
  const { outDir, staging, files } = input;
  const previous = await previouslyGenerated(outDir);
  const summary: WriteSummary = { written: [], unchanged: [], removed: [] };
  for (const file of files) {
    const target = resolveInside({ outDir, relativePath: file.path });
    const current = await readFile(target, 'utf8').catch(() => undefined);
    if (current === file.content) {
      summary.unchanged.push(file.path);
      continue;
    }
    await mkdir(path.dirname(target), { recursive: true });
    await rename(resolveInside({ outDir: staging, relativePath: file.path }), target);
    summary.written.push(file.path);
  }
  const now = new Set(files.map((f) => f.path));
  for (const stale of previous.filter((p) => !now.has(p))) {
    try {
      await unlink(resolveInside({ outDir, relativePath: stale }));
      summary.removed.push(stale);
    } catch {
      // Already gone, or a path we refuse to touch: nothing to remove.
    }
  }
  return summary;
}

/** Files listed in the existing manifest: the ones mcpgen wrote last time. */
export async function previouslyGenerated(outDir: string): Promise<string[]> {
  try {
    const manifest = JSON.parse(await readFile(path.join(outDir, MANIFEST_PATH), 'utf8')) as {
      files?: Record<string, string>;
    };
    return [...Object.keys(manifest.files ?? {}), MANIFEST_PATH];
  } catch {
    return [];
  }
}

async function isDirectory(target: string): Promise<boolean> {
  try {
    const info = await stat(target);
    if (!info.isDirectory()) throw new OutNotDirectoryError(target);
    return true;
  } catch (error) {
    if (error instanceof OutNotDirectoryError) throw error;
    return false;
  }
}

export class OutNotDirectoryError extends Error {
  constructor(readonly target: string) {
    super(`${target} exists and is not a directory`);
    this.name = 'OutNotDirectoryError';
  }
}
