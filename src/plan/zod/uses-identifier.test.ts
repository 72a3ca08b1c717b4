import { describe, expect, it } from 'vitest';
import { callsIdentifier } from './uses-identifier.js';

describe('callsIdentifier', () => {
  it('finds a call mcpgen emitted', () => {
    expect(callsIdentifier({ code: 'z.string().refine(specPattern("^a$"))', name: 'specPattern' })).toBe(true);
  });

  it('ignores the name inside string literals, escaped quotes included', () => {
    const code = 'z.string().describe("call specPattern(x) \\" specPattern( here")';
    expect(callsIdentifier({ code, name: 'specPattern' })).toBe(false);
  });

  it('ignores longer identifiers and members that end with the name', () => {
    expect(callsIdentifier({ code: 'mySpecPattern(1); a.specPattern(2)', name: 'specPattern' })).toBe(false);
  });
});
