import type { FileLocation } from '../diagnostics/diagnostic.js';
import { formatLocation } from '../diagnostics/format.js';

/** The options `check` ran with, echoed into the `generate` command that fixes drift. */
export interface FixContext {
  /** As passed with --spec; absent when the allowlist's `spec:` was used. */
  spec?: string;
  allowlist: string;
  /** As passed with --out; absent when the allowlist's `out:` was used. */
  out?: string;
  allowExternalRefs: boolean;
}

/** `mcpgen generate …` with the same inputs `check` compared against. */
export function generateCommand(context: FixContext): string {
  const args = [
    ...(context.spec === undefined ? [] : ['--spec', context.spec]),
    '--allowlist',
    context.allowlist,
    ...(context.out === undefined ? [] : ['--out', context.out]),
    ...(context.allowExternalRefs ? ['--allow-external-refs'] : []),
  ];
  return ['mcpgen', 'generate', ...args.map(shellQuote)].join(' ');
}

/** An allowlist edit followed by regeneration. */
export function editThenGenerate(input: { context: FixContext; edit: string; at?: FileLocation }): string {
  const where = input.at ? ` at ${formatLocation(input.at)}` : ` in ${input.context.allowlist}`;
  return `${input.edit}${where}, then run: ${generateCommand(input.context)}`;
}

/** Quotes an argument for POSIX shells only when it needs it. */
export function shellQuote(arg: string): string {
  return /^[A-Za-z0-9_@%+=:,./-]+$/.test(arg) ? arg : `'${arg.replace(/'/g, `'\\''`)}'`;
}
