import type { JsonSchema } from '../../model/json-schema.js';
import type { EmitChild } from './emit.js';
import { jsonLiteral, propertyKey } from './literal.js';

/**
 * An object. Declared properties give `z.object` (unknown keys stripped),
 * `z.strictObject` when closed (or `strict`, for a tool's argument root),
 * `.catchall()` alongside a dictionary schema. Without properties: a
 * dictionary is `z.record`, an open object accepts any keys.
 */
export function emitObject(input: { schema: JsonSchema; strict: boolean; emit: EmitChild }): string {
  const { schema, emit } = input;
  const properties = schema.properties ?? {};
  const names = Object.keys(properties);
  const extra = schema.additionalProperties;
  const extraCode = typeof extra === 'object' ? emit(extra, { role: 'value' }).code : undefined;
  const closed = extra === false || (input.strict && extra === undefined);
  if (names.length === 0) {
    if (extraCode !== undefined) return `z.record(z.string(), ${extraCode})`;
    return closed ? 'z.strictObject({})' : 'z.record(z.string(), z.unknown())';
  }
  const required = new Set(schema.required ?? []);
  const entries = names.map((name) => {
    const emitted = emit(properties[name] as JsonSchema, { property: name });
    // A default already makes the key optional on input, and keeps it present on output.
    const optional = required.has(name) || emitted.hasDefault ? '' : '.optional()';
    const code = `${emitted.code}${optional}`;
    if (!shadowsPrototype(name)) return `${propertyKey(name)}: ${code}`;
    // zod's own presence check sees the inherited member, so a required key is checked again.
    const presence = optional === '' && !emitted.hasDefault ? `.refine(${IS_PRESENT}, { message: "Required" })` : '';
    return `${propertyKey(name)}: z.preprocess(${SKIP_INHERITED}, ${code})${presence}`;
  });
  const code = `${closed ? 'z.strictObject' : 'z.object'}({ ${entries.join(', ')} })`;
  return extraCode === undefined ? code : `${code}.catchall(${extraCode})`;
}

/**
 * zod reads `input[key]`, so an absent `constructor` or `toString` key is
 * seen as the inherited method and fails (or skips its default). JSON has no
 * functions, so a function there always means "absent".
 */
const SKIP_INHERITED = '(value) => (typeof value === "function" ? undefined : value)';

const IS_PRESENT = '(value) => value !== undefined';

function shadowsPrototype(name: string): boolean {
  return typeof (Object.prototype as Record<string, unknown>)[name] === 'function';
}

/** An array of its items schema, with length bounds. */
export function emitArray(input: { schema: JsonSchema; emit: EmitChild }): string {
  const { schema } = input;
  let code = `z.array(${schema.items === undefined ? 'z.unknown()' : input.emit(schema.items, { role: 'item' }).code})`;
  if (schema.minItems !== undefined && schema.minItems > 0) code += `.min(${jsonLiteral(schema.minItems)})`;
  if (schema.maxItems !== undefined) code += `.max(${jsonLiteral(schema.maxItems)})`;
  return code;
}
