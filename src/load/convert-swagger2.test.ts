import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { OpenAPIV3 } from 'openapi-types';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { formatDiagnostics } from '../diagnostics/format.js';
import { loadSpec } from './spec.js';
import { inlineScalarRefs, withUniqueOperationIds } from './swagger2-prepare.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'mcpgen-swagger2-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function load(input: { name: string; document: unknown; text?: string }) {
  const file = path.join(dir, input.name);
  await writeFile(file, input.text ?? JSON.stringify(input.document));
  return loadSpec({ spec: file });
}

const info = { title: 'Pets', version: '1.0.0' };
const pet = {
  type: 'object',
  required: ['name'],
  properties: { name: { type: 'string' }, tag: { type: 'string', 'x-nullable': true } },
};

describe('loadSpec: Swagger 2.0', () => {
  it('converts to OpenAPI 3.0: servers, bodies, form data, definitions', async () => {
    const result = await load({
      name: 'pets.json',
      document: {
        swagger: '2.0',
        info,
        host: 'api.example.com',
        basePath: '/v1',
        schemes: ['https'],
        consumes: ['application/json'],
        paths: {
          '/pets': {
            post: {
              operationId: 'createPet',
              parameters: [{ name: 'pet', in: 'body', required: true, schema: { $ref: '#/definitions/Pet' } }],
              responses: { '201': { description: 'Created', schema: { $ref: '#/definitions/Pet' } } },
            },
          },
          '/pets/{id}/photo': {
            post: {
              operationId: 'uploadPhoto',
              consumes: ['multipart/form-data'],
              parameters: [
                { name: 'id', in: 'path', required: true, type: 'string' },
                { name: 'caption', in: 'formData', type: 'string' },
              ],
              responses: { '204': { description: 'Stored' } },
            },
          },
        },
        definitions: { Pet: pet },
      },
    });
    expect(formatDiagnostics(result.diagnostics)).toBe('');
    const document = result.spec?.document as OpenAPIV3.Document;
    expect(result.spec?.openapiVersion).toBe('3.0');
    expect(document.servers).toEqual([{ url: 'https://api.example.com/v1' }]);
    const create = document.paths['/pets']?.post;
    const body = (create?.requestBody as OpenAPIV3.RequestBodyObject).content['application/json']
      ?.schema as OpenAPIV3.SchemaObject;
    expect(body.required).toEqual(['name']);
    expect(body.properties?.['tag']).toMatchObject({ type: 'string', nullable: true });
    const upload = document.paths['/pets/{id}/photo']?.post?.requestBody as OpenAPIV3.RequestBodyObject;
    expect(Object.keys(upload.content)).toEqual(['multipart/form-data']);
    expect(result.spec?.operations.map((op) => op.operationId)).toEqual(['createPet', 'uploadPhoto']);
  });

  it('writes nothing to stdout while converting', async () => {
    const write = vi.spyOn(process.stdout, 'write');
    try {
      await load({
        name: 'quiet.json',
        document: { swagger: '2.0', info, paths: { '/a': { get: { responses: { '200': { description: 'ok' } } } } } },
      });
      expect(write).not.toHaveBeenCalled();
    } finally {
      write.mockRestore();
    }
  });

  it('reports Swagger 2.0 rule violations at the operation', async () => {
    const result = await load({
      name: 'mixed.json',
      document: {
        swagger: '2.0',
        info,
        paths: {
          '/users/{name}': {
            post: {
              parameters: [
                { name: 'name', in: 'path', required: true, type: 'string' },
                { name: 'user', in: 'body', schema: { type: 'object' } },
                { name: 'photo', in: 'formData', type: 'string' },
              ],
              responses: { '200': { description: 'ok' } },
            },
          },
        },
      },
    });
    expect(result.spec).toBeUndefined();
    expect(formatDiagnostics(result.diagnostics)).toBe(
      `${path.join(dir, 'mixed.json')}#/paths/~1users~1{name}/post: error MCPGEN_SPEC_INVALID: the spec breaks a Swagger 2.0 rule: POST /users/{name} has body parameters and formData parameters. Only one or the other is allowed.
  hint: Fix the spec at this place: a Swagger 2.0 document must follow the Swagger 2.0 rules.`,
    );
  });

  it('finds the place of a repeated parameter, which swagger-parser leaves out', async () => {
    const parameters = [
      { name: 'trace', in: 'header', type: 'string' },
      { name: 'trace', in: 'header', type: 'number' },
    ];
    const result = await load({
      name: 'repeated.json',
      document: {
        swagger: '2.0',
        info,
        paths: { '/a': { get: { parameters, responses: { '200': { description: 'ok' } } } } },
      },
    });
    expect(result.diagnostics.map((d) => [d.message, d.location])).toEqual([
      [
        'the spec breaks a Swagger 2.0 rule: GET /a lists two header parameters named "trace"',
        { spec: path.join(dir, 'repeated.json'), pointer: '/paths/~1a/get/parameters' },
      ],
    ]);
  });

  it('tolerates repeated operationIds, as in 3.x documents', async () => {
    const op = { operationId: 'getProperty', responses: { '200': { description: 'ok' } } };
    const result = await load({
      name: 'dup.json',
      document: { swagger: '2.0', info, paths: { '/a': { get: op }, '/b': { get: op } } },
    });
    expect(result.diagnostics).toEqual([]);
    expect(result.spec?.operations.map((o) => `${o.path} ${o.operationId}`)).toEqual([
      '/a getProperty',
      '/b getProperty',
    ]);
  });

  it('refuses an external $ref outside the spec directory before converting', async () => {
    const result = await load({
      name: 'outside.json',
      document: {
        swagger: '2.0',
        info,
        paths: { '/a': { get: { responses: { '200': { description: 'ok', schema: { $ref: '../x.json' } } } } } },
      },
    });
    expect(result.diagnostics.map((d) => [d.code, d.message, d.location])).toEqual([
      [
        'MCPGEN_SPEC_REF',
        'the spec refers outside itself: $ref "../x.json" is refused',
        { spec: path.join(dir, 'outside.json'), pointer: '/paths/~1a/get/responses/200/schema' },
      ],
    ]);
  });

  it('explains a version YAML read as a number, and refuses other Swagger versions', async () => {
    const number = await load({
      name: 'number.yaml',
      document: undefined,
      text: 'swagger: 2.0\ninfo: { title: x, version: "1" }\npaths: {}\n',
    });
    expect(number.diagnostics[0]?.message).toContain('YAML reads "swagger: 2.0" as a number; quote it: swagger: "2.0"');
    const old = await load({ name: 'old.json', document: { swagger: '1.2', info, paths: {} } });
    expect(old.diagnostics[0]?.message).toContain('unsupported "swagger: 1.2"');
  });
});

describe('Swagger 2.0 preparation', () => {
  it('inlines local $refs that point at plain values (a bundle can produce them)', () => {
    const document = {
      definitions: { a: { type: 'string', title: 'A' } },
      enum: [{ $ref: '#/definitions/a/type' }, { $ref: '#/definitions/a' }],
    };
    expect(inlineScalarRefs(document).enum).toEqual(['string', { $ref: '#/definitions/a' }]);
  });

  it('numbers repeated operationIds in the copy it validates', () => {
    const op = () => ({ operationId: 'x' });
    const document = withUniqueOperationIds({ paths: { '/a': { get: op(), post: op() }, '/b': { get: op() } } });
    expect(document.paths['/a'].post.operationId).toBe('x__2');
    expect(document.paths['/b'].get.operationId).toBe('x__3');
  });
});
