/** The readable report the CLI prints: one table per suite, then totals. */
import type { Report, ScenarioReport, SuiteReport } from './run.js';

const OUTCOME_LABEL: Record<ScenarioReport['outcome'], string> = {
  passed: 'passed',
  failed: 'FAILED',
  'not-applicable': 'n/a',
};

export function formatReport(report: Report): string {
  const out: string[] = [
    `Target ${report.target} (suites sent to ${report.proxyUrl}; ${report.forwardedRequests} requests forwarded)`,
    '',
  ];
  for (const suite of report.suites) out.push(...formatSuite(suite), '');
  const totals = report.suites.reduce(
    (sum, suite) => ({
      passed: sum.passed + suite.passed.length,
      failed: sum.failed + suite.failedUnexpectedly.length,
      na: sum.na + suite.notApplicable.length,
      stale: sum.stale + suite.staleBaseline.length,
    }),
    { passed: 0, failed: 0, na: 0, stale: 0 },
  );
  out.push(
    `Conformance: ${totals.passed} passed, ${totals.failed} failed unexpectedly, ${totals.na} not applicable, ${totals.stale} stale baseline entries (${seconds(report.durationMs)})`,
    '',
  );
  return out.join('\n');
}

function formatSuite(suite: SuiteReport): string[] {
  const lines = [
    `${suite.id}  ${suite.package} ${suite.args.slice(3).join(' ')}`.trimEnd() +
      `  ${suite.scenarios.length} scenarios in ${seconds(suite.durationMs)}`,
  ];
  if (suite.error !== undefined) lines.push(`  SUITE ERROR: ${suite.error}`);
  const rows = suite.scenarios.map((scenario) => [
    scenario.scenario,
    label(scenario),
    checksCell(scenario),
    noteCell(scenario),
  ]);
  const header = ['scenario', 'result', 'checks', 'note'];
  const widths = [0, 1, 2].map((column) => Math.max(header[column]!.length, ...rows.map((row) => row[column]!.length)));
  const pad = (row: string[]) =>
    `  ${row.map((cell, i) => (i < 3 ? cell.padEnd(widths[i]!) : cell)).join('  ')}`.trimEnd();
  lines.push(pad(header));
  for (const row of rows) lines.push(pad(row));
  for (const entry of suite.staleBaseline) {
    lines.push(
      `  stale baseline entry: ${entry.check === undefined ? entry.scenario : `${entry.scenario}:${entry.check}`} now passes; remove it from the baseline`,
    );
  }
  for (const entry of suite.unknownBaseline) {
    lines.push(
      `  baseline entry for a scenario this suite did not run: ${entry.scenario}${entry.check === undefined ? '' : `:${entry.check}`}`,
    );
  }
  lines.push(
    `  ${suite.passed.length} passed, ${suite.failedUnexpectedly.length} failed unexpectedly, ${suite.notApplicable.length} not applicable, ${suite.staleBaseline.length} stale (suite exit code ${suite.exitCode})`,
  );
  return lines;
}

function label(scenario: ScenarioReport): string {
  const base = OUTCOME_LABEL[scenario.outcome];
  return scenario.stale.length > 0 ? `${base} (stale)` : base;
}

function checksCell(scenario: ScenarioReport): string {
  const ok = scenario.statuses.SUCCESS ?? 0;
  const parts = [`${ok} ok`];
  if (scenario.unexpected.length > 0) parts.push(`${scenario.unexpected.length} failed`);
  if (scenario.excused.length > 0) parts.push(`${scenario.excused.length} n/a`);
  const warnings = scenario.statuses.WARNING ?? 0;
  if (warnings > 0) parts.push(`${warnings} warn`);
  return parts.join(', ');
}

function noteCell(scenario: ScenarioReport): string {
  const parts: string[] = [];
  if (scenario.notScored !== undefined) parts.push(`[not scored: ${scenario.notScored}]`);
  if (scenario.unexpected.length > 0) {
    parts.push(
      scenario.unexpected.map((check) => `${check.id}: ${oneLine(check.message ?? check.status)}`).join(' | '),
    );
  } else if (scenario.reason !== undefined) {
    parts.push(oneLine(scenario.reason));
  } else if (scenario.excused.length > 0) {
    parts.push(`n/a: ${scenario.excused.map((check) => check.id).join(', ')}`);
  }
  return parts.join(' ');
}

function oneLine(text: string, max = 140): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}
