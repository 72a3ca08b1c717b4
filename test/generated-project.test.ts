import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../scripts/worked-example.js';

const run = promisify(execFile);
const PROJECT = path.join(REPO_ROOT, 'examples/company-api-mcp');

describe('the committed generated project', () => {
  it('type-checks under strict tsc and passes its own tests (npm test)', async () => {
    const { stdout } = await run('npm', ['test'], { cwd: PROJECT, env: { ...process.env, NO_COLOR: '1' } });
    const manifest = JSON.parse(readFileSync(path.join(PROJECT, 'mcpgen.manifest.json'), 'utf8')) as {
      tools: object;
      resources?: object;
    };
    // One contract test per tool, the tools/list check against the manifest, and the resource lists test when there are resources.
    const expected = Object.keys(manifest.tools).length + 1 + (manifest.resources ? 1 : 0);
    expect(stdout).toMatch(new RegExp(`# pass ${expected}\\b`));
    expect(stdout).toMatch(/# fail 0\b/);
  }, 120_000);
});
