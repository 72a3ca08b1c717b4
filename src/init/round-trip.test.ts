/**
 * Every value `mcpgen init` writes reads back as written, whatever the spec
 * text it copies holds (control characters, U+2028/U+2029, NEL, BOMs, lone
 * surrogates, YAML syntax), and nothing it copies into a comment becomes YAML.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { resolveOperations } from '../build/resolve-operations.js';
import { loadAllowlist } from '../load/allowlist.js';
import { listOperations, type LoadedSpec, type OpenApiDocument } from '../load/spec.js';
import { operationKey } from '../model/operation.js';
import { planInit } from './plan-init.js';
import { renderInit } from './render-init.js';

const AWKWARD = [
  '\u0000',
  '\u0001',
  '\u0007',
  '\b',
  '\t',
  '\n',
  '\u000b',
  '\f',
  '\r',
  '\r\n',
  '\u001b',
  '\u007f',
  '\u0085',
  '\u009f',
  '\u00a0',
  '\u00ad',
  '\u200b',
  '\u200d',
  '\u2028',
  '\u2029',
  '\ufeff',
  '\ufffe',
  '\uffff',
  '\ud800',
  '\udfff',
  '\ud83d\ude00',
  '#',
  ': ',
  '- ',
  '"',
  "'",
  '\\',
  '{',
  '}',
  '[',
  ']',
  '&',
  '*',
  '!',
  '%',
  '@',
  '`',
  '|',
  '>',
  '?',
  ',',
  ' ',
  '---',
  '...',
  '~',
  'null',
  'true',
  '1.0',
  '<<',
  '\\n',
  '${x}',
];
const piece = fc.oneof(
  fc.constantFrom(...AWKWARD),
  fc.string({ maxLength: 3 }),
  fc.string({ unit: 'binary', maxLength: 2 }),
);
const text = fc.array(piece, { maxLength: 6 }).map((pieces) => pieces.join(''));
const method = fc.constantFrom('get', 'post', 'put', 'patch', 'delete');
const operation = fc.record({ method, segment: text, summary: text, description: text, tag: text });

function specOf(input: {
  title: string;
  tagDescription: string;
  operations: Array<{ method: string; segment: string; summary: string; description: string; tag: string }>;
}): LoadedSpec {
  const paths: Record<string, Record<string, unknown>> = {};
  input.operations.forEach((op, index) => {
    // A distinct path per operation: the index keeps them apart whatever the segment holds.
    paths[`/${index}${op.segment}`] = {
      [op.method]: {
        tags: [op.tag],
        summary: op.summary,
        description: op.description,
        responses: { '200': { description: 'OK' } },
      },
    };
  });
  const tags = [...new Set(input.operations.map((op) => op.tag))].map((name) => ({
    name,
    description: input.tagDescription,
  }));
  const document = {
    openapi: '3.0.3',
    info: { title: input.title, version: '1.0.0' },
    tags,
    paths,
  } as unknown as OpenApiDocument;
  return { label: 'spec.json', openapiVersion: '3.0', document, operations: listOperations(document) };
}

function enableAll(yaml: string): string {
  return yaml.replace(/^ {4}enabled: false\n/gm, '');
}

describe('mcpgen init writes an allowlist that reads back exactly', () => {
  it('for any spec text it copies (property)', () => {
    fc.assert(
      fc.property(
        fc.record({
          title: text,
          tagDescription: text,
          specRef: text,
          file: text,
          operations: fc.array(operation, { minLength: 1, maxLength: 3 }),
        }),
        (input) => {
          const spec = specOf(input);
          const plan = planInit({ spec, specRef: input.specRef || 'spec.json' });
          const written = renderInit({ plan, specLabel: `${input.title}.json`, file: input.file || 'mcpgen.yaml' });
          // What lands on disk: UTF-8 cannot hold a lone surrogate, so one written raw would come back changed.
          const onDisk = Buffer.from(written, 'utf8').toString('utf8');

          // As written: only the one complaint that nothing is enabled; no comment turned into YAML.
          expect(loadAllowlist({ file: 'mcpgen.yaml', text: onDisk }).diagnostics.map((d) => d.code)).toEqual([
            'MCPGEN_ALLOWLIST_NO_TOOLS',
          ]);

          const { allowlist, diagnostics } = loadAllowlist({ file: 'mcpgen.yaml', text: enableAll(onDisk) });
          expect(diagnostics).toEqual([]);
          expect(allowlist?.spec).toBe(plan.spec);
          expect(allowlist?.out).toBe(plan.out);
          expect(allowlist?.server).toMatchObject({
            name: plan.server.name,
            version: plan.server.version,
            envPrefix: plan.server.envPrefix,
          });
          const entries = plan.groups.flatMap((group) => group.entries);
          expect(allowlist?.tools.map((tool) => [tool.name, tool.risk, tool.description])).toEqual(
            entries.map((entry) => [
              entry.name,
              entry.risk,
              entry.description?.replace(/\s+/g, ' ').trim() || undefined,
            ]),
          );
          const resolution = resolveOperations({
            allowlist: allowlist!,
            operations: spec.operations,
            specLabel: spec.label,
          });
          expect(resolution.diagnostics).toEqual([]);
          expect(resolution.resolved.map((r) => operationKey(r.operation))).toEqual(
            entries.map((entry) => entry.operation),
          );
        },
      ),
      { numRuns: 400, seed: 13 },
    );
  });

  it('for the cases of the report: a title and summaries with control characters and U+2028/U+2029', () => {
    const spec = specOf({
      title: 'Acme\u2028API\u0001\r\n: injected',
      tagDescription: 'line\u2029break\u0085',
      operations: [
        {
          method: 'get',
          segment: '/things\u2028 list',
          summary: 'List\u0001 things\u0085',
          description: '',
          tag: 'things\rkey: 1',
        },
      ],
    });
    const written = renderInit({
      plan: planInit({ spec, specRef: 'spec.json' }),
      specLabel: 'spec.json',
      file: 'mcpgen.yaml',
    });
    expect(written).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u2028\u2029]/);
    const { allowlist, diagnostics } = loadAllowlist({ file: 'mcpgen.yaml', text: enableAll(written) });
    expect(diagnostics).toEqual([]);
    expect(allowlist?.tools.map((tool) => [tool.operation, tool.description])).toEqual([
      ['GET /0/things\u2028 list', 'List\u0001 things\u0085'],
    ]);
  });
});
