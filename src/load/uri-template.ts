/** `scheme:` as RFC 3986 defines it. */
const SCHEME = /^[A-Za-z][A-Za-z0-9+.-]*:/;
/** RFC 6570 level 1: `{name}`, simple string expansion, no operator, no modifier. */
const EXPRESSION = /\{([^{}]*)\}/g;
const VARIABLE_NAME = /^[A-Za-z0-9_]+$/;
/** Characters a URI (outside expressions) may not hold as they are. */
const UNSAFE = /[\s<>"\\^`|]/;

export type ParsedTemplate = { ok: true; variables: string[] } | { ok: false; problem: string; hint: string };

/**
 * Checks a resource URI or RFC 6570 level-1 template and returns its
 * variables in order. Adjacent expressions are refused: `{a}{b}` has no
 * single reading of a URI.
 */
export function parseUriTemplate(uri: string): ParsedTemplate {
  const example = 'e.g. "company://products" or "company://customers/{customerId}"';
  if (!SCHEME.test(uri)) {
    return {
      ok: false,
      problem: `has no URI scheme: "${uri}"`,
      hint: `start it with a scheme of letters, digits, "+", "-" or "." followed by ":", ${example}`,
    };
  }
  const literal = uri.replace(EXPRESSION, '');
  if (literal.includes('{') || literal.includes('}')) {
    return {
      ok: false,
      problem: `has an unbalanced "{" or "}": "${uri}"`,
      hint: `write each variable as {name}, ${example}`,
    };
  }
  if (UNSAFE.test(literal)) {
    return {
      ok: false,
      problem: `holds a space or a character URIs do not allow: "${uri}"`,
      hint: 'percent-encode it, or leave it out',
    };
  }
  const variables: string[] = [];
  for (const match of uri.matchAll(EXPRESSION)) {
    const name = match[1] ?? '';
    if (!VARIABLE_NAME.test(name)) {
      return {
        ok: false,
        problem: `has the expression "{${name}}", which is not a plain variable`,
        hint: 'only simple {name} variables (RFC 6570 level 1) are supported, named with letters, digits and "_" like the operation\'s path parameters',
      };
    }
    if (variables.includes(name)) {
      return { ok: false, problem: `uses the variable "${name}" twice`, hint: 'name each path parameter once' };
    }
    variables.push(name);
  }
  if (uri.includes('}{')) {
    return {
      ok: false,
      problem: 'has two variables next to each other, so a URI could be read in more than one way',
      hint: 'put a literal character such as "/" between them',
    };
  }
  return { ok: true, variables };
}

/** The template with variable names dropped: two templates of one shape match the same URIs. */
export function templateShape(uri: string): string {
  return uri.replace(EXPRESSION, '{}');
}
