import { existsSync } from 'node:fs';
import { closestCandidates } from '../diagnostics/did-you-mean.js';
import type { Diagnostic } from '../diagnostics/diagnostic.js';

/** The allowlist `generate` and `check` read when `--allowlist` is not given. */
export const DEFAULT_ALLOWLIST = 'mcpgen.yaml';

/** A command line mcpgen refuses before running anything: reported as MCPGEN_USAGE, exit 2. */
export class UsageError extends Error {
  readonly diagnostics: Diagnostic[];
  constructor(diagnostics: Diagnostic[]) {
    super(diagnostics.map((d) => d.message).join('\n'));
    this.name = 'UsageError';
    this.diagnostics = diagnostics;
  }
}

export function usage(input: { message: string; hint?: string }): Diagnostic {
  return {
    code: 'MCPGEN_USAGE',
    severity: 'error',
    message: input.message,
    ...(input.hint ? { hint: input.hint } : {}),
  };
}

/** The options a command declares, as yargs spells them (kebab-case), and which of them are flags. */
export interface CommandOptions {
  command: string;
  strings: readonly string[];
  booleans: readonly string[];
  /** String options that may be given several times (`--spec-header`). */
  repeatable?: readonly string[];
}

const GLOBAL_FLAGS = ['help', 'version'];

/**
 * Options the command does not declare (`--ot` for `--out`), each with the
 * closest declared ones, and switches given a value other than true/false.
 * Read from argv itself rather than from yargs' message, which names camelCase
 * twins and may be translated.
 */
export function unknownOptions(input: { argv: readonly string[]; options: CommandOptions }): Diagnostic[] {
  const { options } = input;
  const known = [...options.strings, ...(options.repeatable ?? []), ...options.booleans, ...GLOBAL_FLAGS];
  // yargs also accepts each option in camelCase (`--allowExternalRefs`).
  const accepted = new Set([...known, ...known.map(camel)]);
  const problems: Diagnostic[] = [];
  for (const { token, name, value } of optionTokens(input.argv)) {
    const base = name.startsWith('no-') && accepted.has(name.slice(3)) ? name.slice(3) : name;
    if (accepted.has(base)) {
      const isSwitch = options.booleans.some((flag) => flag === base || camel(flag) === base);
      if (value !== undefined && isSwitch && !['true', 'false'].includes(value)) {
        problems.push(usage({ message: `--${base} is a switch: write --${base} or --no-${base}, not ${token}` }));
      }
      continue;
    }
    const suggestions = closestCandidates({ input: base, candidates: known });
    problems.push(
      usage({
        message: `unknown option ${token.split('=')[0]} for \`mcpgen ${options.command}\``,
        hint: `${suggestions.length > 0 ? `Did you mean ${suggestions.map((s) => `--${s}`).join(' or ')}? ` : ''}Run \`mcpgen ${options.command} --help\` for its options.`,
      }),
    );
  }
  return problems;
}

/** `--name` and `--name=value` tokens before a `--`. */
function optionTokens(argv: readonly string[]): Array<{ token: string; name: string; value?: string }> {
  const tokens: Array<{ token: string; name: string; value?: string }> = [];
  for (const token of argv) {
    if (token === '--') break;
    if (!token.startsWith('-') || token === '-' || /^-\d/.test(token)) continue;
    const [name = '', value] = token.replace(/^--?/, '').split(/=(.*)/s, 2);
    tokens.push({ token, name, ...(value === undefined ? {} : { value }) });
  }
  return tokens;
}

function camel(name: string): string {
  return name.replace(/-([a-z])/g, (_, letter: string) => letter.toUpperCase());
}

/** String options given twice (yargs then makes an array) or with an empty value. */
export function invalidValues(input: { args: Record<string, unknown>; options: CommandOptions }): Diagnostic[] {
  const problems: Diagnostic[] = [];
  for (const name of input.options.strings) {
    const value = input.args[name];
    if (Array.isArray(value))
      problems.push(usage({ message: `--${name} is given ${value.length} times; give it once` }));
    else if (value === '')
      problems.push(usage({ message: `--${name} needs a value`, hint: `Write --${name} <value>.` }));
  }
  return problems;
}

/**
 * `--allowlist`, else `./mcpgen.yaml` when it exists (the file `mcpgen init`
 * writes), else a usage error.
 */
export function allowlistArgument(input: { given: string | undefined; command: string }): string {
  if (input.given !== undefined) return input.given;
  if (existsSync(DEFAULT_ALLOWLIST)) return DEFAULT_ALLOWLIST;
  throw new UsageError([
    usage({
      message: `no allowlist given: pass --allowlist <file> (there is no ./${DEFAULT_ALLOWLIST} to default to)`,
      hint: `Run \`mcpgen ${input.command} --allowlist <file>\`; \`mcpgen init --spec <url|file>\` writes a starter ${DEFAULT_ALLOWLIST}.`,
    }),
  ]);
}

/** An HTTP header name (RFC 9110 token). */
const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;

/**
 * `--spec-header 'Name: value'` (repeatable) → headers for fetching the spec.
 * A value `$VAR` or `${VAR}` is read from `env`, so a secret need not be in
 * shell history or CI logs; an unset variable is an error. Messages name the
 * header and the variable, never the value.
 */
export function specHeaders(input: {
  given: string | readonly string[] | undefined;
  env: Readonly<Record<string, string | undefined>>;
}): { headers: Record<string, string>; diagnostics: Diagnostic[] } {
  const given = input.given === undefined ? [] : typeof input.given === 'string' ? [input.given] : input.given;
  const headers: Record<string, string> = {};
  const diagnostics: Diagnostic[] = [];
  const problem = (message: string, hint: string) =>
    diagnostics.push({ code: 'MCPGEN_SPEC_HEADER_INVALID', severity: 'error', message, hint });
  for (const raw of given) {
    const colon = raw.indexOf(':');
    const name = colon < 0 ? '' : raw.slice(0, colon).trim();
    if (!HEADER_NAME.test(name)) {
      problem(
        `--spec-header ${colon < 0 ? 'has no "Name: value" form' : `names no valid header ("${name.slice(0, 40)}")`}`,
        "Write --spec-header 'Authorization: $SPEC_TOKEN' (name, colon, value or $VARIABLE).",
      );
      continue;
    }
    let value = raw.slice(colon + 1).trim();
    const variable = /^\$(?:\{([A-Za-z_][A-Za-z0-9_]*)\}|([A-Za-z_][A-Za-z0-9_]*))$/.exec(value);
    if (variable) {
      const envName = (variable[1] ?? variable[2])!;
      const fromEnv = input.env[envName];
      if (fromEnv === undefined || fromEnv === '') {
        problem(
          `--spec-header ${name}: environment variable ${envName} is not set`,
          `Export ${envName} before running mcpgen (in CI, from the secret store).`,
        );
        continue;
      }
      value = fromEnv;
    }
    if (/[\r\n\0]/.test(value)) {
      problem(`--spec-header ${name}: the value holds a line break or NUL`, 'Give the value on one line.');
      continue;
    }
    headers[name] = value;
  }
  return { headers, diagnostics };
}
