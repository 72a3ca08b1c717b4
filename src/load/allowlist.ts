import { isMap, isScalar, LineCounter, parseDocument, visit, type Document, type YAMLError } from 'yaml';
import { hasErrors, isFileLocation, type Diagnostic, type FileLocation } from '../diagnostics/diagnostic.js';
import type { Allowlist, ServerOptions } from '../model/allowlist.js';
import { ShapeReader, type Entry, type Mapping } from './allowlist-shape.js';
import { readResources } from './allowlist-resources.js';
import { readTools } from './allowlist-tools.js';

const TOP_KEYS = ['spec', 'out', 'server', 'tools', 'resources'] as const;
const SERVER_KEYS = [
  'name',
  'version',
  'env_prefix',
  'description',
  'instructions',
  'registry_name',
  'remote_url',
  'high_risk_approval_queue',
] as const;

/** npm package names: lower case, URL-safe, optionally scoped. */
const PACKAGE_NAME = /^(@[a-z0-9][a-z0-9._-]*\/)?[a-z0-9][a-z0-9._-]*$/;
const PACKAGE_NAME_MAX_LENGTH = 214;
const VERSION = /^\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?$/;
const ENV_PREFIX = /^[A-Z][A-Z0-9_]*$/;

/**
 * Parses and shape-checks the allowlist YAML (the caller reads the file).
 * Every problem is reported, each at its line and column; the allowlist is
 * returned only when none of them is an error.
 */
export function loadAllowlist(input: { file: string; text: string }): {
  allowlist?: Allowlist;
  diagnostics: Diagnostic[];
} {
  const lineCounter = new LineCounter();
  const doc = parseDocument(input.text, { lineCounter, prettyErrors: false });
  const reader = new ShapeReader({ file: input.file, text: input.text, doc, lineCounter });
  const readable = reportYamlProblems({ reader, doc });
  const allowlist = readable ? readAllowlist({ reader, doc, file: input.file }) : undefined;
  const diagnostics = sortByLocation(reader.diagnostics);
  return allowlist && !hasErrors(diagnostics) ? { allowlist, diagnostics } : { diagnostics };
}

/**
 * Turns the YAML parser's errors into diagnostics. Repeated keys leave a
 * usable document (the shape check skips the repeats); any other error means
 * the tree cannot be trusted: false is returned and no shape check runs.
 */
function reportYamlProblems(input: { reader: ShapeReader; doc: Document.Parsed }): boolean {
  const { reader, doc } = input;
  // Only a repeated key needs the map of keys: building it visits every key of every allowlist.
  const keys = doc.errors.some((error) => error.code === 'DUPLICATE_KEY')
    ? keysByOffset({ reader, doc })
    : new Map<number, KeyAt>();
  const toolsMap = isMap(doc.contents) ? doc.contents.get('tools', true) : undefined;
  const resourcesMap = isMap(doc.contents) ? doc.contents.get('resources', true) : undefined;
  let readable = true;
  for (const error of doc.errors) {
    const key = error.code === 'DUPLICATE_KEY' ? keys.get(error.pos[0]) : undefined;
    if (key === undefined) {
      // After the first real syntax error the parser's further errors are mostly its own confusion.
      if (readable) reportYamlError({ reader, error, severity: 'error' });
      readable = false;
    } else if (key.parent === toolsMap) {
      reader.report({
        code: 'MCPGEN_ALLOWLIST_DUPLICATE_TOOL',
        location: reader.locateOffset(error.pos[0]),
        message: `tool "${key.name}" is listed twice`,
        hint: `rename or remove one of the two; the first is on line ${key.first.line}`,
      });
    } else if (key.parent === resourcesMap) {
      reader.report({
        code: 'MCPGEN_ALLOWLIST_DUPLICATE_RESOURCE',
        location: reader.locateOffset(error.pos[0]),
        message: `resource "${key.name}" is listed twice`,
        hint: `rename or remove one of the two; the first is on line ${key.first.line}`,
      });
    } else {
      reader.report({
        code: 'MCPGEN_ALLOWLIST_SYNTAX',
        location: reader.locateOffset(error.pos[0]),
        message: `key "${key.name}" appears twice in the same mapping`,
        hint: `keep one "${key.name}:"; the first is at line ${key.first.line}, column ${key.first.column}`,
      });
    }
  }
  for (const warning of doc.warnings) reportYamlError({ reader, error: warning, severity: 'warning' });
  return readable;
}

function reportYamlError(input: { reader: ShapeReader; error: YAMLError; severity: 'error' | 'warning' }): void {
  const { reader, error } = input;
  const firstLine = error.message.split('\n')[0] ?? error.message;
  reader.report({
    code: 'MCPGEN_ALLOWLIST_SYNTAX',
    severity: input.severity,
    location: reader.locateOffset(error.pos[0]),
    message: `invalid YAML: ${firstLine.replace(/ at line \d+, column \d+:?$/, '')}`,
    hint: 'fix the YAML here: indent with spaces, and quote values that contain ": ", " #" or braces, e.g. operation: "GET /orders/{orderId}"',
  });
}

interface KeyAt {
  name: string;
  parent: unknown;
  first: FileLocation;
}

/** Every scalar map key by its start offset, with where the first key of that name in the same map is. */
function keysByOffset(input: { reader: ShapeReader; doc: Document.Parsed }): Map<number, KeyAt> {
  const result = new Map<number, KeyAt>();
  visit(input.doc, {
    Map(_, map) {
      const firsts = new Map<string, FileLocation>();
      for (const pair of map.items) {
        const key = pair.key;
        if (!isScalar(key) || !key.range) continue;
        const name = String(key.value);
        const first = firsts.get(name) ?? input.reader.locateOffset(key.range[0]);
        firsts.set(name, first);
        result.set(key.range[0], { name, parent: map, first });
      }
    },
  });
  return result;
}

function readAllowlist(input: { reader: ShapeReader; doc: Document.Parsed; file: string }): Allowlist | undefined {
  const { reader, doc } = input;
  const root = doc.contents;
  if (root === null || (isScalar(root) && root.value === null)) {
    reader.report({
      code: 'MCPGEN_ALLOWLIST_WRONG_TYPE',
      location: { file: input.file, line: 1, column: 1 },
      message: 'the allowlist file is empty',
      hint: 'write at least "server:" (name, version, env_prefix) and "tools:" (one entry per tool); mcpgen init writes a starter file',
    });
    return undefined;
  }
  const top = reader.mapping({
    node: root,
    path: '',
    owner: root,
    keys: TOP_KEYS,
    hint: 'the file must be a mapping with "server:" and "tools:" at the top level',
  });
  if (!top) return undefined;
  const spec = optionalString({ reader, entry: top.entries.get('spec') });
  const out = optionalString({ reader, entry: top.entries.get('out') });
  const server = readServer({ reader, top });
  const toolsEntry = reader.require({
    mapping: top,
    name: 'tools',
    example: 'tools: { search_customers: { operation: GET /customers, risk: read } }',
  });
  const tools = toolsEntry ? readTools({ reader, entry: toolsEntry }) : undefined;
  const resources = readResources({ reader, entry: top.entries.get('resources') });
  if (spec === null || out === null || !server || !tools || !resources) return undefined;
  return {
    file: input.file,
    ...(spec === undefined ? {} : { spec }),
    ...(out === undefined ? {} : { out }),
    server,
    tools,
    resources,
  };
}

/** undefined when absent, null when present but not a string. */
function optionalString(input: { reader: ShapeReader; entry: Entry | undefined }): string | undefined | null {
  if (!input.entry) return undefined;
  return input.reader.string(input.entry) ?? null;
}

function readServer(input: { reader: ShapeReader; top: Mapping }): ServerOptions | undefined {
  const { reader, top } = input;
  const entry = reader.require({
    mapping: top,
    name: 'server',
    example: 'server: { name: company-api, version: 1.0.0, env_prefix: COMPANY_API }',
  });
  if (!entry) return undefined;
  const server = reader.mapping({ node: entry.value, path: 'server', owner: entry.key, keys: SERVER_KEYS });
  if (!server) return undefined;
  const name = readServerName({ reader, server });
  const version = readVersion({ reader, server });
  const envPrefix = readEnvPrefix({ reader, server });
  const description = optionalString({ reader, entry: server.entries.get('description') });
  const instructions = optionalString({ reader, entry: server.entries.get('instructions') });
  const registryName = readRegistryName({ reader, entry: server.entries.get('registry_name') });
  const remoteUrl = readRemoteUrl({ reader, entry: server.entries.get('remote_url') });
  const queueEntry = server.entries.get('high_risk_approval_queue');
  const highRiskApprovalQueue = queueEntry ? (reader.boolean(queueEntry) ?? null) : undefined;
  if (name === undefined || version === undefined || envPrefix === undefined) return undefined;
  if (
    description === null ||
    instructions === null ||
    registryName === null ||
    remoteUrl === null ||
    highRiskApprovalQueue === null
  )
    return undefined;
  return {
    name,
    version,
    envPrefix,
    ...(description === undefined ? {} : { description }),
    ...(instructions === undefined ? {} : { instructions }),
    ...(registryName === undefined ? {} : { registryName }),
    ...(remoteUrl === undefined ? {} : { remoteUrl }),
    ...(highRiskApprovalQueue === undefined ? {} : { highRiskApprovalQueue }),
  };
}

/** The MCP registry's rule for `name` (schema 2025-12-11), plus a dotted namespace: reverse DNS. */
const REGISTRY_NAME = /^[a-zA-Z0-9-]+(\.[a-zA-Z0-9-]+)+\/[a-zA-Z0-9._-]+$/;

function readRegistryName(input: { reader: ShapeReader; entry: Entry | undefined }): string | undefined | null {
  const { reader, entry } = input;
  const value = optionalString({ reader, entry });
  if (value === undefined || value === null || !entry) return value;
  if (REGISTRY_NAME.test(value) && value.length <= 200) return value;
  reader.report({
    code: 'MCPGEN_INVALID_REGISTRY_NAME',
    node: entry.value,
    message: `registry_name "${value}" is not a reverse-DNS MCP registry name`,
    hint: 'write namespace/name with a namespace you own in reverse DNS, at most 200 characters, e.g. registry_name: io.github.your-org/company-api-mcp or com.example/company-api-mcp',
  });
  return null;
}

function readRemoteUrl(input: { reader: ShapeReader; entry: Entry | undefined }): string | undefined | null {
  const { reader, entry } = input;
  const value = optionalString({ reader, entry });
  if (value === undefined || value === null || !entry) return value;
  if (/^https?:\/\/[^\s{}]+$/.test(value) && URL.canParse(value)) return value;
  reader.report({
    code: 'MCPGEN_INVALID_REMOTE_URL',
    node: entry.value,
    message: `remote_url "${value}" is not an http(s) URL`,
    hint: 'give the public URL of the deployed MCP endpoint, e.g. remote_url: https://mcp.example.com/mcp',
  });
  return null;
}

function readServerName(input: { reader: ShapeReader; server: Mapping }): string | undefined {
  const { reader, server } = input;
  const entry = reader.require({
    mapping: server,
    name: 'name',
    example: 'name: company-api (the MCP server and npm package name)',
  });
  const name = entry && reader.string(entry);
  if (!entry || name === undefined) return undefined;
  if (PACKAGE_NAME.test(name) && name.length <= PACKAGE_NAME_MAX_LENGTH) return name;
  reader.report({
    code: 'MCPGEN_INVALID_SERVER_NAME',
    node: entry.value,
    message: `server name "${name}" is not a valid npm package name`,
    hint: `use lower-case letters, digits, ".", "_" and "-", starting with a letter or digit, at most ${PACKAGE_NAME_MAX_LENGTH} characters (optionally @scope/name), e.g. name: ${suggestPackageName(name)}`,
  });
  return undefined;
}

function suggestPackageName(name: string): string {
  const cleaned = name
    .toLowerCase()
    .replace(/[^a-z0-9._-]+/g, '-')
    .replace(/^[^a-z0-9]+|-+$/g, '')
    .slice(0, PACKAGE_NAME_MAX_LENGTH);
  return cleaned || 'my-api';
}

function readVersion(input: { reader: ShapeReader; server: Mapping }): string | undefined {
  const { reader, server } = input;
  const entry = reader.require({ mapping: server, name: 'version', example: 'version: 1.0.0' });
  if (!entry) return undefined;
  const node = entry.value;
  if (isScalar(node) && typeof node.value === 'number') {
    const written = reader.sourceText(node);
    const parts = [...written.split('.'), '0', '0'].slice(0, 3).join('.');
    reader.report({
      code: 'MCPGEN_INVALID_SERVER_VERSION',
      node,
      message: `server version ${written} is read by YAML as a number, not a version`,
      hint: `quote it and give three parts: version: "${VERSION.test(parts) ? parts : '1.0.0'}"`,
    });
    return undefined;
  }
  const version = reader.string(entry);
  if (version === undefined || VERSION.test(version)) return version;
  reader.report({
    code: 'MCPGEN_INVALID_SERVER_VERSION',
    node,
    message: `server version "${version}" is not of the form MAJOR.MINOR.PATCH`,
    hint: 'write three numbers separated by dots, optionally with a pre-release suffix, e.g. version: 1.0.0 or version: 1.0.0-beta.1',
  });
  return undefined;
}

function readEnvPrefix(input: { reader: ShapeReader; server: Mapping }): string | undefined {
  const { reader, server } = input;
  const entry = reader.require({
    mapping: server,
    name: 'env_prefix',
    example: 'env_prefix: COMPANY_API (the server reads COMPANY_API_BASE_URL, COMPANY_API_KEY, ...)',
  });
  const prefix = entry && reader.string(entry);
  if (!entry || prefix === undefined) return undefined;
  if (ENV_PREFIX.test(prefix)) return prefix;
  const suggestion =
    prefix
      .toUpperCase()
      .replace(/[^A-Z0-9_]+/g, '_')
      .replace(/^[^A-Z]+|_+$/g, '') || 'MY_API';
  reader.report({
    code: 'MCPGEN_INVALID_ENV_PREFIX',
    node: entry.value,
    message: `env_prefix "${prefix}" is not a valid environment variable prefix`,
    hint: `use upper-case letters, digits and "_", starting with a letter, e.g. env_prefix: ${suggestion}`,
  });
  return undefined;
}

/** File order, so a long report reads top to bottom; ties keep the order they were found in. */
function sortByLocation(diagnostics: Diagnostic[]): Diagnostic[] {
  const position = (d: Diagnostic): [number, number] =>
    d.location && isFileLocation(d.location) ? [d.location.line, d.location.column] : [0, 0];
  return diagnostics
    .map((d, index) => ({ d, index, at: position(d) }))
    .sort((a, b) => a.at[0] - b.at[0] || a.at[1] - b.at[1] || a.index - b.index)
    .map(({ d }) => d);
}
