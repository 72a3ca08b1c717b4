/**
 * Every diagnostic code mcpgen can emit, with what it means and how to fix it.
 * Codes are stable: CI scripts and `check --format json` consumers match on them.
 * A test fails when code in `src/` uses a code that is not listed here.
 */
export interface CatalogueEntry {
  title: string;
  cause: string;
  fix: string;
  /** For drift codes (`MCPGEN_DRIFT_*`), required: see `findingClassOf`. */
  class?: FindingClass;
}

/**
 * How a drift finding affects the committed server, seen as an API client:
 * `breaking` it will now fail or misbehave; `compatible` it still works but is
 * stale; `info` nothing to fix (unused operations, deprecations).
 */
export type FindingClass = 'breaking' | 'compatible' | 'info';
export const FINDING_CLASSES: readonly FindingClass[] = ['breaking', 'compatible', 'info'];

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
    cause:
      'A $ref points at something that does not exist, or outside the spec when external references are not allowed.',
    fix: 'Fix the $ref at the reported pointer.',
  },
  MCPGEN_OUT_NOT_DIRECTORY: {
    title: 'The output path is not a directory',
    cause:
      '--out names an existing file (or a symbolic link to nothing), or a file stands where one of its parent directories would be created.',
    fix: 'Choose a directory for --out.',
  },
  MCPGEN_OUT_FILE_NOT_GENERATED: {
    title: 'generate would overwrite a file it did not generate',
    cause:
      'A file generate writes already exists in --out, and the manifest there (mcpgen.manifest.json) does not record it as generated: it is yours, or the manifest is missing or unreadable. Nothing was written.',
    fix: 'Move the file out of --out, choose another --out, or pass --take-over to let generate overwrite it (it then becomes a generated file).',
  },
  MCPGEN_OUT_PATH_CONFLICT: {
    title: 'Something in --out stands where generate writes',
    cause:
      'A file stands where generate creates a directory (e.g. --out/src is a file), or a directory or special file stands where it writes a file. Nothing was written.',
    fix: 'Move or rename what is in the way, or choose another --out.',
  },
  MCPGEN_OUT_OUTSIDE: {
    title: 'A path would lead outside --out',
    cause:
      'A directory in --out is a symbolic link to a place outside it (generate would write or delete there), or the manifest lists a path outside --out. generate never writes or deletes outside --out; nothing was written.',
    fix: 'Replace the symbolic link with a real directory; restore an edited manifest from version control, or delete it and run `mcpgen generate --take-over`.',
  },
  MCPGEN_OUT_WRITE_FAILED: {
    title: 'Writing --out failed',
    cause:
      'The file system refused a write, a rename or a directory (permissions, free space, another process). Every change already made was undone.',
    fix: 'Check the permissions and free space of --out, then run generate again.',
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
    cause:
      'A key is not one the allowlist format defines at that place (often a typo, or camelCase instead of snake_case).',
    fix: 'Use the suggested key, or remove it; the hint lists the keys allowed there.',
  },
  MCPGEN_ALLOWLIST_WRONG_TYPE: {
    title: 'A value in the allowlist has the wrong type',
    cause: 'A key holds, say, a number or a list where a string, a boolean or a mapping is expected.',
    fix: 'Write a value of the expected type; quote strings that YAML would read as numbers or booleans.',
  },
  MCPGEN_ALLOWLIST_MISSING_KEY: {
    title: 'A required key is missing from the allowlist',
    cause: "`server` (with `name`, `version`, `env_prefix`), `tools`, or a tool's `operation` is absent.",
    fix: 'Add the key the message names, under the key it points at.',
  },
  MCPGEN_ALLOWLIST_NO_TOOLS: {
    title: 'The allowlist lists no tools',
    cause: '`tools:` is empty, so the generated server would expose nothing.',
    fix: 'Add at least one tool under `tools:`; `mcpgen init --spec <spec>` writes a starter allowlist listing every operation.',
  },
  MCPGEN_ALLOWLIST_INVALID_VALUE: {
    title: 'A value in the allowlist is not allowed',
    cause:
      'The value has the right type but breaks a rule: an empty list or operation, a repeated entry, an unknown `output` mode, a parameter value that is not JSON.',
    fix: 'Write a value the hint describes.',
  },
  MCPGEN_INVALID_TOOL_NAME: {
    title: 'The tool name is not accepted by MCP clients',
    cause:
      'Tool names must match ^[A-Za-z][A-Za-z0-9_-]{0,63}$, the names OpenAI, Gemini and Claude clients all accept.',
    fix: 'Start with a letter and use only letters, digits, "_" and "-", at most 64 characters.',
  },
  MCPGEN_TOOL_NAME_TOO_LONG: {
    title: 'The tool name is long',
    cause:
      'The name has more than 48 characters; clients prefix tool names with the server name and some cut the result at 64.',
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
  MCPGEN_WRITE_RISK_LOW: {
    title: 'An overwrite or delete is marked risk low',
    cause:
      'The tool calls PUT, PATCH or DELETE with risk `low`: the generated server runs it without confirmation and announces it as not destructive (destructiveHint: false). A warning; generation goes on.',
    fix: "If the operation can delete or overwrite data, set `risk: medium` (confirmation) or `high` (a person's approval); keep `low` only for writes that are safe to run unattended.",
  },
  MCPGEN_DESCRIPTION_IS_DRAFT: {
    title: 'A tool still has the description init drafted',
    cause:
      "The enabled tool's description is the spec's summary (or first sentence) that `mcpgen init` copied as a draft. It was written for people reading API docs, not for a model deciding which tool to call. A warning; generation goes on.",
    fix: 'Rewrite the description for the model: what the tool does, when to use it, and what it returns.',
  },
  MCPGEN_PARAM_VALUE_AND_DEFAULT: {
    title: 'A parameter has both a fixed value and a default',
    cause:
      '`value` hides the parameter and always sends it; `default` lets the model omit it. They exclude each other.',
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
    cause:
      '`server.env_prefix` starts every env variable the server reads (`<PREFIX>_BASE_URL`, ...); it must match ^[A-Z][A-Z0-9_]*$.',
    fix: 'Use upper-case letters, digits and "_", starting with a letter, e.g. `COMPANY_API`.',
  },
  MCPGEN_UNKNOWN_OPERATION: {
    title: 'The operation is not in the spec',
    cause:
      'A tool names an operationId or "METHOD /path" that the spec does not have (a typo, a renamed path, or a removed operation).',
    fix: 'Use the suggested operation, or write an operationId or "METHOD /path" exactly as in the spec.',
  },
  MCPGEN_AMBIGUOUS_OPERATION_ID: {
    title: 'The operationId belongs to several operations',
    cause: 'The spec gives the same operationId to more than one operation, so it cannot identify one.',
    fix: 'Name the operation as "METHOD /path" instead.',
  },
  MCPGEN_ALLOWLIST_DUPLICATE_RESOURCE: {
    title: 'A resource is listed twice',
    cause: 'Two entries under `resources:` have the same name; resource names must be unique.',
    fix: 'Rename or remove one of the two entries.',
  },
  MCPGEN_INVALID_RESOURCE_NAME: {
    title: 'A resource name is not a plain identifier',
    cause: 'Resource names are identifiers clients show and match on: a letter, then letters, digits, `_`, `-` or `.`.',
    fix: 'Rename the resource, e.g. `product_catalogue`.',
  },
  MCPGEN_INVALID_RESOURCE_URI: {
    title: 'A resource URI is not a valid URI or RFC 6570 level-1 template',
    cause:
      'The URI has no scheme, holds characters URIs do not allow, or uses template expressions beyond simple `{name}` variables.',
    fix: 'Write a URI with a scheme, e.g. `company://products`, and plain `{name}` variables for path parameters.',
  },
  MCPGEN_DUPLICATE_RESOURCE_URI: {
    title: 'Two resources answer the same URI',
    cause: 'Two resources have the same URI, or two templates that differ only in variable names match the same URIs.',
    fix: 'Give each resource its own URI.',
  },
  MCPGEN_RESOURCE_NOT_GET: {
    title: 'A resource names an operation that is not a GET',
    cause: 'Reading a resource must not change anything, so only GET operations can be resources.',
    fix: 'Point the resource at a GET operation, or expose the operation as a tool with a risk level.',
  },
  MCPGEN_RESOURCE_TEMPLATE_MISMATCH: {
    title: "A resource URI's variables are not the operation's path parameters",
    cause:
      'A template must have exactly one variable per path parameter of its operation, named like it; an operation without path parameters has a fixed URI.',
    fix: 'Rename, add or remove `{variables}` in `uri:` to match the path parameters.',
  },
  MCPGEN_RESOURCE_PARAM_NOT_FIXED: {
    title: 'A resource parameter is neither a template variable nor fixed',
    cause:
      'A resource takes no arguments: its path parameters come from the URI, and a required query or header parameter needs a fixed value.',
    fix: 'Add `params: { <name>: { value: ... } }` for the parameter, or remove a fixed value given for a path parameter.',
  },
  MCPGEN_DUPLICATE_OPERATION: {
    title: 'Two tools expose the same operation',
    cause: 'Each operation can back only one tool; two entries resolve to the same method and path.',
    fix: 'Remove one of the tools, or point it at another operation.',
  },
  MCPGEN_READ_ON_WRITE_METHOD: {
    title: 'A write operation is marked read',
    cause: 'POST, PUT, PATCH and DELETE can change data, so they are never run without the gates of `low` or higher.',
    fix: "Set the tool's risk to `low`, `medium` or `high`.",
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
    cause:
      "`response.fields` names a field (or dot path) the operation's success response does not document, or the operation has no JSON response.",
    fix: 'Use the field names the hint lists; `items.name` reaches into arrays.',
  },
  MCPGEN_UNKNOWN_REDACT_FIELD: {
    title: 'A redacted field is not an argument of the tool',
    cause:
      '`redact:` of a tool names a field that no argument of the tool has (at any depth), or a dot path that leads nowhere; it would hide nothing.',
    fix: 'Use the argument names the hint lists, or a dot path from the top of the arguments (`customer.email`; arrays are walked through).',
  },
  MCPGEN_PARAM_UNSENDABLE: {
    title: 'A header or cookie parameter has a name HTTP does not allow',
    cause:
      'The spec names a header or cookie parameter with characters outside the HTTP token set (e.g. `/` or a space); no HTTP client can send it, so a tool offering it would fail every call that sets it.',
    fix: 'Nothing to do in the allowlist: the tool leaves the parameter out. Fix the name in the spec if the API really reads it.',
  },
  MCPGEN_BODY_IGNORED: {
    title: 'A GET or HEAD operation declares a request body',
    cause:
      'GET and HEAD requests carry no body (HTTP gives it no meaning and fetch refuses one), yet the spec declares one (Stripe declares an empty form body on its GETs).',
    fix: 'Nothing to do: the tool takes no body arguments and sends none. If the API does read those fields, they belong in the query string of the spec.',
  },
  MCPGEN_UNSUPPORTED_SECURITY: {
    title: 'A security scheme cannot be provided by the server',
    cause:
      'The operation requires a scheme mcpgen cannot fill from env (e.g. mutual TLS), or one the spec does not define.',
    fix: 'Use apiKey, http bearer/basic or OAuth2 access tokens, or define the scheme under components.securitySchemes.',
  },
  MCPGEN_CONFIRMATION_LOOSER_THAN_RISK: {
    title: 'Confirmation looser than the risk level allows',
    cause:
      'A tool sets `confirmation:` below what its risk requires (medium needs at least `confirm`, high needs `approve`).',
    fix: 'Remove the `confirmation:` line, or lower the risk if the action really is safer.',
  },
  MCPGEN_APPROVAL_QUEUE_UNGATED: {
    title: 'Approval queue on a tool that needs no confirmation',
    cause:
      'A tool sets `approval_queue: true`, but its risk (read or low) runs calls at once, so nothing would wait for approval.',
    fix: 'Remove the line, or set `confirmation: person` (or raise the risk) so each call needs a person.',
  },
  MCPGEN_TOOL_TOO_LARGE: {
    title: "A tool takes much of the agent's context",
    cause: 'Its name, description and schemas, as sent by tools/list, are over 8 KB.',
    fix: 'Shorten the description, hide parameters with fixed values, or keep fewer response fields.',
  },
  MCPGEN_TOOLS_LIST_TOO_LARGE: {
    title: "The tool list takes much of the agent's context",
    cause: 'The whole tools/list result is over 40 KB; hosts send it to the model on every turn.',
    fix: 'Expose fewer tools, or split them across servers by task.',
  },
  MCPGEN_SPEC_CONVERSION: {
    title: 'The Swagger 2.0 document could not be converted',
    cause: 'The document is valid Swagger 2.0, but converting it to OpenAPI 3.0 (with swagger2openapi) failed.',
    fix: 'Convert it yourself (e.g. `npx swagger2openapi`), fix what the converter reports, and pass the OpenAPI 3 document to --spec.',
  },
  MCPGEN_INIT_FILE_EXISTS: {
    title: 'The allowlist file already exists',
    cause: '`mcpgen init` never overwrites a file unless told to: the allowlist holds curated work.',
    fix: 'Pass --force to replace it, or --out <file> to write the starter allowlist elsewhere.',
  },
  MCPGEN_INIT_OUT_INVALID: {
    title: 'init cannot write the allowlist there',
    cause: '--out names a directory, lies under a file, or the file system refused the write. Nothing was written.',
    fix: 'Pass --out the path of the allowlist file to write, e.g. --out mcpgen.yaml, in a directory you can write to.',
  },
  MCPGEN_DRIFT_OPERATION_REMOVED: {
    class: 'breaking',
    title: 'An allowlisted operation is gone from the spec',
    cause:
      'A tool (or resource) names an operation the current spec no longer has, and no likely rename was found; the generated server calls an endpoint that no longer exists.',
    fix: 'Remove the tool from the allowlist or point its `operation:` at another operation, then run `mcpgen generate`.',
  },
  MCPGEN_DRIFT_PATH_RENAMED: {
    class: 'breaking',
    title: 'An allowlisted operation moved to another path',
    cause:
      'The operation is in the spec under a new path (same operationId, or the same method with one path segment renamed); the generated tool still calls the old path.',
    fix: "Set the tool's `operation:` to the new `METHOD /path` the finding names (nothing to edit when the allowlist names the operationId), then run `mcpgen generate`.",
  },
  MCPGEN_DRIFT_OPERATION_ID_RENAMED: {
    class: 'breaking',
    title: 'An allowlisted operation has a new operationId',
    cause:
      'The allowlist names the operation by an operationId the spec renamed (method and path stayed the same): the entry no longer resolves, so the next `generate` fails.',
    fix: 'Name the operation as `METHOD /path` (stable across operationId renames) or by its new operationId, then run `mcpgen generate`.',
  },
  MCPGEN_DRIFT_OPERATION_AMBIGUOUS: {
    class: 'breaking',
    title: 'An allowlisted operationId now names several operations',
    cause: 'The spec gives the operationId the tool uses to more than one operation.',
    fix: 'Name the operation as `METHOD /path` in the allowlist, then run `mcpgen generate`.',
  },
  MCPGEN_DRIFT_OPERATION_CHANGED: {
    class: 'breaking',
    title: 'A tool now maps to another operation',
    cause:
      'The allowlist entry resolves to a different operation than the one the project was generated from (the entry was edited).',
    fix: 'Run `mcpgen generate` to regenerate the tool for the operation the allowlist names.',
  },
  MCPGEN_DRIFT_PARAM_OVERRIDE_UNKNOWN: {
    class: 'breaking',
    title: 'A parameter override names a parameter the operation lost',
    cause: '`params:` of a tool refers to a parameter the current spec no longer has (removed or renamed).',
    fix: 'Rename or remove the override in the allowlist, then run `mcpgen generate`.',
  },
  MCPGEN_DRIFT_KEPT_FIELD_MISSING: {
    class: 'breaking',
    title: 'A kept response field is gone from the response',
    cause:
      "`response.fields` of a tool (or resource) lists a field the operation's current success response no longer documents.",
    fix: 'Remove or rename the field in `response.fields`, then run `mcpgen generate`.',
  },
  MCPGEN_DRIFT_ALLOWLIST_INVALID: {
    class: 'breaking',
    title: 'An allowlist entry is no longer valid against the spec',
    cause:
      'The entry still names an operation, but the current spec makes it invalid (for example the operation now needs a security scheme mcpgen cannot provide, or two tools now resolve to one operation).',
    fix: "Edit the entry as the finding's fix says, then run `mcpgen generate`.",
  },
  MCPGEN_DRIFT_OPERATION_NOT_IN_ALLOWLIST: {
    class: 'info',
    title: 'An operation of the spec is not in the allowlist',
    cause:
      'The spec has an operation no allowlist entry names, enabled or disabled: usually one added to the API since the allowlist was written. Information; an error under --strict.',
    fix: 'Add a tool for it, or list it with `enabled: false` to record that it was reviewed and is not exposed.',
  },
  MCPGEN_DRIFT_DISABLED_ENTRY_UNRESOLVED: {
    class: 'info',
    title: 'A disabled allowlist entry names a missing operation',
    cause:
      'An entry with `enabled: false` names an operation the spec no longer has. Information; an error under --strict.',
    fix: 'Delete the entry from the allowlist.',
  },
  MCPGEN_DRIFT_TOOL_NOT_GENERATED: {
    class: 'breaking',
    title: 'An allowlisted tool is missing from the generated server',
    cause:
      'The allowlist has an enabled tool the manifest does not record: the project was not regenerated after the tool was added or enabled.',
    fix: 'Run `mcpgen generate`.',
  },
  MCPGEN_DRIFT_TOOL_NOT_IN_ALLOWLIST: {
    class: 'breaking',
    title: 'The generated server exposes a tool the allowlist no longer has',
    cause:
      'The manifest records a tool the allowlist removed or disabled; until regenerated, the server still exposes it to the model.',
    fix: "Run `mcpgen generate` (it removes the tool's files).",
  },
  MCPGEN_DRIFT_RESOURCE_NOT_GENERATED: {
    class: 'breaking',
    title: 'An allowlisted resource is missing from the generated server',
    cause:
      'The allowlist has an enabled resource the manifest does not record: the project was not regenerated after the resource was added or enabled.',
    fix: 'Run `mcpgen generate`.',
  },
  MCPGEN_DRIFT_RESOURCE_NOT_IN_ALLOWLIST: {
    class: 'breaking',
    title: 'The generated server serves a resource the allowlist no longer has',
    cause:
      'The manifest records a resource the allowlist removed or disabled; until regenerated, the server still lists it and reads it for any client.',
    fix: 'Run `mcpgen generate`.',
  },
  MCPGEN_DRIFT_RESOURCE_URI: {
    class: 'breaking',
    title: "A resource's URI changed",
    cause:
      'The allowlist gives the resource another URI (or template) than the generated server serves: hosts and models that kept the old URI will fail to read it once regenerated, and the new one is not served until then.',
    fix: 'Run `mcpgen generate`, and tell the hosts that attach the resource.',
  },
  MCPGEN_DRIFT_RESOURCE_MIME_TYPE: {
    class: 'breaking',
    title: "A resource's MIME type changed",
    cause:
      'The allowlist declares another MIME type for the resource than the generated server sends: clients that parse its contents by type read them the wrong way.',
    fix: 'Run `mcpgen generate`.',
  },
  MCPGEN_DRIFT_PARAM_ADDED: {
    class: 'compatible',
    title: 'An optional parameter was added to the operation',
    cause:
      'The operation (or a body object) has a new optional parameter or property: the generated tool still works, but cannot send it. (A required one is MCPGEN_DRIFT_REQUIRED_PARAM_ADDED.)',
    fix: "Run `mcpgen generate`, and review the tool's description and parameter overrides.",
  },
  MCPGEN_DRIFT_PARAM_REMOVED: {
    class: 'breaking',
    title: 'A parameter was removed from the operation',
    cause: 'The generated tool still offers and sends a parameter or body property the operation no longer documents.',
    fix: 'Run `mcpgen generate`; remove any override of that parameter from the allowlist.',
  },
  MCPGEN_DRIFT_PARAM_REQUIRED: {
    class: 'breaking',
    title: 'A parameter became required',
    cause: 'The generated tool lets the model omit a parameter the API now requires, so calls without it fail.',
    fix: 'Run `mcpgen generate`; consider a `default` or a fixed `value` for it in the allowlist.',
  },
  MCPGEN_DRIFT_PARAM_OPTIONAL: {
    class: 'compatible',
    title: 'A parameter is no longer required',
    cause: 'The generated tool still forces the model to give a parameter the API made optional.',
    fix: 'Run `mcpgen generate`.',
  },
  MCPGEN_DRIFT_PARAM_TYPE: {
    class: 'breaking',
    title: 'A parameter changed type',
    cause: 'The generated tool validates and sends a parameter as a type the API no longer accepts.',
    fix: 'Run `mcpgen generate`, and check any `default` or `value` for the parameter in the allowlist.',
  },
  MCPGEN_DRIFT_PARAM_ENUM: {
    class: 'breaking',
    title: "A parameter's allowed values changed",
    cause:
      "Values were removed from a parameter's enum (or it was limited to values for the first time): the generated tool accepts values the API now rejects.",
    fix: "Run `mcpgen generate`, and check the tool's description if it names the values.",
  },
  MCPGEN_DRIFT_PARAM_SCHEMA: {
    class: 'breaking',
    title: "A parameter's schema changed",
    cause:
      "A parameter's constraints, format, default or argument name changed, or its properties were reordered (descriptions alone are MCPGEN_DRIFT_PARAM_DESCRIPTION).",
    fix: 'Run `mcpgen generate`.',
  },
  MCPGEN_DRIFT_REQUEST_BODY: {
    class: 'breaking',
    title: 'The request body changed',
    cause: "The body's media type, whether it is required, or how it maps to arguments changed.",
    fix: 'Run `mcpgen generate`.',
  },
  MCPGEN_DRIFT_RESPONSE_FIELD_ADDED: {
    class: 'compatible',
    title: 'A response field was added',
    cause: 'The success response documents a new field the generated output schema does not declare.',
    fix: 'Run `mcpgen generate` (and add the field to `response.fields` if the tool keeps a list).',
  },
  MCPGEN_DRIFT_RESPONSE_FIELD_REMOVED: {
    class: 'breaking',
    title: 'A required response field was removed',
    cause:
      'The generated output schema requires a field the API no longer returns: every response fails its validation (strict tools fail, lenient ones log a mismatch).',
    fix: "Run `mcpgen generate`, and check the tool's description if it promises the field.",
  },
  MCPGEN_DRIFT_RESPONSE_TYPE: {
    class: 'breaking',
    title: 'A response field changed type',
    cause: 'A field of the success response has a new type; the generated output schema declares the old one.',
    fix: 'Run `mcpgen generate`.',
  },
  MCPGEN_DRIFT_RESPONSE_ENUM: {
    class: 'compatible',
    title: "A response field's values changed",
    cause: 'The enum of a response field changed; the generated output schema declares the old values.',
    fix: 'Run `mcpgen generate`.',
  },
  MCPGEN_DRIFT_RESPONSE_SCHEMA: {
    class: 'breaking',
    title: 'The response schema changed',
    cause: 'The success response changed in another way (required fields, constraints, or it appeared or disappeared).',
    fix: 'Run `mcpgen generate`.',
  },
  MCPGEN_DRIFT_SECURITY: {
    class: 'breaking',
    title: "The operation's security changed",
    cause: 'The operation requires other credentials (or none); the generated tool sends the old ones.',
    fix: "Run `mcpgen generate`, and update the server's env (credential variables) if new ones appear.",
  },
  MCPGEN_DRIFT_DEPRECATED: {
    class: 'info',
    title: "The operation's deprecation changed",
    cause: 'The spec marked the operation deprecated (or no longer deprecated).',
    fix: 'Run `mcpgen generate`, and plan to move the tool to the operation that replaces it.',
  },
  MCPGEN_DRIFT_DESCRIPTION: {
    class: 'compatible',
    title: "The operation's summary or description changed",
    cause: "The spec rewrote text the model reads (or that the allowlist's own text was written against).",
    fix: "Review the tool's title and description in the allowlist, then run `mcpgen generate`.",
  },
  MCPGEN_DRIFT_RISK_CHANGED: {
    class: 'breaking',
    title: "A tool's risk or confirmation changed",
    cause:
      'The allowlist sets another risk or confirmation than the generated server enforces: the project was not regenerated after the edit.',
    fix: 'Run `mcpgen generate`.',
  },
  MCPGEN_DRIFT_CONTRACT_CHANGED: {
    class: 'breaking',
    title: "A tool's contract changed",
    cause: 'The contract differs in a way `check` does not itemise, e.g. an allowlist parameter override.',
    fix: 'Run `mcpgen generate`.',
  },
  MCPGEN_DRIFT_NOT_GENERATED: {
    class: 'breaking',
    title: 'The generated project does not exist',
    cause: 'The directory given with --out (or `out:`) does not exist.',
    fix: "Run `mcpgen generate`, or pass the project's directory with --out.",
  },
  MCPGEN_DRIFT_MANIFEST_MISSING: {
    class: 'breaking',
    title: 'The generated project has no manifest',
    cause:
      '`mcpgen.manifest.json` is missing from --out: the directory was not generated by mcpgen, or the manifest was deleted.',
    fix: "Run `mcpgen generate`, or pass the generated project's directory with --out.",
  },
  MCPGEN_DRIFT_MANIFEST_INVALID: {
    class: 'breaking',
    title: 'The manifest cannot be read',
    cause:
      '`mcpgen.manifest.json` is not valid JSON, was edited, or was written by an mcpgen with another manifest format.',
    fix: 'Run `mcpgen generate` with this mcpgen.',
  },
  MCPGEN_DRIFT_FILE_MISSING: {
    class: 'breaking',
    title: 'A generated file is missing',
    cause: 'A file mcpgen generates is not in --out (deleted, or never generated).',
    fix: 'Run `mcpgen generate`.',
  },
  MCPGEN_DRIFT_FILE_EDITED: {
    class: 'breaking',
    title: 'A generated file was edited by hand',
    cause: "The file's content no longer matches the hash the manifest recorded; `generate` will overwrite the edit.",
    fix: 'Move hand-written code outside the generated project, then run `mcpgen generate`.',
  },
  MCPGEN_DRIFT_FILE_OBSOLETE: {
    class: 'compatible',
    title: 'A file is no longer generated',
    cause:
      "The manifest lists a file that a fresh generation does not produce (e.g. a removed tool's module); `generate` removes it.",
    fix: 'Run `mcpgen generate`.',
  },
  MCPGEN_DRIFT_FILES_OUTDATED: {
    class: 'compatible',
    title: 'Generated files differ from a fresh generation',
    cause:
      'The committed files were generated from another spec, allowlist or mcpgen version; the other findings say which contract changed.',
    fix: 'Run `mcpgen generate` and commit the result.',
  },
  MCPGEN_DRIFT_FILE_UNTRACKED: {
    class: 'info',
    title: 'A file in the generated project was not generated',
    cause:
      '--out holds a file mcpgen never generated; `generate` leaves it alone, but the project is meant to be generated only. Information; an error under --strict.',
    fix: 'Move the file out of the generated project, or delete it.',
  },
  MCPGEN_DRIFT_REQUIRED_PARAM_ADDED: {
    class: 'breaking',
    title: 'A required parameter was added to the operation',
    cause:
      'The operation (or a body object) has a new required parameter or property; the generated tool never sends it, so its calls now fail.',
    fix: 'Run `mcpgen generate`; consider a `default` or a fixed `value` for it in the allowlist.',
  },
  MCPGEN_DRIFT_PARAM_RENAMED: {
    class: 'breaking',
    title: 'A parameter was renamed',
    cause:
      'A parameter or body property was removed and another with the same schema added at the same place: most likely a rename. The generated tool still sends the old name.',
    fix: 'Run `mcpgen generate`; rename any override of the parameter in the allowlist.',
  },
  MCPGEN_DRIFT_PARAM_ENUM_EXTENDED: {
    class: 'compatible',
    title: "A parameter's enum gained values",
    cause:
      'The API now accepts more values than the generated tool lets the model send; every value the tool sends is still valid.',
    fix: "Run `mcpgen generate`, and check the tool's description if it names the values.",
  },
  MCPGEN_DRIFT_PARAM_DESCRIPTION: {
    class: 'compatible',
    title: "A parameter's description changed",
    cause: 'The spec rewrote the description of a parameter or body field; the model reads it to choose arguments.',
    fix: 'Run `mcpgen generate`.',
  },
  MCPGEN_DRIFT_RESPONSE_FIELD_RENAMED: {
    class: 'breaking',
    title: 'A response field was renamed',
    cause:
      'A response field was removed and another with the same schema added at the same place: most likely a rename. The generated output schema and any `response.fields` still name the old field.',
    fix: 'Rename the field in `response.fields` if the tool keeps it, then run `mcpgen generate`.',
  },
  MCPGEN_DRIFT_RESPONSE_OPTIONAL_FIELD_REMOVED: {
    class: 'compatible',
    title: 'An optional response field was removed',
    cause:
      'The API no longer documents a field the generated output schema declares as optional: the tool still validates, but promises a field that never comes.',
    fix: "Run `mcpgen generate`, and check the tool's description if it promises the field.",
  },
  MCPGEN_DRIFT_RESPONSE_DESCRIPTION: {
    class: 'compatible',
    title: "A response field's description changed",
    cause: 'The spec rewrote the description of a response field; the model reads the output schema.',
    fix: 'Run `mcpgen generate`.',
  },
  MCPGEN_DRIFT_OPERATION_ID_CHANGED: {
    class: 'compatible',
    title: 'The operationId of an allowlisted operation changed',
    cause:
      'The allowlist names the operation by `METHOD /path`, so it still resolves and the generated tool still calls it; the manifest records the old operationId.',
    fix: 'Run `mcpgen generate`.',
  },
  MCPGEN_DRIFT_SERVERS_CHANGED: {
    class: 'compatible',
    title: "The spec's server URL changed",
    cause:
      "The path of the spec's first server URL changed (a change of scheme, host or port alone is not drift: deployments differ). The generated server takes its base URL from the environment, so only the documented default is stale, unless the deployment relies on it.",
    fix: 'Run `mcpgen generate`, and check the `<PREFIX>_BASE_URL` of every deployment.',
  },
  MCPGEN_SPEC_TOO_DEEP: {
    title: 'The spec nests too deeply',
    cause:
      'Objects and arrays nest more than 256 levels, or $refs chain too deeply to resolve; no real API needs this, and recursive tools would overflow.',
    fix: 'Move nested schemas into components and refer to them with $ref, and shorten $ref-to-$ref chains.',
  },
  MCPGEN_SPEC_TOO_LARGE: {
    title: "The spec's $refs expand too much",
    cause:
      'Inlining its $refs (as validation does) would give more than 10 million values: schemas that each refer to the previous one several times grow exponentially, so a few kilobytes would take hours.',
    fix: 'Refer to shared schemas fewer times per level, or shorten chains of schemas that refer to each other.',
  },
  MCPGEN_SCHEMA_PATTERN_UNSUPPORTED: {
    title: 'A pattern cannot be checked in linear time',
    cause:
      'The generated server checks every `pattern` with RE2, whose time is linear in the input, so that no argument or API response can pin its CPU (a backtracking engine takes exponential time on `^(a+)+$`). RE2 has no lookarounds (`(?=`, `(?!`, `(?<=`) and no backreferences (`\\1`), and a pattern must also be a valid ECMA-262 regex for the clients that read `tools/list`. mcpgen leaves such a pattern out: neither the generated server nor its tests check it (the API still does). A warning.',
    fix: 'Rewrite the pattern without lookarounds or backreferences (often a character class or an alternation does it), or hide the parameter with a fixed `value` in the allowlist.',
  },
  MCPGEN_SCHEMA_LIMIT: {
    title: 'A schema constraint is beyond what mcpgen keeps',
    cause:
      'An enum of more than 1,000 values, a pattern with a count above 1,000, a shortest match above 10,000 characters or groups nested more than 100 deep, or a minLength, minItems or minProperties that makes the smallest valid value huge. mcpgen leaves that keyword out (the API still validates), so that generation, tools/list and the generated tests stay small. A warning.',
    fix: 'Nothing is required; to keep the constraint, make it smaller in the spec, or hide the parameter with a fixed `value` in the allowlist.',
  },
  MCPGEN_INVALID_REGISTRY_NAME: {
    title: 'The MCP registry name is not reverse-DNS namespace/name',
    cause:
      '`server.registry_name` becomes `name` in the generated `server.json`; the MCP registry (schema 2025-12-11) wants `namespace/name`, the namespace a reverse-DNS name the publisher owns (`io.github.<user>` or a domain), at most 200 characters.',
    fix: 'Write e.g. `registry_name: io.github.your-org/company-api-mcp` or `registry_name: com.example/company-api-mcp`.',
  },
  MCPGEN_INVALID_REMOTE_URL: {
    title: 'The remote URL is not an http(s) URL',
    cause:
      '`server.remote_url` is the public URL of the deployed streamable HTTP endpoint, written into `server.json` and the HTTP host configurations.',
    fix: 'Give an absolute http(s) URL without spaces or braces, e.g. `remote_url: https://mcp.example.com/mcp`.',
  },
  MCPGEN_SPEC_HEADER_INVALID: {
    title: 'A --spec-header is malformed or names an unset variable',
    cause:
      '`--spec-header` takes `Name: value`, the name an HTTP header name, the value literal or `$VAR` (read from the environment, so that secrets stay out of shell history and CI logs); the variable must be set.',
    fix: "Write `--spec-header 'Authorization: $API_TOKEN'` with API_TOKEN exported, or a literal value without line breaks.",
  },
} as const satisfies Record<string, CatalogueEntry>;

export type DiagnosticCode = keyof typeof CATALOGUE;

/** The codes `mcpgen check` reports findings with. */
export type DriftCode = Extract<DiagnosticCode, `MCPGEN_DRIFT_${string}`>;

/** A drift code's class; the typechecker rejects a drift entry that lacks one. */
export function findingClassOf(code: DriftCode): FindingClass {
  return CATALOGUE[code].class;
}
