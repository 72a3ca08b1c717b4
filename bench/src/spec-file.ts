import { readFile, writeFile } from 'node:fs/promises';
import { parse } from 'yaml';

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;
export type Method = (typeof METHODS)[number];

export interface SpecOperation {
  method: Method;
  path: string;
  operationId?: string;
}

export type SpecDocument = Record<string, unknown> & { paths?: Record<string, Record<string, unknown>> };

export async function readSpec(file: string): Promise<SpecDocument> {
  const text = await readFile(file, 'utf8');
  const parsed: unknown = text.trimStart().startsWith('{') ? JSON.parse(text) : parse(text, { maxAliasCount: -1 });
  if (typeof parsed !== 'object' || parsed === null) throw new Error(`${file} is not an OpenAPI document`);
  return parsed as SpecDocument;
}

export async function writeJson(file: string, value: unknown): Promise<void> {
  await writeFile(file, `${JSON.stringify(value, null, 2)}\n`);
}

/** Every operation under `paths`, in spec order. */
export function listOperations(spec: SpecDocument): SpecOperation[] {
  const operations: SpecOperation[] = [];
  for (const [pathKey, item] of Object.entries(spec.paths ?? {})) {
    for (const method of METHODS) {
      const op = item[method];
      if (typeof op !== 'object' || op === null) continue;
      const operationId = (op as { operationId?: unknown }).operationId;
      operations.push({ method, path: pathKey, ...(typeof operationId === 'string' ? { operationId } : {}) });
    }
  }
  return operations;
}

/** A copy of the spec that keeps only the given operations, so a peer exposes the same tools as mcpgen. */
export function keepOperations(spec: SpecDocument, keep: readonly SpecOperation[]): SpecDocument {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const [pathKey, item] of Object.entries(spec.paths ?? {})) {
    const kept: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(item)) {
      const isMethod = (METHODS as readonly string[]).includes(key);
      if (!isMethod || keep.some((op) => op.path === pathKey && op.method === key)) kept[key] = value;
    }
    if (Object.keys(kept).some((key) => (METHODS as readonly string[]).includes(key))) paths[pathKey] = kept;
  }
  return { ...spec, paths };
}

/** Resolves an allowlist `operation:` value ("METHOD /path" or an operationId) against the spec. */
export function findOperation(operations: readonly SpecOperation[], ref: string): SpecOperation | undefined {
  const match = /^([A-Za-z]+)\s+(\/\S*)$/.exec(ref.trim());
  if (match?.[1] && match[2]) {
    const method = match[1].toLowerCase();
    return operations.find((op) => op.method === method && op.path === match[2]);
  }
  return operations.find((op) => op.operationId === ref);
}
