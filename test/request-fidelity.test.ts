/**
 * What the generated server sends is what the spec asks for, what a person
 * approves is exactly that, and values the allowlist fixes can be neither
 * overridden nor seen by the model (issue 13: items 7, 8, 9, 22–26). Each
 * tool is built from a spec by the real pipeline, its request prepared and
 * sent by the runtime to a stub on 127.0.0.1 that records what arrived.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../scripts/worked-example.js';
import {
  buildTools,
  callTool,
  configFor,
  pairsOf,
  recordingStub,
  type Built,
  type CallOutcome,
} from './support/wire.js';
import { planContractCases } from '../src/plan/contract-cases.js';

const SPECS = path.resolve(REPO_ROOT, '../shared/specs');
/** The real public specs sit beside the repository (as in CI); without them those cases skip visibly, like the corpus. */
const specs = existsSync(SPECS);
let stub: Awaited<ReturnType<typeof recordingStub>>;
beforeAll(async () => {
  stub = await recordingStub();
});
afterAll(() => stub.close());

function sent(outcome: CallOutcome) {
  if (!outcome.sent) throw new Error(`not sent: ${JSON.stringify(outcome.error)}`);
  return outcome;
}
function refused(outcome: CallOutcome) {
  if (outcome.sent)
    throw new Error(`sent: ${outcome.request.method} ${outcome.request.url} ${outcome.request.body.toString()}`);
  return outcome.error;
}

const obj = (properties: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({
  type: 'object',
  properties,
  ...extra,
});
const str = { type: 'string' };
const dict = { type: 'object', additionalProperties: { type: 'string' } };
const ok = { '200': { description: 'OK', content: { 'application/json': { schema: obj({}) } } } };

/** One operation per location a fixed value can live in, and bodies of every kind. */
const SPEC = {
  openapi: '3.0.3',
  info: { title: 'Fidelity', version: '1.0.0' },
  paths: {
    '/orgs/{org}/reports': {
      get: {
        operationId: 'listReports',
        parameters: [
          { name: 'org', in: 'path', required: true, schema: str },
          { name: 'filter', in: 'query', schema: dict, style: 'form', explode: true },
          { name: 'tenant', in: 'query', schema: str },
          { name: 'X-Tenant', in: 'header', schema: str },
          { name: 'X-Trace', in: 'header', schema: str },
          { name: 'tenant_cookie', in: 'cookie', schema: str },
        ],
        responses: ok,
      },
    },
    '/notes': {
      post: {
        operationId: 'createNote',
        requestBody: {
          required: true,
          content: { 'application/json': { schema: obj({ tenant: str, note: str }, { required: ['note'] }) } },
        },
        responses: ok,
      },
    },
    '/charges': {
      post: {
        operationId: 'createCharge',
        requestBody: {
          required: true,
          content: {
            'application/x-www-form-urlencoded': {
              schema: obj({
                tenant: str,
                extra: dict,
                amount: dict,
                'amount[x]': str,
                tags: { type: 'array', items: str },
                metadata: dict,
              }),
              encoding: {
                amount: { style: 'deepObject', explode: true },
                metadata: { style: 'deepObject', explode: true },
              },
            },
          },
        },
        responses: ok,
      },
    },
    '/uploads': {
      post: {
        operationId: 'upload',
        requestBody: {
          required: true,
          content: {
            'multipart/form-data': {
              schema: obj(
                { kind: str, tenant: str, file: { type: 'string', format: 'binary' } },
                { required: ['file'] },
              ),
              encoding: { file: { contentType: 'image/png' } },
            },
          },
        },
        responses: ok,
      },
    },
    '/blobs': {
      put: {
        operationId: 'putBlob',
        requestBody: { required: true, content: { '*/*': { schema: { type: 'string', format: 'binary' } } } },
        responses: ok,
      },
    },
    '/documents': {
      post: {
        operationId: 'postXml',
        requestBody: { required: true, content: { 'application/xml': { schema: obj({ a: str }) } } },
        responses: ok,
      },
    },
  },
};

const TOOLS = `
list_reports:
  operation: listReports
  risk: read
  params:
    org: { value: acme-org }
    tenant: { value: acme }
    X-Tenant: { value: acme }
    tenant_cookie: { value: acme }
create_note:
  operation: createNote
  risk: medium
  params:
    tenant: { value: acme }
create_charge:
  operation: createCharge
  risk: medium
  params:
    tenant: { value: acme }
upload:
  operation: upload
  risk: medium
  params:
    tenant: { value: acme }
put_blob:
  operation: putBlob
  risk: medium
post_xml:
  operation: postXml
  risk: low
`;

describe('fixed values win, and the model never sees them (items 7, 8)', () => {
  let built: Built;
  beforeAll(async () => {
    built = await buildTools({ spec: SPEC, allowlistTools: TOOLS });
  });
  const config = () => configFor({ baseUrl: stub.baseUrl });

  it('refuses a free-form query object that would write a fixed query key, and sends nothing', async () => {
    const before = stub.requests.length;
    const error = refused(
      await callTool({
        tool: built.tool('list_reports').definition,
        args: { filter: { tenant: 'other', status: 'open' } },
        config: config(),
        stub,
      }),
    );
    expect(error.code).toBe('invalid_arguments');
    expect(error.message).toContain('"tenant"');
    expect(stub.requests.length).toBe(before);
  });

  it('sends the fixed values in path, query, header and cookie, and masks every one in the preview', async () => {
    const outcome = sent(
      await callTool({
        tool: built.tool('list_reports').definition,
        args: { filter: { status: 'open' }, 'X-Trace': 't1' },
        config: config(),
        stub,
      }),
    );
    const url = new URL(outcome.request.url, stub.baseUrl);
    expect(url.pathname).toBe('/orgs/acme-org/reports');
    expect(pairsOf(url.search)).toEqual([
      ['status', 'open'],
      ['tenant', 'acme'],
    ]);
    expect(outcome.request.headers['x-tenant']).toBe('acme');
    expect(outcome.request.headers['x-trace']).toBe('t1');
    expect(outcome.request.headers['cookie']).toBe('tenant_cookie=acme');
    expect(JSON.stringify(outcome.preview)).not.toContain('acme');
    expect(outcome.preview).toEqual({
      method: 'GET',
      path: '/orgs/[fixed by the server]/reports?status=open&tenant=[fixed by the server]',
      headers: { 'x-trace': 't1', 'x-tenant': '[fixed by the server]', cookie: 'tenant_cookie=[fixed by the server]' },
    });
  });

  it('masks a fixed JSON body field in the preview and sends it', async () => {
    const outcome = sent(
      await callTool({ tool: built.tool('create_note').definition, args: { note: 'hi' }, config: config(), stub }),
    );
    expect(JSON.parse(outcome.request.body.toString())).toEqual({ note: 'hi', tenant: 'acme' });
    expect(outcome.preview.body).toEqual({ note: 'hi', tenant: '[fixed by the server]' });
  });

  it('refuses a form-body object whose exploded keys would write a fixed field', async () => {
    const error = refused(
      await callTool({
        tool: built.tool('create_charge').definition,
        args: { extra: { tenant: 'other' } },
        config: config(),
        stub,
      }),
    );
    expect(error).toMatchObject({ code: 'invalid_arguments' });
    expect(error.message).toContain('which the server fixes');
  });

  it('masks a fixed multipart field in the preview and sends it', async () => {
    const outcome = sent(
      await callTool({
        tool: built.tool('upload').definition,
        args: { kind: 'logo', file: Buffer.from('PNGDATA').toString('base64') },
        config: config(),
        stub,
      }),
    );
    expect(outcome.request.body.toString()).toMatch(/name="tenant"\r\n\r\nacme\r\n/);
    expect(JSON.stringify(outcome.preview)).not.toContain('acme');
  });
});

describe('what a person approves is exactly what is sent (item 9)', () => {
  let built: Built;
  beforeAll(async () => {
    built = await buildTools({ spec: SPEC, allowlistTools: TOOLS });
  });
  const config = () => configFor({ baseUrl: stub.baseUrl });

  it('refuses form arguments that serialize to the same key twice, and sends nothing', async () => {
    const before = stub.requests.length;
    const charge = built.tool('create_charge');
    const bracketArg = charge.model.params.find((p) => p.wireName === 'amount[x]')?.argName ?? '';
    const error = refused(
      await callTool({
        tool: charge.definition,
        args: { amount: { x: '1' }, [bracketArg]: '99999' },
        config: config(),
        stub,
      }),
    );
    expect(error.code).toBe('invalid_arguments');
    expect(error.message).toContain('amount[x]');
    expect(stub.requests.length).toBe(before);
  });

  it('shows a form body as the pairs sent, in order', async () => {
    const outcome = sent(
      await callTool({
        tool: built.tool('create_charge').definition,
        args: { amount: { x: '1', y: '2' }, tags: ['a', 'b'], metadata: { k: 'v' } },
        config: config(),
        stub,
      }),
    );
    const wire = pairsOf(outcome.request.body.toString());
    expect(wire).toEqual([
      ['amount[x]', '1'],
      ['amount[y]', '2'],
      ['tags', 'a'],
      ['tags', 'b'],
      ['metadata[k]', 'v'],
      ['tenant', 'acme'],
    ]);
    expect(outcome.preview.body).toEqual({
      form: wire.map(([k, v]) => [k, k === 'tenant' ? '[fixed by the server]' : v]),
    });
  });

  it('shows a multipart body as its parts: names, file names, content types and sizes', async () => {
    const outcome = sent(
      await callTool({
        tool: built.tool('upload').definition,
        args: { kind: 'logo', file: Buffer.from('PNGDATA').toString('base64') },
        config: config(),
        stub,
      }),
    );
    expect(outcome.preview.body).toEqual({
      multipart: [
        { name: 'kind', value: 'logo' },
        { name: 'file', filename: 'file', contentType: 'image/png', bytes: 7 },
        { name: 'tenant', value: '[fixed by the server]' },
      ],
    });
  });
});

describe('non-JSON bodies are sent as declared, never as something else (item 26)', () => {
  let built: Built;
  beforeAll(async () => {
    built = await buildTools({ spec: SPEC, allowlistTools: TOOLS });
  });
  const config = () => configFor({ baseUrl: stub.baseUrl });

  it('sends a multipart file as a part with a filename, its content type and its bytes', async () => {
    const bytes = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0xff]);
    const outcome = sent(
      await callTool({
        tool: built.tool('upload').definition,
        args: { file: bytes.toString('base64') },
        config: config(),
        stub,
      }),
    );
    const body = outcome.request.body;
    const header = 'Content-Disposition: form-data; name="file"; filename="file"\r\nContent-Type: image/png\r\n\r\n';
    const at = body.indexOf(header);
    expect(at).toBeGreaterThan(-1);
    expect(body.subarray(at + header.length, at + header.length + bytes.length)).toEqual(bytes);
    expect(built.tool('upload').model.inputSchema.properties?.['file']).toMatchObject({
      type: 'string',
      format: 'byte',
    });
  });

  it('sends a binary `*/*` upload as its bytes, not as a JSON string', async () => {
    const bytes = Buffer.from([0, 1, 2, 253, 254, 255]);
    const outcome = sent(
      await callTool({
        tool: built.tool('put_blob').definition,
        args: { body: bytes.toString('base64') },
        config: config(),
        stub,
      }),
    );
    expect(outcome.request.body).toEqual(bytes);
    expect(outcome.request.headers['content-type']).toBe('application/octet-stream');
    expect(outcome.preview.body).toEqual({ binary: { contentType: 'application/octet-stream', bytes: 6 } });
  });

  it('refuses a binary argument that is not base64, and sends nothing', async () => {
    const error = refused(
      await callTool({
        tool: built.tool('put_blob').definition,
        args: { body: 'not base64!' },
        config: config(),
        stub,
      }),
    );
    expect(error.code).toBe('invalid_arguments');
  });

  it('sends an XML body as the text the model wrote, with its media type', async () => {
    const outcome = sent(
      await callTool({ tool: built.tool('post_xml').definition, args: { body: '<a>1</a>' }, config: config(), stub }),
    );
    expect(outcome.request.body.toString()).toBe('<a>1</a>');
    expect(outcome.request.headers['content-type']).toBe('application/xml');
  });

  it.skipIf(!specs)("sends Petstore uploadImage's application/octet-stream body (it was dropped)", async () => {
    const petstore = await buildTools({
      spec: path.join(SPECS, 'swagger-api__swagger-petstore/openapi.yaml'),
      allowlistTools: 'upload_image:\n  operation: uploadFile\n  risk: low\n',
    });
    const tool = petstore.tool('upload_image');
    expect(Object.keys(tool.model.inputSchema.properties ?? {})).toContain('body');
    const bytes = Buffer.from('\x89PNG\r\n\x1a\n', 'latin1');
    // Its only scheme is OAuth 2, which the generated server does not hold: the body is what is under test.
    tool.definition.request.security = [];
    const outcome = sent(
      await callTool({
        tool: tool.definition,
        args: { petId: 7, body: bytes.toString('base64') },
        config: configFor({ baseUrl: stub.baseUrl }),
        stub,
      }),
    );
    expect(outcome.request.body).toEqual(bytes);
    expect(outcome.request.headers['content-type']).toBe('application/octet-stream');
  });
});

describe('an optional body, once sent, is one the spec allows (items 22, 23)', () => {
  it.skipIf(!specs)(
    'GitHub git/commits: parents without message and tree is refused, naming them, and nothing is sent',
    async () => {
      const github = await buildTools({
        spec: path.join(SPECS, 'github__rest-api-description/api.github.com.json'),
        allowlistTools: 'create_commit:\n  operation: POST /repos/{owner}/{repo}/git/commits\n  risk: low\n',
      });
      const before = stub.requests.length;
      const config = configFor({ baseUrl: stub.baseUrl });
      const tool = github.tool('create_commit').definition;
      const error = refused(await callTool({ tool, args: { owner: 'o', repo: 'r', parents: ['abc'] }, config, stub }));
      expect(error.code).toBe('invalid_arguments');
      expect(error.message).toContain('"message"');
      expect(error.message).toContain('"tree"');
      expect(stub.requests.length).toBe(before);
      const outcome = sent(
        await callTool({ tool, args: { owner: 'o', repo: 'r', message: 'm', tree: 't' }, config, stub }),
      );
      expect(JSON.parse(outcome.request.body.toString())).toEqual({ message: 'm', tree: 't' });
    },
    120_000,
  );

  it.skipIf(!specs)(
    'Twilio Messages: a Body without To is refused; MediaUrl follows form encoding (repeated keys)',
    async () => {
      const twilio = await buildTools({
        spec: path.join(SPECS, 'twilio__twilio-oai/twilio_api_v2010.json'),
        allowlistTools:
          'send_message:\n  operation: POST /2010-04-01/Accounts/{AccountSid}/Messages.json\n  risk: medium\n',
      });
      const tool = twilio.tool('send_message').definition;
      const config = configFor({
        baseUrl: stub.baseUrl,
        model: twilio.model,
        credentials: Object.fromEntries(twilio.model.auth.flatMap((a) => a.envVars).map((v) => [v, 'x'])),
      });
      const error = refused(await callTool({ tool, args: { AccountSid: 'AC1', Body: 'hi' }, config, stub }));
      expect(error).toMatchObject({ code: 'invalid_arguments' });
      expect(error.message).toContain('"To"');
      const outcome = sent(
        await callTool({
          tool,
          args: {
            AccountSid: 'AC1',
            To: '+1555',
            Body: 'hi',
            MediaUrl: ['https://a.example/1.png', 'https://a.example/2.png'],
          },
          config,
          stub,
        }),
      );
      const pairs = pairsOf(outcome.request.body.toString());
      expect(pairs.filter(([key]) => key.startsWith('MediaUrl'))).toEqual([
        ['MediaUrl', 'https://a.example/1.png'],
        ['MediaUrl', 'https://a.example/2.png'],
      ]);
    },
    120_000,
  );

  it("the example's PATCH /customers/{customerId} with no field is refused (minProperties: 1), not sent as {}", async () => {
    const company = await buildTools({
      spec: path.join(REPO_ROOT, 'examples/company-api/openapi.json'),
      allowlistTools: 'update_customer:\n  operation: PATCH /customers/{customerId}\n  risk: medium\n',
    });
    const tool = company.tool('update_customer').definition;
    const config = configFor({
      baseUrl: stub.baseUrl,
      model: company.model,
      credentials: Object.fromEntries(company.model.auth.flatMap((a) => a.envVars).map((v) => [v, 'k'])),
    });
    const before = stub.requests.length;
    const error = refused(await callTool({ tool, args: { customerId: 'cus_1' }, config, stub }));
    expect(error.code).toBe('invalid_arguments');
    expect(error.message).toContain('at least 1');
    expect(stub.requests.length).toBe(before);
    const outcome = sent(await callTool({ tool, args: { customerId: 'cus_1', name: 'New' }, config, stub }));
    expect(JSON.parse(outcome.request.body.toString())).toEqual({ name: 'New' });
    // The generated project's own contract test for this tool must send a body the runtime accepts.
    const contract = planContractCases(company.model).find((c) => c.tool === 'update_customer');
    const fromContract = sent(await callTool({ tool, args: contract?.args ?? {}, config, stub }));
    expect(Object.keys(JSON.parse(fromContract.request.body.toString()) as object).length).toBeGreaterThanOrEqual(1);
  });
});

describe('GET and HEAD never take a body; form bodies follow the spec encoding (items 24, 25)', () => {
  it.skipIf(!specs)(
    "Stripe's GET /v1/customers exposes no body argument and its call reaches the API",
    async () => {
      const stripe = await buildTools({
        spec: path.join(SPECS, 'stripe__openapi/spec3.2023-09-11.7681c11.yaml'),
        allowlistTools: [
          'list_customers:\n  operation: GET /v1/customers\n  risk: read',
          'create_customer:\n  operation: POST /v1/customers\n  risk: low',
        ].join('\n'),
      });
      const list = stripe.tool('list_customers');
      expect(Object.keys(list.model.inputSchema.properties ?? {})).not.toContain('body');
      expect(list.definition.request.body).toBeUndefined();
      expect(stripe.diagnostics.filter((d) => d.code === 'MCPGEN_BODY_IGNORED')).toMatchObject([{ severity: 'info' }]);
      const config = configFor({
        baseUrl: stub.baseUrl,
        model: stripe.model,
        credentials: Object.fromEntries(stripe.model.auth.flatMap((a) => a.envVars).map((v) => [v, 'sk_test'])),
      });
      const outcome = sent(await callTool({ tool: list.definition, args: { limit: 3 }, config, stub }));
      expect(outcome.request.method).toBe('GET');
      expect(outcome.request.body.length).toBe(0);

      // deepObject, as Stripe's encoding asks, keeps its bracket convention.
      const created = sent(
        await callTool({
          tool: stripe.tool('create_customer').definition,
          args: { metadata: { plan: 'pro' }, expand: ['tax'], name: 'A' },
          config,
          stub,
        }),
      );
      expect(pairsOf(created.request.body.toString())).toEqual([
        ['expand[0]', 'tax'],
        ['metadata[plan]', 'pro'],
        ['name', 'A'],
      ]);
    },
    180_000,
  );
});
