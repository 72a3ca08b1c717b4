import { describe, expect, it } from 'vitest';
import type { ServerModel } from '../model/server.js';
import { generationDigest } from './generation-digest.js';

/** Only the digest's treatment of values is under test: any object stands in for a model. */
const model = (value: Record<string, unknown>) => value as unknown as ServerModel;

describe('generationDigest', () => {
  it('is the same for equal models and differs when anything rendered from differs', () => {
    const base = { name: 'm', tools: [{ name: 't', description: 'Lists orders.' }] };
    expect(generationDigest(model(structuredClone(base)))).toBe(generationDigest(model(base)));
    expect(generationDigest(model({ ...base, tools: [{ name: 't', description: 'Lists orders!' }] }))).not.toBe(
      generationDigest(model(base)),
    );
  });

  it('tells a property set to undefined from a missing one, and non-finite numbers from null', () => {
    expect(generationDigest(model({ a: 1, b: undefined }))).not.toBe(generationDigest(model({ a: 1 })));
    expect(generationDigest(model({ limit: Number.POSITIVE_INFINITY }))).not.toBe(
      generationDigest(model({ limit: null })),
    );
  });

  it("leaves out the server URL's scheme, host and port, but not its path", () => {
    const at = (defaultBaseUrl: string) => generationDigest(model({ name: 'm', defaultBaseUrl }));
    expect(at('http://127.0.0.1:3000/v1')).toBe(at('https://api.example.com/v1'));
    expect(at('http://127.0.0.1:3000/v1')).not.toBe(at('http://127.0.0.1:3000/v2'));
  });
});
