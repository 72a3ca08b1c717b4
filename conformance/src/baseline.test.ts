import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { judge, loadBaseline, parseBaseline } from './baseline.js';
import { parseSuiteOutput, readResultDirs, type Check } from './results.js';
import { DEFAULT_BASELINE } from './run.js';
import { parseScenarioList, SUITES } from './suites.js';

const ok = (id: string): Check => ({ id, status: 'SUCCESS' });
const bad = (id: string, errorMessage = 'nope'): Check => ({ id, status: 'FAILURE', errorMessage });

describe('baseline', () => {
  it('the committed baseline parses, and every entry says why', () => {
    const baseline = loadBaseline(DEFAULT_BASELINE);
    for (const suite of SUITES) {
      expect(baseline[suite.id].length).toBeGreaterThan(0);
      for (const entry of baseline[suite.id]) expect(entry.reason.length).toBeGreaterThan(20);
    }
  });

  it('rejects malformed baselines', () => {
    expect(() => parseBaseline({ suites: { 'draft-1': [] } })).toThrow(/unknown suite/);
    expect(() => parseBaseline({ suites: { '2025-11-25': [{ scenario: 'ping' }] } })).toThrow(/reason/);
    expect(() => parseBaseline({ suites: { '2025-11-25': [{ scenario: 'ping', reason: 'x', extra: 1 }] } })).toThrow(
      /unknown key/,
    );
    expect(() =>
      parseBaseline({
        suites: {
          '2025-11-25': [
            { scenario: 'ping', reason: 'x' },
            { scenario: 'ping', reason: 'y' },
          ],
        },
      }),
    ).toThrow(/duplicate/);
    expect(() =>
      parseBaseline({
        suites: {
          '2026-07-28': [
            { scenario: 's', reason: 'x' },
            { scenario: 's', check: 'c', reason: 'y' },
          ],
        },
      }),
    ).toThrow(/both as a whole and per check/);
    expect(() => parseBaseline({ suite: {} })).toThrow();
  });

  it('a scenario with no failing check passes; warnings, skips and infos do not fail it', () => {
    expect(
      judge([ok('a'), { id: 'b', status: 'WARNING' }, { id: 'c', status: 'SKIPPED' }, { id: 'd', status: 'INFO' }], [])
        .outcome,
    ).toBe('passed');
    expect(judge([], []).outcome).toBe('passed');
  });

  it('an unlisted failing scenario fails unexpectedly', () => {
    const verdict = judge([ok('a'), bad('b', 'why')], []);
    expect(verdict.outcome).toBe('failed');
    expect(verdict.unexpected.map((c) => c.id)).toEqual(['b']);
  });

  it('a listed scenario that fails is not applicable; one that passes is a stale entry', () => {
    const entry = { scenario: 's', reason: 'needs test_x' };
    expect(judge([bad('x')], [entry])).toMatchObject({ outcome: 'not-applicable', reason: 'needs test_x', stale: [] });
    expect(judge([ok('x')], [entry])).toMatchObject({ outcome: 'passed', stale: [entry] });
  });

  it('a per-check entry excuses that check only', () => {
    const entry = { scenario: 's', check: 'c1', reason: 'needs test_x' };
    expect(judge([ok('a'), bad('c1')], [entry])).toMatchObject({ outcome: 'passed', stale: [] });
    expect(judge([ok('a'), bad('c1')], [entry]).excused.map((c) => c.id)).toEqual(['c1']);
    expect(judge([bad('c1'), bad('c2')], [entry]).outcome).toBe('failed');
    expect(judge([bad('c1'), bad('c2')], [entry]).unexpected.map((c) => c.id)).toEqual(['c2']);
  });

  it('a per-check entry is stale only when its check passed, not when absent or skipped', () => {
    const entry = { scenario: 's', check: 'c1', reason: 'r' };
    expect(judge([ok('a'), ok('c1')], [entry]).stale).toEqual([entry]);
    expect(judge([ok('a')], [entry]).stale).toEqual([]);
    expect(judge([{ id: 'c1', status: 'SKIPPED' }], [entry]).stale).toEqual([]);
    // Repeated ids: the most severe occurrence decides.
    expect(judge([ok('c1'), bad('c1')], [entry])).toMatchObject({ outcome: 'passed', stale: [] });
  });
});

describe('suite output', () => {
  it('reads the summary, the not-scored reasons and crashed scenarios', () => {
    const stdout = [
      '=== Running scenario: a ===',
      'Checks:',
      '✗ some-check: not a summary line',
      '',
      '=== SUMMARY ===',
      '✓ server-initialize: 1 passed, 0 failed',
      '✗ tools-call-error: 0 passed, 1 failed',
      '✓ server-sse-multiple-streams: 0 passed, 0 failed',
      '',
      'Total: 1 passed, 1 failed',
      '',
      'Not scored for 2026-07-28: 2 scenario(s) run, 1 failing. These do not affect conformance.',
      '  ✗ tasks-lifecycle (extension)',
      '  ✓ http-header-validation (pending)',
    ].join('\n');
    const stderr = 'Failed to run scenario tools-call-error: Error: socket hang up\n    at x (y.js:1:1)\n';
    const output = parseSuiteOutput(stdout, stderr);
    expect(output.summary).toEqual([
      { scenario: 'server-initialize', passed: 1, failed: 0 },
      { scenario: 'tools-call-error', passed: 0, failed: 1 },
      { scenario: 'server-sse-multiple-streams', passed: 0, failed: 0 },
    ]);
    expect([...output.notScored]).toEqual([
      ['tasks-lifecycle', 'extension'],
      ['http-header-validation', 'pending'],
    ]);
    expect([...output.crashed]).toEqual([['tools-call-error', 'Error: socket hang up']]);
  });

  it('maps result directories to scenario names', () => {
    const dir = mkdtempSync(join(tmpdir(), 'conformance-results-test-'));
    try {
      for (const [name, checks] of [
        ['server-server-initialize-2026-12-02T18-54-18-490Z', [ok('server-initialize')]],
        ['server-input-required-result-multi-round-2026-12-02T18-54-19-000Z', [bad('sep-2322-multi-round-r1')]],
      ] as const) {
        mkdirSync(join(dir, name));
        writeFileSync(join(dir, name, 'checks.json'), JSON.stringify(checks));
      }
      mkdirSync(join(dir, 'unrelated'));
      const results = readResultDirs(dir);
      expect([...results.keys()]).toEqual(['input-required-result-multi-round', 'server-initialize']);
      expect(results.get('server-initialize')).toEqual([ok('server-initialize')]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("reads the suites' list output, not-scored server scenarios included", () => {
    const stdout = [
      'Required for 2026-07-28 (4 scenarios, frozen; run at the 2026-07-28 wire):',
      '',
      'Server scenarios (test against a server):',
      '  - server-stateless',
      '  - tools-list',
      '',
      'Client scenarios (test against a client):',
      '  - tools_call',
      '',
      'Run and reported, but never scored:',
      '  extension (2):',
      '    - auth/dpop [client]',
      '    - tasks-lifecycle [server]',
      '  pending (1):',
      '    - http-header-validation [server]',
    ].join('\n');
    expect(parseScenarioList(stdout)).toEqual([
      'server-stateless',
      'tools-list',
      'tasks-lifecycle',
      'http-header-validation',
    ]);
    expect(
      parseScenarioList(
        'Server scenarios (test against a server):\n  - ping [2025-06-18,2025-11-25]\n  - dns-rebinding-protection [2025-11-25]\n',
      ),
    ).toEqual(['ping', 'dns-rebinding-protection']);
  });
});
