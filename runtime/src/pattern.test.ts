import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { specPattern } from './pattern.js';

const matches = (source: string, value: string): boolean =>
  z.string().check(specPattern(source)).safeParse(value).success;

/**
 * Runs `source` against "a" × `repeat` + "!" in a child process killed after `limitMs`:
 * a backtracking engine on these inputs never returns, and a test must fail
 * rather than hang the suite.
 */
function matchInChild(input: { source: string; repeat: number; limitMs: number }): Promise<string> {
  const modulePath = fileURLToPath(new URL('./pattern.ts', import.meta.url));
  const script = `import { z } from 'zod';
    import { specPattern } from ${JSON.stringify(modulePath)};
    const value = 'a'.repeat(Number(process.env.REPEAT)) + '!';
    process.stdout.write(String(z.string().check(specPattern(process.env.SOURCE)).safeParse(value).success));`;
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', '--input-type=module', '-e', script],
      {
        env: { ...process.env, SOURCE: input.source, REPEAT: String(input.repeat) },
        timeout: input.limitMs,
      },
      (error, stdout) => {
        resolve(error ? `no answer (${error.killed ? 'killed' : error.message})` : stdout);
      },
    );
  });
}

describe('specPattern', () => {
  it('matches anywhere in the value, as JSON Schema `pattern` does, and says which pattern failed', () => {
    expect(z.string().check(specPattern('^a$')).safeParse('b').error?.issues[0]?.message).toBe(
      'must match the pattern ^a$',
    );
    expect(matches('^ord_[0-9]+$', 'ord_001')).toBe(true);
    expect(matches('^ord_[0-9]+$', 'ord_00x')).toBe(false);
    expect(matches('[0-9]', 'abc1')).toBe(true);
  });

  it('reads ECMA-262 syntax: Unicode escapes and properties, named groups, escaped slashes', () => {
    expect(matches('^\\u00e9$', 'é')).toBe(true);
    expect(matches('^\\p{Lu}+$', 'ÉTÉ')).toBe(true);
    expect(matches('^(?<year>\\d{4})-\\d{2}$', '2026-12')).toBe(true);
    expect(matches('^a\\/b$', 'a/b')).toBe(true);
  });

  it('answers patterns that make a backtracking engine run forever, on a large input', async () => {
    for (const source of ['^(a+)+$', '^(\\w+\\s?)*$', '^([a-zA-Z0-9._%+-]+)*@x$']) {
      expect(await matchInChild({ source, repeat: 200_000, limitMs: 30_000 })).toBe('false');
    }
  });
});
