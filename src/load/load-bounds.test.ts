import { describe, expect, it } from 'vitest';
import { documentDepth } from './document-depth.js';
import { parseSpecText } from './parse-document.js';
import { longestRefChain } from './ref-chain.js';
import { stripExtensions } from './strip-extensions.js';
import { toleratedSchemaWarnings } from './tolerated-errors.js';

const source = (text: string) => ({ label: 'spec.yaml', location: '/tmp/spec.yaml', isUrl: false, text });

describe('documentDepth', () => {
  it('measures nesting iteratively, with the pointer of the deepest value', () => {
    let deep: unknown = 'leaf';
    for (let i = 0; i < 100_000; i += 1) deep = { a: deep };
    expect(documentDepth(deep).depth).toBe(100_000);
    expect(documentDepth({ x: [{ y: {} }], z: 1 })).toEqual({ depth: 4, pointer: '/x/0/y' });
  });
});

describe('longestRefChain', () => {
  it('follows local $refs from the root, cutting cycles', () => {
    const schemas: Record<string, unknown> = {};
    for (let i = 0; i < 5000; i += 1) schemas[`S${i}`] = { $ref: `#/components/schemas/S${i + 1}` };
    schemas['S5000'] = { type: 'object', properties: { back: { $ref: '#/components/schemas/S0' } } };
    const document = { paths: { '/a': { get: { $ref: '#/components/schemas/S0' } } }, components: { schemas } };
    expect(longestRefChain(document).length).toBe(5001);
    const cycle = {
      components: { schemas: { A: { $ref: '#/components/schemas/B' }, B: { $ref: '#/components/schemas/A' } } },
    };
    expect(longestRefChain(cycle).length).toBe(2);
  });
});

describe('parseSpecText', () => {
  it('refuses a YAML alias bomb with a diagnostic instead of expanding it', () => {
    const lines = ['openapi: 3.0.3', 'a0: &a0 [x, x, x, x, x, x, x, x, x, x]'];
    for (let i = 1; i < 9; i += 1)
      lines.push(`a${i}: &a${i} [${Array.from({ length: 10 }, () => `*a${i - 1}`).join(', ')}]`);
    const result = parseSpecText(source(lines.join('\n')));
    expect(result.document).toBeUndefined();
    expect(result.diagnostics[0]?.message).toBe(
      "the spec's YAML cannot be read as data: Excessive alias count indicates a resource exhaustion attack",
    );
  });

  it('reports YAML nested too deeply to parse', () => {
    const result = parseSpecText(source(`openapi: 3.0.3\nx: ${'['.repeat(50_000)}${']'.repeat(50_000)}\n`));
    expect(result.diagnostics[0]?.message).toMatch(/^the spec is not valid JSON or YAML: it nests too deeply to parse/);
  });
});

describe('stripExtensions', () => {
  it('drops extensions of fixed-field objects, but not names, and not what a $ref points into', () => {
    const document = {
      'x-root': { $ref: 'https://example.com/a.json' },
      info: { title: 't', 'x-logo': { url: 'l' } },
      paths: {
        'x-paths': 1,
        '/a': { 'x-item': 1, get: { 'x-codeSamples': { $ref: 'samples/a.yaml' }, responses: {} } },
      },
      components: {
        'x-kept': { p: { type: 'string' } },
        'x-dropped': 1,
        'x-whole': { type: 'integer' },
        // Only a name that starts the same: `#/components/x-whole-ish` does not point into `x-whole`.
        'x-whole-ish': { type: 'boolean' },
        schemas: {
          'x-name': { type: 'object', properties: { 'x-field': { $ref: '#/components/x-kept/p' } } },
          other: { properties: { a: { $ref: '#/components/x-whole' }, b: { $ref: '#/components/x-whole-is' } } },
        },
      },
    };
    stripExtensions(document);
    expect(document).toEqual({
      info: { title: 't' },
      paths: { '/a': { get: { responses: {} } } },
      components: {
        'x-kept': { p: { type: 'string' } },
        'x-whole': { type: 'integer' },
        schemas: {
          'x-name': { type: 'object', properties: { 'x-field': { $ref: '#/components/x-kept/p' } } },
          other: { properties: { a: { $ref: '#/components/x-whole' }, b: { $ref: '#/components/x-whole-is' } } },
        },
      },
    });
  });
});

describe('toleratedSchemaWarnings', () => {
  const label = 'spec.json';

  it('groups the tolerated kinds into one warning each', () => {
    const warnings = toleratedSchemaWarnings({
      label,
      details: [
        { instancePath: '/paths/~1a/post', keyword: 'required', params: { missingProperty: 'responses' } },
        { instancePath: '/paths/~1b/get', keyword: 'required', params: { missingProperty: 'responses' } },
        { instancePath: '/paths/~1b/get/requestBody', keyword: 'required', params: { missingProperty: '$ref' } },
        { instancePath: '/paths/~1b/get/requestBody', keyword: 'oneOf' },
      ],
    });
    expect(warnings?.map((w) => [w.severity, w.message, w.location])).toEqual([
      [
        'warning',
        'the spec breaks the OpenAPI schema: operations without `responses` at /paths/~1a/post and 1 more; their tools get no output schema and return the response as text',
        { spec: label, pointer: '/paths/~1a/post' },
      ],
    ]);
  });

  it('refuses when any error is of another kind', () => {
    const details = [
      { instancePath: '/paths/~1a/post', keyword: 'required', params: { missingProperty: 'responses' } },
      { instancePath: '/paths/~1a/get/parameters', keyword: 'type', params: { type: 'array' } },
    ];
    expect(toleratedSchemaWarnings({ label, details })).toBeUndefined();
  });
});
