import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { CommitFailedError, commitWrite, type WriteOps } from './commit-write.js';
import { planWrite, type EmitFile } from './plan-write.js';

export type { EmitFile, WriteMode } from './plan-write.js';

export interface WriteSummary {
  written: string[];
  unchanged: string[];
  removed: string[];
  /** Files that were there without the manifest recording them, overwritten under --take-over. */
  takenOver: string[];
  /** `if-absent` files already there, left alone. */
  kept: string[];
}

export interface WriteProjectOptions {
  /** The output directory, as the user named it (diagnostics show paths under it). */
  outDir: string;
  files: readonly EmitFile[];
  /** Overwrite files the previous manifest does not record as generated. */
  takeOver?: boolean;
  /** File-system calls of the commit (tests inject failures). */
  ops?: WriteOps;
}

/**
 * Writes the project, or nothing: every path is checked first (see
 * `planWrite`), and the commit undoes itself on failure (see `commitWrite`).
 * Either way the result says why, as diagnostics; on success `outDir` holds
 * the generated files, stale generated files are gone, and files mcpgen never
 * generated are untouched.
 */
export async function writeProject(
  options: WriteProjectOptions,
): Promise<{ summary?: WriteSummary; diagnostics: Diagnostic[] }> {
  let planned: Awaited<ReturnType<typeof planWrite>>;
  try {
    planned = await planWrite(options);
  } catch (error) {
    // What the checks could not read (permissions, a path vanishing meanwhile): nothing was written yet.
    if (typeof (error as NodeJS.ErrnoException).code !== 'string') throw error;
    return {
      diagnostics: [
        writeFailed({
          outDir: options.outDir,
          reason: `could not inspect ${options.outDir}: ${(error as Error).message}; nothing was written`,
        }),
      ],
    };
  }
  const { plan } = planned;
  if (!plan) return { diagnostics: planned.diagnostics };
  try {
    await commitWrite({ plan, ...(options.ops ? { ops: options.ops } : {}) });
  } catch (error) {
    if (!(error instanceof CommitFailedError)) throw error;
    return {
      diagnostics: [
        writeFailed({
          outDir: options.outDir,
          reason: `could not write ${options.outDir}: ${error.message}; everything written was undone`,
        }),
      ],
    };
  }
  return {
    summary: {
      written: plan.writes.map((write) => write.path),
      unchanged: plan.unchanged,
      removed: plan.removals,
      takenOver: plan.takenOver,
      kept: plan.kept,
    },
    diagnostics: [],
  };
}

function writeFailed(input: { outDir: string; reason: string }): Diagnostic {
  return {
    code: 'MCPGEN_OUT_WRITE_FAILED',
    severity: 'error',
    message: input.reason,
    hint: 'Check the permissions and free space of the output directory, then run generate again.',
  };
}

/** `--out` names something other than a directory (`check` reads such a path as bad input). */
export class OutNotDirectoryError extends Error {
  constructor(readonly target: string) {
    super(`${target} exists and is not a directory`);
    this.name = 'OutNotDirectoryError';
  }
}
