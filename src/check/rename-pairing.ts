import { closestCandidates, editDistance } from '../diagnostics/did-you-mean.js';
import { operationKey, type OperationRef } from '../model/operation.js';

/** What became of an operation an allowlist entry can no longer find. */
export type Pairing =
  | { kind: 'path'; operation: OperationRef; basis: string }
  | { kind: 'operationId'; operation: OperationRef }
  | { kind: 'none'; suggestions: string[] };

const METHOD_AND_PATH = /^([A-Za-z]+)\s+(\/\S*)$/;

/**
 * Pairs a vanished operation with its likely new identity, most certain
 * evidence first: the same operationId at another path; the same method and
 * path under a new operationId; the same method with one path segment
 * slightly renamed, or only its parameter names changed.
 * Otherwise up to three near names as a "did you mean". Operations other tools
 * already use are never proposed.
 */
export function pairRename(input: {
  /** The entry's `operation:` as written. */
  written: string;
  /** What the manifest recorded for the tool, when it was generated. */
  recorded?: { operation: string; operationId?: string };
  operations: OperationRef[];
  taken: ReadonlySet<string>;
}): Pairing {
  const candidates = input.operations.filter((op) => !input.taken.has(operationKey(op)));
  const { recorded } = input;
  const written = METHOD_AND_PATH.exec(input.written);
  const wasId = recorded?.operationId ?? (written ? undefined : input.written);
  const wasKey = recorded?.operation ?? (written ? `${written[1]!.toUpperCase()} ${written[2]!}` : undefined);

  const sameId = wasId === undefined ? [] : candidates.filter((op) => op.operationId === wasId);
  const [byId] = sameId;
  if (byId && sameId.length === 1 && operationKey(byId) !== wasKey) {
    return { kind: 'path', operation: byId, basis: `same operationId "${wasId}"` };
  }
  const byKey = wasKey === undefined ? undefined : candidates.find((op) => operationKey(op) === wasKey);
  if (byKey && wasId !== undefined && byKey.operationId !== wasId) return { kind: 'operationId', operation: byKey };

  const renamed = wasKey === undefined ? undefined : oneSegmentRenamed({ key: wasKey, candidates });
  if (renamed) return { kind: 'path', operation: renamed, basis: 'same method, one path segment renamed' };

  const names = [
    ...candidates.map(operationKey),
    ...candidates.flatMap((op) => (op.operationId ? [op.operationId] : [])),
  ];
  return { kind: 'none', suggestions: closestCandidates({ input: input.written, candidates: names }) };
}

/** The one operation with the same method and a path differing in a single segment (the nearest, if several). */
function oneSegmentRenamed(input: { key: string; candidates: OperationRef[] }): OperationRef | undefined {
  const match = METHOD_AND_PATH.exec(input.key);
  if (!match) return undefined;
  const method = match[1]!.toLowerCase();
  const segments = shape(match[2]!);
  const scored = input.candidates
    .filter((op) => op.method === method)
    .map((op) => ({ op, other: shape(op.path) }))
    .filter(({ other }) => other.length === segments.length && nearlySamePath({ a: segments, b: other }))
    .map(({ op }) => ({ op, distance: editDistance({ from: match[2]!, to: op.path }) }))
    .sort((a, b) => a.distance - b.distance || (a.op.path < b.op.path ? -1 : 1));
  const [best, second] = scored;
  if (!best || (second && second.distance === best.distance)) return undefined;
  return best.op;
}

/** Path segments with parameter names dropped, so `{id}` and `{orderId}` match. */
function shape(path: string): string[] {
  return path
    .replace(/\/+$/, '')
    .split('/')
    .map((segment) => segment.replace(/\{[^}]*\}/g, '{}'));
}

/**
 * At most one segment differs, and then only a little (`activity-instance` →
 * `activity-instances`): `/guilds/{}` and `/lobbies/{}` are different resources, not a rename.
 */
function nearlySamePath(input: { a: string[]; b: string[] }): boolean {
  const differing = input.a.flatMap((segment, index) =>
    segment === input.b[index] ? [] : [[segment, input.b[index] ?? '']],
  );
  if (differing.length === 0) return true;
  const [pair] = differing;
  if (differing.length > 1 || !pair) return false;
  const [from, to] = pair as [string, string];
  return editDistance({ from, to }) <= Math.max(2, Math.floor(Math.max(from.length, to.length) / 3));
}
