import type { ServerConfig } from './config.js';
import type { ParamBinding, ToolDefinition } from './types.js';

export interface PreparedRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
  body?: string | URLSearchParams | FormData;
}

/** A problem with the call itself, reported to the model as a structured error. */
export class RequestError extends Error {
  constructor(
    readonly code: 'invalid_arguments' | 'missing_credentials',
    message: string,
  ) {
    super(message);
  }
}

/**
 * Builds the HTTP request for validated arguments. The base URL is fixed by
 * configuration and path values are encoded one segment each, so no argument
 * can reach an endpoint the allowlist did not expose.
 */
export function prepareRequest(input: {
  tool: ToolDefinition;
  args: Record<string, unknown>;
  config: ServerConfig;
  /** False for previews: what a person is shown must not hold secrets. */
  withCredentials?: boolean;
}): PreparedRequest {
  const { tool, args, config } = input;
  const valueOf = (binding: ParamBinding): unknown =>
    binding.fixed !== undefined
      ? binding.fixed
      : Object.hasOwn(args, binding.arg)
        ? args[binding.arg]
        : undefined;
  const headers: Record<string, string> = { accept: 'application/json, */*;q=0.5' };
  const cookies: string[] = [];
  const query = new URLSearchParams();

  let path = tool.request.path;
  for (const binding of tool.request.params.filter((p) => p.in === 'path')) {
    path = path.split(`{${binding.name}}`).join(encodePathValue(binding, valueOf(binding)));
  }
  for (const binding of tool.request.params) {
    const value = valueOf(binding);
    if (value === undefined || value === null) continue;
    if (binding.in === 'query') appendQuery({ query, binding, value });
    if (binding.in === 'header') headers[binding.name.toLowerCase()] = scalarList(value);
    if (binding.in === 'cookie')
      cookies.push(`${binding.name}=${encodeURIComponent(scalarList(value))}`);
  }
  if (input.withCredentials !== false) applyCredentials({ tool, config, headers, query, cookies });
  if (cookies.length > 0) headers['cookie'] = cookies.join('; ');

  const queryString = query.toString();
  const prepared: PreparedRequest = {
    method: tool.request.method,
    url: `${config.baseUrl}${path}${queryString ? `?${queryString}` : ''}`,
    headers,
  };
  const body = buildBody({ tool, args, valueOf });
  if (body !== undefined) {
    prepared.body = body.payload;
    if (body.contentType) headers['content-type'] = body.contentType;
  }
  return prepared;
}

function encodePathValue(binding: ParamBinding, value: unknown): string {
  const text = scalarList(value);
  // `.` and `..` survive encodeURIComponent and URL parsers collapse them, which would climb out of the path.
  if (text === '' || text === '.' || text === '..') {
    throw new RequestError(
      'invalid_arguments',
      `"${binding.arg}" must be a non-empty value other than "." or ".."`,
    );
  }
  return encodeURIComponent(text);
}

function scalarList(value: unknown): string {
  if (Array.isArray(value)) return value.map((item) => scalar(item)).join(',');
  return scalar(value);
}

function scalar(value: unknown): string {
  if (typeof value === 'object' && value !== null) return JSON.stringify(value);
  return String(value);
}

function appendQuery(input: {
  query: URLSearchParams;
  binding: ParamBinding;
  value: unknown;
}): void {
  const { query, binding, value } = input;
  const style = binding.style ?? 'form';
  const explode = binding.explode ?? style === 'form';
  if (Array.isArray(value)) {
    if (explode && (style === 'form' || style === 'deepObject')) {
      for (const item of value) query.append(binding.name, scalar(item));
      return;
    }
    const separator = style === 'spaceDelimited' ? ' ' : style === 'pipeDelimited' ? '|' : ',';
    query.append(binding.name, value.map((item) => scalar(item)).join(separator));
    return;
  }
  if (typeof value === 'object' && value !== null) {
    const entries = Object.entries(value as Record<string, unknown>).filter(
      ([, v]) => v !== undefined,
    );
    if (style === 'deepObject') {
      for (const [key, v] of entries) query.append(`${binding.name}[${key}]`, scalar(v));
    } else if (explode) {
      for (const [key, v] of entries) query.append(key, scalar(v));
    } else {
      query.append(binding.name, entries.flatMap(([key, v]) => [key, scalar(v)]).join(','));
    }
    return;
  }
  query.append(binding.name, scalar(value));
}

/** Picks the first security alternative whose credentials are all configured. */
function applyCredentials(input: {
  tool: ToolDefinition;
  config: ServerConfig;
  headers: Record<string, string>;
  query: URLSearchParams;
  cookies: string[];
}): void {
  const { tool, config, headers, query, cookies } = input;
  const alternatives = tool.request.security;
  if (alternatives.length === 0) return;
  const usable = alternatives.find((names) =>
    names.every((name) => {
      const scheme = input.config.authSchemes.find((s) => s.name === name);
      return (
        scheme !== undefined &&
        scheme.envVars.every((envVar) => config.credentials[envVar] !== undefined)
      );
    }),
  );
  if (!usable) {
    const needed = [
      ...new Set(
        alternatives
          .flat()
          .flatMap((name) => input.config.authSchemes.find((s) => s.name === name)?.envVars ?? []),
      ),
    ];
    throw new RequestError(
      'missing_credentials',
      needed.length > 0
        ? `The server has no credentials for this API: set ${needed.join(' or ')} in its environment.`
        : 'This operation needs a kind of credential the server does not support.',
    );
  }
  for (const name of usable) {
    const scheme = input.config.authSchemes.find((s) => s.name === name);
    if (!scheme) continue;
    const [first, second] = scheme.envVars.map((envVar) => config.credentials[envVar] ?? '');
    if (scheme.kind === 'bearer') headers['authorization'] = `Bearer ${first}`;
    if (scheme.kind === 'basic')
      headers['authorization'] = `Basic ${Buffer.from(`${first}:${second}`).toString('base64')}`;
    if (scheme.kind === 'apiKey' && scheme.paramName && first !== undefined) {
      if (scheme.in === 'header') headers[scheme.paramName.toLowerCase()] = first;
      if (scheme.in === 'query') query.set(scheme.paramName, first);
      if (scheme.in === 'cookie') cookies.push(`${scheme.paramName}=${encodeURIComponent(first)}`);
    }
  }
}

function buildBody(input: {
  tool: ToolDefinition;
  args: Record<string, unknown>;
  valueOf: (binding: ParamBinding) => unknown;
}): { payload: string | URLSearchParams | FormData; contentType?: string } | undefined {
  const spec = input.tool.request.body;
  if (!spec) return undefined;
  const bindings = input.tool.request.params.filter((p) => p.in === 'body');
  let value: unknown;
  if (spec.mode === 'whole') {
    value = bindings[0] ? input.valueOf(bindings[0]) : undefined;
  } else {
    const fields: Record<string, unknown> = {};
    for (const binding of bindings) {
      const fieldValue = input.valueOf(binding);
      if (fieldValue !== undefined) fields[binding.name] = fieldValue;
    }
    value = Object.keys(fields).length > 0 || spec.required ? fields : undefined;
  }
  if (value === undefined) return undefined;
  const mediaType = spec.mediaType.split(';')[0]?.trim().toLowerCase() ?? '';
  if (mediaType === 'application/x-www-form-urlencoded') {
    const form = new URLSearchParams();
    flattenForm({ prefix: '', value, add: (key, v) => form.append(key, v) });
    return { payload: form };
  }
  if (mediaType === 'multipart/form-data') {
    // fetch sets the multipart boundary itself.
    const form = new FormData();
    flattenForm({ prefix: '', value, add: (key, v) => form.append(key, v) });
    return { payload: form };
  }
  if (mediaType === 'text/plain') return { payload: scalar(value), contentType: 'text/plain' };
  return {
    payload: JSON.stringify(value),
    contentType: mediaType === '*/*' ? 'application/json' : spec.mediaType,
  };
}

/** Nested values as `key[sub][0]=v`, the convention form-encoded APIs (e.g. Stripe) use. */
function flattenForm(input: {
  prefix: string;
  value: unknown;
  add: (key: string, value: string) => void;
}): void {
  const { prefix, value, add } = input;
  if (value === undefined || value === null) return;
  if (Array.isArray(value)) {
    value.forEach((item, index) =>
      flattenForm({ prefix: `${prefix}[${index}]`, value: item, add }),
    );
    return;
  }
  if (typeof value === 'object') {
    for (const [key, v] of Object.entries(value as Record<string, unknown>)) {
      flattenForm({ prefix: prefix ? `${prefix}[${key}]` : key, value: v, add });
    }
    return;
  }
  if (prefix) add(prefix, String(value));
}
