import type { Diagnostic } from '../diagnostics/diagnostic.js';

/** One error of ajv, as swagger-parser attaches them to its validation error. */
export interface AjvError {
  instancePath: string;
  keyword?: string;
  message?: string;
  params?: Record<string, unknown>;
}

interface Rule {
  id: string;
  matches: (error: AjvError) => boolean;
  /** What the spec does, for "N places: …". */
  problem: string;
  /** What mcpgen does about it. */
  consequence: string;
}

/**
 * Schema violations common in published specs that mcpgen can work around
 * without guessing: real APIs (DigitalOcean, OAI's own examples) ship them,
 * and refusing the whole spec would help nobody.
 */
const RULES: readonly Rule[] = [
  {
    id: 'missing-responses',
    matches: (e) => e.keyword === 'required' && e.params?.['missingProperty'] === 'responses',
    problem: 'operations without `responses`',
    consequence: 'their tools get no output schema and return the response as text',
  },
  {
    id: 'parameter-without-schema',
    matches: (e) =>
      e.keyword === 'required' &&
      /\/parameters\/\d+$/.test(e.instancePath) &&
      ['schema', 'content'].includes(String(e.params?.['missingProperty'])),
    problem: 'parameters with neither `schema` nor `content`',
    consequence: 'they are taken as strings',
  },
  {
    id: 'unknown-type',
    matches: (e) => e.keyword === 'enum' && /\/type(\/\d+)?$/.test(e.instancePath),
    problem: 'schemas with a `type` OpenAPI does not define',
    consequence: 'the unknown type is ignored',
  },
  {
    id: 'unknown-field',
    matches: (e) => e.keyword === 'additionalProperties' || e.keyword === 'unevaluatedProperties',
    problem: 'fields the OpenAPI schema does not define',
    consequence: 'they are ignored',
  },
  {
    id: 'info-metadata',
    matches: (e) => /^\/info\/(license|contact)(\/|$)/.test(e.instancePath),
    problem: 'license or contact details that break the OpenAPI schema',
    consequence: 'mcpgen does not use them',
  },
];

/** Errors that only follow from another one: a failed alternative of a `oneOf`, an `if`, a `$ref` branch. */
function isConsequence(error: AjvError): boolean {
  if (['oneOf', 'anyOf', 'if', 'then', 'else', 'not'].includes(error.keyword ?? '')) return true;
  return error.keyword === 'required' && error.params?.['missingProperty'] === '$ref';
}

/**
 * Warnings for the schema errors when every one of them is a tolerated kind;
 * undefined when any error is not (the spec is then refused).
 */
export function toleratedSchemaWarnings(input: {
  label: string;
  details: readonly AjvError[];
}): Diagnostic[] | undefined {
  const concrete = input.details.filter((error) => !isConsequence(error));
  const unexplained = concrete.length === 0 ? input.details : concrete;
  const byRule = new Map<Rule, AjvError[]>();
  for (const error of unexplained) {
    const rule = RULES.find((candidate) => candidate.matches(error));
    if (!rule) return undefined;
    byRule.set(rule, [...(byRule.get(rule) ?? []), error]);
  }
  return [...byRule.entries()].map(([rule, errors]): Diagnostic => {
    const pointers = [...new Set(errors.map((error) => error.instancePath))];
    const first = pointers[0] ?? '';
    const more = pointers.length > 1 ? ` and ${pointers.length - 1} more` : '';
    return {
      code: 'MCPGEN_SPEC_INVALID',
      severity: 'warning',
      message: `the spec breaks the OpenAPI schema: ${rule.problem} at ${first || '(root)'}${more}; ${rule.consequence}`,
      location: { spec: input.label, pointer: first },
      hint: 'Fix the spec when you can; validators such as `npx @redocly/cli lint` list every place.',
    };
  });
}
