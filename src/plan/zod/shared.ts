import type { JsonSchema } from '../../model/json-schema.js';
import { MIN_SHARED_BYTES, uniqueName } from '../shared-schemas.js';
import { callsIdentifier, compactCode, id, measured, type Expr } from '../syntax.js';
import { emitBase, withDefault, type Place } from './emit.js';
import { SPEC_PATTERN } from './scalars.js';

/** The schemas one tool validates: its arguments, and its `structuredContent` when it has one. */
export interface ToolSchemas {
  /** The tool's name: an untitled output root shared with other tools is named after the first. */
  name: string;
  input: JsonSchema;
  output?: JsonSchema;
}

/** One tool's zod, referring to the shared constants it imports by name. */
export interface ToolZod {
  input: Expr;
  output?: Expr;
  /** The shared constants its own code names, sorted. */
  imports: string[];
  usesSpecPattern: boolean;
}

export interface ZodModules {
  /** The shared module's constants, each declared after the ones it refers to. */
  shared: Array<{ name: string; body: Expr }>;
  sharedUsesSpecPattern: boolean;
  tools: ToolZod[];
}

interface Entry {
  /** A schema written as this code (the first seen), to write the constant's body from. */
  schema: JsonSchema;
  count: number;
  hint: string;
  /** The codes of the sub-schemas it writes directly, in order. */
  children: string[];
}

/** Names from long titles keep their first words. */
const MAX_NAME_WORDS = 5;

/**
 * The zod of every tool, a sub-schema that tools repeat (a component schema
 * used by several operations, or used twice in one) written once as a
 * constant of the shared module and named where it is used. Sharing is
 * decided on the code itself: two sub-schemas that validate alike are one
 * constant. A constant holds the sub-schema's own code; its default and
 * `.optional()` stay at each use, as inline code has them, so every tool
 * validates exactly as before. A tool's input root (`z.strictObject`, the
 * argument list) is its own; an output root may be a shared constant. The
 * size bar and the rule of listings.ts (shared-schemas.ts) decide: at least
 * MIN_SHARED_BYTES of code, named from at least two places once the others
 * are shared.
 */
export function planZodModules(tools: readonly ToolSchemas[]): ZodModules {
  // Pass 1: every sub-schema's inline code, how often it is written, and what it contains.
  // A code is keyed by its compact text (computed once per node): equal texts validate alike.
  const plain = new WeakMap<JsonSchema, string>();
  const entries = new Map<string, Entry>();
  let siblings: string[] = [];
  let parentHint = '';
  // Counts every place a code is written, inside a repeated parent too.
  const recount = (code: string): void => {
    const entry = entries.get(code) as Entry;
    entry.count += 1;
    for (const child of entry.children) recount(child);
  };
  const measure = (schema: JsonSchema, place: Place | { tool: string }): Expr => {
    let code = plain.get(schema);
    if (code === undefined) {
      const [outerSiblings, outerHint] = [siblings, parentHint];
      siblings = [];
      parentHint = hintOf(schema, place, outerHint);
      code = compactCode(emitBase({ schema, sub: measure }));
      const entry = entries.get(code);
      if (entry === undefined) entries.set(code, { schema, count: 1, hint: parentHint, children: siblings });
      else entry.count += 1;
      [siblings, parentHint] = [outerSiblings, outerHint];
      plain.set(schema, code);
    } else {
      // The same object again (the builder may reuse one): its code is known, its places are new.
      recount(code);
    }
    siblings.push(code);
    // Pass 1 builds trees only for their keys: the parent's is built from this one.
    return measured(code);
  };
  const rootChildren: string[][] = [];
  for (const tool of tools) {
    siblings = [];
    parentHint = '';
    emitBase({ schema: tool.input, strictRoot: true, sub: measure });
    if (tool.output !== undefined) measure(tool.output, { tool: tool.name });
    rootChildren.push(siblings);
  }

  // Worth a name: written more than once, with MIN_SHARED_BYTES of code of its own (not counting
  // the shared sub-schemas it names). Shorter codes first: sub-schemas before the ones containing them.
  const shared = new Set<string>();
  const written = new Map<string, number>();
  for (const code of [...entries.keys()].sort((a, b) => a.length - b.length)) {
    const entry = entries.get(code) as Entry;
    let size = code.length;
    for (const child of entry.children)
      size -= shared.has(child) ? child.length : child.length - (written.get(child) ?? 0);
    written.set(code, size);
    if (entry.count > 1 && size >= MIN_SHARED_BYTES) shared.add(code);
  }
  // Written in full at each place it is named, a constant named once goes back inline.
  const references = new Map<string, number>();
  const refer = (codes: readonly string[]): void => {
    for (const code of codes) {
      if (shared.has(code)) references.set(code, (references.get(code) ?? 0) + 1);
      else refer((entries.get(code) as Entry).children);
    }
  };
  for (const children of rootChildren) refer(children);
  for (const code of shared) refer((entries.get(code) as Entry).children);
  for (const code of [...shared]) if ((references.get(code) ?? 0) < 2) shared.delete(code);

  // Pass 2: the code again, a shared sub-schema named (and declared at its first use).
  const names = new Map<string, string>();
  const used = new Set<string>();
  const declarations: Array<{ name: string; body: Expr }> = [];
  let imports = new Set<string>();
  const write = (schema: JsonSchema): Expr => {
    const code = plain.get(schema);
    if (code === undefined || !shared.has(code)) return emitBase({ schema, sub: write });
    let name = names.get(code);
    if (name === undefined) {
      const outer = imports;
      imports = new Set();
      const body = emitBase({ schema, sub: write });
      imports = outer;
      name = uniqueName((entries.get(code) as Entry).hint, used, MAX_NAME_WORDS);
      names.set(code, name);
      declarations.push({ name, body });
    }
    imports.add(name);
    return id(name);
  };
  const toolZod = tools.map((tool): ToolZod => {
    imports = new Set();
    const input = withDefault(tool.input, emitBase({ schema: tool.input, strictRoot: true, sub: write })).code;
    const output = tool.output === undefined ? undefined : withDefault(tool.output, write(tool.output)).code;
    return {
      input,
      ...(output === undefined ? {} : { output }),
      imports: [...imports].sort(),
      usesSpecPattern: [input, output].some((code) => code !== undefined && callsIdentifier(code, SPEC_PATTERN)),
    };
  });
  return {
    shared: declarations,
    sharedUsesSpecPattern: declarations.some(({ body }) => callsIdentifier(body, SPEC_PATTERN)),
    tools: toolZod,
  };
}

/** What a shared constant is named after: the schema's title, else where it sits (an output root: its tool). */
function hintOf(schema: JsonSchema, place: Place | { tool: string }, parent: string): string {
  if (schema.title !== undefined && schema.title.trim() !== '') return schema.title;
  if ('tool' in place) return `${place.tool} output`;
  return 'property' in place ? place.property : `${parent} ${place.role}`;
}
