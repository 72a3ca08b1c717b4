import type { Diagnostic, FileLocation } from '../diagnostics/diagnostic.js';
import type { Allowlist, AllowlistResource, AllowlistTool } from '../model/allowlist.js';
import { operationKey, type OperationRef } from '../model/operation.js';
import { WRITE_METHODS } from '../model/risk.js';
import { closestCandidates, didYouMean } from '../diagnostics/did-you-mean.js';

export interface ResolvedTool {
  tool: AllowlistTool;
  operation: OperationRef;
}

export interface ResolvedResource {
  resource: AllowlistResource;
  operation: OperationRef;
}

/** What names an operation: a tool or a resource, by its name. */
interface Naming {
  kind: 'tool' | 'resource';
  name: string;
  operation: string;
}

/** `GET /customers`: method (any case), spaces or tabs, a path (anything from the slash on: spec paths may hold any character). */
const METHOD_AND_PATH = /^([A-Za-z]+)[ \t]+(\/.*)$/s;
/** Looser, for suggestions only: the method may be missing or glued to the path. */
const LOOSE_METHOD_AND_PATH = /^([A-Za-z]*)\s*(\/\S*)$/;

const MAX_SUGGESTIONS = 3;

type Lookup =
  { kind: 'found'; operation: OperationRef } | { kind: 'ambiguous'; operations: OperationRef[] } | { kind: 'unknown' };

/**
 * Finds the spec operation each enabled allowlisted tool names, in allowlist
 * order, and checks what needs the operation: one tool per operation, and no
 * write method at risk `read`.
 */
export function resolveOperations(input: { allowlist: Allowlist; operations: OperationRef[]; specLabel: string }): {
  resolved: ResolvedTool[];
  diagnostics: Diagnostic[];
} {
  const index = indexOperations(input.operations);
  const diagnostics: Diagnostic[] = [];
  const resolved: ResolvedTool[] = [];
  const usedBy = new Map<string, AllowlistTool>();
  for (const tool of input.allowlist.tools) {
    // Disabled entries are reviewed-but-not-exposed: not resolved, so a stale one never blocks generation.
    if (tool.enabled === false) continue;
    const where = tool.fieldLocations['operation'] ?? tool.location;
    const lookup = lookUp({ index, written: tool.operation });
    if (lookup.kind === 'unknown') {
      diagnostics.push(
        unknownOperation({ naming: { kind: 'tool', ...tool }, where, index, specLabel: input.specLabel }),
      );
      continue;
    }
    if (lookup.kind === 'ambiguous') {
      diagnostics.push(
        ambiguousOperationId({
          naming: { kind: 'tool', ...tool },
          where,
          operations: lookup.operations,
          specLabel: input.specLabel,
        }),
      );
      continue;
    }
    const key = operationKey(lookup.operation);
    const first = usedBy.get(key);
    if (first) {
      diagnostics.push({
        code: 'MCPGEN_DUPLICATE_OPERATION',
        severity: 'error',
        message: `tool "${tool.name}" names operation "${key}", which tool "${first.name}" already exposes`,
        location: where,
        hint: `expose each operation through one tool only: remove "${tool.name}" or merge it into "${first.name}" (on line ${first.location.line})`,
      });
      continue;
    }
    usedBy.set(key, tool);
    if (tool.risk === 'read' && WRITE_METHODS.includes(lookup.operation.method)) {
      diagnostics.push({
        code: 'MCPGEN_READ_ON_WRITE_METHOD',
        severity: 'error',
        message: `tool "${tool.name}" has risk "read" but "${key}" can change data`,
        location: tool.fieldLocations['risk'] ?? tool.location,
        hint: 'write risk: low (audit-logged), medium (confirmation) or high (human approval); POST, PUT, PATCH and DELETE are never "read"',
      });
    }
    resolved.push({ tool, operation: lookup.operation });
  }
  return { resolved, diagnostics };
}

/**
 * Finds the operation of each enabled resource, in allowlist order, and
 * refuses any that is not a GET: reading a resource must change nothing.
 * Several resources may share an operation (with different fixed values).
 */
export function resolveResourceOperations(input: {
  allowlist: Allowlist;
  operations: OperationRef[];
  specLabel: string;
}): { resolved: ResolvedResource[]; diagnostics: Diagnostic[] } {
  const index = indexOperations(input.operations);
  // Only a GET can be a resource, so only GETs are suggested.
  const gets = indexOperations(input.operations.filter((op) => op.method === 'get'));
  const diagnostics: Diagnostic[] = [];
  const resolved: ResolvedResource[] = [];
  for (const resource of input.allowlist.resources) {
    if (resource.enabled === false) continue;
    const where = resource.fieldLocations['operation'] ?? resource.location;
    const naming: Naming = { kind: 'resource', name: resource.name, operation: resource.operation };
    const lookup = lookUp({ index, written: resource.operation });
    if (lookup.kind === 'unknown') {
      diagnostics.push(unknownOperation({ naming, where, index: gets, specLabel: input.specLabel }));
      continue;
    }
    if (lookup.kind === 'ambiguous') {
      diagnostics.push(
        ambiguousOperationId({ naming, where, operations: lookup.operations, specLabel: input.specLabel }),
      );
      continue;
    }
    if (lookup.operation.method !== 'get') {
      const key = operationKey(lookup.operation);
      const others = index.all.filter((op) => op.path === lookup.operation.path && op.method === 'get');
      diagnostics.push({
        code: 'MCPGEN_RESOURCE_NOT_GET',
        severity: 'error',
        message: `resource "${resource.name}" names "${key}", but only GET operations can be resources: reading must change nothing`,
        location: where,
        hint:
          others.length > 0
            ? `did you mean operation: ${operationKey(others[0]!)}? Expose "${key}" as a tool with a risk level instead.`
            : `expose "${key}" as a tool with a risk level under "tools:" instead`,
      });
      continue;
    }
    resolved.push({ resource, operation: lookup.operation });
  }
  return { resolved, diagnostics };
}

interface OperationIndex {
  all: OperationRef[];
  byKey: Map<string, OperationRef>;
  byId: Map<string, OperationRef[]>;
}

function indexOperations(operations: OperationRef[]): OperationIndex {
  const byKey = new Map<string, OperationRef>();
  const byId = new Map<string, OperationRef[]>();
  for (const operation of operations) {
    byKey.set(operationKey(operation), operation);
    if (operation.operationId !== undefined) {
      byId.set(operation.operationId, [...(byId.get(operation.operationId) ?? []), operation]);
    }
  }
  return { all: operations, byKey, byId };
}

/** The text as written first (a spec path may end in whitespace), then trimmed. */
function lookUp(input: { index: OperationIndex; written: string }): Lookup {
  const exact = lookUpExactly(input);
  const trimmed = input.written.trim();
  if (exact.kind !== 'unknown' || trimmed === input.written) return exact;
  return lookUpExactly({ index: input.index, written: trimmed });
}

function lookUpExactly(input: { index: OperationIndex; written: string }): Lookup {
  const { index, written } = input;
  const match = METHOD_AND_PATH.exec(written);
  if (match) {
    const operation = index.byKey.get(operationKey({ method: match[1] ?? '', path: match[2] ?? '' }));
    if (operation) return { kind: 'found', operation };
  }
  const withId = index.byId.get(written) ?? [];
  const [only] = withId;
  if (only && withId.length === 1) return { kind: 'found', operation: only };
  if (withId.length > 1) return { kind: 'ambiguous', operations: withId };
  return { kind: 'unknown' };
}

function unknownOperation(input: {
  naming: Naming;
  where: FileLocation;
  index: OperationIndex;
  specLabel: string;
}): Diagnostic {
  const { naming, where, index, specLabel } = input;
  const hint = didYouMean(suggestOperations({ written: naming.operation, index }));
  return {
    code: 'MCPGEN_UNKNOWN_OPERATION',
    severity: 'error',
    message: `operation "${naming.operation}" of ${naming.kind} "${naming.name}" is not in ${specLabel}`,
    location: where,
    hint:
      hint ??
      `write an operationId, or "METHOD /path" with the path exactly as in the spec; mcpgen init --spec ${specLabel} lists every operation`,
  };
}

function ambiguousOperationId(input: {
  naming: Naming;
  where: FileLocation;
  operations: OperationRef[];
  specLabel: string;
}): Diagnostic {
  const { naming, where, specLabel } = input;
  const keys = input.operations.map(operationKey).sort();
  return {
    code: 'MCPGEN_AMBIGUOUS_OPERATION_ID',
    severity: 'error',
    message: `operationId "${naming.operation}" of ${naming.kind} "${naming.name}" belongs to ${keys.length} operations in ${specLabel}: ${keys.join(', ')}`,
    location: where,
    hint: `name the operation by method and path instead: ${keys.map((k) => `operation: ${k}`).join(' or ')}`,
  };
}

/**
 * Up to three operation names close to what was written. For `METHOD /path`
 * the same path comes first (any method, ignoring a trailing slash and the
 * names of path parameters: `/orders/{id}` finds `/orders/{orderId}`), then the
 * nearest keys by edit distance; an operationId is compared with operationIds and keys.
 */
function suggestOperations(input: { written: string; index: OperationIndex }): string[] {
  const { written, index } = input;
  const keys = [...index.byKey.keys()];
  const loose = LOOSE_METHOD_AND_PATH.exec(written);
  if (!loose) {
    return closestCandidates({ input: written, candidates: [...index.byId.keys(), ...keys], limit: MAX_SUGGESTIONS });
  }
  const method = (loose[1] ?? '').toUpperCase();
  const shape = pathShape(loose[2] ?? '');
  const samePath = index.all
    .filter((op) => pathShape(op.path) === shape)
    .map(operationKey)
    .sort((a, b) => Number(!a.startsWith(`${method} `)) - Number(!b.startsWith(`${method} `)) || compare(a, b));
  const near = closestCandidates({
    input: method ? `${method} ${loose[2] ?? ''}` : written,
    candidates: keys,
    limit: MAX_SUGGESTIONS,
  });
  return [...new Set([...samePath, ...near])].slice(0, MAX_SUGGESTIONS);
}

/** A path with parameter names and a trailing slash dropped: `/orders/{orderId}/` → `/orders/{}`. */
function pathShape(path: string): string {
  const shape = path.replace(/\{[^}]*\}/g, '{}');
  return shape.length > 1 ? shape.replace(/\/+$/, '') : shape;
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
