import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs/promises';
import path from 'node:path';
import { inParallel } from './in-parallel.js';
import { lstatOrNothing } from './out-paths.js';
import type { WritePlan } from './plan-write.js';

/** The file-system calls a commit makes: the real ones, or a test's that fail on purpose. */
export interface WriteOps {
  mkdir(target: string, options?: { recursive?: boolean }): Promise<string | undefined>;
  writeFile(target: string, content: string): Promise<void>;
  rename(from: string, to: string): Promise<void>;
  unlink(target: string): Promise<void>;
  rmdir(target: string): Promise<void>;
  rm(target: string, options: { recursive: boolean; force: boolean }): Promise<void>;
}

export const NODE_WRITE_OPS: WriteOps = {
  mkdir: (target, options) => fs.mkdir(target, options),
  writeFile: (target, content) => fs.writeFile(target, content, 'utf8'),
  rename: (from, to) => fs.rename(from, to),
  unlink: (target) => fs.unlink(target),
  rmdir: (target) => fs.rmdir(target),
  rm: (target, options) => fs.rm(target, options),
};

/** A commit that failed, after putting the output directory back as it was. */
export class CommitFailedError extends Error {
  constructor(readonly reason: unknown) {
    super(reason instanceof Error ? reason.message : String(reason));
    this.name = 'CommitFailedError';
  }
}

type Step =
  { kind: 'mkdir'; target: string } | { kind: 'moved'; from: string; to: string } | { kind: 'placed'; target: string };

/**
 * Carries out a checked plan. Every new file is written to a staging
 * directory first; then files are moved into place by rename, each file they
 * replace or remove moved aside first. A failure undoes every step in reverse,
 * so the output directory is left as it was. A new output directory is staged
 * beside it and appears in one rename.
 */
export async function commitWrite(input: { plan: WritePlan; ops?: WriteOps }): Promise<void> {
  const ops = input.ops ?? NODE_WRITE_OPS;
  const { plan } = input;
  const suffix = `mcpgen-staging-${randomBytes(4).toString('hex')}`;
  if (!plan.exists) {
    const staging = `${plan.root}.${suffix}`;
    let created: string | undefined;
    try {
      created = await ops.mkdir(path.dirname(plan.root), { recursive: true });
      await stage({ ops, dir: staging, plan });
      await ops.rename(staging, plan.root);
    } catch (error) {
      if (created !== undefined) await ops.rm(created, { recursive: true, force: true }).catch(() => undefined);
      throw new CommitFailedError(error);
    } finally {
      await ops.rm(staging, { recursive: true, force: true }).catch(() => undefined);
    }
    return;
  }

  const staging = path.join(plan.root, `.${suffix}`);
  const journal: Step[] = [];
  const aside = async (relative: string): Promise<void> => {
    const from = path.join(plan.root, relative);
    const to = path.join(staging, 'old', relative);
    await ops.mkdir(path.dirname(to), { recursive: true });
    await ops.rename(from, to);
    journal.push({ kind: 'moved', from, to });
  };
  try {
    await stage({ ops, dir: path.join(staging, 'new'), plan });
    for (const stale of plan.removals) await aside(stale);
    for (const write of plan.writes) {
      for (const dir of write.missingParents) {
        const target = path.join(plan.root, dir);
        if ((await lstatOrNothing(target)) !== undefined) continue;
        await ops.mkdir(target);
        journal.push({ kind: 'mkdir', target });
      }
      if (write.replaces) await aside(write.path);
      const target = path.join(plan.root, write.path);
      await ops.rename(path.join(staging, 'new', write.path), target);
      journal.push({ kind: 'placed', target });
    }
  } catch (error) {
    await undo({ ops, journal });
    throw new CommitFailedError(error);
  } finally {
    await ops.rm(staging, { recursive: true, force: true }).catch(() => undefined);
  }
}

/** Files written at once while staging: enough to keep libuv's thread pool (4 threads) busy. */
const STAGE_CONCURRENCY = 16;

async function stage(input: { ops: WriteOps; dir: string; plan: WritePlan }): Promise<void> {
  const targets = input.plan.writes.map((write) => ({
    file: path.join(input.dir, write.path),
    content: write.content,
  }));
  // Each directory once, before any file: a project has a handful of directories and hundreds of files.
  for (const dir of new Set(targets.map((target) => path.dirname(target.file))))
    await input.ops.mkdir(dir, { recursive: true });
  await inParallel({
    items: targets,
    limit: STAGE_CONCURRENCY,
    task: (target) => input.ops.writeFile(target.file, target.content),
  });
}

/** Reverses the journal, newest step first; each step is tried even if an earlier undo failed. */
async function undo(input: { ops: WriteOps; journal: Step[] }): Promise<void> {
  for (const step of [...input.journal].reverse()) {
    try {
      if (step.kind === 'placed') await input.ops.unlink(step.target);
      else if (step.kind === 'moved') await input.ops.rename(step.to, step.from);
      else await input.ops.rmdir(step.target);
    } catch {
      // Keep undoing the rest: every step put back is one less difference.
    }
  }
}
