import type { FindingClass } from '../diagnostics/catalogue.js';
import { formatLocation } from '../diagnostics/format.js';
import { classCounts, verdict } from './format-text.js';
import type { CheckReport, Finding } from './report.js';

/** Rows of one information code a table lists before counting the rest. */
const INFO_ROWS_PER_CODE = 50;

const HEADINGS: Record<FindingClass, string> = {
  breaking: 'Breaking: the committed server will fail or misbehave',
  compatible: 'Compatible: the committed server still works, but is stale',
  info: 'Information',
};

/**
 * The report as a pull-request comment (and the GitHub step summary): a
 * verdict, then one table per class, breaking first, each finding with its
 * fix command.
 */
export function formatMarkdownReport(report: CheckReport): string {
  const { summary, inputs } = report;
  const lines = [
    `### mcpgen check: ${verdict(report)}`,
    '',
    `${classCounts(summary)}. Spec \`${cell(inputs.spec)}\`, allowlist \`${cell(inputs.allowlist)}\`, generated project \`${cell(inputs.out)}\`.`,
  ];
  for (const findingClass of ['breaking', 'compatible', 'info'] as const) {
    const findings = report.findings.filter((f) => f.class === findingClass);
    if (findings.length === 0) continue;
    const failing = findings.filter((f) => f.severity === 'error').length;
    const note =
      failing === findings.length
        ? 'fails the check'
        : failing === 0
          ? 'does not fail the check'
          : `${failing} fail the check`;
    lines.push('', `#### ${HEADINGS[findingClass]} (${findings.length}, ${note})`, '');
    lines.push('| Code | Tool | Operation | Location | Finding | Fix |', '|---|---|---|---|---|---|');
    lines.push(...rows({ findings, spec: inputs.spec }));
  }
  return `${lines.join('\n')}\n`;
}

function rows(input: { findings: Finding[]; spec: string }): string[] {
  const lines: string[] = [];
  const shown = new Map<string, number>();
  const hidden = new Map<string, number>();
  for (const finding of input.findings) {
    const count = shown.get(finding.code) ?? 0;
    if (finding.class === 'info' && count >= INFO_ROWS_PER_CODE) {
      hidden.set(finding.code, (hidden.get(finding.code) ?? 0) + 1);
      continue;
    }
    shown.set(finding.code, count + 1);
    const where = finding.location
      ? formatLocation(finding.location)
      : finding.specPointer
        ? `${input.spec}#${finding.specPointer}`
        : '';
    lines.push(
      `| \`${finding.code}\` | ${cell(finding.tool ?? '')} | ${code(finding.operation)} | ${code(where)} | ${cell(finding.message)} | ${fixCell(finding.fix)} |`,
    );
  }
  for (const [findingCode, count] of hidden)
    lines.push(`| \`${findingCode}\` | | | | ${count} more (see \`--format json\`) | |`);
  return lines;
}

/** The fix's prose as text and the command after `run:` as code, so it can be copied. */
function fixCell(fix: string): string {
  const at = fix.lastIndexOf('run: ');
  if (at < 0) return cell(fix);
  return `${cell(fix.slice(0, at))}run: ${code(fix.slice(at + 'run: '.length))}`;
}

function code(text: string | undefined): string {
  if (!text) return '';
  // A code span cannot hold its own fence: use a longer one when the text has backticks.
  const fence = text.includes('`') ? '`` ' : '`';
  const close = text.includes('`') ? ' ``' : '`';
  return `${fence}${text.replace(/\r?\n/g, ' ').replace(/\|/g, '\\|')}${close}`;
}

/** Table-cell text: one line, pipes escaped, and no HTML from spec text. */
function cell(text: string): string {
  return text
    .replace(/\r?\n/g, ' ')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/\|/g, '\\|');
}
