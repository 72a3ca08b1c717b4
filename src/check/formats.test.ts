import { describe, expect, it } from 'vitest';
import { escapeData, escapeProperty, formatGithubAnnotations, formatGithubDiagnostics } from './format-github.js';
import { formatMarkdownReport } from './format-markdown.js';
import { formatTextReport } from './format-text.js';
import { buildReport, type FindingDraft } from './report.js';

const drafts: FindingDraft[] = [
  {
    code: 'MCPGEN_DRIFT_PARAM_REQUIRED',
    category: 'tools',
    tool: 'create_order',
    operation: 'POST /orders',
    location: { file: 'examples/company-api/mcpgen.yaml', line: 34, column: 16 },
    specPointer: '/paths/~1orders/post',
    subject: 'param body customerId',
    message: 'body field "customerId" is now required; 100% | of calls, fail',
    fix: 'run: mcpgen generate --allowlist examples/company-api/mcpgen.yaml',
  },
  ...Array.from({ length: 12 }, (_, i): FindingDraft => ({
    code: 'MCPGEN_DRIFT_OPERATION_NOT_IN_ALLOWLIST',
    category: 'allowlist',
    operation: `GET /things${i}`,
    specPointer: `/paths/~1things${i}/get`,
    subject: `GET /things${i}`,
    message: 'in the spec, but neither a tool nor a disabled entry of the allowlist',
    fix: 'add a tool',
  })),
];
const report = buildReport({
  drafts,
  inputs: {
    spec: 'openapi.json',
    allowlist: 'examples/company-api/mcpgen.yaml',
    out: 'examples/company-api-mcp',
    strict: false,
  },
  counts: { tools: 7, operations: 19, files: 31, regenerated: true },
});

describe('text report', () => {
  it('prints compiler-style lines with the fix below, and counts information past ten of a code', () => {
    const text = formatTextReport({ report, color: false });
    const lines = text.split('\n');
    expect(lines[0]).toBe(
      'examples/company-api/mcpgen.yaml:34:16: error breaking MCPGEN_DRIFT_PARAM_REQUIRED [create_order POST /orders] body field "customerId" is now required; 100% | of calls, fail',
    );
    expect(lines[1]).toBe('  fix: run: mcpgen generate --allowlist examples/company-api/mcpgen.yaml');
    expect(lines[2]).toBe(
      'openapi.json#/paths/~1things0/get: info MCPGEN_DRIFT_OPERATION_NOT_IN_ALLOWLIST [GET /things0] in the spec, but neither a tool nor a disabled entry of the allowlist',
    );
    expect(text).toContain(
      '... and 2 more info MCPGEN_DRIFT_OPERATION_NOT_IN_ALLOWLIST (--format json lists them all)',
    );
    expect(lines.at(-1)).toBe(
      'mcpgen check: fail: 1 finding at --fail-on breaking: 1 breaking, 0 compatible, 12 info (7 tools, 19 spec operations)',
    );
    expect(text).not.toContain('\u001b[');
  });

  it('colours severities only when asked', () => {
    expect(formatTextReport({ report, color: true })).toContain('\u001b[31merror\u001b[0m');
  });
});

describe('GitHub workflow commands', () => {
  it('escapes data and properties as the workflow-command rules say', () => {
    expect(escapeData('50% done\r\nnext')).toBe('50%25 done%0D%0Anext');
    expect(escapeProperty('a:b,c%')).toBe('a%3Ab%2Cc%25');
  });

  it('anchors one annotation per finding at its file and line, notices for information', () => {
    const lines = formatGithubAnnotations({ report, relativize: (file) => file }).split('\n');
    expect(lines[0]).toBe(
      '::error file=examples/company-api/mcpgen.yaml,line=34,col=16,title=MCPGEN_DRIFT_PARAM_REQUIRED (breaking) [create_order POST /orders]::body field "customerId" is now required; 100%25 | of calls, fail%0Afix: run: mcpgen generate --allowlist examples/company-api/mcpgen.yaml',
    );
    expect(lines[1]).toMatch(/^::notice title=MCPGEN_DRIFT_OPERATION_NOT_IN_ALLOWLIST \(info\) \[GET \/things0\]::/);
    expect(lines).toHaveLength(14);
  });

  it('writes a Markdown table per class, breaking first, pipes and HTML escaped, the fix command as code', () => {
    const markdown = formatMarkdownReport(report);
    expect(markdown).toContain('### mcpgen check: fail: 1 finding at --fail-on breaking');
    expect(markdown.indexOf('#### Breaking')).toBeLessThan(markdown.indexOf('#### Information'));
    expect(markdown).not.toContain('#### Compatible');
    expect(markdown).toContain('| Code | Tool | Operation | Location | Finding | Fix |');
    expect(markdown).toContain('100% \\| of calls, fail');
    expect(markdown).toContain('| run: `mcpgen generate --allowlist examples/company-api/mcpgen.yaml` |');
    expect(
      markdown.split('\n').filter((line) => line.startsWith('| `MCPGEN_DRIFT_OPERATION_NOT_IN_ALLOWLIST`')),
    ).toHaveLength(12);
    const hostile = buildReport({
      drafts: [{ ...drafts[0]!, message: 'description changed to "<img src=x onerror=alert(1)>"' }],
      inputs: report.inputs,
      counts: { tools: 1, operations: 1, files: 1, regenerated: true },
    });
    expect(formatMarkdownReport(hostile)).toContain('&lt;img src=x onerror=alert(1)&gt;');
  });

  it('turns bad input into annotations too', () => {
    const text = formatGithubDiagnostics({
      diagnostics: [
        {
          code: 'MCPGEN_UNKNOWN_RISK',
          severity: 'error',
          message: 'unknown risk',
          location: { file: 'mcpgen.yaml', line: 3, column: 11 },
          hint: 'write risk: read',
        },
      ],
      relativize: (file) => file,
    });
    expect(text).toBe(
      '::error file=mcpgen.yaml,line=3,col=11,title=MCPGEN_UNKNOWN_RISK::unknown risk%0Ahint: write risk: read',
    );
  });
});
