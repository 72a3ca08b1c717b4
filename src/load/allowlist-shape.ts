import { isAlias, isMap, isScalar, isSeq, type Document, type LineCounter, type Node, type YAMLMap } from 'yaml';
import { closestCandidates, didYouMean } from '../diagnostics/did-you-mean.js';
import type { Diagnostic, FileLocation, Severity } from '../diagnostics/diagnostic.js';
import type { DiagnosticCode } from '../diagnostics/catalogue.js';
import type { JsonValue } from '../model/json-schema.js';

/** One `key: value` of a mapping; `path` is the dotted path shown in messages, e.g. `tools.x.risk`. */
export interface Entry {
  name: string;
  path: string;
  key: Node;
  /** The value with aliases resolved; null when the key has no value node at all. */
  value: Node | null;
}

/** A checked mapping; `owner` is its key (or the mapping itself at the top level), where missing keys are reported. */
export interface Mapping {
  node: YAMLMap;
  path: string;
  owner: Node;
  entries: Map<string, Entry>;
  /** Allowed keys that an unknown key was probably meant to be; a missing one is then not reported twice. */
  misspelled: Set<string>;
}

export interface Report {
  code: DiagnosticCode;
  node?: Node | null;
  location?: FileLocation;
  message: string;
  hint?: string;
  severity?: Severity;
}

/** Walks the parsed allowlist, turning every shape problem into a located diagnostic. */
export class ShapeReader {
  readonly diagnostics: Diagnostic[] = [];
  private readonly source: { file: string; text: string; doc: Document.Parsed; lineCounter: LineCounter };

  constructor(source: { file: string; text: string; doc: Document.Parsed; lineCounter: LineCounter }) {
    this.source = source;
  }

  locateOffset(offset: number): FileLocation {
    const { line, col } = this.source.lineCounter.linePos(offset);
    return { file: this.source.file, line, column: col };
  }

  locate(node: Node | null | undefined): FileLocation {
    return this.locateOffset(node?.range?.[0] ?? 0);
  }

  /** Where a field is worth pointing at: its value when that is a scalar, else its key. */
  fieldLocation(entry: Entry): FileLocation {
    return isScalar(entry.value) && !isEmpty(entry.value) ? this.locate(entry.value) : this.locate(entry.key);
  }

  report(report: Report): void {
    this.diagnostics.push({
      code: report.code,
      severity: report.severity ?? 'error',
      message: report.message,
      location: report.location ?? this.locate(report.node),
      ...(report.hint === undefined ? {} : { hint: report.hint }),
    });
  }

  resolve(node: unknown): Node | null {
    if (isAlias(node)) return node.resolve(this.source.doc) ?? null;
    return isScalar(node) || isMap(node) || isSeq(node) ? node : null;
  }

  /** The node's text as written, e.g. `1.0` for a number, shortened to keep messages on one line. */
  sourceText(node: Node): string {
    const range = node.range;
    return shorten(range ? this.source.text.slice(range[0], range[1]) : String(node));
  }

  /** How a value reads in "got …": `"yes"`, `1.0`, `a list`, `an empty value`. */
  describe(node: Node | null): string {
    if (node === null || isEmpty(node)) return 'an empty value';
    if (isMap(node)) return 'a mapping';
    if (isSeq(node)) return 'a list';
    if (isScalar(node) && typeof node.value === 'string') return `"${shorten(node.value)}"`;
    return this.sourceText(node);
  }

  /**
   * Checks that `node` is a mapping and collects its entries. With `keys`, any
   * other key is reported (with a "did you mean"); repeated keys were already
   * reported by the YAML parser, so only the first is kept.
   */
  mapping(input: {
    node: Node | null;
    path: string;
    owner: Node;
    keys?: readonly string[];
    hint?: string;
  }): Mapping | undefined {
    const { node, path, owner, keys } = input;
    if (!isMap(node)) {
      this.report({
        code: 'MCPGEN_ALLOWLIST_WRONG_TYPE',
        node: isEmpty(node) ? owner : node,
        message: `${label(path)} must be a mapping of keys, got ${this.describe(node)}`,
        hint: input.hint ?? `write its keys indented under "${path.split('.').pop() ?? path}:"`,
      });
      return undefined;
    }
    const entries = new Map<string, Entry>();
    const misspelled = new Set<string>();
    const seen = new Set<string>();
    for (const pair of node.items) {
      const key = this.resolve(pair.key);
      if (!isScalar(key) || !['string', 'number', 'boolean'].includes(typeof key.value)) {
        this.report({
          code: 'MCPGEN_ALLOWLIST_WRONG_TYPE',
          node: key ?? node,
          message: `keys in ${label(path)} must be plain names, got ${this.describe(key)}`,
          hint: 'write the key as a plain word followed by ":"',
        });
        continue;
      }
      const name = String(key.value);
      if (seen.has(name)) continue;
      seen.add(name);
      const entry: Entry = { name, path: path ? `${path}.${name}` : name, key, value: this.resolve(pair.value) };
      if (keys && !keys.includes(name)) {
        const meant = this.reportUnknownKey({ entry, path, keys });
        if (meant !== undefined) misspelled.add(meant);
        continue;
      }
      entries.set(name, entry);
    }
    return { node, path, owner, entries, misspelled };
  }

  /** Returns the key it was probably meant to be, if any. */
  private reportUnknownKey(input: { entry: Entry; path: string; keys: readonly string[] }): string | undefined {
    const { entry, path, keys } = input;
    const [meant] = closestCandidates({ input: entry.name, candidates: keys, limit: 1, maxDistance: 2 });
    const suggestion = meant === undefined ? undefined : didYouMean([meant]);
    this.report({
      code: 'MCPGEN_ALLOWLIST_UNKNOWN_KEY',
      node: entry.key,
      message: `unknown key "${entry.name}" ${path ? `in ${label(path)}` : 'at the top level'}`,
      hint: suggestion ?? `remove it; the keys allowed here are ${keys.join(', ')}`,
    });
    return meant;
  }

  /** The entry for a required key, or a diagnostic at the mapping's own key saying what to add. */
  require(input: { mapping: Mapping; name: string; example: string }): Entry | undefined {
    const entry = input.mapping.entries.get(input.name);
    if (entry || input.mapping.misspelled.has(input.name)) return entry;
    this.report({
      code: 'MCPGEN_ALLOWLIST_MISSING_KEY',
      node: input.mapping.owner,
      message: `${label(input.mapping.path)} is missing the required key "${input.name}"`,
      hint: `add ${input.example}`,
    });
    return undefined;
  }

  string(entry: Entry): string | undefined {
    const node = entry.value;
    if (isScalar(node) && typeof node.value === 'string') return node.value;
    const hint =
      isScalar(node) && node.value !== null
        ? `put the value in quotes: ${entry.name}: "${this.sourceText(node)}"`
        : `write a text value after "${entry.name}:", or remove the key`;
    this.wrongType({ entry, expected: 'a string', hint });
    return undefined;
  }

  boolean(entry: Entry): boolean | undefined {
    const node = entry.value;
    if (isScalar(node) && typeof node.value === 'boolean') return node.value;
    this.wrongType({ entry, expected: 'true or false', hint: `write ${entry.name}: true or ${entry.name}: false` });
    return undefined;
  }

  positiveInteger(entry: Entry): number | undefined {
    const node = entry.value;
    const hint = `write a whole number greater than 0, e.g. ${entry.name}: 20000`;
    if (!isScalar(node) || typeof node.value !== 'number') {
      this.wrongType({ entry, expected: 'a number', hint });
      return undefined;
    }
    if (Number.isSafeInteger(node.value) && node.value > 0) return node.value;
    this.report({
      code: 'MCPGEN_ALLOWLIST_INVALID_VALUE',
      node,
      message: `${label(entry.path)} must be a whole number greater than 0, got ${this.sourceText(node)}`,
      hint,
    });
    return undefined;
  }

  /** A list of distinct strings; `nonEmpty` also rejects `[]`. */
  stringList(input: { entry: Entry; nonEmpty: boolean; example: string }): string[] | undefined {
    const { entry } = input;
    const node = entry.value;
    if (!isSeq(node)) {
      this.wrongType({ entry, expected: 'a list of names', hint: `write ${entry.name}: ${input.example}` });
      return undefined;
    }
    const seen = new Set<string>();
    let ok = true;
    for (const raw of node.items) {
      const item = this.resolve(raw);
      if (!isScalar(item) || typeof item.value !== 'string') {
        ok = false;
        this.report({
          code: 'MCPGEN_ALLOWLIST_WRONG_TYPE',
          node: item ?? node,
          message: `${label(entry.path)} must list names, got ${this.describe(item)}`,
          hint: `write ${entry.name}: ${input.example}`,
        });
      } else if (seen.has(item.value)) {
        ok = false;
        this.report({
          code: 'MCPGEN_ALLOWLIST_INVALID_VALUE',
          node: item,
          message: `${label(entry.path)} lists "${item.value}" twice`,
          hint: 'remove the repeated entry',
        });
      } else {
        seen.add(item.value);
      }
    }
    if (input.nonEmpty && node.items.length === 0) {
      ok = false;
      this.report({
        code: 'MCPGEN_ALLOWLIST_INVALID_VALUE',
        node,
        message: `${label(entry.path)} is an empty list`,
        hint: `list at least one name, e.g. ${entry.name}: ${input.example}, or remove the key`,
      });
    }
    return ok ? [...seen] : undefined;
  }

  /** Any YAML value that is also valid JSON (no `.inf`, `.nan`, binary or custom tags). */
  json(entry: Entry): JsonValue | undefined {
    let value: unknown;
    try {
      value = entry.value === null ? null : entry.value.toJS(this.source.doc);
    } catch {
      // toJS throws on alias bombs (excessive alias expansion); reported like any other non-JSON value.
      value = undefined;
    }
    if (isJsonValue(value)) return value;
    this.report({
      code: 'MCPGEN_ALLOWLIST_INVALID_VALUE',
      node: entry.value ?? entry.key,
      message: `${label(entry.path)} is not a JSON value: ${this.describe(entry.value)}`,
      hint: 'use only strings, finite numbers, true/false, null, lists and mappings',
    });
    return undefined;
  }

  wrongType(input: { entry: Entry; expected: string; hint: string }): void {
    const { entry } = input;
    this.report({
      code: 'MCPGEN_ALLOWLIST_WRONG_TYPE',
      node: isEmpty(entry.value) ? entry.key : entry.value,
      message: `${label(entry.path)} must be ${input.expected}, got ${this.describe(entry.value)}`,
      hint: input.hint,
    });
  }
}

/** A key with nothing after its colon (or `~` / `null`). */
export function isEmpty(node: Node | null): boolean {
  return node === null || (isScalar(node) && node.value === null);
}

/** On one line and short enough to quote in a one-line message. */
function shorten(text: string): string {
  const oneLine = text.replace(/\s+/g, ' ').trim();
  return oneLine.length > 60 ? `${oneLine.slice(0, 57)}...` : oneLine;
}

/** `"server.version"`, or `the allowlist` for the top level. */
export function label(path: string): string {
  return path ? `"${path}"` : 'the allowlist';
}

function isJsonValue(value: unknown): value is JsonValue {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return true;
  if (typeof value === 'number') return Number.isFinite(value);
  if (Array.isArray(value)) return value.every(isJsonValue);
  if (typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    return Object.values(value).every(isJsonValue);
  }
  return false;
}
