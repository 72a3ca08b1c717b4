/**
 * From a spec and an allowlist to bytes on the wire: the real build (load →
 * build → the tool view the template renders as the `ToolDefinition`), the
 * runtime's request builder and sender, and an HTTP stub on 127.0.0.1 that
 * records every request it receives. The confirmation preview is built as the
 * server builds it (`previewOf` of the request prepared without credentials).
 */
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { z } from 'zod';
import type { ServerConfig } from '../../runtime/src/config.js';
import { previewOf, type RequestPreview } from '../../runtime/src/gate.js';
import { send } from '../../runtime/src/http.js';
import { prepareRequest, RequestError } from '../../runtime/src/request.js';
import type { ToolDefinition } from '../../runtime/src/types.js';
import { buildServerModel } from '../../src/build/server-model.js';
import type { Diagnostic } from '../../src/diagnostics/diagnostic.js';
import { loadAllowlistFile } from '../../src/load/allowlist-file.js';
import { loadSpec } from '../../src/load/spec.js';
import type { ServerModel, ToolModel } from '../../src/model/server.js';
import { planToolNames } from '../../src/plan/names.js';
import { planToolView, toolListing } from '../../src/plan/tool-view.js';

export interface Recorded {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  body: Buffer;
}

export interface Built {
  model: ServerModel;
  diagnostics: Diagnostic[];
  tool(name: string): { model: ToolModel; definition: ToolDefinition };
}

/** Builds the tools of `allowlistTools` (YAML of the `tools:` section) from a spec file or object. */
export async function buildTools(input: { spec: string | object; allowlistTools: string }): Promise<Built> {
  const dir = await mkdtemp(path.join(tmpdir(), 'mcpgen-wire-'));
  try {
    const specFile = typeof input.spec === 'string' ? input.spec : path.join(dir, 'openapi.json');
    if (typeof input.spec !== 'string') await writeFile(specFile, JSON.stringify(input.spec));
    const allowlistFile = path.join(dir, 'mcpgen.yaml');
    await writeFile(
      allowlistFile,
      `server:\n  name: wire-test\n  version: 1.0.0\n  env_prefix: WIRE\ntools:\n${input.allowlistTools.replace(/^/gm, '  ')}\n`,
    );
    const allowlist = await loadAllowlistFile(allowlistFile);
    const spec = await loadSpec({ spec: specFile, allowExternalRefs: false });
    if (!allowlist.allowlist || !spec.spec) {
      throw new Error(JSON.stringify([...allowlist.diagnostics, ...spec.diagnostics]));
    }
    const built = buildServerModel({ spec: spec.spec, allowlist: allowlist.allowlist });
    if (!built.model) throw new Error(JSON.stringify(built.diagnostics));
    const model = built.model;
    return {
      model,
      diagnostics: [...allowlist.diagnostics, ...spec.diagnostics, ...built.diagnostics],
      tool(name) {
        const toolModel = model.tools.find((t) => t.name === name);
        if (!toolModel) throw new Error(`no tool ${name}`);
        return { model: toolModel, definition: definitionOf(toolModel) };
      },
    };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** The `ToolDefinition` the generated module holds: its `request` and `response` are the view's JSON. */
export function definitionOf(tool: ToolModel): ToolDefinition {
  const [names] = planToolNames([tool.name]);
  if (!names) throw new Error(`no names for ${tool.name}`);
  const view = planToolView({ tool, names });
  const request = JSON.parse(JSON.stringify(view.request)) as ToolDefinition['request'];
  return {
    name: tool.name,
    risk: tool.risk,
    confirmation: tool.confirmation,
    redact: tool.redact,
    listing: toolListing(tool) as ToolDefinition['listing'],
    input: z.unknown(),
    request,
    response: view.response as ToolDefinition['response'],
  };
}

/** An HTTP stub that records every request and answers `{}`. */
export async function recordingStub(): Promise<{
  baseUrl: string;
  requests: Recorded[];
  close(): Promise<void>;
}> {
  const requests: Recorded[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      requests.push({
        method: req.method ?? '',
        url: req.url ?? '',
        headers: req.headers,
        body: Buffer.concat(chunks),
      });
      res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export function configFor(input: {
  baseUrl: string;
  credentials?: Record<string, string>;
  model?: ServerModel;
}): ServerConfig {
  return {
    baseUrl: input.baseUrl,
    timeoutMs: 5_000,
    maxRetries: 0,
    credentials: input.credentials ?? {},
    authSchemes: (input.model?.auth ?? []).map((scheme) => ({
      name: scheme.name,
      kind: scheme.kind,
      ...(scheme.in ? { in: scheme.in } : {}),
      ...(scheme.paramName ? { paramName: scheme.paramName } : {}),
      envVars: scheme.envVars,
    })),
    confirmation: {
      secret: Buffer.from('x'.repeat(32)),
      secretGenerated: false,
      ttlSeconds: 300,
      allowTokenForHighRisk: false,
    },
    transport: 'stdio',
    http: { host: '127.0.0.1', port: 0, tokens: [], allowedHosts: [], allowedOrigins: [] },
  } as ServerConfig;
}

export type CallOutcome =
  | { sent: true; preview: RequestPreview; request: Recorded }
  | { sent: false; error: { code: string; message: string } };

/**
 * What the server does with validated arguments: the preview (as the gate
 * shows it), then the request with credentials, sent to the stub.
 */
export async function callTool(input: {
  tool: ToolDefinition;
  args: Record<string, unknown>;
  config: ServerConfig;
  stub: { requests: Recorded[] };
}): Promise<CallOutcome> {
  const { tool, args, config } = input;
  const before = input.stub.requests.length;
  try {
    const preview = previewOf({
      request: prepareRequest({ tool, args, config, withCredentials: false }),
      baseUrl: config.baseUrl,
    });
    const prepared = prepareRequest({ tool, args, config });
    const upstream = await send({
      request: prepared,
      timeoutMs: 5_000,
      maxRetries: 0,
      idempotent: false,
      readLimitBytes: 1_000_000,
    });
    if (upstream.kind === 'failure') return { sent: false, error: { code: upstream.code, message: upstream.message } };
    const request = input.stub.requests[before];
    if (!request) throw new Error('the stub received nothing');
    return { sent: true, preview, request };
  } catch (error) {
    if (error instanceof RequestError) return { sent: false, error: { code: error.code, message: error.message } };
    throw error;
  }
}

/** The `key=value` pairs of a query string or form body, decoded, in order. */
export function pairsOf(text: string): Array<[string, string]> {
  return [...new URLSearchParams(text)];
}
