import { describe, expect, it } from 'vitest';
import { buildReport, canonicalJson, fingerprintOf, type FindingDraft } from './report.js';

const draft: FindingDraft = {
  code: 'MCPGEN_DRIFT_PARAM_REQUIRED',
  category: 'tools',
  tool: 'create_order',
  operation: 'POST /orders',
  location: { file: 'mcpgen.yaml', line: 34, column: 16 },
  subject: 'param body customerId',
  message: 'body field "customerId" is now required',
  fix: 'run: mcpgen generate --allowlist mcpgen.yaml',
};
const info: FindingDraft = {
  ...draft,
  code: 'MCPGEN_DRIFT_OPERATION_NOT_IN_ALLOWLIST',
  category: 'allowlist',
  subject: 'GET /invoices',
};
const deprecated: FindingDraft = { ...draft, code: 'MCPGEN_DRIFT_DEPRECATED', subject: 'deprecated' };
const compatible: FindingDraft = { ...draft, code: 'MCPGEN_DRIFT_PARAM_ADDED', subject: 'param query region' };
const inputs = { spec: 'openapi.json', allowlist: 'mcpgen.yaml', out: 'generated', strict: false };
const counts = { tools: 7, operations: 12, files: 31, regenerated: true };

describe('fingerprintOf', () => {
  it('ignores location and wording, so a moved or reworded finding keeps its fingerprint', () => {
    const moved = {
      ...draft,
      location: { file: 'mcpgen.yaml', line: 90, column: 3 },
      message: 'reworded',
      fix: 'other',
    };
    expect(fingerprintOf(moved)).toBe(fingerprintOf(draft));
    expect(fingerprintOf(draft)).toMatch(/^[0-9a-f]{64}$/);
  });

  it('changes with the code, the tool, the subject and the values', () => {
    const base = fingerprintOf(draft);
    expect(fingerprintOf({ ...draft, tool: 'other' })).not.toBe(base);
    expect(fingerprintOf({ ...draft, subject: 'param body items' })).not.toBe(base);
    expect(fingerprintOf({ ...draft, after: 'x' })).not.toBe(base);
  });
});

describe('buildReport', () => {
  it('passes (exit 0) with information only', () => {
    const report = buildReport({ drafts: [info], inputs, counts });
    expect(report.summary).toMatchObject({
      result: 'pass',
      exitCode: 0,
      breaking: 0,
      compatible: 0,
      info: 1,
      failing: 0,
    });
    expect(report.version).toBe(2);
    expect(report.inputs.failOn).toBe('breaking');
    expect(report.findings[0]).toMatchObject({ class: 'info', severity: 'info' });
  });

  it('fails (exit 1) on a breaking finding, and orders failing findings first', () => {
    const report = buildReport({ drafts: [info, compatible, draft], inputs, counts });
    expect(report.summary).toMatchObject({
      result: 'fail',
      exitCode: 1,
      breaking: 1,
      compatible: 1,
      info: 1,
      failing: 1,
    });
    expect(report.findings.map((f) => [f.class, f.severity])).toEqual([
      ['breaking', 'error'],
      ['compatible', 'warning'],
      ['info', 'info'],
    ]);
  });

  it('passes with compatible findings, as warnings, unless --fail-on compatible', () => {
    expect(buildReport({ drafts: [compatible], inputs, counts }).summary).toMatchObject({ exitCode: 0, compatible: 1 });
    const strict = buildReport({
      drafts: [compatible, deprecated],
      inputs: { ...inputs, failOn: 'compatible' },
      counts,
    });
    expect(strict.summary).toMatchObject({ result: 'fail', exitCode: 1, failing: 1 });
    expect(strict.findings.map((f) => f.severity)).toEqual(['error', 'info']);
    const all = buildReport({ drafts: [compatible, deprecated], inputs: { ...inputs, failOn: 'info' }, counts });
    expect(all.summary).toMatchObject({ exitCode: 1, failing: 2 });
  });

  it('fails on unused operations under --strict, not on other information, keeping fingerprints', () => {
    const report = buildReport({ drafts: [info, deprecated], inputs: { ...inputs, strict: true }, counts });
    expect(report.summary).toMatchObject({ result: 'fail', exitCode: 1, failing: 1, info: 2 });
    expect(report.findings.map((f) => [f.code, f.severity])).toEqual([
      ['MCPGEN_DRIFT_OPERATION_NOT_IN_ALLOWLIST', 'error'],
      ['MCPGEN_DRIFT_DEPRECATED', 'info'],
    ]);
    expect(report.findings[0]?.fingerprint).toBe(fingerprintOf(info));
  });
});

describe('canonicalJson', () => {
  it('sorts keys at every level and keeps array order', () => {
    expect(canonicalJson({ b: 1, a: { d: [2, 1], c: null } })).toBe('{"a":{"c":null,"d":[2,1]},"b":1}');
  });
});
