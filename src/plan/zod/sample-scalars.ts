import type { JsonSchema } from '../../model/json-schema.js';
import { checkNumber } from './conforms.js';
import { formatSample } from './formats.js';
import { stringForPattern } from './sample-pattern.js';

/**
 * A string for the format (or `example`), fitted to the length bounds; when
 * there is a pattern, one built from the pattern instead.
 */
export function sampleString(schema: JsonSchema): string {
  const { minLength, maxLength, pattern } = schema;
  if (pattern !== undefined) {
    const matching = stringForPattern({ pattern, minLength, maxLength });
    if (matching !== undefined) return matching;
  }
  let value = formatSample(schema.format) ?? 'example';
  if (minLength !== undefined && value.length < minLength) value += 'x'.repeat(minLength - value.length);
  if (maxLength !== undefined && value.length > maxLength) value = value.slice(0, maxLength);
  return value;
}

/**
 * The first natural number within the bounds: the lower bound (nudged past an
 * exclusive one and onto `multipleOf`), else 1, 0, the upper bound, the midpoint.
 */
export function sampleNumber(input: { schema: JsonSchema; integer: boolean }): number {
  const { schema, integer } = input;
  const low = bound({ values: [schema.minimum, schema.exclusiveMinimum], pick: Math.max });
  const high = bound({ values: [schema.maximum, schema.exclusiveMaximum], pick: Math.min });
  const step = schema.multipleOf ?? (integer ? 1 : undefined);
  const candidates: number[] = [];
  const near = (value: number | undefined, direction: 1 | -1): void => {
    if (value === undefined) return;
    const snapped =
      step === undefined ? value : (direction > 0 ? Math.ceil(value / step) : Math.floor(value / step)) * step;
    candidates.push(value, snapped, snapped + direction * (step ?? 1));
  };
  near(low, 1);
  candidates.push(1, 0);
  near(high, -1);
  if (low !== undefined && high !== undefined) near((low + high) / 2, 1);
  const valid = (value: number): boolean =>
    Number.isFinite(value) && (!integer || Number.isSafeInteger(value)) && checkNumber({ value, schema });
  return candidates.find(valid) ?? candidates[0] ?? 0;
}

function bound(input: { values: (number | undefined)[]; pick: (...values: number[]) => number }): number | undefined {
  const defined = input.values.filter((value) => value !== undefined);
  return defined.length === 0 ? undefined : input.pick(...defined);
}
