/**
 * The real-world spec corpus (../shared/specs): which documents have
 * operations, and the allowlist each gets (every operation, or a
 * deterministic sample across tags and methods for the large ones).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { OperationRef } from '../../src/model/operation.js';
import type { HttpMethod, Risk } from '../../src/model/risk.js';
import { REPO_ROOT } from '../../scripts/worked-example.js';

export const CORPUS_DIR = path.resolve(REPO_ROOT, '../shared/specs');

interface ManifestEntry {
  file: string;
  version: string | null;
  operations: number;
}

/** Documents the loader must refuse, each with the text its diagnostic must contain. */
export const INVALID_SPECS: Readonly<Record<string, string>> = {
  'APIDevTools__swagger-parser/test/specs/validate-spec/invalid/body-and-form-params.yaml':
    'the spec breaks a Swagger 2.0 rule: POST /users/{username} has body parameters and formData parameters. Only one or the other is allowed.',
  'APIDevTools__swagger-parser/test/specs/validate-spec/invalid/duplicate-path-params.yaml':
    'the spec breaks a Swagger 2.0 rule: the path /users/{username} lists two header parameters named "foo"',
  'APIDevTools__swagger-parser/test/specs/validate-spec/invalid/path-placeholder-no-param.yaml':
    'the spec breaks a Swagger 2.0 rule: GET /users/{username}/{foo} is missing path parameter(s) for {foo}',
  'APIDevTools__swagger-parser/test/specs/invalid/newer-version.yaml':
    'is not an OpenAPI 3.0/3.1 or Swagger 2.0 document: unsupported "swagger: 3.0"',
  'APIDevTools__swagger-parser/test/specs/invalid/old-version.yaml':
    'is not an OpenAPI 3.0/3.1 or Swagger 2.0 document: unsupported "swagger: 1.2"',
  // Refers to a file outside its repository (policies for an `x-` extension that schemas point into): refused, rightly.
  'sonallux__spotify-web-api/official-spotify-open-api.yml':
    'the spec refers outside itself: $ref "../policies.yaml" is refused',
};

/** Above this many operations a spec gets a sample, not every operation. */
export const SAMPLE_THRESHOLD = 120;
export const SAMPLE_SIZE = 100;

export interface CorpusSpec {
  /** Path under the corpus directory, as in the manifest. */
  file: string;
  operations: number;
}

/** Every document with operations that the loader must accept. */
export function corpusSpecs(): CorpusSpec[] {
  const manifest = JSON.parse(readFileSync(path.join(CORPUS_DIR, 'manifest.json'), 'utf8')) as ManifestEntry[];
  return manifest
    .filter((entry) => entry.operations > 0 && !(entry.file in INVALID_SPECS))
    .map((entry) => ({ file: entry.file, operations: entry.operations }));
}

const RISK_BY_METHOD: Partial<Record<HttpMethod, Risk>> = {
  post: 'low',
  put: 'medium',
  patch: 'medium',
  delete: 'high',
};

export function riskOf(method: HttpMethod): Risk {
  return RISK_BY_METHOD[method] ?? 'read';
}

/**
 * Round-robin over (first tag, method) groups in sorted order, taking each
 * group's operations in spec order: every tag and method is represented.
 */
export function sampleOperations(input: { operations: OperationRef[]; size: number }): OperationRef[] {
  const { operations, size } = input;
  if (operations.length <= SAMPLE_THRESHOLD) return operations;
  const groups = new Map<string, OperationRef[]>();
  for (const operation of operations) {
    const key = `${operation.tags[0] ?? ''}\u0000${operation.method}`;
    groups.set(key, [...(groups.get(key) ?? []), operation]);
  }
  const queues = [...groups.keys()].sort().map((key) => groups.get(key) ?? []);
  const picked: OperationRef[] = [];
  for (let round = 0; picked.length < size; round += 1) {
    const before = picked.length;
    for (const queue of queues) {
      const next = queue[round];
      if (next && picked.length < size) picked.push(next);
    }
    if (picked.length === before) break;
  }
  return picked;
}

const TOOL_NAME = /^[A-Za-z][A-Za-z0-9_-]{0,63}$/;

/** `repos/get-commit` → `repos_get-commit`; `GET /a/{b}` → `get_a_b`; unique, at most 64 characters. */
export function toolNames(operations: readonly OperationRef[]): string[] {
  const taken = new Set<string>();
  return operations.map((operation) => {
    const raw = operation.operationId ?? `${operation.method}_${operation.path}`;
    let base = raw
      .replace(/[^A-Za-z0-9_-]+/g, '_')
      .replace(/^[^A-Za-z]+/, '')
      .replace(/_+$/, '');
    if (!base) base = operation.method;
    base = base.slice(0, 60);
    let name = base;
    for (let n = 2; taken.has(name.toLowerCase()); n += 1) name = `${base}_${n}`;
    if (!TOOL_NAME.test(name)) throw new Error(`derived an invalid tool name "${name}" from "${raw}"`);
    taken.add(name.toLowerCase());
    return name;
  });
}

/** The allowlist YAML for these operations (tool names given in the same order); operationIds are used where they are unique. */
export function allowlistYaml(input: {
  name: string;
  operations: OperationRef[];
  all: OperationRef[];
  names: string[];
}): string {
  const idCounts = new Map<string, number>();
  for (const operation of input.all) {
    if (operation.operationId !== undefined)
      idCounts.set(operation.operationId, (idCounts.get(operation.operationId) ?? 0) + 1);
  }
  const { names } = input;
  const lines = ['server:', `  name: ${input.name}`, '  version: 1.0.0', '  env_prefix: CORPUS_API', 'tools:'];
  input.operations.forEach((operation, index) => {
    const id = operation.operationId;
    const written =
      id !== undefined && idCounts.get(id) === 1 ? id : `${operation.method.toUpperCase()} ${operation.path}`;
    lines.push(
      `  ${names[index]}:`,
      `    operation: ${JSON.stringify(written)}`,
      `    risk: ${riskOf(operation.method)}`,
    );
  });
  return `${lines.join('\n')}\n`;
}

/** `stripe__openapi/spec3.2023-09-07.bbfb166.yaml` → `stripe-openapi-spec3-2023-09-07-bbfb166`: an npm name and directory. */
export function projectName(file: string): string {
  return file
    .replace(/\.(ya?ml|json)$/, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(-100)
    .replace(/^-+/, '');
}
