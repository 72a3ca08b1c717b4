import jsYaml, { type State } from 'js-yaml';

/** The loader's state as js-yaml passes it to a listener; @types/js-yaml leaves out the node's tag and anchor. */
type ComposedState = State & { tag: string | null; anchor: string | null };

/**
 * Plain YAML read by js-yaml, about five times faster than the `yaml`
 * library's document parser and at under half its memory (Stripe's 4 MB
 * spec: ~0.8 s and 90 MB against ~4 s and 210 MB). It answers only where
 * the two give the same data: undefined when the text uses anything where
 * they could differ (directives, tags, anchors and aliases, explicit or null
 * or collection keys, CR line ends, a byte-order mark), when js-yaml rejects
 * it, or when it is not a mapping. The caller then reads it with `yaml`,
 * which reports errors with their line and column. Anchors and tags are
 * seen on the parsed nodes; the other guards look at the raw text, so such
 * text inside a string also sends the spec the slow way: never a different
 * answer, only a slower one.
 */
export function readPlainYaml(text: string): Record<string, unknown> | undefined {
  if (MAY_DIFFER.some((pattern) => pattern.test(text))) return undefined;
  let data: unknown;
  let special = false;
  unusualNumbers = 0;
  try {
    // Duplicate keys: the last wins, as in `yaml` with uniqueKeys off. Deeper nesting than js-yaml's
    // default of 100 (real specs: 25) goes to `yaml`, which has its own error for it.
    data = jsYaml.load(text, {
      schema: CORE_SCHEMA,
      json: true,
      // Every node is seen once composed: an anchor (aliases need one) or an explicit tag sends the text to `yaml`.
      listener: (event, listened) => {
        if (event !== 'close') return;
        const state = listened as ComposedState;
        if (state.anchor !== null || (state.tag !== null && !IMPLICIT_TAGS.has(state.tag))) special = true;
      },
    });
  } catch {
    return undefined;
  }
  if (special || typeof data !== 'object' || data === null || Array.isArray(data)) return undefined;
  return (unusualNumbers === 0 ? JSON.parse(JSON.stringify(data)) : data) as Record<string, unknown>;
}

/**
 * Numbers JSON cannot carry (NaN, ±Infinity, -0) read by the current call.
 * Without them the data goes through JSON once: js-yaml's strings are slices
 * of the spec text, which keep all of it alive and, when the text holds one
 * character past Latin-1 (Stripe's does), at two bytes a character in every
 * string built from them, down to the rendered files. JSON.parse makes
 * compact copies (Stripe: peak 410 -> 370 MB). The data is a tree (no
 * anchors), so the copy is the same data.
 */
let unusualNumbers = 0;

function counted(value: number): number {
  if (!Number.isFinite(value) || Object.is(value, -0)) unusualNumbers += 1;
  return value;
}

/** Tags a plain scalar gets without one written: `?` (a string) and those of CORE_SCHEMA below. */
const IMPLICIT_TAGS = new Set([
  '?',
  'tag:yaml.org,2002:null',
  'tag:yaml.org,2002:bool',
  'tag:yaml.org,2002:int',
  'tag:yaml.org,2002:float',
]);

/** Where the two libraries could read the same text differently, found in the raw text. */
const MAY_DIFFER: RegExp[] = [
  // A byte-order mark, CR line ends, or a directive (%YAML 1.1 changes the schema).
  /^\uFEFF|\r|^%/m,
  // An explicit key (`? key`): it may be a collection or null, which the two name differently.
  /(?:^|[\s[{,])\?(?:\s|$)/m,
  // A null key (`null:`, `~:`, `:`): `yaml` names it "", js-yaml "null".
  /(?:^|[\s[{,])(?:~|null|Null|NULL)?[ \t]*:(?:\s|$)/m,
  // A flow collection as a key (`[a, b]: c`; implicit keys fit on one line): the two write it differently.
  /(?:^[ \t]*(?:-[ \t]+)*|[[{,][ \t]*)[[{][^\n]*[\]}][ \t]*:(?:\s|$)/m,
];

/**
 * The YAML 1.2 core schema's plain scalars exactly as the `yaml` library
 * resolves them (its schema/core: null, bool, int, float, in that order),
 * where js-yaml's own core schema differs (0b binary, underscores, 1e400).
 */
const CORE_SCHEMA = jsYaml.FAILSAFE_SCHEMA.extend({
  implicit: [
    new jsYaml.Type('tag:yaml.org,2002:null', {
      kind: 'scalar',
      resolve: (data) => /^(?:~|[Nn]ull|NULL)?$/.test(data),
      construct: () => null,
    }),
    new jsYaml.Type('tag:yaml.org,2002:bool', {
      kind: 'scalar',
      resolve: (data) => /^(?:[Tt]rue|TRUE|[Ff]alse|FALSE)$/.test(data),
      construct: (data) => data.startsWith('t') || data.startsWith('T'),
    }),
    new jsYaml.Type('tag:yaml.org,2002:int', {
      kind: 'scalar',
      resolve: (data) => /^0o[0-7]+$|^[-+]?[0-9]+$|^0x[0-9a-fA-F]+$/.test(data),
      construct: (data) =>
        counted(
          data.startsWith('0o')
            ? parseInt(data.slice(2), 8)
            : data.startsWith('0x')
              ? parseInt(data.slice(2), 16)
              : parseInt(data, 10),
        ),
    }),
    new jsYaml.Type('tag:yaml.org,2002:float', {
      kind: 'scalar',
      resolve: (data) =>
        /^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$|^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)[eE][-+]?[0-9]+$|^[-+]?(?:\.[0-9]+|[0-9]+\.[0-9]*)$/.test(
          data,
        ),
      construct: (data) =>
        counted(
          /^[-+]?\.(?:inf|Inf|INF)$/.test(data)
            ? data.startsWith('-')
              ? Number.NEGATIVE_INFINITY
              : Number.POSITIVE_INFINITY
            : /^\.(?:nan|NaN|NAN)$/.test(data)
              ? Number.NaN
              : parseFloat(data),
        ),
    }),
  ],
});
