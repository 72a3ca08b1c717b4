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
  const planned = await planWrite(options);
  const { plan } = planned;
  if (!plan) return { diagnostics: planned.diagnostics };
  try {
    await commitWrite({ plan, ...(options.ops ? { ops: options.ops } : {}) });
  } catch (error) {
    if (!(error instanceof CommitFailedError)) throw error;
    return {
      diagnostics: [
        {
          code: 'MCPGEN_OUT_WRITE_FAILED',
          severity: 'error',
          message: `could not write ${options.outDir}: ${error.message}; everything written was undone`,
          hint: 'Check the permissions and free space of the output directory, then run generate again.',
        },
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

/** `--out` names something other than a directory (`check` reads such a path as bad input). */
export class OutNotDirectoryError extends Error {
  constructor(readonly target: string) {
    super(`${target} exists and is not a directory`);
    this.name = 'OutNotDirectoryError';
  }
}
