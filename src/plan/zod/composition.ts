import type { JsonSchema } from '../../model/json-schema.js';
import { array, method, zod, type Expr } from '../syntax.js';
import type { EmitChild } from './emit.js';

const OPTION = { role: 'option' } as const;

/** anyOf/oneOf as `z.union`; a `{ type: 'null' }` member becomes `.nullable()`, one member stands alone. */
export function emitUnion(input: { members: readonly JsonSchema[]; emit: EmitChild }): Expr {
  const isNull = (member: JsonSchema): boolean => member.type === 'null' && Object.keys(member).length === 1;
  const nullable = input.members.some(isNull);
  const codes = input.members.filter((member) => !isNull(member)).map((member) => input.emit(member, OPTION).code);
  const [first] = codes;
  if (first === undefined) return zod('null');
  const base = codes.length === 1 ? first : zod('union', [array(codes)]);
  return nullable ? method(base, 'nullable') : base;
}

/** allOf that could not be merged: `z.intersection`, chained left to right. */
export function emitAllOf(input: { members: readonly JsonSchema[]; emit: EmitChild }): Expr {
  const codes = input.members.map((member) => input.emit(member, OPTION).code);
  const [first, ...rest] = codes;
  if (first === undefined) return zod('unknown');
  return rest.reduce((left, right) => zod('intersection', [left, right]), first);
}
