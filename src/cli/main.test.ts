import { describe, expect, it } from 'vitest';
import { MCPGEN_VERSION } from '../version.js';
import { main } from './main.js';
import type { Output } from './output.js';

function captured(): Output & { out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, result: (text) => out.push(text), error: (text) => err.push(text), progress: () => undefined };
}

describe('main', () => {
  it('answers --version without parsing the rest', async () => {
    const output = captured();
    expect(await main(['--version'], output)).toBe(0);
    expect(output.out).toEqual([MCPGEN_VERSION]);
    expect(output.err).toEqual([]);
  });

  it('still reports usage errors of lazily loaded commands', async () => {
    const output = captured();
    expect(await main(['init'], output)).toBe(2);
    expect(output.err.join('\n')).toContain('Missing required argument: spec');
  });

  it('runs a lazily loaded command', async () => {
    const output = captured();
    expect(await main(['generate', '--allowlist', 'does/not/exist.yaml'], output)).toBe(2);
    expect(output.err.join('\n')).toContain('MCPGEN_ALLOWLIST_UNREADABLE');
  });
});
