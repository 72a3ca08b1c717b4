import type { Stats } from 'node:fs';
import { access, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { formatDiagnostics } from '../diagnostics/format.js';
import { writeFileAtomic } from '../emit/write-file.js';
import { planInit } from '../init/plan-init.js';
import { renderInit } from '../init/render-init.js';
import { specReference } from '../init/init.js';
import { loadSpec } from '../load/spec.js';
import { specHeaders } from './arguments.js';
import type { Output } from './output.js';

/** `mcpgen init` options, as parsed. */
export interface InitArgs {
  spec: string;
  out: string;
  force: boolean;
  allowExternalRefs: boolean;
  /** Raw `--spec-header` values. */
  specHeaders?: string | readonly string[];
}

/** `mcpgen init`: writes a starter allowlist listing every operation, disabled. Exit 0, or 2 on bad input. */
export async function runInit(args: InitArgs, output: Output): Promise<number> {
  const headers = specHeaders({ given: args.specHeaders, env: process.env });
  if (headers.diagnostics.length > 0) {
    output.error(formatDiagnostics(headers.diagnostics));
    return 2;
  }
  const outProblem = await unwritable(args.out);
  if (outProblem) {
    output.error(formatDiagnostics([outInvalid({ out: args.out, message: outProblem })]));
    return 2;
  }
  if (!args.force && (await exists(args.out))) {
    output.error(
      formatDiagnostics([
        {
          code: 'MCPGEN_INIT_FILE_EXISTS',
          severity: 'error',
          message: `${args.out} already exists; mcpgen init does not overwrite it`,
          location: { file: args.out, line: 1, column: 1 },
          hint: 'Pass --force to replace it, or --out <file> to write the starter allowlist elsewhere.',
        },
      ]),
    );
    return 2;
  }
  output.progress('loading spec…');
  const loaded = await loadSpec({
    spec: args.spec,
    allowExternalRefs: args.allowExternalRefs,
    headers: headers.headers,
  });
  output.progress('');
  if (!loaded.spec) {
    output.error(formatDiagnostics(loaded.diagnostics));
    return 2;
  }
  const plan = planInit({ spec: loaded.spec, specRef: specReference({ spec: args.spec, allowlistFile: args.out }) });
  try {
    await writeFileAtomic({
      file: args.out,
      content: renderInit({ plan, specLabel: loaded.spec.label, file: args.out }),
    });
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    output.error(formatDiagnostics([outInvalid({ out: args.out, message: `could not write ${args.out}: ${reason}` })]));
    return 2;
  }
  const count = plan.groups.reduce((sum, group) => sum + group.entries.length, 0);
  output.result(
    [
      `Wrote ${args.out}: ${count} operations in ${plan.groups.length} ${plan.groups.length === 1 ? 'group' : 'groups'}, all disabled.`,
      'Next: delete "enabled: false" from the operations the agent should use, rewrite their descriptions and check their risks,',
      `then run: mcpgen generate --allowlist ${args.out}`,
    ].join('\n'),
  );
  return 0;
}

/** `spec:` in the allowlist is relative to the allowlist file (URLs kept as they are). */
/** Why `out` cannot be written as a file: it is a directory, or a parent of it is a file. */
async function unwritable(out: string): Promise<string | undefined> {
  const target = path.resolve(out);
  if ((await statOrNothing(target))?.isDirectory()) return `${out} is a directory; mcpgen init writes a file`;
  for (let dir = path.dirname(target); ; dir = path.dirname(dir)) {
    const info = await statOrNothing(dir);
    if (info && !info.isDirectory()) return `cannot create ${out}: ${dir} is not a directory`;
    if (info || dir === path.dirname(dir)) return undefined;
  }
}

function outInvalid(input: { out: string; message: string }): Diagnostic {
  return {
    code: 'MCPGEN_INIT_OUT_INVALID',
    severity: 'error',
    message: input.message,
    location: { file: input.out, line: 1, column: 1 },
    hint: 'Pass --out the path of the allowlist file to write, e.g. --out mcpgen.yaml.',
  };
}

async function statOrNothing(target: string): Promise<Stats | undefined> {
  try {
    return await stat(target);
  } catch {
    return undefined;
  }
}

async function exists(file: string): Promise<boolean> {
  try {
    await access(file);
    return true;
  } catch {
    return false;
  }
}
