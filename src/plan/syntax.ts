/**
 * The small slice of TypeScript that generated declarations use: zod call
 * chains, literals, arrays and objects. The plan builds these trees (the zod
 * converter, tool definitions, listings) and the render stage's code printer
 * lays them out as prettier would. Spec text only ever enters as `string`
 * nodes and property keys, which the printer escapes: it cannot become code.
 */
export type Expr =
  | { kind: 'identifier'; name: string }
  | { kind: 'keyword'; text: 'true' | 'false' | 'null' }
  | { kind: 'string'; value: string }
  | { kind: 'number'; text: string }
  | { kind: 'negative'; argument: Expr }
  | { kind: 'array'; elements: Expr[] }
  /** `expanded`: broken over lines whatever its width (prettier keeps an object broken after `{`). */
  | { kind: 'object'; properties: Property[]; expanded: boolean }
  | { kind: 'member'; object: Expr; property: string }
  | { kind: 'call'; callee: Expr; args: Expr[] }
  /** A one-line arrow function mcpgen writes itself, already in prettier's layout. */
  | { kind: 'arrow'; text: string }
  /**
   * Stands for a sub-schema already measured by the zod sharing pass: its
   * compact text (see `compactCode`), so a parent's key is built from its
   * children's keys without walking them again. Never printed.
   */
  | { kind: 'measured'; code: string }
  /**
   * A JSON value (tool definitions, listings, test cases: most of a project's
   * bytes), kept as the value until it is printed: the printer expands it to
   * literals (`jsonValue`) one declaration at a time, so the plan holds no
   * tree for it.
   */
  | { kind: 'json'; value: unknown };

export type PropertyKey =
  { kind: 'identifier'; name: string } | { kind: 'string'; value: string } | { kind: 'computed'; value: string };

export interface Property {
  key: PropertyKey;
  value: Expr;
}

/** `[export] const name[: Type] = value;` or `[export] type Name = z.infer<typeof value>;` */
export type Declaration =
  | { kind: 'const'; exported: boolean; name: string; type?: string; value: Expr }
  | { kind: 'infer'; exported: boolean; name: string; of: string };

// --- Builders ------------------------------------------------------------------

/** The arguments of every call without any: frozen, as trees are never changed once built. */
const NO_ARGS = Object.freeze([]) as unknown as Expr[];

export const id = (name: string): Expr => ({ kind: 'identifier', name });
export const str = (value: string): Expr => ({ kind: 'string', value });
export const bool = (value: boolean): Expr => ({ kind: 'keyword', text: value ? 'true' : 'false' });
export const member = (object: Expr, property: string): Expr => ({ kind: 'member', object, property });
export const call = (callee: Expr, args: Expr[] = NO_ARGS): Expr => ({ kind: 'call', callee, args });
export const array = (elements: Expr[]): Expr => ({ kind: 'array', elements });
export const object = (properties: Property[], expanded = false): Expr => ({ kind: 'object', properties, expanded });
export const arrow = (text: string): Expr => ({ kind: 'arrow', text });
/** A JSON value written as literals when printed (see the `json` node). */
export const json = (value: unknown): Expr => ({ kind: 'json', value });

/** `object.name(...args)` */
export const method = (object: Expr, name: string, args: Expr[] = NO_ARGS): Expr => call(member(object, name), args);

/**
 * `z.name(...args)` (and `z.iso.datetime(...)` for a dotted name). Trees are
 * never changed once built, so the callee (`z.string`) is one node for every
 * use: a project's zod is mostly these calls, and the trees stay small.
 */
export function zod(name: string, args: Expr[] = NO_ARGS): Expr {
  let callee = ZOD_CALLEES.get(name);
  if (callee === undefined) {
    callee = Z;
    for (const part of name.split('.')) callee = member(callee, part);
    ZOD_CALLEES.set(name, callee);
  }
  return call(callee, args);
}

const Z = id('z');
const ZOD_CALLEES = new Map<string, Expr>();

/** A property with a key written bare (mcpgen's own keys). */
export const prop = (name: string, value: Expr): Property => ({ key: { kind: 'identifier', name }, value });

/**
 * A property whose key may come from the spec: a string key (printed bare
 * when it can be); `"__proto__": v` would set the prototype instead of
 * defining a property, so that one key is computed.
 */
export const dataProp = (name: string, value: Expr): Property => ({
  key: name === '__proto__' ? { kind: 'computed', value: name } : { kind: 'string', value: name },
  value,
});

/** A number literal; a negative one as prettier parses it, `-` before the literal. */
export function num(value: number): Expr {
  if (!Number.isFinite(value)) throw new TypeError(`jsonValue: ${value} is not a JSON number`);
  const text = JSON.stringify(value);
  return text.startsWith('-')
    ? { kind: 'negative', argument: { kind: 'number', text: text.slice(1) } }
    : { kind: 'number', text };
}

const MAX_DEPTH = 256;

/**
 * An expression that evaluates to a fresh copy of the JSON value `value`.
 * Throws a TypeError for anything that is not JSON (undefined, NaN, functions, cycles).
 */
export function jsonValue(value: unknown, depth = 0): Expr {
  if (depth > MAX_DEPTH) throw new TypeError('jsonValue: value nested too deeply (cyclic?)');
  if (value === null) return { kind: 'keyword', text: 'null' };
  if (typeof value === 'boolean') return bool(value);
  if (typeof value === 'number') return num(value);
  if (typeof value === 'string') return str(value);
  if (Array.isArray(value)) return array(value.map((item: unknown) => jsonValue(item, depth + 1)));
  if (typeof value === 'object') {
    const record = value as Record<string, unknown>;
    return object(Object.keys(record).map((key) => dataProp(key, jsonValue(record[key], depth + 1))));
  }
  throw new TypeError(`jsonValue: a ${typeof value} is not a JSON value`);
}

export function constant(input: { name: string; type?: string; value: Expr; exported?: boolean }): Declaration {
  const { name, type, value } = input;
  const exported = input.exported ?? true;
  return type === undefined ? { kind: 'const', exported, name, value } : { kind: 'const', exported, name, type, value };
}

// --- Compact form ----------------------------------------------------------------

/** A measured sub-schema, by its compact text (the zod sharing pass). */
export const measured = (code: string): Expr => ({ kind: 'measured', code });

/**
 * The expression as compact, evaluable source (strings double-quoted,
 * `{ "key": value }`). The zod sharing pass uses it as a sub-schema's key:
 * equal keys validate alike, and its length is the measure of a sub-schema's
 * size. Its children are `measured` nodes there, so each sub-schema's text is
 * built once, from its children's. Never written to a generated file.
 */
export function compactCode(expr: Expr): string {
  switch (expr.kind) {
    case 'identifier':
      return expr.name;
    case 'keyword':
    case 'number':
    case 'arrow':
      return expr.text;
    case 'measured':
      return expr.code;
    case 'string':
      return quote(expr.value);
    case 'negative':
      return `-${compactCode(expr.argument)}`;
    case 'array':
      return `[${expr.elements.map(compactCode).join(', ')}]`;
    case 'object':
      return expr.properties.length === 0
        ? '{}'
        : `{ ${expr.properties.map((property) => `${compactKey(property.key)}: ${compactCode(property.value)}`).join(', ')} }`;
    case 'member':
      return `${compactCode(expr.object)}.${expr.property}`;
    case 'call':
      return `${compactCode(expr.callee)}(${expr.args.map(compactCode).join(', ')})`;
    case 'json':
      return compactCode(jsonValue(expr.value));
  }
}

function compactKey(key: PropertyKey): string {
  if (key.kind === 'identifier') return key.name;
  return key.kind === 'computed' ? `[${quote(key.value)}]` : quote(key.value);
}

/** Double-quoted, with line and paragraph separators and `</` escaped, so the key is also safe source. */
function quote(value: string): string {
  return JSON.stringify(value)
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029')
    .replace(/<\//g, '<\\/');
}

/** Whether the expression calls the function `name` (a call whose callee is that identifier). */
export function callsIdentifier(expr: Expr, name: string): boolean {
  switch (expr.kind) {
    case 'call':
      return (
        (expr.callee.kind === 'identifier' && expr.callee.name === name) ||
        callsIdentifier(expr.callee, name) ||
        expr.args.some((arg) => callsIdentifier(arg, name))
      );
    case 'member':
      return callsIdentifier(expr.object, name);
    case 'negative':
      return callsIdentifier(expr.argument, name);
    case 'array':
      return expr.elements.some((element) => callsIdentifier(element, name));
    case 'object':
      return expr.properties.some((property) => callsIdentifier(property.value, name));
    default:
      return false;
  }
}
