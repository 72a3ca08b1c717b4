import path from 'node:path';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { formatDiagnostics } from '../diagnostics/format.js';
import { OutNotDirectoryError, writeProject } from '../emit/write-project.js';
import { generate, relativeTo } from '../generate.js';
import { measureToolsList, TOOL_WARN_BYTES, TOTAL_WARN_BYTES } from '../plan/tools-size.js';
import type { Output } from './output.js';

export interface GenerateArgs {
  spec?: string;
  allowlist: string;
  out?: string;
  allowExternalRefs: boolean;
}

/** `mcpgen generate`: exit 0 on success, 2 on bad input (nothing written then). */
export async function runGenerate(args: GenerateArgs, output: Output): Promise<number> {
  const result = await generate({
    allowlist: args.allowlist,
    ...(args.spec ? { spec: args.spec } : {}),
    allowExternalRefs: args.allowExternalRefs,
    onStage: (stage) => output.progress(`${stage === 'load' ? 'loading spec and allowlist' : stage === 'build' ? 'building tools' : 'rendering files'}…`),
  });
  const outDir = args.out ?? relativeTo(args.allowlist, result.allowlist?.out);
  const diagnostics: Diagnostic[] = [...result.diagnostics];
  if (result.files && !outDir) {
    diagnostics.push({
      code: 'MCPGEN_USAGE',
      severity: 'error',
      message: 'no output directory given: pass --out <dir> or set `out:` in the allowlist',
      location: { file: args.allowlist, line: 1, column: 1 },
    });
  }
  const sizes = result.model ? measureToolsList(result.model) : undefined;
  for (const tool of sizes?.tools ?? []) {
    if (tool.bytes > TOOL_WARN_BYTES) {
      diagnostics.push({
        code: 'MCPGEN_TOOL_TOO_LARGE',
        severity: 'warning',
        message: `tool "${tool.name}" takes ${tool.bytes} bytes (~${tool.tokens} tokens) of the agent's context`,
        hint: 'Shorten its description, hide parameters with fixed values, or keep fewer response fields.',
      });
    }
  }
  if (sizes && sizes.totalBytes > TOTAL_WARN_BYTES) {
    diagnostics.push({
      code: 'MCPGEN_TOOLS_LIST_TOO_LARGE',
      severity: 'warning',
      message: `tools/list takes ${sizes.totalBytes} bytes (~${sizes.totalTokens} tokens) of the agent's context`,
      hint: 'Expose fewer tools, or split them across servers by task.',
    });
  }
  if (diagnostics.length > 0) output.error(formatDiagnostics(diagnostics));
  if (!result.files || !outDir || diagnostics.some((d) => d.severity === 'error')) return 2;

  output.progress('writing files…');
  let summary;
  try {
    summary = await writeProject({ outDir, files: result.files });
  } catch (error) {
    if (error instanceof OutNotDirectoryError) {
      output.error(formatDiagnostics([{ code: 'MCPGEN_OUT_NOT_DIRECTORY', severity: 'error', message: error.message, hint: 'Choose a directory for --out.' }]));
      return 2;
    }
    throw error;
  }
  output.progress('');
  const rows = (sizes?.tools ?? []).map((t) => `  ${t.name.padEnd(32)} ${String(t.bytes).padStart(7)} B  ~${t.tokens} tokens`);
  output.result(
    [
      `Generated ${result.files.length} files in ${path.relative(process.cwd(), path.resolve(outDir)) || '.'} (${summary.written.length} written, ${summary.unchanged.length} unchanged, ${summary.removed.length} removed).`,
      `tools/list: ${sizes?.tools.length ?? 0} tools, ${sizes?.totalBytes ?? 0} bytes (~${sizes?.totalTokens ?? 0} tokens)`,
      ...rows,
    ].join('\n'),
  );
  return 0;
}
