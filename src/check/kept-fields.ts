import { closestCandidates } from '../diagnostics/did-you-mean.js';
import type { FileLocation } from '../diagnostics/diagnostic.js';
import type { JsonSchema, JsonValue } from '../model/json-schema.js';
import { editThenGenerate, type FixContext } from './fix-command.js';
import type { FindingDraft } from './report.js';
import { jsonEqual } from '../build/schema/json-value.js';

/** Where a kept field's path stops resolving in a schema. */
interface Walk {
  /** The path walked so far, in report notation (`items[].customer`). */
  path: string;
  /** The object whose properties lack the next segment; undefined when the whole path resolves. */
  parent?: JsonSchema;
  /** The schema at the end of the path, when it resolves. */
  schema?: JsonSchema;
  /** The allowlist segments up to the missing one. */
  missing?: string;
}

/**
 * A `response.fields` entry the response no longer has, with the field that
 * most likely replaced it: a new sibling with the same schema (a rename),
 * else the closest sibling name. Paths are reported as `items[].name`; the
 * fix says what to write in the allowlist, in its own dotted notation.
 */
export function keptFieldFinding(input: {
  tool: string;
  operation: string;
  field: string;
  /** The response schema the project was generated with (the manifest's), when the tool was generated. */
  recorded?: JsonSchema;
  /** The whole current response schema, as the tool's output wraps it. */
  current: JsonSchema;
  at: FileLocation;
  specPointer?: string;
  context: FixContext;
}): FindingDraft {
  const segments = input.field.split('.');
  const now = walk({ schema: input.current, segments });
  const was = input.recorded ? walk({ schema: input.recorded, segments }) : undefined;
  const shown =
    now.missing === undefined ? input.field : `${now.path ? `${now.path}.` : ''}${now.missing}${rest(segments, now)}`;
  const siblings = Object.keys(now.parent?.properties ?? {});
  const suggestion = suggest({
    missing: now.missing ?? '',
    siblings,
    parent: now.parent,
    oldSchema: was?.schema,
    oldParent: was?.parent,
  });
  const prefix = segments.slice(0, segments.length - 1).join('.');
  const replacement = suggestion ? (prefix ? `${prefix}.${suggestion.name}` : suggestion.name) : undefined;
  const replacementShown = suggestion ? `${now.path ? `${now.path}.` : ''}${suggestion.name}` : undefined;
  const hint = suggestion
    ? `; did you mean "${replacementShown}"? (${suggestion.renamed ? 'added with the same schema: renamed?' : 'the closest field there'})`
    : siblings.length === 0
      ? '; the schema there lists no fields'
      : '';
  return {
    code: 'MCPGEN_DRIFT_KEPT_FIELD_MISSING',
    category: 'allowlist',
    tool: input.tool,
    operation: input.operation,
    location: input.at,
    ...(input.specPointer ? { specPointer: input.specPointer } : {}),
    subject: `response.fields ${input.field}`,
    message: `response field "${shown}", kept by response.fields, is gone from the response${hint}`,
    fix: editThenGenerate({
      context: input.context,
      edit: replacement
        ? `replace "${input.field}" with "${replacement}" in response.fields`
        : `remove "${input.field}" from response.fields`,
      at: input.at,
    }),
    ...(replacementShown ? { after: replacementShown } : {}),
  };
}

function rest(segments: string[], walked: Walk): string {
  const depth = walked.path === '' ? 0 : walked.path.split('.').length;
  const tail = segments.slice(depth + 1);
  return tail.length === 0 ? '' : `.${tail.join('.')}`;
}

/** Follows the allowlist's dotted path, stepping through arrays (`items` reaches each element), as the build does. */
function walk(input: { schema: JsonSchema; segments: string[] }): Walk {
  let current = input.schema;
  let path = '';
  for (const [index, segment] of input.segments.entries()) {
    const element = elementOf(current);
    const child = element.schema.properties?.[segment];
    if (!child) return { path, parent: element.schema, missing: segment };
    const step = `${segment}${'[]'.repeat(elementOf(child).depth)}`;
    path = path ? `${path}.${step}` : step;
    current = child;
    if (index === input.segments.length - 1) return { path, schema: child, parent: element.schema };
  }
  return { path, schema: current };
}

function elementOf(schema: JsonSchema): { schema: JsonSchema; depth: number } {
  let current = schema;
  let depth = 0;
  while (
    current.items &&
    (current.type === 'array' || (Array.isArray(current.type) && current.type.includes('array')))
  ) {
    current = current.items;
    depth += 1;
  }
  return { schema: current, depth };
}

function suggest(input: {
  missing: string;
  siblings: string[];
  parent: JsonSchema | undefined;
  oldSchema: JsonSchema | undefined;
  oldParent: JsonSchema | undefined;
}): { name: string; renamed: boolean } | undefined {
  const { parent, oldSchema } = input;
  if (!parent || input.siblings.length === 0) return undefined;
  if (oldSchema) {
    const known = new Set(Object.keys(input.oldParent?.properties ?? {}));
    // Exactly the same schema, description included: a sibling that merely shares a type is no evidence of a rename.
    const same = input.siblings.filter(
      (name) => !known.has(name) && jsonEqual(parent.properties![name]! as JsonValue, oldSchema as JsonValue),
    );
    if (same.length === 1) return { name: same[0]!, renamed: true };
  }
  const [closest] = closestCandidates({
    input: input.missing,
    candidates: input.siblings,
    limit: 1,
    maxDistance: Number.MAX_SAFE_INTEGER,
  });
  return closest === undefined ? undefined : { name: closest, renamed: false };
}
