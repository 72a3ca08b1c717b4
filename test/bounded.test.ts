/**
 * Specs built to make mcpgen recurse or allocate without bound either fail
 * with a diagnostic or succeed with bounded output; never a crash.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildServerModel } from '../src/build/server-model.js';
import { formatDiagnostics } from '../src/diagnostics/format.js';
import { generate } from '../src/generate.js';
import { loadAllowlist } from '../src/load/allowlist.js';
import { loadSpec } from '../src/load/spec.js';
import { measureToolsList } from '../src/plan/tools-size.js';
import { aliasBombSpecYaml, deepNestingSpecText, refChainSpec, syntheticSpec } from './fixtures/synthetic-specs.js';

/** No tool of a bounded spec may send more than this in tools/list. */
const MAX_TOOL_BYTES = 64_000;

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'mcpgen-bounded-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function specFile(input: { name: string; text: string }): Promise<string> {
  const file = path.join(dir, input.name);
  await writeFile(file, input.text);
  return file;
}

/** An allowlist exposing every operation of `spec` as `tN`, by method and path. */
function allowlistFor(spec: { paths: Record<string, Record<string, unknown>> }): string {
  const lines = ['server: { name: bounded, version: 1.0.0, env_prefix: BOUNDED }', 'tools:'];
  let index = 0;
  for (const [pathKey, item] of Object.entries(spec.paths)) {
    for (const method of ['get', 'post'].filter((m) => m in item)) {
      lines.push(
        `  t${index}: { operation: "${method.toUpperCase()} ${pathKey}", risk: ${method === 'get' ? 'read' : 'low'} }`,
      );
      index += 1;
    }
  }
  return `${lines.join('\n')}\n`;
}

describe('bounded: $ref chains and many operations', () => {
  it('generates the 200-schema $ref chains with every tool bounded', async () => {
    const spec = refChainSpec({ length: 200 }) as { paths: Record<string, Record<string, unknown>> };
    const specPath = await specFile({ name: 'chain.json', text: JSON.stringify(spec) });
    const allowlist = path.join(dir, 'chain.yaml');
    await writeFile(allowlist, allowlistFor(spec));
    const result = await generate({ allowlist, spec: specPath });
    expect(formatDiagnostics(result.diagnostics.filter((d) => d.severity === 'error'))).toBe('');
    const sizes = measureToolsList(result.model ?? ({ tools: [] } as never));
    expect(sizes.tools).toHaveLength(6);
    const largest = Math.max(...sizes.tools.map((tool) => tool.bytes));
    expect(largest).toBeLessThan(MAX_TOOL_BYTES);
    expect(JSON.stringify(result.model?.tools.map((tool) => tool.output?.schema))).toContain(
      '(nested structure truncated)',
    );
  });

  it('builds 400 operations over a 200-long chain with bounded tools', async () => {
    const spec = syntheticSpec({ operations: 400, chain: 200 }) as { paths: Record<string, Record<string, unknown>> };
    const loaded = await loadSpec({ spec: await specFile({ name: 'synthetic.json', text: JSON.stringify(spec) }) });
    expect(loaded.spec?.operations).toHaveLength(400);
    const allowlist = loadAllowlist({ file: 'synthetic.yaml', text: allowlistFor(spec) });
    expect(allowlist.diagnostics).toEqual([]);
    const built = buildServerModel({ spec: loaded.spec!, allowlist: allowlist.allowlist! });
    expect(built.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const sizes = measureToolsList(built.model!);
    expect(sizes.tools).toHaveLength(400);
    expect(Math.max(...sizes.tools.map((tool) => tool.bytes))).toBeLessThan(MAX_TOOL_BYTES);
  });

  it('refuses a $ref chain too long to resolve in reasonable time', async () => {
    const result = await loadSpec({
      spec: await specFile({ name: 'long-chain.json', text: JSON.stringify(refChainSpec({ length: 3000 })) }),
    });
    expect(result.diagnostics.map((d) => [d.code, d.message])).toEqual([
      ['MCPGEN_SPEC_TOO_DEEP', "the spec's $refs form a chain 6000 long; mcpgen follows at most 512"],
    ]);
  });
});

describe('bounded: nesting and expansion', () => {
  it('refuses 10,000 levels of inline nesting, in JSON and in YAML', async () => {
    const text = deepNestingSpecText({ depth: 10_000 });
    for (const name of ['deep.json', 'deep.yaml']) {
      const result = await loadSpec({ spec: await specFile({ name, text }) });
      expect(result.diagnostics.map((d) => [d.code, d.message])).toEqual([
        ['MCPGEN_SPEC_TOO_DEEP', 'the spec nests objects and arrays 20008 levels deep; mcpgen reads at most 256'],
      ]);
    }
  });

  it('accepts nesting that real specs have, and bounds the tool', async () => {
    const result = await loadSpec({
      spec: await specFile({ name: 'nested.json', text: deepNestingSpecText({ depth: 60 }) }),
    });
    expect(result.diagnostics).toEqual([]);
  });

  it('refuses a YAML alias bomb without expanding it', async () => {
    const result = await loadSpec({
      spec: await specFile({ name: 'bomb.yaml', text: aliasBombSpecYaml({ levels: 9 }) }),
    });
    expect(result.diagnostics.map((d) => d.code)).toEqual(['MCPGEN_SPEC_SYNTAX']);
    expect(result.diagnostics[0]?.message).toContain('Excessive alias count');
  });
});
