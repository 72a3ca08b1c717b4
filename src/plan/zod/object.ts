import type { JsonSchema } from '../../model/json-schema.js';
import type { EmitChild } from './emit.js';
import { arrow, dataProp, method, num, object, prop, str, zod, type Expr } from '../syntax.js';

/**
 * An object. Declared properties give `z.object` (unknown keys stripped),
 * `z.strictObject` when closed (or `strict`, for a tool's argument root),
 * `.catchall()` alongside a dictionary schema. Without properties: a
 * dictionary is `z.record`, an open object accepts any keys.
 */
export function emitObject(input: { schema: JsonSchema; strict: boolean; emit: EmitChild }): Expr {
  const { schema, emit } = input;
  const properties = schema.properties ?? {};
  const names = Object.keys(properties);
  const extra = schema.additionalProperties;
  const extraCode = typeof extra === 'object' ? emit(extra, { role: 'value' }).code : undefined;
  const closed = extra === false || (input.strict && extra === undefined);
  if (names.length === 0) {
    if (extraCode !== undefined) return zod('record', [zod('string'), extraCode]);
    return closed ? zod('strictObject', [object([])]) : zod('record', [zod('string'), zod('unknown')]);
  }
  const required = new Set(schema.required ?? []);
  const entries = names.map((name) => {
    const emitted = emit(properties[name] as JsonSchema, { property: name });
    // A default already makes the key optional on input, and keeps it present on output.
    const optional = !required.has(name) && !emitted.hasDefault;
    const code = optional ? method(emitted.code, 'optional') : emitted.code;
    if (!shadowsPrototype(name)) return dataProp(name, code);
    // zod's own presence check sees the inherited member, so a required key is checked again.
    const preprocessed = zod('preprocess', [arrow(SKIP_INHERITED), code]);
    return dataProp(
      name,
      optional || emitted.hasDefault
        ? preprocessed
        : method(preprocessed, 'refine', [arrow(IS_PRESENT), object([prop('message', str('Required'))])]),
    );
  });
  const code = zod(closed ? 'strictObject' : 'object', [object(entries)]);
  return extraCode === undefined ? code : method(code, 'catchall', [extraCode]);
}

/**
 * zod reads `input[key]`, so an absent `constructor` or `toString` key is
 * seen as the inherited method and fails (or skips its default). JSON has no
 * functions, so a function there always means "absent".
 */
const SKIP_INHERITED = "(value) => (typeof value === 'function' ? undefined : value)";

const IS_PRESENT = '(value) => value !== undefined';

function shadowsPrototype(name: string): boolean {
  return typeof (Object.prototype as Record<string, unknown>)[name] === 'function';
}

/** An array of its items schema, with length bounds. */
export function emitArray(input: { schema: JsonSchema; emit: EmitChild }): Expr {
  const { schema } = input;
  let code = zod('array', [
    schema.items === undefined ? zod('unknown') : input.emit(schema.items, { role: 'item' }).code,
  ]);
  if (schema.minItems !== undefined && schema.minItems > 0) code = method(code, 'min', [num(schema.minItems)]);
  if (schema.maxItems !== undefined) code = method(code, 'max', [num(schema.maxItems)]);
  return code;
}
