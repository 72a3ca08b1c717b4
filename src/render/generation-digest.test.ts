import { describe, expect, it } from 'vitest';
import type { ServerModel } from '../model/server.js';
import { generationDigest } from './generation-digest.js';

/** Only the digest's treatment of values is under test: any object stands in for a model. */
const digest = (value: Record<string, unknown>, files: Record<string, string> = { 'a.ts': 'h1' }) =>
  generationDigest({ model: value as unknown as ServerModel, files });

describe('generationDigest', () => {
  it('is the same for equal models and differs when anything rendered from differs', () => {
    const base = { name: 'm', tools: [{ name: 't', description: 'Lists orders.' }] };
    expect(digest(structuredClone(base))).toBe(digest(base));
    expect(digest({ ...base, tools: [{ name: 't', description: 'Lists orders!' }] })).not.toBe(digest(base));
  });

  it('covers the recorded file hashes: a hash changed, a file added or dropped', () => {
    const base = { name: 'm' };
    expect(digest(base, { 'b.ts': 'h2', 'a.ts': 'h1' })).toBe(digest(base, { 'a.ts': 'h1', 'b.ts': 'h2' }));
    expect(digest(base, { 'a.ts': 'h1', 'b.ts': 'h2' })).not.toBe(digest(base, { 'a.ts': 'h1', 'b.ts': 'h3' }));
    expect(digest(base, { 'a.ts': 'h1', 'b.ts': 'h2' })).not.toBe(digest(base, { 'a.ts': 'h1' }));
  });

  it('tells a property set to undefined from a missing one, and non-finite numbers from null', () => {
    expect(digest({ a: 1, b: undefined })).not.toBe(digest({ a: 1 }));
    expect(digest({ limit: Number.POSITIVE_INFINITY })).not.toBe(digest({ limit: null }));
  });

  it('tells them apart however deep they sit, in objects and arrays', () => {
    const deep = (leaf: unknown) => ({ tools: [{ schema: { properties: { a: { items: [1, leaf] } } } }] });
    expect(digest(deep(undefined))).not.toBe(digest(deep(null)));
    expect(digest(deep(Number.NaN))).not.toBe(digest(deep(null)));
    expect(digest(deep({ b: undefined }))).not.toBe(digest(deep({})));
    // A toJSON's result is what is written, undefined in it included.
    expect(digest(deep({ toJSON: () => ({ b: undefined }) }))).not.toBe(digest(deep({})));
    expect(digest(deep({ toJSON: () => ({ b: 1 }) }))).toBe(digest(deep({ b: 1 })));
  });

  it('hashes the same bytes whether the JSON is streamed in chunks or written whole', () => {
    // A class instance at the root takes the whole-text path; a plain object is streamed.
    class Whole {}
    const sameAsWhole = (value: Record<string, unknown>) =>
      expect(digest(value)).toBe(digest(Object.assign(new Whole(), value)));
    const emoji = '\u{1F600}';
    // A hole, which JSON.stringify writes as null.
    const withHole: unknown[] = [Number.NaN, Number.NEGATIVE_INFINITY, undefined, () => 1, Symbol('s')];
    withHole[6] = null;
    sameAsWhole({
      name: 'm',
      missing: undefined,
      limits: withHole,
      skipped: () => 1,
      hidden: Symbol('h'),
      tools: Array.from({ length: 300 }, (_, index) => ({
        name: `t${index}`,
        description: `${emoji}é`.repeat(200 + index),
        schema: { type: 'object', properties: { a: { type: 'string', default: undefined } } },
      })),
      nested: [[1, [2, { deep: undefined }]], {}],
    });
  });

  it("leaves out the server URL's scheme, host and port, but not its path", () => {
    const at = (defaultBaseUrl: string) => digest({ name: 'm', defaultBaseUrl });
    expect(at('http://127.0.0.1:3000/v1')).toBe(at('https://api.example.com/v1'));
    expect(at('http://127.0.0.1:3000/v1')).not.toBe(at('http://127.0.0.1:3000/v2'));
  });
});
