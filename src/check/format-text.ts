import type { Severity } from '../diagnostics/diagnostic.js';
import { formatLocation } from '../diagnostics/format.js';
import type { CheckReport, Finding } from './report.js';

/** Information findings of one code shown before the rest are counted in one line. */
const INFO_SHOWN_PER_CODE = 10;

const STYLE = { red: 31, yellow: 33, cyan: 36, bold: 1, dim: 2, green: 32 } as const;
const SEVERITY_STYLE: Record<Severity, keyof typeof STYLE> = { error: 'red', warning: 'yellow', info: 'cyan' };

/**
 * Compilers' style, one finding per line with its fix below, then a summary:
 * `mcpgen.yaml:34:16: error MCPGEN_DRIFT_PARAM_REQUIRED [create_order POST /orders] …`.
 * Past ten information findings of one code the rest are counted, not listed.
 */
export function formatTextReport(input: { report: CheckReport; color: boolean }): string {
  const { report } = input;
  const paint = (style: keyof typeof STYLE, text: string) => (input.color ? `\u001b[${STYLE[style]}m${text}\u001b[0m` : text);
  const lines: string[] = [];
  const shown = new Map<string, number>();
  const hidden = new Map<string, number>();
  for (const finding of report.findings) {
    if (finding.severity === 'info') {
      const count = shown.get(finding.code) ?? 0;
      if (count >= INFO_SHOWN_PER_CODE) {
        hidden.set(finding.code, (hidden.get(finding.code) ?? 0) + 1);
        continue;
      }
      shown.set(finding.code, count + 1);
    }
    lines.push(formatFinding({ finding, paint, spec: report.inputs.spec }), `  ${paint('dim', `fix: ${finding.fix}`)}`);
  }
  for (const [code, count] of hidden) {
    lines.push(paint('dim', `... and ${count} more info ${code} (--format json lists them all)`));
  }
  lines.push(summaryLine({ report, paint }));
  return lines.join('\n');
}

function formatFinding(input: { finding: Finding; spec: string; paint: (style: keyof typeof STYLE, text: string) => string }): string {
  const { finding, paint } = input;
  const where = finding.location
    ? `${formatLocation(finding.location)}: `
    : finding.specPointer
      ? `${input.spec}#${finding.specPointer}: `
      : '';
  const scope = [finding.tool, finding.operation].filter(Boolean).join(' ');
  const severity = paint(SEVERITY_STYLE[finding.severity], finding.severity);
  return `${where}${severity} ${paint('bold', finding.code)}${scope ? ` [${scope}]` : ''} ${finding.message}`;
}

function summaryLine(input: { report: CheckReport; paint: (style: keyof typeof STYLE, text: string) => string }): string {
  const { summary } = input.report;
  const counts = `${plural(summary.errors, 'error')}, ${plural(summary.warnings, 'warning')}, ${summary.info} info`;
  const scope = `${plural(summary.tools, 'tool')}, ${plural(summary.operations, 'spec operation')}${
    summary.regenerated ? '' : '; files checked against the manifest only until the allowlist resolves'
  }`;
  const verdict = summary.result === 'drift' ? input.paint('red', 'drift found') : input.paint('green', 'no drift');
  return `mcpgen check: ${verdict}: ${counts} (${scope})`;
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}
