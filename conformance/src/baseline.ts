/**
 * The committed baseline (conformance/baseline.json): the scenarios, or single
 * checks of a scenario, that do not apply to a tools-only server, each with the
 * reason. Everything not listed must pass.
 *
 * A scenario passes when none of its checks has status FAILURE (the suites'
 * own rule: WARNING, INFO and SKIPPED do not fail it). An entry naming a
 * check excuses only that check id, wherever it occurs in the scenario.
 */
import { readFileSync } from 'node:fs';
import type { Check } from './results.js';
import { SUITES, type SuiteId } from './suites.js';

export interface BaselineEntry {
  scenario: string;
  /** A check id within the scenario; without it the whole scenario is excused. */
  check?: string;
  reason: string;
}

export type Baseline = Record<SuiteId, BaselineEntry[]>;

export function loadBaseline(path: string): Baseline {
  return parseBaseline(JSON.parse(readFileSync(path, 'utf8')) as unknown, path);
}

export function parseBaseline(value: unknown, source = 'baseline'): Baseline {
  const fail = (message: string): never => {
    throw new Error(`${source}: ${message}`);
  };
  if (typeof value !== 'object' || value === null || Array.isArray(value)) fail('expected an object');
  const root = value as Record<string, unknown>;
  const suites = root.suites;
  if (typeof suites !== 'object' || suites === null || Array.isArray(suites))
    fail('expected "suites": { "<suite id>": [entries] }');
  const known = new Set<string>(SUITES.map((suite) => suite.id));
  for (const key of Object.keys(root)) if (key !== 'suites' && !key.startsWith('$')) fail(`unknown key "${key}"`);
  const baseline = Object.fromEntries(SUITES.map((suite) => [suite.id, [] as BaselineEntry[]])) as Baseline;
  for (const [suiteId, entries] of Object.entries(suites as Record<string, unknown>)) {
    if (!known.has(suiteId)) fail(`unknown suite "${suiteId}" (expected ${[...known].join(', ')})`);
    if (!Array.isArray(entries)) fail(`suites["${suiteId}"] must be a list`);
    const seen = new Set<string>();
    const wholesale = new Set<string>();
    const perCheck = new Set<string>();
    (entries as unknown[]).forEach((raw, index) => {
      const where = `suites["${suiteId}"][${index}]`;
      if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) fail(`${where} must be an object`);
      const entry = raw as Record<string, unknown>;
      for (const key of Object.keys(entry))
        if (!['scenario', 'check', 'reason'].includes(key)) fail(`${where}: unknown key "${key}"`);
      if (typeof entry.scenario !== 'string' || entry.scenario === '')
        fail(`${where}: "scenario" must be a non-empty string`);
      if (entry.check !== undefined && (typeof entry.check !== 'string' || entry.check === ''))
        fail(`${where}: "check" must be a non-empty string`);
      if (typeof entry.reason !== 'string' || entry.reason.trim() === '')
        fail(`${where}: "reason" must say why it does not apply`);
      const scenario = entry.scenario as string;
      const check = entry.check as string | undefined;
      const key = check === undefined ? scenario : `${scenario}:${check}`;
      if (seen.has(key)) fail(`${where}: duplicate entry ${key}`);
      seen.add(key);
      if (check === undefined) wholesale.add(scenario);
      else perCheck.add(scenario);
      if (wholesale.has(scenario) && perCheck.has(scenario))
        fail(`${where}: ${scenario} is listed both as a whole and per check`);
      baseline[suiteId as SuiteId].push(
        check === undefined
          ? { scenario, reason: entry.reason as string }
          : { scenario, check, reason: entry.reason as string },
      );
    });
  }
  return baseline;
}

export type Outcome =
  /** No failing check, or only checks the baseline excuses. */
  | 'passed'
  /** A failing check the baseline does not excuse. */
  | 'failed'
  /** Failed, and the baseline excuses the whole scenario. */
  | 'not-applicable';

export interface Judgement {
  outcome: Outcome;
  /** Failing checks the baseline does not excuse. */
  unexpected: Check[];
  /** Failing checks the baseline excuses (all of them when the scenario is excused as a whole). */
  excused: Check[];
  /** Baseline entries for this scenario that no longer fail: the scenario, or the named check, passed. */
  stale: BaselineEntry[];
  /** The reason of the wholesale entry, if any. */
  reason?: string;
}

/** Judges one scenario's checks against the baseline entries for that scenario. */
export function judge(checks: readonly Check[], entries: readonly BaselineEntry[]): Judgement {
  const failing = checks.filter((check) => check.status === 'FAILURE');
  const whole = entries.find((entry) => entry.check === undefined);
  if (whole) {
    return failing.length > 0
      ? { outcome: 'not-applicable', unexpected: [], excused: failing, stale: [], reason: whole.reason }
      : { outcome: 'passed', unexpected: [], excused: [], stale: [whole], reason: whole.reason };
  }
  const named = new Set(entries.map((entry) => entry.check));
  const unexpected = failing.filter((check) => !named.has(check.id));
  const excused = failing.filter((check) => named.has(check.id));
  // Ids repeat within a scenario; the most severe occurrence decides. An entry whose check is
  // absent, skipped or only warned about is tolerated (a scenario that stops early never reaches it).
  const stale = entries.filter(
    (entry) =>
      checks.some((check) => check.id === entry.check && check.status === 'SUCCESS') &&
      !failing.some((check) => check.id === entry.check),
  );
  return { outcome: unexpected.length > 0 ? 'failed' : 'passed', unexpected, excused, stale };
}
