import path from 'node:path';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { formatDiagnostics } from '../diagnostics/format.js';
import { writeProject, type WriteSummary } from '../emit/write-project.js';
import { generate, type GenerateResult } from '../generate.js';
import { relativeTo } from '../load/allowlist-paths.js';
import { planEnvVars } from '../plan/env-vars.js';
import { shellWord } from '../render/escape.js';
import {
  measureResourceLists,
  measureToolsList,
  TOOL_WARN_BYTES,
  TOTAL_WARN_BYTES,
  type ToolsSize,
} from '../plan/tools-size.js';
import type { GenerateFormat } from './formats.js';
import { specHeaders } from './arguments.js';
import type { Output } from './output.js';

/** Version of the `--format json` document; bumped only on incompatible changes. */
export const GENERATE_REPORT_VERSION = 1;

export interface GenerateArgs {
  spec?: string;
  allowlist: string;
  out?: string;
  allowExternalRefs: boolean;
  /** Overwrite files in `--out` that the manifest does not record as generated. */
  takeOver?: boolean;
  format?: GenerateFormat;
  /** Raw `--spec-header` values ('Name: value' or 'Name: $VAR'). */
  specHeaders?: string | readonly string[];
}

const STAGES = { load: 'loading spec and allowlist', build: 'building tools', render: 'rendering files' } as const;

/** `mcpgen generate`: exit 0 on success, 2 on bad input (nothing written then). */
export async function runGenerate(args: GenerateArgs, output: Output): Promise<number> {
  const format = args.format ?? 'text';
  const headers = specHeaders({ given: args.specHeaders, env: process.env });
  if (headers.diagnostics.length > 0) {
    output.error(formatDiagnostics(headers.diagnostics));
    if (format === 'json')
      output.result(JSON.stringify({ version: GENERATE_REPORT_VERSION, diagnostics: headers.diagnostics }, null, 2));
    return 2;
  }
  const result = await generate({
    specHeaders: headers.headers,
    allowlist: args.allowlist,
    ...(args.spec ? { spec: args.spec } : {}),
    allowExternalRefs: args.allowExternalRefs,
    onStage: (stage) => output.progress(`${STAGES[stage]}…`),
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
  const resourceSizes =
    result.model && result.model.resources.length > 0 ? measureResourceLists(result.model) : undefined;
  if (sizes) diagnostics.push(...sizeWarnings(sizes));
  const fail = (all: Diagnostic[]): number => {
    output.progress('');
    output.error(formatDiagnostics(all));
    if (format === 'json')
      output.result(JSON.stringify({ version: GENERATE_REPORT_VERSION, diagnostics: all }, null, 2));
    return 2;
  };
  if (!result.files || !outDir || diagnostics.some((d) => d.severity === 'error')) return fail(diagnostics);

  output.progress('writing files…');
  const written = await writeProject({ outDir, files: result.files, takeOver: args.takeOver === true });
  if (!written.summary) return fail([...diagnostics, ...written.diagnostics]);
  const summary = written.summary;
  output.progress('');
  if (diagnostics.length > 0) output.error(formatDiagnostics(diagnostics));
  const report = {
    outDir: path.relative(process.cwd(), path.resolve(outDir)) || '.',
    files: result.files.length,
    summary,
    sizes,
    resourceSizes,
  };
  output.result(
    format === 'json'
      ? jsonSummary({ ...report, diagnostics })
      : [
          textSummary(report),
          nextSteps({ outDir: report.outDir, allowlist: args.allowlist, spec: args.spec, model: result.model }),
        ].join('\n\n'),
  );
  return 0;
}

function sizeWarnings(sizes: ToolsSize): Diagnostic[] {
  const warnings: Diagnostic[] = sizes.tools
    .filter((tool) => tool.bytes > TOOL_WARN_BYTES)
    .map((tool) => ({
      code: 'MCPGEN_TOOL_TOO_LARGE',
      severity: 'warning',
      message: `tool "${tool.name}" takes ${tool.bytes} bytes (~${tool.tokens} tokens) of the agent's context`,
      hint: 'Shorten its description, hide parameters with fixed values, or keep fewer response fields.',
    }));
  if (sizes.totalBytes > TOTAL_WARN_BYTES) {
    warnings.push({
      code: 'MCPGEN_TOOLS_LIST_TOO_LARGE',
      severity: 'warning',
      message: `tools/list takes ${sizes.totalBytes} bytes (~${sizes.totalTokens} tokens) of the agent's context`,
      hint: 'Expose fewer tools, or split them across servers by task.',
    });
  }
  return warnings;
}

interface Summary {
  outDir: string;
  files: number;
  summary: WriteSummary;
  sizes: ToolsSize | undefined;
  /** Absent when the server has no resources (the report then reads as before). */
  resourceSizes: ToolsSize | undefined;
}

function textSummary(input: Summary): string {
  const { summary, sizes, resourceSizes } = input;
  const row = (t: { name: string; bytes: number; tokens: number }) =>
    `  ${t.name.padEnd(32)} ${String(t.bytes).padStart(7)} B  ~${t.tokens} tokens`;
  const rows = (sizes?.tools ?? []).map(row);
  return [
    `Generated ${input.files} files in ${input.outDir} (${summary.written.length} written, ${summary.unchanged.length} unchanged, ${summary.removed.length} removed${
      summary.takenOver.length > 0 ? `, ${summary.takenOver.length} taken over` : ''
    }).`,
    `tools/list: ${sizes?.tools.length ?? 0} tools, ${sizes?.totalBytes ?? 0} bytes (~${sizes?.totalTokens ?? 0} tokens)`,
    ...rows,
    ...(resourceSizes
      ? [
          `resources/list and resources/templates/list: ${resourceSizes.tools.length} resources, ${resourceSizes.totalBytes} bytes (~${resourceSizes.totalTokens} tokens)`,
          ...resourceSizes.tools.map(row),
        ]
      : []),
  ].join('\n');
}

/** What to do with the project, as `init` says what to do with the allowlist. Text output only. */
function nextSteps(input: {
  outDir: string;
  allowlist: string;
  spec: string | undefined;
  model: GenerateResult['model'];
}): string {
  const required = input.model
    ? planEnvVars(input.model)
        .filter((v) => v.required)
        .map((v) => v.name)
    : [];
  const dir = shellWord(input.outDir);
  return [
    'Next:',
    `  cd ${dir} && npm install && npm run build && npm test`,
    `  run it: ${required.map((name) => `${name}=…`).join(' ')} node dist/server.js   (all settings: ${path.join(input.outDir, '.env.example')})`,
    `  connect a host: ${path.join(input.outDir, '.mcp.json')} (Claude Code), .vscode/mcp.json, .cursor/mcp.json; snippets in its README.md`,
    `  commit it, and in CI run: mcpgen check${input.spec ? ` --spec ${shellWord(input.spec)}` : ''} --allowlist ${shellWord(input.allowlist)}`,
  ].join('\n');
}

function jsonSummary(input: Summary & { diagnostics: Diagnostic[] }): string {
  const { summary, sizes } = input;
  return JSON.stringify(
    {
      version: GENERATE_REPORT_VERSION,
      diagnostics: input.diagnostics,
      summary: {
        outDir: input.outDir,
        files: input.files,
        written: summary.written,
        unchanged: summary.unchanged,
        removed: summary.removed,
        takenOver: summary.takenOver,
        toolsList: sizes ?? { tools: [], totalBytes: 0, totalTokens: 0 },
        ...(input.resourceSizes
          ? {
              resourceLists: {
                resources: input.resourceSizes.tools,
                totalBytes: input.resourceSizes.totalBytes,
                totalTokens: input.resourceSizes.totalTokens,
              },
            }
          : {}),
      },
    },
    null,
    2,
  );
}
