import { writeFile } from 'node:fs/promises';
import { stringify } from 'yaml';
import type { Method, SpecOperation } from './spec-file.js';

const MAX_NAME = 64;

/**
 * The risk `mcpgen init` suggests from the method. mcpgen refuses `read` on a
 * write method, and medium/high tools carry a confirmation token argument, so
 * this is what a user who enabled every operation would actually ship.
 */
export function riskFor(method: Method): 'read' | 'low' | 'medium' | 'high' {
  if (method === 'post') return 'low';
  if (method === 'put' || method === 'patch') return 'medium';
  if (method === 'delete') return 'high';
  return 'read';
}

/**
 * Tool names valid for every client (^[A-Za-z][A-Za-z0-9_-]{0,63}$) and unique:
 * from the operationId when there is one (GitHub's contain "/"), else from
 * method and path.
 */
export function toolNames(operations: readonly SpecOperation[]): string[] {
  const used = new Set<string>();
  return operations.map((op) => {
    let base = (op.operationId ?? `${op.method}_${op.path}`)
      .replace(/[^A-Za-z0-9_-]+/g, '_')
      .replace(/^[^A-Za-z]+/, '');
    if (base === '') base = 'op';
    base = base.slice(0, MAX_NAME);
    let name = base;
    for (let n = 2; used.has(name) && n < 10_000; n += 1) {
      const suffix = `_${n}`;
      name = `${base.slice(0, MAX_NAME - suffix.length)}${suffix}`;
    }
    used.add(name);
    return name;
  });
}

export interface AllowlistInput {
  file: string;
  serverName: string;
  envPrefix: string;
  operations: readonly SpecOperation[];
}

/**
 * Every operation as a tool, with no description override: mcpgen then uses
 * the spec's summary and description, the same text the peers send.
 */
export async function writeAllowlist(input: AllowlistInput): Promise<void> {
  const names = toolNames(input.operations);
  const tools: Record<string, { operation: string; risk: string }> = {};
  input.operations.forEach((op, index) => {
    const name = names[index];
    if (name) tools[name] = { operation: `${op.method.toUpperCase()} ${op.path}`, risk: riskFor(op.method) };
  });
  const document = {
    server: { name: input.serverName, version: '1.0.0', env_prefix: input.envPrefix },
    tools,
  };
  await writeFile(input.file, stringify(document, { lineWidth: 0 }));
}
