import { load, Schema, Type, type State } from 'js-yaml';
import { MAX_DOCUMENT_DEPTH } from './spec-bounds.js';

/**
 * js-yaml reads large specs several times faster than `yaml`, but the two
 * libraries differ at the edges. `loadPlainYaml` returns js-yaml's result only
 * for documents where it is known to equal what `yaml` (YAML 1.2 core schema,
 * repeated keys allowed) returns; anything else is left to `yaml`, which also
 * words the syntax errors: undefined means "use `yaml`".
 *
 * Left to `yaml`: syntax errors and js-yaml warnings; anchors and aliases
 * (`yaml` guards against alias bombs); tags; directives; collections as keys
 * and null keys (stringified differently); documents that are not a mapping.
 */
export function loadPlainYaml(text: string): object | undefined {
  if (UNUSUAL_TEXT.some((pattern) => pattern.test(text)) || hasEmptyEntry(text) || isFlowDocumentWithComment(text)) return undefined;
  const watch = new NodeWatch();
  let value: unknown;
  try {
    value = load(text, {
      schema: CORE_SCHEMA,
      json: true,
      // js-yaml counts every node it nests: what it accepts is within mcpgen's nesting bound, deeper documents go to `yaml`.
      maxDepth: MAX_DOCUMENT_DEPTH,
      onWarning: () => watch.flag(),
      listener: (event, state) => watch.on(event, state as NodeState),
    } as LoadOptions);
  } catch {
    return undefined;
  }
  if (watch.unusual || !isMapping(value) || hasNullKey(value)) return undefined;
  return value;
}

/** Fields of js-yaml's parser state that its type definitions leave out. */
interface NodeState extends State {
  tag: string | null;
  anchor: string | null;
}

type LoadOptions = Parameters<typeof load>[1] & { maxDepth: number };

/** Text the two libraries read differently (found by comparing them on generated documents). */
const UNUSUAL_TEXT: readonly RegExp[] = [
  // Directives: `%YAML 1.1` changes how scalars resolve, `%TAG` what tags mean.
  /^%/m,
  // A lone CR as line break.
  /\r(?!\n)/,
  // Content on a document marker's line: `---a`, `--- a: 1`.
  /^(?:---|\.\.\.)(?:[^\s]|[ \t]+[^\s#])/m,
  // A tab opening a line.
  /^\t/m,
  // An escaped line break in a double-quoted scalar, then an empty line.
  /\\\r?\n[ \t]*\r?\n/,
  // A comment run into a flow indicator: `{#`, `,#`.
  /[{[,:]#/,
  // An explicit key: `? key`.
  /(?:^|[\s[{,])\?(?:[ \t\r\n]|$)/m,
  // Verbatim tags: `!<tag:…>`.
  /!</,
];

/** A sequence entry left empty (`-`, `- - # note`): js-yaml misplaces the entries after it. */
function hasEmptyEntry(text: string): boolean {
  // Lines ending in a dash (and maybe a comment) are rare: find them first, then check the whole line.
  const dashAtEnd = /(?:^|[ \t])-[ \t\r]*(?:#[^\n]*)?$/gm;
  for (let match = dashAtEnd.exec(text); match !== null; match = dashAtEnd.exec(text)) {
    const lineStart = text.lastIndexOf('\n', match.index) + 1;
    const lineEnd = text.indexOf('\n', match.index);
    if (/^[ \t]*-(?:[ \t]+-)*[ \t\r]*(?:#.*)?$/.test(text.slice(lineStart, lineEnd === -1 ? undefined : lineEnd))) return true;
  }
  return false;
}

/** A document that is one flow collection, with a comment line at column 0: `yaml` refuses some. */
function isFlowDocumentWithComment(text: string): boolean {
  const start = /^(?:\s|#.*)*([[{])/.exec(text);
  return start !== null && /^#/m.test(text.slice(start[0].length));
}

const PRIVATE_TAG = 'tag:mcpgen,2025:';

/**
 * The scalars of `yaml`'s YAML 1.2 core schema, same patterns, same order,
 * same values. Their tags are private so that explicit tags (`!!int`) stay
 * unknown to js-yaml and send the document to `yaml`.
 */
const CORE_SCHEMA = new Schema({
  implicit: [
    scalar('null', /^(?:~|[Nn]ull|NULL)?$/, () => null),
    scalar('bool', /^(?:[Tt]rue|TRUE|[Ff]alse|FALSE)$/, (s) => s[0] === 't' || s[0] === 'T'),
    scalar('int-oct', /^0o[0-7]+$/, (s) => parseInt(s.substring(2), 8)),
    scalar('int', /^[-+]?[0-9]+$/, (s) => parseInt(s, 10)),
    scalar('int-hex', /^0x[0-9a-fA-F]+$/, (s) => parseInt(s.substring(2), 16)),
    scalar('float-nan', /^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/, (s) =>
      s.slice(-3).toLowerCase() === 'nan' ? NaN : s[0] === '-' ? Number.NEGATIVE_INFINITY : Number.POSITIVE_INFINITY,
    ),
    scalar('float-exp', /^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)[eE][-+]?[0-9]+$/, (s) => parseFloat(s)),
    scalar('float', /^[-+]?(?:\.[0-9]+|[0-9]+\.[0-9]*)$/, (s) => parseFloat(s)),
  ],
});

function scalar(name: string, pattern: RegExp, construct: (source: string) => unknown): Type {
  return new Type(`${PRIVATE_TAG}${name}`, {
    kind: 'scalar',
    resolve: (data: unknown) => typeof data === 'string' && pattern.test(data),
    construct: (data: string) => construct(data),
  });
}

/**
 * Follows js-yaml's node events and flags what `yaml` reads differently: an
 * anchor, an explicit tag (`!`), a comment run into a token (`"a"#`), or a
 * collection used as a mapping key. js-yaml opens a node for each key and
 * each value of a mapping, in turn, and for each item of a sequence; a node
 * followed by `:` is a key, and the next node its value. (It also opens
 * nodes that wrap another one and end with the same result: those are not
 * keys of a mapping.)
 */
class NodeWatch {
  unusual = false;
  /** Open nodes, outermost first, as parallel arrays indexed by depth: a large spec opens a million nodes. */
  private depth = 0;
  /** Opened right after a key: the key's value. */
  private readonly isValue: boolean[] = [];
  /** The node just closed inside this one is a key. */
  private readonly valueNext: boolean[] = [];
  /** Collections read inside this node that may be keys without a value (`{[a]}`): keys if this is a mapping. */
  private readonly keyCollections: Array<object[] | undefined> = [];

  flag(): void {
    this.unusual = true;
  }

  on(event: 'open' | 'close', state: NodeState): void {
    if (this.unusual) return;
    if (isCommentWithoutSpace(state.input, state.position)) return this.flag();
    const parent = this.depth - 1;
    if (event === 'open') {
      this.isValue[this.depth] = parent >= 0 && this.valueNext[parent] === true;
      this.valueNext[this.depth] = false;
      this.keyCollections[this.depth] = undefined;
      if (parent >= 0) this.valueNext[parent] = false;
      this.depth += 1;
      return;
    }
    this.depth -= 1;
    const node = this.depth;
    const container = node - 1;
    if (state.anchor !== null || (state.tag !== null && state.tag !== '?' && !state.tag.startsWith(PRIVATE_TAG))) return this.flag();
    const keys = this.keyCollections[node];
    if (keys !== undefined && state.kind === 'mapping' && keys.some((key) => key !== state.result)) return this.flag();
    if (this.isValue[node] === true || container < 0) return;
    const isKey = tokenAfter(state.input, state.position) === ':';
    const isCollection = typeof state.result === 'object' && state.result !== null;
    if (isKey && isCollection) return this.flag();
    if (isKey) this.valueNext[container] = true;
    else if (isCollection) (this.keyCollections[container] ??= []).push(state.result as object);
  }
}

/** `#` right after a token (`"a"#`, `]#`): `yaml` refuses it, js-yaml reads a comment. */
function isCommentWithoutSpace(input: string, position: number): boolean {
  return input.charCodeAt(position) === HASH && position > 0 && !isSpace(input.charCodeAt(position - 1));
}

/** The next character after spaces, line breaks and comments. */
function tokenAfter(input: string, position: number): string {
  let at = position;
  while (at < input.length) {
    const code = input.charCodeAt(at);
    if (isSpace(code)) at += 1;
    else if (code === HASH) at = skipLine(input, at);
    else return input[at] ?? '';
  }
  return '';
}

const HASH = 0x23;

function isSpace(code: number): boolean {
  return code === 0x20 || code === 0x09 || code === 0x0a || code === 0x0d;
}

function skipLine(input: string, at: number): number {
  const end = input.indexOf('\n', at);
  return end === -1 ? input.length : end;
}

function isMapping(value: unknown): value is object {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** js-yaml names a null key "null" where `yaml` names it "". A real "null" key costs only the slower parser. */
function hasNullKey(root: object): boolean {
  const stack: unknown[] = [root];
  while (stack.length > 0) {
    const node = stack.pop();
    if (typeof node !== 'object' || node === null) continue;
    if (Array.isArray(node)) {
      for (const item of node) if (typeof item === 'object' && item !== null) stack.push(item);
      continue;
    }
    for (const key in node) {
      if (key === 'null') return true;
      const child = (node as Record<string, unknown>)[key];
      if (typeof child === 'object' && child !== null) stack.push(child);
    }
  }
  return false;
}
