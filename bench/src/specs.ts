import { mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { parse } from 'yaml';
// Shared with the hostile-input tests: the same 400-operation, 200-link $ref chain.
import { syntheticSpec } from '../../test/fixtures/synthetic-specs.js';
import { writeAllowlist } from './allowlist.js';
import { MCPGEN_WORK_DIR, PEER_WORK_DIR, REPO_ROOT, SPECS_DIR } from './paths.js';
import { findOperation, keepOperations, listOperations, readSpec, writeJson, type SpecOperation } from './spec-file.js';

/** One spec of the benchmark, with mcpgen's inputs and the peers' input for the same operations. */
export interface BenchSpec {
  id: 'company' | 'github' | 'stripe' | 'synthetic';
  label: string;
  /** The spec mcpgen reads. */
  specFile: string;
  allowlistFile: string;
  /** The spec the peers read: only the operations of the allowlist. */
  peerSpecFile: string;
  operations: number;
  /** mcpgen's env prefix for this server (<PREFIX>_BASE_URL, ...). */
  envPrefix: string;
  /** Where mcpgen writes (outside bench/, so generated code resolves zod 4). */
  mcpgenOut: string;
  /** Where the peer generator writes (under bench/, so its code resolves zod 3). */
  peerOut: string;
}

const COMPANY_ALLOWLIST = path.join(REPO_ROOT, 'examples/company-api/mcpgen.yaml');

/** Writes allowlists and peer specs; the real specs are read where they are. */
export async function prepareSpecs(): Promise<BenchSpec[]> {
  const inputs = path.join(PEER_WORK_DIR, 'inputs');
  await mkdir(inputs, { recursive: true });
  await mkdir(MCPGEN_WORK_DIR, { recursive: true });
  const dirs = (id: string) => ({
    mcpgenOut: path.join(MCPGEN_WORK_DIR, `${id}-mcpgen`),
    peerOut: path.join(PEER_WORK_DIR, `${id}-peer`),
  });

  const company = await prepareCompany(inputs);
  const whole = async (input: {
    id: 'github' | 'stripe' | 'synthetic';
    label: string;
    specFile: string;
    server: string;
    prefix: string;
  }) => {
    const operations = listOperations(await readSpec(input.specFile));
    const allowlistFile = path.join(inputs, `${input.id}.mcpgen.yaml`);
    await writeAllowlist({ file: allowlistFile, serverName: input.server, envPrefix: input.prefix, operations });
    return {
      id: input.id,
      label: input.label,
      specFile: input.specFile,
      allowlistFile,
      peerSpecFile: input.specFile,
      operations: operations.length,
      envPrefix: input.prefix,
      ...dirs(input.id),
    };
  };
  const syntheticFile = path.join(inputs, 'synthetic-chain.json');
  await writeJson(syntheticFile, syntheticSpec({ operations: 400, chain: 200 }));
  return [
    { ...company, ...dirs('company') },
    await whole({
      id: 'github',
      label: 'GitHub REST',
      specFile: path.join(SPECS_DIR, 'github__rest-api-description/api.github.com.json'),
      server: 'github-mcp',
      prefix: 'GITHUB',
    }),
    await whole({
      id: 'stripe',
      label: 'Stripe',
      specFile: path.join(SPECS_DIR, 'stripe__openapi/spec3.2023-09-07.bbfb166.yaml'),
      server: 'stripe-mcp',
      prefix: 'STRIPE',
    }),
    await whole({
      id: 'synthetic',
      label: 'Synthetic $ref chain',
      specFile: syntheticFile,
      server: 'chain-mcp',
      prefix: 'CHAIN',
    }),
  ];
}

/** The worked example's own allowlist; the peers get a copy of its spec pruned to the same 7 operations. */
async function prepareCompany(inputs: string): Promise<Omit<BenchSpec, 'mcpgenOut' | 'peerOut'>> {
  const allowlist = parse(await readFile(COMPANY_ALLOWLIST, 'utf8')) as {
    spec: string;
    server: { env_prefix: string };
    tools: Record<string, { operation: string }>;
  };
  const specFile = path.join(path.dirname(COMPANY_ALLOWLIST), allowlist.spec);
  const spec = await readSpec(specFile);
  const all = listOperations(spec);
  const kept: SpecOperation[] = [];
  for (const [name, tool] of Object.entries(allowlist.tools)) {
    const op = findOperation(all, tool.operation);
    if (!op) throw new Error(`company allowlist: tool ${name} names an unknown operation ${tool.operation}`);
    kept.push(op);
  }
  const peerSpecFile = path.join(inputs, 'company-openapi.json');
  await writeJson(peerSpecFile, keepOperations(spec, kept));
  return {
    id: 'company',
    label: 'Company example',
    specFile,
    allowlistFile: COMPANY_ALLOWLIST,
    peerSpecFile,
    operations: kept.length,
    envPrefix: allowlist.server.env_prefix,
  };
}
