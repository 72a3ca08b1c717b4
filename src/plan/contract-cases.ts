import type { JsonSchema, JsonValue } from '../model/json-schema.js';
import type { ParamModel, ServerModel, ToolModel } from '../model/server.js';
import { requestPathTemplate } from './request-path.js';
import { camelStem, claimName, lowerIdentifier } from './unique-name.js';
import { usableDefault } from './zod/default-value.js';
import { sampleValue } from './zod/index.js';

/** One generated contract test: a call, the request the API must see, and its stub answer. */
export interface ContractCase {
  tool: string;
  args: Record<string, JsonValue>;
  expect: {
    method: string;
    path: string;
    query: Record<string, string>;
    credential?: { header?: string; query?: string };
  };
  /** The stub's answer; `body` names a sample in `ContractTest.bodies`. */
  reply: { status: number; body?: string };
  /** The tool returns the body under this key (it is not an object). */
  wrapKey?: string;
  /** The call is gated: approved, it returns `{ status: 'completed', result }`. */
  gated?: true;
}

/** What `test/contract.test.ts` is rendered from: the cases, and each sample response body once. */
export interface ContractTest {
  cases: ContractCase[];
  /** Name → body; many tools answer with the same sample (e.g. one `repository`). */
  bodies: Record<string, JsonValue>;
}

/**
 * A spec example larger than this (as JSON) is not the stub's answer: the
 * contract test checks the request and that the answer flows through as
 * `structuredContent` valid against the output schema, which a minimal
 * valid sample shows as well, in a fraction of the bytes (GitHub's examples
 * made the test 1.4 MB).
 */
export const MAX_EXAMPLE_BYTES = 512;

/** The contract test of each tool, its sample bodies written once. */
export function planContractTest(model: ServerModel): ContractTest {
  const bodies: Record<string, JsonValue> = {};
  const named = new Map<string, string>();
  const used = new Set<string>();
  const cases = planCases(model).map(({ body, hint, ...contract }) => {
    if (body === undefined) return contract;
    const text = JSON.stringify(body);
    let name = named.get(text);
    if (name === undefined) {
      name = claimName(lowerIdentifier(camelStem(hint), 'body'), used);
      named.set(text, name);
      bodies[name] = body;
    }
    return { ...contract, reply: { ...contract.reply, body: name } };
  });
  return { cases, bodies };
}

/** The cases, each with its sample body inline (as the stub sends it). */
export function planContractCases(
  model: ServerModel,
): Array<Omit<ContractCase, 'reply'> & { reply: { status: number; body?: JsonValue } }> {
  return planCases(model).map(({ body, hint: _hint, ...contract }) => ({
    ...contract,
    reply: { ...contract.reply, ...(body === undefined ? {} : { body }) },
  }));
}

/** Builds the case for each tool from schema samples, mirroring how the runtime builds requests. */
function planCases(
  model: ServerModel,
): Array<Omit<ContractCase, 'reply'> & { reply: { status: number }; body?: JsonValue; hint: string }> {
  return model.tools.map((tool) => {
    const args = (sampleValue(tool.inputSchema) ?? {}) as Record<string, JsonValue>;
    for (const param of tool.params) {
      // An empty path segment is refused at run time; samples must be usable.
      if (param.in === 'path' && param.fixedValue === undefined && args[param.argName] === '')
        args[param.argName] = 'x';
    }
    giveBodyItsRules({ tool, args });
    giveParamsSendableValues({ tool, args });
    const valueOf = (argName: string, fixed: JsonValue | undefined, schema: JsonSchema) =>
      fixed !== undefined
        ? fixed
        : Object.hasOwn(args, argName) && args[argName] !== undefined
          ? args[argName]
          : usableDefault(schema);

    let path = requestPathTemplate(tool.path);
    const query: Record<string, string> = {};
    for (const param of tool.params) {
      const value = valueOf(param.argName, param.fixedValue, param.schema);
      if (value === undefined || value === null) continue;
      if (param.in === 'path')
        path = path.split(`{${param.wireName}}`).join(encodeURIComponent(wellFormed(scalarText(value))));
      if (param.in === 'query' && typeof value !== 'object') query[param.wireName] = String(value);
    }
    const credential = credentialExpectation({ tool, model });
    const body = tool.output ? rawSample(tool) : undefined;
    return {
      tool: tool.name,
      args,
      expect: { method: tool.method.toUpperCase(), path, query, ...(credential ? { credential } : {}) },
      reply: { status: 200 },
      ...(body !== undefined && tool.output?.wrapKey ? { wrapKey: tool.output.wrapKey } : {}),
      ...(tool.confirmation !== 'none' ? { gated: true as const } : {}),
      ...(body !== undefined ? { body } : {}),
      hint: bodyHint(tool),
    };
  });
}

/**
 * A spec default or enum value HTTP cannot carry as it is (a lone surrogate;
 * in a header, a control character such as CR or LF, or one past Latin-1)
 * would fail the generated test, not the server under test: such a parameter
 * gets a value that can be sent, when its schema allows one.
 */
function giveParamsSendableValues(input: { tool: ToolModel; args: Record<string, JsonValue> }): void {
  const { tool, args } = input;
  for (const param of tool.params) {
    if (param.in === 'body' || param.fixedValue !== undefined) continue;
    const value = Object.hasOwn(args, param.argName) ? args[param.argName] : usableDefault(param.schema);
    if (value === undefined || value === null || isSendable(value, param.in)) continue;
    const { default: _default, examples: _examples, ...plain } = param.schema;
    const sendableEnum = plain.enum?.filter((member) => isSendable(member, param.in));
    if (sendableEnum !== undefined) {
      if (sendableEnum.length === 0) continue;
      plain.enum = sendableEnum;
    }
    const replacement = sampleValue(plain);
    if (isSendable(replacement, param.in)) args[param.argName] = replacement;
  }
}

const LONE_SURROGATE = /[\ud800-\udfff]/u;
/** What Node's HTTP client accepts in a header value. */
const HEADER_VALUE = /^[\t\x20-\x7e\x80-\xff]*$/;

/** The text with lone surrogates replaced, so that encoding it cannot throw (a value no sample could replace). */
function wellFormed(text: string): string {
  return text.replace(/[\ud800-\udfff]/gu, '\ufffd');
}

function isSendable(value: JsonValue, where: ParamModel['in']): boolean {
  const text = scalarText(value);
  return !LONE_SURROGATE.test(text) && (where !== 'header' || HEADER_VALUE.test(text));
}

/**
 * A body that will be sent must be one the runtime accepts: its required
 * fields and `minProperties` hold (an optional body is sent only when a field
 * is given). Adds sample values for the fields missing.
 */
function giveBodyItsRules(input: { tool: ToolModel; args: Record<string, JsonValue> }): void {
  const { tool, args } = input;
  const body = tool.body;
  if (!body || body.mode !== 'fields') return;
  const fields = tool.params.filter((param) => param.in === 'body');
  const given = fields.some((param) => param.fixedValue === undefined && Object.hasOwn(args, param.argName));
  if (!body.required && !given) return;
  const present = (param: ParamModel) =>
    param.fixedValue !== undefined || Object.hasOwn(args, param.argName) || usableDefault(param.schema) !== undefined;
  const add = (param: ParamModel) => {
    const value = sampleValue(param.schema);
    if (value !== undefined) args[param.argName] = value;
  };
  for (const param of fields) {
    if (body.requiredFields?.includes(param.wireName) && !present(param)) add(param);
  }
  for (const param of fields) {
    if (fields.filter(present).length >= (body.minProperties ?? 0)) break;
    if (!present(param)) add(param);
  }
}

function scalarText(value: JsonValue): string {
  if (Array.isArray(value)) return value.map((item) => scalarText(item)).join(',');
  if (typeof value === 'object' && value !== null) return JSON.stringify(value);
  return String(value);
}

/**
 * A sample response body: the output schema's sample, unwrapped when the tool
 * wraps it; built without the spec's examples when they make it large.
 */
function rawSample(tool: ToolModel): JsonValue | undefined {
  const output = tool.output;
  if (!output) return undefined;
  const schema = output.wrapKey ? output.schema.properties?.[output.wrapKey] : output.schema;
  if (!schema) return undefined;
  const example = sampleValue(schema);
  const sample = JSON.stringify(example).length <= MAX_EXAMPLE_BYTES ? example : sampleValue(withoutExamples(schema));
  return withInheritedNames(sample, schema);
}

/**
 * SDK clients check `structuredContent` with Ajv, whose code reads a property
 * as `data[name]`: a property named like an `Object.prototype` member
 * (`toString`) that the body leaves out reads as the inherited function and
 * fails the check. The sample gives such properties a value, so that the
 * contract test checks the tool rather than that quirk.
 */
function withInheritedNames(value: JsonValue, schema: JsonSchema): JsonValue {
  if (Array.isArray(value)) {
    const items = schema.items;
    return items ? value.map((item) => withInheritedNames(item, items)) : value;
  }
  if (value === null || typeof value !== 'object' || !schema.properties) return value;
  const properties = schema.properties;
  const result: { [key: string]: JsonValue } = {};
  const set = (key: string, item: JsonValue) =>
    Object.defineProperty(result, key, { value: item, enumerable: true, writable: true, configurable: true });
  for (const key of Object.keys(value)) {
    const item = value[key] as JsonValue;
    set(key, Object.hasOwn(properties, key) ? withInheritedNames(item, properties[key]!) : item);
  }
  for (const name of Object.keys(properties)) {
    if (!Object.hasOwn(value, name) && name in Object.prototype) set(name, sampleValue(properties[name]!));
  }
  return result;
}

/** The schema without `examples` at any level (values such as `default` and `enum` are kept as they are). */
function withoutExamples(schema: JsonSchema): JsonSchema {
  const { examples: _examples, properties, items, additionalProperties, anyOf, oneOf, allOf, ...rest } = schema;
  const result: JsonSchema = { ...rest };
  if (properties) {
    const stripped: Record<string, JsonSchema> = {};
    for (const [name, child] of Object.entries(properties)) {
      // defineProperty: a property named `__proto__` stays a property.
      Object.defineProperty(stripped, name, {
        value: withoutExamples(child),
        enumerable: true,
        writable: true,
        configurable: true,
      });
    }
    result.properties = stripped;
  }
  if (items) result.items = withoutExamples(items);
  if (additionalProperties !== undefined)
    result.additionalProperties =
      typeof additionalProperties === 'boolean' ? additionalProperties : withoutExamples(additionalProperties);
  if (anyOf) result.anyOf = anyOf.map(withoutExamples);
  if (oneOf) result.oneOf = oneOf.map(withoutExamples);
  if (allOf) result.allOf = allOf.map(withoutExamples);
  return result;
}

/** What a sample body is named after: its schema's title, else the tool. */
function bodyHint(tool: ToolModel): string {
  const output = tool.output;
  const schema = output?.wrapKey ? output.schema.properties?.[output.wrapKey] : output?.schema;
  return schema?.title ?? `${tool.name} reply`;
}

function credentialExpectation(input: { tool: ToolModel; model: ServerModel }): ContractCase['expect']['credential'] {
  const { tool, model } = input;
  const alternative = tool.security.find((names) => names.every((name) => model.auth.some((s) => s.name === name)));
  for (const name of alternative ?? []) {
    const scheme = model.auth.find((s) => s.name === name);
    if (scheme?.kind === 'bearer') return { header: 'authorization' };
    if (scheme?.kind === 'apiKey' && scheme.in === 'header' && scheme.paramName)
      return { header: scheme.paramName.toLowerCase() };
    if (scheme?.kind === 'apiKey' && scheme.in === 'query' && scheme.paramName) return { query: scheme.paramName };
  }
  return undefined;
}
