/**
 * Reading what a suite run produced: the per-scenario checks.json files in
 * its output directory, and the scenario list and "not scored" reasons in its
 * stdout.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** One check as the suites write it (ConformanceCheck in the suites' types). */
export interface Check {
  id: string;
  name?: string;
  description?: string;
  status: 'SUCCESS' | 'FAILURE' | 'WARNING' | 'SKIPPED' | 'INFO' | string;
  errorMessage?: string;
  details?: unknown;
}

export interface SummaryLine {
  scenario: string;
  passed: number;
  failed: number;
}

export interface SuiteOutput {
  /** Every scenario the suite ran, in order, from its `=== SUMMARY ===`. */
  summary: SummaryLine[];
  /** Scenarios the requirement set runs without scoring, with the suite's reason. */
  notScored: Map<string, string>;
  /** Scenarios whose run threw, with the suite's message (they wrote no checks.json). */
  crashed: Map<string, string>;
}

const RESULT_DIR = /^server-(.+)-\d{4}-\d{2}-\d{2}T\d{2}-\d{2}-\d{2}-\d{3}Z$/;

/** checks.json per scenario, keyed by scenario name. */
export function readResultDirs(outputDir: string): Map<string, Check[]> {
  const results = new Map<string, Check[]>();
  if (!existsSync(outputDir)) return results;
  for (const entry of readdirSync(outputDir).sort()) {
    const match = RESULT_DIR.exec(entry);
    if (!match) continue;
    const file = join(outputDir, entry, 'checks.json');
    if (!existsSync(file)) continue;
    const checks = JSON.parse(readFileSync(file, 'utf8')) as Check[];
    results.set(match[1] as string, checks);
  }
  return results;
}

export function parseSuiteOutput(stdout: string, stderr = ''): SuiteOutput {
  const lines = stdout.split('\n');
  const summary: SummaryLine[] = [];
  const notScored = new Map<string, string>();
  let section: 'before' | 'summary' | 'not-scored' = 'before';
  for (const line of lines) {
    if (line.startsWith('=== SUMMARY ===')) {
      section = 'summary';
      continue;
    }
    if (/^Not scored for /.test(line)) {
      section = 'not-scored';
      continue;
    }
    if (section === 'summary') {
      const match = /^[✓✗] (\S+): (\d+) passed, (\d+) failed$/.exec(line);
      if (match) summary.push({ scenario: match[1] as string, passed: Number(match[2]), failed: Number(match[3]) });
    } else if (section === 'not-scored') {
      const match = /^\s+[✓✗] (\S+) \(([^)]+)\)$/.exec(line);
      if (match) notScored.set(match[1] as string, match[2] as string);
    }
  }
  const crashed = new Map<string, string>();
  for (const match of stderr.matchAll(/^Failed to run scenario (\S+): (.*)$/gm)) {
    crashed.set(match[1] as string, (match[2] as string).trim());
  }
  return { summary, notScored, crashed };
}
