/**
 * Every diagnostic code mcpgen can emit, with what it means and how to fix it.
 * Codes are stable: CI scripts and `check --format json` consumers match on them.
 * A test fails when code in `src/` uses a code that is not listed here.
 */
export interface CatalogueEntry {
  title: string;
  cause: string;
  fix: string;
}

export const CATALOGUE = {
  MCPGEN_USAGE: {
    title: 'Invalid command line',
    cause: 'A required option is missing or an option has an invalid value.',
    fix: 'Run `mcpgen <command> --help` and pass the options it lists.',
  },
  MCPGEN_SPEC_UNREADABLE: {
    title: 'The spec could not be read',
    cause: 'The file does not exist, the URL could not be fetched, or the server answered with an error.',
    fix: 'Check the path or URL given to --spec (or `spec:` in the allowlist); for a URL, make sure the API is running.',
  },
  MCPGEN_SPEC_SYNTAX: {
    title: 'The spec is not valid JSON or YAML',
    cause: 'The document could not be parsed.',
    fix: 'Fix the syntax error at the reported position, or point --spec at the OpenAPI document itself.',
  },
  MCPGEN_SPEC_NOT_OPENAPI: {
    title: 'The document is not an OpenAPI description',
    cause: 'It has neither an `openapi: 3.x` nor a `swagger: "2.0"` field.',
    fix: 'Point --spec at an OpenAPI 3.0/3.1 or Swagger 2.0 document (Fastify publishes it at /documentation/json).',
  },
  MCPGEN_SPEC_INVALID: {
    title: 'The spec does not conform to the OpenAPI schema',
    cause: 'The document parses but breaks a rule of its OpenAPI version.',
    fix: 'Fix the spec at the reported JSON pointer; validators such as `npx @redocly/cli lint` show more detail.',
  },
  MCPGEN_SPEC_REF: {
    title: 'A $ref could not be resolved',
    cause: 'A $ref points at something that does not exist, or outside the spec when external references are not allowed.',
    fix: 'Fix the $ref at the reported pointer.',
  },
  MCPGEN_OUT_NOT_DIRECTORY: {
    title: 'The output path is not a directory',
    cause: '--out names an existing file.',
    fix: 'Choose a directory for --out.',
  },
  MCPGEN_INTERNAL: {
    title: 'Internal error',
    cause: 'mcpgen hit a bug.',
    fix: 'Please report it with the spec and allowlist that trigger it.',
  },
} as const satisfies Record<string, CatalogueEntry>;

export type DiagnosticCode = keyof typeof CATALOGUE;
