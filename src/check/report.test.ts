import { describe, expect, it } from 'vitest';
import { buildReport, canonicalJson, fingerprintOf, type FindingDraft } from './report.js';

const draft: FindingDraft = {
  code: 'MCPGEN_DRIFT_PARAM_REQUIRED',
  severity: 'error',
  category: 'tools',
  tool: 'create_order',
  operation: 'POST /orders',
  location: { file: 'mcpgen.yaml', line: 34, column: 16 },
  subject: 'param body customerId',
  message: 'body field "customerId" is now required',
  fix: 'run: mcpgen generate --allowlist mcpgen.yaml',
};
const info: FindingDraft = { ...draft, code: 'MCPGEN_DRIFT_OPERATION_NOT_IN_ALLOWLIST', severity: 'info', category: 'allowlist', subject: 'GET /invoices' };
const inputs = { spec: 'openapi.json', allowlist: 'mcpgen.yaml', out: 'generated', strict: false };
const counts = { tools: 7, operations: 12, files: 31, regenerated: true };

describe('fingerprintOf', () => {
  it('ignores location and wording, so a moved or reworded finding keeps its fingerprint', () => {
    const moved = { ...draft, location: { file: 'mcpgen.yaml', line: 90, column: 3 }, message: 'reworded', fix: 'other' };
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
  it('is clean (exit 0) with information only', () => {
    const report = buildReport({ drafts: [info], inputs, counts });
    expect(report.summary).toMatchObject({ result: 'clean', exitCode: 0, errors: 0, info: 1 });
    expect(report.version).toBe(1);
  });

  it('is drift (exit 1) with an error, and orders errors first', () => {
    const report = buildReport({ drafts: [info, draft], inputs, counts });
    expect(report.summary).toMatchObject({ result: 'drift', exitCode: 1, errors: 1, info: 1 });
    expect(report.findings.map((f) => f.severity)).toEqual(['error', 'info']);
  });

  it('turns information into errors under --strict, keeping fingerprints', () => {
    const report = buildReport({ drafts: [info], inputs: { ...inputs, strict: true }, counts });
    expect(report.summary).toMatchObject({ result: 'drift', exitCode: 1, errors: 1, info: 0 });
    expect(report.findings[0]?.fingerprint).toBe(fingerprintOf(info));
  });
});

describe('canonicalJson', () => {
  it('sorts keys at every level and keeps array order', () => {
    expect(canonicalJson({ b: 1, a: { d: [2, 1], c: null } })).toBe('{"a":{"c":null,"d":[2,1]},"b":1}');
  });
});
