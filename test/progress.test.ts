/**
 * Progress goes to stderr only when stderr is a terminal (a real pseudo-
 * terminal from `script`), and stdout stays plain, machine-readable text,
 * ending with the next steps.
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXAMPLE_ALLOWLIST, REPO_ROOT } from '../scripts/worked-example.js';
import { shellWord } from '../src/render/escape.js';

const run = promisify(execFile);
const BIN = path.join(REPO_ROOT, 'bin/mcpgen.js');
let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'mcpgen-progress-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe.skipIf(!existsSync('/usr/bin/script'))('generate progress', () => {
  it('on a terminal: progress lines on stderr; stdout (redirected) plain, with the next steps', async () => {
    const stdoutFile = path.join(dir, 'stdout.txt');
    const command = [
      process.execPath,
      BIN,
      'generate',
      '--allowlist',
      EXAMPLE_ALLOWLIST,
      '--out',
      path.join(dir, 'tty'),
    ]
      .map(shellWord)
      .join(' ');
    // `script` gives the command a pseudo-terminal; only stdout is redirected to a file.
    const { stdout: terminal } = await run('script', ['-qec', `${command} > ${shellWord(stdoutFile)}`, '/dev/null'], {
      env: { PATH: process.env['PATH'] ?? '', TERM: 'dumb' },
    });
    expect(terminal).toContain('mcpgen: loading spec and allowlist…');
    expect(terminal).toContain('mcpgen: writing files…');
    const stdout = await readFile(stdoutFile, 'utf8');
    expect(stdout).toMatch(/^Generated \d+ files in /);
    expect(stdout).toContain('\nNext:\n');
    expect(stdout).toContain('mcpgen check --allowlist');
    expect(stdout).not.toMatch(/[\r\u001b]/);
  }, 120_000);

  it('not on a terminal: nothing on stderr', async () => {
    const { stdout, stderr } = await run(process.execPath, [
      BIN,
      'generate',
      '--allowlist',
      EXAMPLE_ALLOWLIST,
      '--out',
      path.join(dir, 'pipe'),
    ]);
    expect(stderr).toBe('');
    expect(stdout).toContain('Next:');
  }, 120_000);
});
