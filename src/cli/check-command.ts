import { appendFile } from 'node:fs/promises';
import path from 'node:path';
import { formatGithubAnnotations, formatGithubDiagnostics } from '../check/format-github.js';
import { formatMarkdownReport } from '../check/format-markdown.js';
import { formatSarifDiagnostics, formatSarifReport } from '../check/format-sarif.js';
import { formatTextReport } from '../check/format-text.js';
import { runCheck } from '../check/run-check.js';
import { REPORT_VERSION } from '../check/report.js';
import { hasErrors } from '../diagnostics/diagnostic.js';
import { formatDiagnostics } from '../diagnostics/format.js';
import type { FindingClass } from '../diagnostics/catalogue.js';
import type { CheckFormat } from './formats.js';
import type { Output } from './output.js';
import { specHeaders } from './arguments.js';

/** `mcpgen check` options, as parsed. */
export interface CheckArgs {
  spec?: string;
  allowlist: string;
  out?: string;
  strict: boolean;
  /** The least severe class that fails the check. */
  failOn: FindingClass;
  format: CheckFormat;
  allowExternalRefs: boolean;
  /** Raw `--spec-header` values ('Name: value' or 'Name: $VAR'). */
  specHeaders?: string | readonly string[];
}

const STAGES = {
  load: 'loading spec and allowlist',
  build: 'building tools',
  render: 'regenerating in memory',
  compare: 'comparing',
} as const;

/** `mcpgen check`: exit 0 when nothing reaches the --fail-on class, 1 when something does, 2 bad input. The report goes to stdout. */
export async function runCheckCommand(args: CheckArgs, output: Output): Promise<number> {
  const headers = specHeaders({ given: args.specHeaders, env: process.env });
  const result =
    headers.diagnostics.length > 0
      ? { diagnostics: headers.diagnostics }
      : await runCheck({
          specHeaders: headers.headers,
          allowlist: args.allowlist,
          ...(args.spec ? { spec: args.spec } : {}),
          ...(args.out ? { out: args.out } : {}),
          strict: args.strict,
          failOn: args.failOn,
          allowExternalRefs: args.allowExternalRefs,
          onStage: (stage) => output.progress(`${STAGES[stage]}…`),
        });
  output.progress('');
  const report = result.report;
  if (!report || hasErrors(result.diagnostics)) {
    output.error(formatDiagnostics(result.diagnostics));
    if (args.format === 'github')
      output.result(formatGithubDiagnostics({ diagnostics: result.diagnostics, relativize: workspaceRelative }));
    if (args.format === 'sarif')
      output.result(
        formatSarifDiagnostics({
          diagnostics: result.diagnostics,
          allowlist: args.allowlist,
          relativize: workspaceRelative,
        }),
      );
    if (args.format === 'json') {
      const summary = { result: 'bad-input', exitCode: 2 };
      output.result(
        JSON.stringify({ version: REPORT_VERSION, summary, findings: [], diagnostics: result.diagnostics }, null, 2),
      );
    }
    return 2;
  }
  if (result.diagnostics.length > 0) output.error(formatDiagnostics(result.diagnostics));
  if (args.format === 'json') output.result(JSON.stringify(report, null, 2));
  else if (args.format === 'github') {
    output.result(formatGithubAnnotations({ report, relativize: workspaceRelative }));
    await writeStepSummary({ markdown: formatMarkdownReport(report), output });
  } else if (args.format === 'markdown') output.result(formatMarkdownReport(report).trimEnd());
  else if (args.format === 'sarif') output.result(formatSarifReport({ report, relativize: workspaceRelative }));
  else output.result(formatTextReport({ report, color: output.color === true }));
  return report.summary.exitCode;
}

async function writeStepSummary(input: { markdown: string; output: Output }): Promise<void> {
  const file = process.env['GITHUB_STEP_SUMMARY'];
  if (!file) return;
  try {
    await appendFile(file, input.markdown, 'utf8');
  } catch (error) {
    input.output.error(
      `mcpgen: could not write the step summary to ${file}: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
}

/** Annotations need paths relative to the repository root: the Actions workspace, else the working directory. */
function workspaceRelative(file: string): string {
  const root = process.env['GITHUB_WORKSPACE'] ?? process.cwd();
  const relative = path.relative(root, path.resolve(file));
  return relative.startsWith('..') || path.isAbsolute(relative) ? file : relative.split(path.sep).join('/');
}
