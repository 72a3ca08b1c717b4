import type { OperationRef } from '../model/operation.js';

/** Names longer than this risk being cut once clients prefix them with the server name. */
const MAX_LENGTH = 48;

/** Words that can start a tool name as its verb. */
const VERBS = new Set([
  'add',
  'approve',
  'archive',
  'assign',
  'ban',
  'block',
  'cancel',
  'capture',
  'check',
  'clone',
  'close',
  'complete',
  'confirm',
  'copy',
  'count',
  'create',
  'delete',
  'deny',
  'disable',
  'download',
  'edit',
  'enable',
  'execute',
  'export',
  'fetch',
  'find',
  'finalize',
  'follow',
  'get',
  'import',
  'invite',
  'join',
  'leave',
  'list',
  'lock',
  'mark',
  'merge',
  'modify',
  'move',
  'pause',
  'pay',
  'pin',
  'preview',
  'publish',
  'query',
  'read',
  'refresh',
  'refund',
  'register',
  'reject',
  'remove',
  'rename',
  'reopen',
  'replace',
  'reply',
  'reset',
  'resume',
  'retrieve',
  'revoke',
  'run',
  'search',
  'send',
  'set',
  'start',
  'stop',
  'submit',
  'suspend',
  'sync',
  'test',
  'trigger',
  'unarchive',
  'unban',
  'unblock',
  'unfollow',
  'unlock',
  'unpin',
  'unpublish',
  'update',
  'upload',
  'upsert',
  'validate',
  'verify',
  'void',
]);

/** HTTP method names some operationIds start with (`PostCustomers`): replaced by the verb the path suggests. */
const METHOD_WORDS = new Set(['get', 'post', 'put', 'patch', 'delete', 'head', 'options', 'trace']);

/**
 * A tool name for each operation, in order: verb first, snake_case, valid
 * under the tool name rule, at most 48 characters, unique (`_2`, `_3`… on a clash).
 */
export function suggestToolNames(operations: readonly OperationRef[]): string[] {
  const used = new Set<string>();
  return operations.map((operation) => {
    const base = suggestToolName(operation);
    let name = base;
    for (let n = 2; used.has(name); n++) name = `${base.slice(0, MAX_LENGTH - String(n).length - 1)}_${n}`;
    used.add(name);
    return name;
  });
}

/** From the operationId when there is one (reordered verb first), else from method and path. */
export function suggestToolName(operation: OperationRef): string {
  const fromId = operation.operationId ? words(operation.operationId) : [];
  const [first] = fromId;
  const verbIndex = fromId.findIndex((word) => VERBS.has(word));
  let parts: string[];
  if (first === undefined) parts = fromPath(operation);
  else if (METHOD_WORDS.has(first) && !VERBS.has(first)) parts = [pathVerb(operation).verb, ...fromId.slice(1)];
  else if (verbIndex === 0) parts = fromId;
  else if (verbIndex > 0) parts = [fromId[verbIndex]!, ...fromId.filter((_, i) => i !== verbIndex)];
  else parts = [pathVerb(operation).verb, ...fromId];
  return fit(parts.length > 1 ? parts : [...parts, ...nouns(operation)]);
}

/** list/get/create/update/delete or an action word (`POST /orders/{id}/cancel` → cancel), from method and path. */
function pathVerb(operation: OperationRef): { verb: string; action: boolean } {
  const segments = operation.path.split('/').filter(Boolean);
  const last = segments.at(-1) ?? '';
  const item = isParam(last);
  const lastWord = words(last).join('_');
  switch (operation.method) {
    case 'get':
      return { verb: !item && isPlural(lastWord) ? 'list' : 'get', action: false };
    case 'post':
      if (!item && VERBS.has(lastWord) && segments.length > 1) return { verb: lastWord, action: true };
      return { verb: item ? 'update' : 'create', action: false };
    case 'put':
    case 'patch':
      return { verb: 'update', action: false };
    case 'delete':
      return { verb: 'delete', action: false };
    case 'head':
      return { verb: 'check', action: false };
    default:
      return { verb: operation.method, action: false };
  }
}

function fromPath(operation: OperationRef): string[] {
  return [pathVerb(operation).verb, ...nouns(operation)];
}

/** The path's literal segments: singular where they name one item, the action word and version prefixes dropped. */
function nouns(operation: OperationRef): string[] {
  const segments = operation.path.split('/').filter(Boolean);
  const { verb, action } = pathVerb(operation);
  const literal = (action ? segments.slice(0, -1) : segments)
    .map((segment, index, all) => ({
      segment,
      nextIsParam: isParam(all[index + 1] ?? ''),
      last: index === all.length - 1,
    }))
    .filter(({ segment }) => !isParam(segment) && !/^(api|v\d+(\.\d+)*)$/i.test(segment));
  return literal.flatMap(({ segment, nextIsParam, last }) => {
    const parts = words(segment);
    const singular =
      nextIsParam || (last && ['create', 'get', 'update', 'delete'].includes(verb) && !isParam(segments.at(-1) ?? ''));
    return singular ? [...parts.slice(0, -1), singularize(parts.at(-1) ?? '')] : parts;
  });
}

/** `searchCustomers`, `list-pinned_messages`, `GetHTTPStatus` → lower-case words. */
function words(text: string): string[] {
  return text
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((word) => word.toLowerCase());
}

function fit(parts: string[]): string {
  const deduplicated = parts.filter((word, index) => word !== parts[index - 1]);
  let name = deduplicated.join('_') || 'operation';
  if (!/^[a-z]/.test(name)) name = `op_${name}`;
  while (name.length > MAX_LENGTH && name.includes('_')) name = name.slice(0, name.lastIndexOf('_'));
  return name.slice(0, MAX_LENGTH);
}

function isParam(segment: string): boolean {
  return /^\{[^}]+\}$/.test(segment);
}

function isPlural(word: string): boolean {
  return /s$/.test(word) && !/(ss|us|is)$/.test(word);
}

function singularize(word: string): string {
  if (/ies$/.test(word)) return `${word.slice(0, -3)}y`;
  if (/(ss|us|is)$/.test(word)) return word;
  if (/(sses|xes|ches|shes)$/.test(word)) return word.slice(0, -2);
  return word.endsWith('s') ? word.slice(0, -1) : word;
}
