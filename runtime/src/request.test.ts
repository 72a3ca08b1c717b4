import { describe, expect, it } from 'vitest';
import type { ServerConfig } from './config.js';
import { FIXED_MASK, prepareRequest, RequestError, serializePairs } from './request.js';
import type { ToolDefinition } from './types.js';

const config = {
  baseUrl: 'http://127.0.0.1:1',
  credentials: {},
  authSchemes: [],
} as unknown as ServerConfig;

function tool(request: Partial<ToolDefinition['request']>): ToolDefinition {
  return {
    name: 't',
    risk: 'low',
    confirmation: 'none',
    redact: [],
    listing: { name: 't', inputSchema: { type: 'object' } },
    input: undefined as never,
    request: { method: 'POST', path: '/x', params: [], security: [], ...request },
    response: { maxBytes: 1000, strictness: 'lenient' },
  };
}

function pairs(input: { value: unknown; style: 'form' | 'deepObject'; explode: boolean }) {
  const out: Array<[string, string]> = [];
  serializePairs({ name: 'p', ...input, origin: 'p', add: (key, value) => out.push([key, value]) });
  return out;
}

describe('serializePairs (OpenAPI form and deepObject rules)', () => {
  it('repeats the key for an exploded form array and joins an unexploded one', () => {
    expect(pairs({ value: ['a', 'b'], style: 'form', explode: true })).toEqual([
      ['p', 'a'],
      ['p', 'b'],
    ]);
    expect(pairs({ value: ['a', 'b'], style: 'form', explode: false })).toEqual([['p', 'a,b']]);
  });

  it('nests deepObject values in brackets, arrays by index', () => {
    expect(pairs({ value: { a: { b: [1, 2] } }, style: 'deepObject', explode: true })).toEqual([
      ['p[a][b][0]', '1'],
      ['p[a][b][1]', '2'],
    ]);
  });
});

describe('prepareRequest', () => {
  it('never sends a body on GET, even for a definition that declares one', () => {
    const prepared = prepareRequest({
      tool: tool({
        method: 'GET',
        params: [{ arg: 'body', name: 'body', in: 'body' }],
        body: { mediaType: 'application/x-www-form-urlencoded', mode: 'whole', required: false },
      }),
      args: { body: { a: '1' } },
      config,
    });
    expect(prepared.body).toBeUndefined();
  });

  it('refuses two arguments writing one header, fixed values winning and masked in previews', () => {
    const params = [
      { arg: 'a', name: 'X-Tenant', in: 'header' as const },
      { arg: 'b', name: 'x-tenant', in: 'header' as const, fixed: 'acme' },
    ];
    expect(() => prepareRequest({ tool: tool({ params }), args: { a: 'other' }, config })).toThrow(
      RequestError,
    );
    const prepared = prepareRequest({
      tool: tool({ params }),
      args: {},
      config,
      withCredentials: false,
    });
    expect(prepared.headers['x-tenant']).toBe('acme');
    expect(prepared.shown?.headers).toEqual({ 'x-tenant': FIXED_MASK });
  });

  it('refuses, as invalid arguments, values HTTP cannot carry in a path, a cookie or a header', () => {
    const params = [
      { arg: 'id', name: 'id', in: 'path' as const },
      { arg: 'session', name: 'session', in: 'cookie' as const },
      { arg: 'tenant', name: 'X-Tenant', in: 'header' as const },
    ];
    const definition = tool({ path: '/x/{id}', params });
    const prepare = (args: Record<string, unknown>) =>
      prepareRequest({ tool: definition, args: { id: '1', ...args }, config });
    for (const args of [
      { id: 'a\ud800b' },
      { session: 'a\udfffb' },
      { tenant: 'a\r\nx-admin: 1' },
      { tenant: 'a\u0000b' },
      { tenant: 'euro \u20ac' },
    ]) {
      let thrown: unknown;
      try {
        prepare(args);
      } catch (error) {
        thrown = error;
      }
      expect(thrown, JSON.stringify(args)).toBeInstanceOf(RequestError);
      expect((thrown as RequestError).code).toBe('invalid_arguments');
      expect((thrown as RequestError).message).toContain(`"${Object.keys(args)[0] ?? ''}"`);
    }
    const fine = prepare({ id: 'é ü😀', session: 's😀', tenant: 'Café\tok' });
    expect(fine.url).toContain('/x/%C3%A9%20%C3%BC%F0%9F%98%80');
    expect(fine.headers['x-tenant']).toBe('Café\tok');
  });

  describe('an optional body whose fields have required ones', () => {
    const commit = tool({
      params: [
        { arg: 'message', name: 'message', in: 'body' },
        { arg: 'tree', name: 'tree', in: 'body' },
        { arg: 'signed', name: 'signed', in: 'body' },
        { arg: 'tenant', name: 'tenant', in: 'body', fixed: 'acme' },
      ],
      body: {
        mediaType: 'application/json',
        mode: 'fields',
        required: false,
        requiredFields: ['message', 'tree'],
      },
    });

    it('is not sent when only a schema default and a fixed value are there', () => {
      // `signed` came from the input schema's default, not from the caller.
      const prepared = prepareRequest({
        tool: commit,
        args: { signed: false },
        config,
        given: new Set(),
      });
      expect(prepared.body).toBeUndefined();
    });

    it('is sent, defaults and fixed values included, once the caller gives a field', () => {
      const prepared = prepareRequest({
        tool: commit,
        args: { message: 'm', tree: 't', signed: false },
        config,
        given: new Set(['message', 'tree']),
      });
      expect(JSON.parse(prepared.body as string)).toEqual({
        message: 'm',
        tree: 't',
        signed: false,
        tenant: 'acme',
      });
    });

    it('must then hold its required fields', () => {
      expect(() =>
        prepareRequest({
          tool: commit,
          args: { message: 'm', signed: false },
          config,
          given: new Set(['message']),
        }),
      ).toThrow(/also requires "tree"/);
    });
  });
});
