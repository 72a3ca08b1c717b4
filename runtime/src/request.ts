import type { ServerConfig } from './config.js';
import type { BodyDefinition, BodyFieldEncoding, ParamBinding, ToolDefinition } from './types.js';

/** What a person and the model see instead of a value the server fixes (allowlist `params.<name>.value`). */
export const FIXED_MASK = '[fixed by the server]';

export interface PreparedRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
  body?: string | URLSearchParams | FormData | Blob;
  /**
   * What a person approves: this request as serialized, values the server
   * fixes masked. Set only when prepared without credentials (previews).
   */
  shown?: ShownRequest;
}

/** The request as a person is shown it; built from the same serialization as what is sent. */
export interface ShownRequest {
  /** Path and query, relative to the base URL. */
  path: string;
  /** Headers and cookies set from arguments (credentials and fixed protocol headers left out). */
  headers?: Record<string, string>;
  /**
   * JSON: the value; form: the pairs in the order sent; multipart: the parts;
   * binary: its content type and size; text: the string.
   */
  body?: unknown;
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

/** One `key=value` of a query string or form body, with the argument it came from. */
interface Pair {
  key: string;
  value: string;
  /** The argument and the path inside its value: two origins writing one key collide. */
  origin: string;
  arg: string;
  fixed: boolean;
}

/**
 * Builds the HTTP request for validated arguments. The base URL is fixed by
 * configuration and path values are encoded one segment each, so no argument
 * can reach an endpoint the allowlist did not expose. Values the server fixes
 * win everywhere: an argument whose serialization would write the same query
 * key, form field, header or cookie as a fixed value (or as another argument)
 * is refused rather than dropped, so the model learns that its value would not
 * be sent instead of getting a result for a request it did not ask for.
 */
export function prepareRequest(input: {
  tool: Pick<ToolDefinition, 'request'>;
  args: Record<string, unknown>;
  config: ServerConfig;
  /** False for previews: what a person is shown must not hold secrets. */
  withCredentials?: boolean;
  /**
   * The arguments the caller (or a `beforeCall` hook) gave, as opposed to
   * defaults the input schema filled in. An optional body is sent only when
   * one of its fields was given. Absent: every argument counts as given.
   */
  given?: ReadonlySet<string>;
}): PreparedRequest {
  const { tool, args, config } = input;
  const preview = input.withCredentials === false;
  const valueOf = (binding: ParamBinding): unknown =>
    binding.fixed !== undefined
      ? binding.fixed
      : Object.hasOwn(args, binding.arg)
        ? args[binding.arg]
        : undefined;
  const shownOf = (binding: ParamBinding, text: string): string =>
    binding.fixed !== undefined ? FIXED_MASK : text;
  // Fixed values are written last, so nothing an argument writes can stand after them.
  const ordered = [
    ...tool.request.params.filter((p) => p.fixed === undefined),
    ...tool.request.params.filter((p) => p.fixed !== undefined),
  ];

  let path = tool.request.path;
  let shownPath = tool.request.path;
  for (const binding of ordered.filter((p) => p.in === 'path')) {
    const encoded = encodePathValue(binding, valueOf(binding));
    path = path.split(`{${binding.name}}`).join(encoded);
    shownPath = shownPath.split(`{${binding.name}}`).join(shownOf(binding, encoded));
  }

  const pairs: Pair[] = [];
  const headers: Record<string, string> = {};
  const shownHeaders: Record<string, string> = {};
  const headerOrigins = new Map<string, ParamBinding>();
  const cookies: Array<{ binding: ParamBinding; text: string }> = [];
  for (const binding of ordered) {
    const value = valueOf(binding);
    if (value === undefined || value === null) continue;
    const fixed = binding.fixed !== undefined;
    if (binding.in === 'query') {
      serializePairs({
        name: binding.name,
        value,
        style: binding.style ?? 'form',
        explode: binding.explode ?? (binding.style ?? 'form') === 'form',
        origin: binding.arg,
        add: (key, text, origin) =>
          pairs.push({ key, value: text, origin, arg: binding.arg, fixed }),
      });
    }
    if (binding.in === 'header') {
      const name = binding.name.toLowerCase();
      claim({ names: headerOrigins, key: name, binding, where: 'header' });
      headers[name] = headerValue(binding, scalarList(value));
      shownHeaders[name] = shownOf(binding, headers[name]);
    }
    if (binding.in === 'cookie') {
      claim({ names: headerOrigins, key: `cookie ${binding.name}`, binding, where: 'cookie' });
      cookies.push({ binding, text: uriComponent(binding, scalarList(value)) });
    }
  }
  const credentialKeys = queryCredentialNames({ tool, config });
  checkPairs({ pairs, where: 'query string', reserved: credentialKeys });

  const query = new URLSearchParams();
  for (const pair of pairs) query.append(pair.key, pair.value);
  const cookieTexts = cookies.map(({ binding, text }) => `${binding.name}=${text}`);
  const allHeaders: Record<string, string> = { accept: 'application/json, */*;q=0.5', ...headers };
  if (!preview)
    applyCredentials({ tool, config, headers: allHeaders, query, cookies: cookieTexts });
  if (cookieTexts.length > 0) allHeaders['cookie'] = cookieTexts.join('; ');

  const queryString = query.toString();
  const prepared: PreparedRequest = {
    method: tool.request.method,
    url: `${config.baseUrl}${path}${queryString ? `?${queryString}` : ''}`,
    headers: allHeaders,
  };
  const body = buildBody({ tool, args, valueOf, given: input.given });
  if (body !== undefined) {
    prepared.body = body.payload;
    if (body.contentType) allHeaders['content-type'] = body.contentType;
  }
  if (preview) {
    const shownQuery = pairs
      .map((pair) =>
        pair.fixed
          ? `${encodeForm(pair.key)}=${FIXED_MASK}`
          : `${encodeForm(pair.key)}=${encodeForm(pair.value)}`,
      )
      .join('&');
    if (cookies.length > 0) {
      shownHeaders['cookie'] = cookies
        .map(({ binding, text }) => `${binding.name}=${shownOf(binding, text)}`)
        .join('; ');
    }
    prepared.shown = {
      path: `${shownPath}${shownQuery ? `?${shownQuery}` : ''}`,
      ...(Object.keys(shownHeaders).length > 0 ? { headers: shownHeaders } : {}),
      ...(body !== undefined ? { body: body.shown } : {}),
    };
  }
  return prepared;
}

function encodeForm(text: string): string {
  return new URLSearchParams([['', text]]).toString().slice(1);
}

function claim(input: {
  names: Map<string, ParamBinding>;
  key: string;
  binding: ParamBinding;
  where: string;
}): void {
  const { names, key, binding } = input;
  const earlier = names.get(key);
  if (earlier !== undefined)
    throw collision({ key, where: input.where, first: earlier, second: binding });
  names.set(key, binding);
}

function collision(input: {
  key: string;
  where: string;
  first: { arg: string; fixed?: unknown };
  second: { arg: string; fixed?: unknown };
}): RequestError {
  const { key, where, first, second } = input;
  const fixed = first.fixed !== undefined ? first : second.fixed !== undefined ? second : undefined;
  const other = fixed === first ? second : first;
  if (fixed !== undefined) {
    return new RequestError(
      'invalid_arguments',
      `"${other.arg}" would set the ${where} key "${key}", which the server fixes; leave that key out. Nothing was sent.`,
    );
  }
  const names = first.arg === second.arg ? `"${first.arg}"` : `"${first.arg}" and "${second.arg}"`;
  return new RequestError(
    'invalid_arguments',
    `${names} would both write the ${where} key "${key}" with different values; send it once. Nothing was sent.`,
  );
}

/** Two origins may not write one key; a fixed value or a credential owns its key alone. */
function checkPairs(input: { pairs: Pair[]; where: string; reserved?: Set<string> }): void {
  const owners = new Map<string, Pair>();
  for (const pair of input.pairs) {
    if (input.reserved?.has(pair.key)) {
      throw new RequestError(
        'invalid_arguments',
        `"${pair.arg}" would set the ${input.where} key "${pair.key}", which carries the server's credential; leave that key out. Nothing was sent.`,
      );
    }
    const owner = owners.get(pair.key);
    if (owner === undefined) owners.set(pair.key, pair);
    else if (owner.origin !== pair.origin) {
      throw collision({
        key: pair.key,
        where: input.where,
        first: { arg: owner.arg, ...(owner.fixed ? { fixed: true } : {}) },
        second: { arg: pair.arg, ...(pair.fixed ? { fixed: true } : {}) },
      });
    }
  }
}

/** Query keys the tool's credentials use: no argument may write them. */
function queryCredentialNames(input: {
  tool: Pick<ToolDefinition, 'request'>;
  config: ServerConfig;
}): Set<string> {
  const names = new Set(input.tool.request.security.flat());
  return new Set(
    input.config.authSchemes
      .filter(
        (scheme) => names.has(scheme.name) && scheme.kind === 'apiKey' && scheme.in === 'query',
      )
      .flatMap((scheme) => (scheme.paramName ? [scheme.paramName] : [])),
  );
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
  return uriComponent(binding, text);
}

/** In a `u` pattern a surrogate pair is one code point: only a lone surrogate is in category Cs. */
const LONE_SURROGATE = /\p{Cs}/u;

/** `encodeURIComponent`, which throws on a lone surrogate: that argument is refused, not a server failure. */
function uriComponent(binding: ParamBinding, text: string): string {
  if (LONE_SURROGATE.test(text)) {
    throw new RequestError(
      'invalid_arguments',
      `"${binding.arg}" holds a lone surrogate, which is not text`,
    );
  }
  return encodeURIComponent(text);
}

/**
 * What Node's HTTP client accepts in a header value: tab, printable ASCII and
 * Latin-1. Anything else (a line break above all) is refused as an argument.
 */
const HEADER_VALUE = /^[\t\x20-\x7e\x80-\xff]*$/;

function headerValue(binding: ParamBinding, text: string): string {
  if (!HEADER_VALUE.test(text)) {
    throw new RequestError(
      'invalid_arguments',
      `"${binding.arg}" is sent as an HTTP header, which cannot carry line breaks, control characters or characters beyond Latin-1`,
    );
  }
  return text;
}

function scalarList(value: unknown): string {
  if (Array.isArray(value)) return value.map((item) => scalar(item)).join(',');
  return scalar(value);
}

function scalar(value: unknown): string {
  if (typeof value === 'object' && value !== null) return JSON.stringify(value);
  return String(value);
}

/**
 * One value as `key=value` pairs, by the OpenAPI rules shared by query
 * parameters and `application/x-www-form-urlencoded` properties: `form` with
 * explode repeats the key for each array item and spreads an object's
 * properties; without explode, items are joined; `deepObject` nests in
 * brackets (`key[sub][0]=v`, the convention Stripe uses). Values the rules do
 * not define (an object inside a `form` value) are written as JSON.
 */
export function serializePairs(input: {
  name: string;
  value: unknown;
  style: NonNullable<BodyFieldEncoding['style']> | 'simple';
  explode: boolean;
  origin: string;
  add: (key: string, value: string, origin: string) => void;
}): void {
  const { name, value, style, explode, origin, add } = input;
  if (value === undefined || value === null) return;
  if (style === 'deepObject') {
    brackets({ prefix: name, value, origin, add });
    return;
  }
  if (Array.isArray(value)) {
    const items = value.filter((item) => item !== undefined && item !== null);
    if (explode && style === 'form') {
      for (const item of items) add(name, scalar(item), origin);
      return;
    }
    const separator = style === 'spaceDelimited' ? ' ' : style === 'pipeDelimited' ? '|' : ',';
    add(name, items.map((item) => scalar(item)).join(separator), origin);
    return;
  }
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).filter(
      ([, v]) => v !== undefined && v !== null,
    );
    if (explode) {
      for (const [key, v] of entries) add(key, scalar(v), `${origin}.${JSON.stringify(key)}`);
    } else {
      add(name, entries.flatMap(([key, v]) => [key, scalar(v)]).join(','), origin);
    }
    return;
  }
  add(name, scalar(value), origin);
}

function brackets(input: {
  prefix: string;
  value: unknown;
  origin: string;
  add: (key: string, value: string, origin: string) => void;
}): void {
  const { prefix, value, origin, add } = input;
  if (value === undefined || value === null) return;
  if (Array.isArray(value)) {
    value.forEach((item, index) => {
      brackets({ prefix: `${prefix}[${index}]`, value: item, origin: `${origin}.${index}`, add });
    });
    return;
  }
  if (typeof value === 'object') {
    for (const [key, v] of Object.entries(value as Record<string, unknown>)) {
      brackets({
        prefix: `${prefix}[${key}]`,
        value: v,
        origin: `${origin}.${JSON.stringify(key)}`,
        add,
      });
    }
    return;
  }
  add(prefix, scalar(value), origin);
}

/** Picks the first security alternative whose credentials are all configured. */
function applyCredentials(input: {
  tool: Pick<ToolDefinition, 'request'>;
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

interface BuiltBody {
  payload: string | URLSearchParams | FormData | Blob;
  contentType?: string;
  /** What a person is shown of it, fixed values masked. */
  shown: unknown;
}

/** One top-level property of the body, or the whole body, with where it came from. */
interface BodyPart {
  name: string;
  value: unknown;
  binding: ParamBinding;
}

const BODYLESS_METHODS = new Set(['GET', 'HEAD']);
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

function buildBody(input: {
  tool: Pick<ToolDefinition, 'request'>;
  args: Record<string, unknown>;
  valueOf: (binding: ParamBinding) => unknown;
  given: ReadonlySet<string> | undefined;
}): BuiltBody | undefined {
  const spec = input.tool.request.body;
  // fetch refuses a body on GET and HEAD; HTTP gives it no meaning there.
  if (!spec || BODYLESS_METHODS.has(input.tool.request.method)) return undefined;
  const bindings = input.tool.request.params.filter((p) => p.in === 'body');
  // Fixed values last: an argument cannot stand after (and so override) them.
  const ordered = [
    ...bindings.filter((p) => p.fixed === undefined),
    ...bindings.filter((p) => p.fixed !== undefined),
  ];
  const mediaType = spec.mediaType.split(';')[0]?.trim().toLowerCase() ?? '';

  if (spec.mode === 'whole') {
    const binding = ordered[0];
    const value = binding ? input.valueOf(binding) : undefined;
    if (value === undefined || binding === undefined) return undefined;
    const fixed = binding.fixed !== undefined;
    if (spec.as === 'binary') return binaryBody({ spec, binding, value, fixed });
    if (spec.as === 'text' || mediaType === 'text/plain') {
      const contentType = spec.mediaType.includes('*') ? 'text/plain' : spec.mediaType;
      return { payload: scalar(value), contentType, shown: fixed ? FIXED_MASK : scalar(value) };
    }
    if (mediaType === 'application/x-www-form-urlencoded' || mediaType === 'multipart/form-data') {
      // A dictionary body: each of its keys is one property, with the default encoding.
      if (typeof value !== 'object' || value === null || Array.isArray(value)) {
        throw new RequestError('invalid_arguments', `"${binding.arg}" must be an object.`);
      }
      const parts = Object.entries(value as Record<string, unknown>).map(([name, v]) => ({
        name,
        value: v,
        binding,
      }));
      return mediaType === 'multipart/form-data'
        ? multipartBody({ spec, parts })
        : formBody({ spec, parts });
    }
    return jsonBody({ spec, value, shown: fixed ? FIXED_MASK : value });
  }

  const parts: BodyPart[] = [];
  for (const binding of ordered) {
    const value = input.valueOf(binding);
    if (value !== undefined) parts.push({ name: binding.name, value, binding });
  }
  // Defaults and hidden fixed values alone do not make an optional body: the caller must give a field.
  const given = parts.some(
    (part) => part.binding.fixed === undefined && (input.given?.has(part.binding.arg) ?? true),
  );
  if (!given && !spec.required) return undefined;
  checkBodyRules({ spec, parts, bindings });
  if (mediaType === 'application/x-www-form-urlencoded') return formBody({ spec, parts });
  if (mediaType === 'multipart/form-data') return multipartBody({ spec, parts });
  const fields: Record<string, unknown> = {};
  const shown: Record<string, unknown> = {};
  for (const part of parts) {
    fields[part.name] = part.value;
    shown[part.name] = part.binding.fixed !== undefined ? FIXED_MASK : part.value;
  }
  if (mediaType === 'text/plain') {
    return { payload: scalar(fields), contentType: 'text/plain', shown: scalar(shown) };
  }
  return jsonBody({ spec, value: fields, shown });
}

/** A body, once sent, must be one the spec allows: its required properties and `minProperties` hold. */
function checkBodyRules(input: {
  spec: BodyDefinition;
  parts: BodyPart[];
  bindings: ParamBinding[];
}): void {
  const { spec, parts, bindings } = input;
  const present = new Set(parts.map((part) => part.name));
  const argOf = (name: string) => bindings.find((b) => b.name === name)?.arg ?? name;
  const missing = (spec.requiredFields ?? []).filter((name) => !present.has(name));
  if (missing.length > 0) {
    throw new RequestError(
      'invalid_arguments',
      `Once any body field of ${input.spec.mediaType} is given, the API also requires ${missing.map((name) => `"${argOf(name)}"`).join(', ')}. Give ${missing.length === 1 ? 'it' : 'them'} too, or leave out every body field. Nothing was sent.`,
    );
  }
  if (spec.minProperties !== undefined && present.size < spec.minProperties) {
    const choices = bindings.filter((b) => b.fixed === undefined).map((b) => `"${b.arg}"`);
    throw new RequestError(
      'invalid_arguments',
      `The API needs at least ${spec.minProperties} body field${spec.minProperties === 1 ? '' : 's'} (of ${choices.join(', ')}); ${present.size === 0 ? 'none was' : `only ${present.size} ${present.size === 1 ? 'was' : 'were'}`} given. Nothing was sent.`,
    );
  }
}

function jsonBody(input: { spec: BodyDefinition; value: unknown; shown: unknown }): BuiltBody {
  const mediaType = input.spec.mediaType;
  return {
    payload: JSON.stringify(input.value),
    contentType: mediaType.includes('*') ? 'application/json' : mediaType,
    shown: input.shown,
  };
}

/** `application/x-www-form-urlencoded` by the spec's `encoding` (default: `form`, exploded). */
function formBody(input: { spec: BodyDefinition; parts: BodyPart[] }): BuiltBody {
  const pairs: Pair[] = [];
  for (const part of input.parts) {
    const encoding = input.spec.fields?.[part.name] ?? {};
    const style = encoding.style ?? 'form';
    const fixed = part.binding.fixed !== undefined;
    serializePairs({
      name: part.name,
      value: part.value,
      style,
      explode: encoding.explode ?? style === 'form',
      origin: `${part.binding.arg}.${JSON.stringify(part.name)}`,
      add: (key, value, origin) => pairs.push({ key, value, origin, arg: part.binding.arg, fixed }),
    });
  }
  checkPairs({ pairs, where: 'form body' });
  const form = new URLSearchParams();
  for (const pair of pairs) form.append(pair.key, pair.value);
  return {
    payload: form,
    contentType: 'application/x-www-form-urlencoded',
    shown: { form: pairs.map((pair) => [pair.key, pair.fixed ? FIXED_MASK : pair.value]) },
  };
}

/**
 * `multipart/form-data`: one part per property, an array as repeated parts,
 * an object as JSON, a file (base64 argument) as its bytes with a filename.
 */
function multipartBody(input: { spec: BodyDefinition; parts: BodyPart[] }): BuiltBody {
  const form = new FormData();
  const shown: Array<Record<string, unknown>> = [];
  for (const part of input.parts) {
    const encoding = input.spec.fields?.[part.name] ?? {};
    const fixed = part.binding.fixed !== undefined;
    const items = Array.isArray(part.value) ? part.value : [part.value];
    for (const item of items) {
      if (item === undefined || item === null) continue;
      if (encoding.file) {
        const bytes = decodeBase64(part.binding.arg, item);
        const contentType = concreteType(encoding.contentType, 'application/octet-stream');
        form.append(part.name, new Blob([bytes], { type: contentType }), part.name);
        shown.push({ name: part.name, filename: part.name, contentType, bytes: bytes.byteLength });
        continue;
      }
      const text = scalar(item);
      form.append(part.name, text);
      shown.push({ name: part.name, value: fixed ? FIXED_MASK : text });
    }
  }
  // fetch writes the content type itself, with the boundary.
  return { payload: form, shown: { multipart: shown } };
}

function binaryBody(input: {
  spec: BodyDefinition;
  binding: ParamBinding;
  value: unknown;
  fixed: boolean;
}): BuiltBody {
  const bytes = decodeBase64(input.binding.arg, input.value);
  const contentType = concreteType(input.spec.mediaType, 'application/octet-stream');
  return {
    payload: new Blob([bytes], { type: contentType }),
    contentType,
    shown: { binary: { contentType, bytes: bytes.byteLength } },
  };
}

/** A media type that can go on the wire: a range such as `*\/*` or `image/*` becomes the fallback. */
function concreteType(mediaType: string | undefined, fallback: string): string {
  return mediaType === undefined || mediaType.includes('*') ? fallback : mediaType;
}

function decodeBase64(arg: string, value: unknown): Uint8Array<ArrayBuffer> {
  const text = typeof value === 'string' ? value.replace(/\s+/g, '') : '';
  if (typeof value !== 'string' || !BASE64.test(text)) {
    throw new RequestError(
      'invalid_arguments',
      `"${arg}" must be the content encoded as base64 (standard alphabet, padded). Nothing was sent.`,
    );
  }
  return Uint8Array.from(Buffer.from(text, 'base64'));
}
