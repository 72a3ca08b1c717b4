/**
 * External `$ref`s (http(s), absolute paths, `file:` URLs, paths escaping
 * the spec directory) are refused unless --allow-external-refs: through the
 * CLI (in-process), exit 2, a message naming the `$ref`, and nothing fetched or read.
 */
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../scripts/worked-example.js';
import { runCliInProcess } from './support/cli.js';

const runMcpgen = (args: string[]) => runCliInProcess({ args });
const DIR = 'test/fixtures/hostile/external-refs';
const HINT =
  '  hint: External $refs (URLs, absolute or parent-directory paths) are refused by default; pass --allow-external-refs if you trust them.';

let workDir: string;
beforeAll(async () => {
  workDir = await mkdtemp(path.join(REPO_ROOT, '.test-output-'));
});
afterAll(async () => {
  if (workDir) await rm(workDir, { recursive: true, force: true });
});

function generateArgs(input: { spec: string; out: string; allow?: boolean }): string[] {
  return [
    'generate',
    '--allowlist',
    `${DIR}/mcpgen.yaml`,
    '--spec',
    `${DIR}/specs/${input.spec}`,
    '--out',
    input.out,
    ...(input.allow ? ['--allow-external-refs'] : []),
  ];
}

const CASES: Array<{ spec: string; ref: string; pointer: string }> = [
  {
    spec: 'http.json',
    ref: 'http://169.254.169.254/latest/meta-data/iam.json',
    pointer: '/paths/~1things/get/responses/200/content/application~1json/schema',
  },
  {
    spec: 'https.json',
    ref: 'https://schemas.example.com/thing.json',
    pointer: '/paths/~1things/get/responses/200/content/application~1json/schema',
  },
  {
    spec: 'absolute.json',
    ref: '/etc/hostname',
    pointer: '/paths/~1things/get/responses/200/content/application~1json/schema',
  },
  {
    spec: 'file-url.json',
    ref: 'file:///etc/hostname',
    pointer: '/paths/~1things/get/responses/200/content/application~1json/schema',
  },
  {
    spec: 'parent.json',
    ref: '../thing.json',
    pointer: '/paths/~1things/get/responses/200/content/application~1json/schema',
  },
  { spec: 'swagger2-parent.json', ref: '../thing.json', pointer: '/paths/~1things/get/responses/200/schema' },
];

describe.concurrent('external $refs through the CLI', () => {
  for (const { spec, ref, pointer } of CASES) {
    it(`refuses ${spec} ($ref "${ref}")`, async () => {
      const out = path.join(workDir, `refused-${spec}`);
      const result = await runMcpgen(generateArgs({ spec, out }));
      expect(result.code).toBe(2);
      expect(result.stderr).toBe(
        `${DIR}/specs/${spec}#${pointer}: error MCPGEN_SPEC_REF: the spec refers outside itself: $ref "${ref}" is refused\n${HINT}\n`,
      );
      expect(existsSync(out)).toBe(false);
    });
  }

  it('follows a parent-directory $ref with --allow-external-refs, for OpenAPI 3 and Swagger 2.0', async () => {
    for (const spec of ['parent.json', 'swagger2-parent.json']) {
      const out = path.join(workDir, `allowed-${spec}`);
      const result = await runMcpgen(generateArgs({ spec, out, allow: true }));
      expect(result.code, result.stderr).toBe(0);
      expect(result.stdout).toContain('tools/list: 1 tools');
      expect(existsSync(path.join(out, 'src/tools/list-things.ts'))).toBe(true);
    }
  });
});
