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
  MCPGEN_ALLOWLIST_SYNTAX: {
    title: 'The allowlist is not valid YAML',
    cause: 'The file could not be parsed, or a mapping repeats a key.',
    fix: 'Fix the YAML at the reported line and column: indent with spaces, quote values containing ": " or " #", keep each key once.',
  },
  MCPGEN_ALLOWLIST_DUPLICATE_TOOL: {
    title: 'A tool is listed twice',
    cause: 'Two entries under `tools:` have the same name; tool names must be unique.',
    fix: 'Rename or remove one of the two entries.',
  },
  MCPGEN_ALLOWLIST_UNKNOWN_KEY: {
    title: 'Unknown key in the allowlist',
    cause: 'A key is not one the allowlist format defines at that place (often a typo, or camelCase instead of snake_case).',
    fix: 'Use the suggested key, or remove it; the hint lists the keys allowed there.',
  },
  MCPGEN_ALLOWLIST_WRONG_TYPE: {
    title: 'A value in the allowlist has the wrong type',
    cause: 'A key holds, say, a number or a list where a string, a boolean or a mapping is expected.',
    fix: 'Write a value of the expected type; quote strings that YAML would read as numbers or booleans.',
  },
  MCPGEN_ALLOWLIST_MISSING_KEY: {
    title: 'A required key is missing from the allowlist',
    cause: '`server` (with `name`, `version`, `env_prefix`), `tools`, or a tool\'s `operation` is absent.',
    fix: 'Add the key the message names, under the key it points at.',
  },
  MCPGEN_ALLOWLIST_NO_TOOLS: {
    title: 'The allowlist lists no tools',
    cause: '`tools:` is empty, so the generated server would expose nothing.',
    fix: 'Add at least one tool under `tools:`; `mcpgen init --spec <spec>` writes a starter allowlist listing every operation.',
  },
  MCPGEN_ALLOWLIST_INVALID_VALUE: {
    title: 'A value in the allowlist is not allowed',
    cause: 'The value has the right type but breaks a rule: an empty list or operation, a repeated entry, an unknown `output` mode, a parameter value that is not JSON.',
    fix: 'Write a value the hint describes.',
  },
  MCPGEN_INVALID_TOOL_NAME: {
    title: 'The tool name is not accepted by MCP clients',
    cause: 'Tool names must match ^[A-Za-z][A-Za-z0-9_-]{0,63}$, the names OpenAI, Gemini and Claude clients all accept.',
    fix: 'Start with a letter and use only letters, digits, "_" and "-", at most 64 characters.',
  },
  MCPGEN_TOOL_NAME_TOO_LONG: {
    title: 'The tool name is long',
    cause: 'The name has more than 48 characters; clients prefix tool names with the server name and some cut the result at 64.',
    fix: 'Shorten the tool name to 48 characters or fewer.',
  },
  MCPGEN_MISSING_RISK: {
    title: 'A tool has no risk level',
    cause: 'Every tool must say how dangerous it is; there is no default.',
    fix: 'Add `risk: read`, `low`, `medium` or `high` to the tool.',
  },
  MCPGEN_UNKNOWN_RISK: {
    title: 'Unknown risk level',
    cause: 'The risk is not one of read, low, medium, high.',
    fix: 'Write `risk: read` (runs freely), `low` (audit-logged), `medium` (confirmation) or `high` (human approval).',
  },
  MCPGEN_PARAM_VALUE_AND_DEFAULT: {
    title: 'A parameter has both a fixed value and a default',
    cause: '`value` hides the parameter and always sends it; `default` lets the model omit it. They exclude each other.',
    fix: 'Keep either `value` or `default`.',
  },
  MCPGEN_INVALID_SERVER_NAME: {
    title: 'The server name is not a valid npm package name',
    cause: '`server.name` names the generated npm package; it must be lower case, URL-safe and at most 214 characters.',
    fix: 'Use lower-case letters, digits, ".", "_" and "-", starting with a letter or digit (optionally `@scope/name`).',
  },
  MCPGEN_INVALID_SERVER_VERSION: {
    title: 'The server version is not MAJOR.MINOR.PATCH',
    cause: '`server.version` must be a semantic version string; an unquoted `1.0` is read by YAML as a number.',
    fix: 'Write three dot-separated numbers, quoted if YAML would read them as a number, e.g. `version: "1.0.0"`.',
  },
  MCPGEN_INVALID_ENV_PREFIX: {
    title: 'The env prefix is not a valid environment variable prefix',
    cause: '`server.env_prefix` starts every env variable the server reads (`<PREFIX>_BASE_URL`, ...); it must match ^[A-Z][A-Z0-9_]*$.',
    fix: 'Use upper-case letters, digits and "_", starting with a letter, e.g. `COMPANY_API`.',
  },
  MCPGEN_UNKNOWN_OPERATION: {
    title: 'The operation is not in the spec',
    cause: 'A tool names an operationId or "METHOD /path" that the spec does not have (a typo, a renamed path, or a removed operation).',
    fix: 'Use the suggested operation, or write an operationId or "METHOD /path" exactly as in the spec.',
  },
  MCPGEN_AMBIGUOUS_OPERATION_ID: {
    title: 'The operationId belongs to several operations',
    cause: 'The spec gives the same operationId to more than one operation, so it cannot identify one.',
    fix: 'Name the operation as "METHOD /path" instead.',
  },
  MCPGEN_DUPLICATE_OPERATION: {
    title: 'Two tools expose the same operation',
    cause: 'Each operation can back only one tool; two entries resolve to the same method and path.',
    fix: 'Remove one of the tools, or point it at another operation.',
  },
  MCPGEN_READ_ON_WRITE_METHOD: {
    title: 'A write operation is marked read',
    cause: 'POST, PUT, PATCH and DELETE can change data, so they are never run without the gates of `low` or higher.',
    fix: 'Set the tool\'s risk to `low`, `medium` or `high`.',
  },
  MCPGEN_ALLOWLIST_UNREADABLE: {
    title: 'The allowlist file could not be read',
    cause: 'The path given with --allowlist does not exist or is not a file.',
    fix: 'Pass the path of your allowlist YAML; `mcpgen init --spec <url>` writes a starter one.',
  },
  MCPGEN_UNKNOWN_PARAM: {
    title: 'A parameter override names no parameter of the tool',
    cause: '`params:` of a tool lists a name that is neither an argument name nor a wire name of the operation.',
    fix: 'Use one of the parameter names the message lists (argument names are shown in the generated README).',
  },
  MCPGEN_UNKNOWN_RESPONSE_FIELD: {
    title: 'A kept response field is not in the response schema',
    cause: '`response.fields` names a field (or dot path) the operation\'s success response does not document, or the operation has no JSON response.',
    fix: 'Use the field names the hint lists; `items.name` reaches into arrays.',
  },
  MCPGEN_UNSUPPORTED_SECURITY: {
    title: 'A security scheme cannot be provided by the server',
    cause: 'The operation requires a scheme mcpgen cannot fill from env (e.g. mutual TLS), or one the spec does not define.',
    fix: 'Use apiKey, http bearer/basic or OAuth2 access tokens, or define the scheme under components.securitySchemes.',
  },
  MCPGEN_TOOL_TOO_LARGE: {
    title: 'A tool takes much of the agent\'s context',
    cause: 'Its name, description and schemas, as sent by tools/list, are over 8 KB.',
    fix: 'Shorten the description, hide parameters with fixed values, or keep fewer response fields.',
  },
  MCPGEN_TOOLS_LIST_TOO_LARGE: {
    title: 'The tool list takes much of the agent\'s context',
    cause: 'The whole tools/list result is over 40 KB; hosts send it to the model on every turn.',
    fix: 'Expose fewer tools, or split them across servers by task.',
  },
} as const satisfies Record<string, CatalogueEntry>;

export type DiagnosticCode = keyof typeof CATALOGUE;
