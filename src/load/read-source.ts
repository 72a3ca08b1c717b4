import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Diagnostic } from '../diagnostics/diagnostic.js';

/** Raw text of the spec and where it came from. */
export interface SpecSource {
  /** How reports name the spec: the URL, or the path as given. */
  label: string;
  /** Absolute file path, or the URL: the base relative `$ref`s resolve against. */
  location: string;
  isUrl: boolean;
  text: string;
  /**
   * Headers the spec was fetched with (`--spec-header`), sent again only for
   * `$ref`s fetched from the spec's own origin. Never written or reported.
   */
  headers?: Readonly<Record<string, string>>;
}

const FETCH_TIMEOUT_MS = 30_000;

export function isHttpUrl(value: string): boolean {
  return /^https?:\/\//i.test(value);
}

/** Reads a spec from an http(s) URL (with `headers`, if any) or a file; I/O failures become diagnostics. */
export async function readSpecSource(
  spec: string,
  headers: Readonly<Record<string, string>> = {},
): Promise<{ source?: SpecSource; diagnostics: Diagnostic[] }> {
  if (isHttpUrl(spec)) return fetchSpec(spec, headers);
  const absolute = path.resolve(spec);
  try {
    const text = await readFile(absolute, 'utf8');
    return { source: { label: spec, location: absolute, isUrl: false, text }, diagnostics: [] };
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : errorMessage(error);
    return { diagnostics: [unreadable(spec, `cannot read spec file "${spec}": ${reason}`)] };
  }
}

async function fetchSpec(
  url: string,
  headers: Readonly<Record<string, string>>,
): Promise<{ source?: SpecSource; diagnostics: Diagnostic[] }> {
  let response: Response;
  const hasHeaders = Object.keys(headers).length > 0;
  try {
    response = await fetch(url, {
      headers: { accept: 'application/json, application/yaml;q=0.9, */*;q=0.5', ...headers },
      // A redirect to another origin must not carry the credentials along: with headers, redirects are not followed.
      redirect: hasHeaders ? 'manual' : 'follow',
      signal: AbortSignal.timeout(FETCH_TIMEOUT_MS),
    });
  } catch (error) {
    return { diagnostics: [unreadable(url, `cannot fetch spec from ${url}: ${describeFetchError(error)}`)] };
  }
  if (!response.ok) {
    const hint =
      response.status === 401 || response.status === 403
        ? "The server wants credentials: pass them with --spec-header 'Authorization: $SPEC_TOKEN' (the value read from the environment)."
        : response.status >= 300 && response.status < 400 && hasHeaders
          ? 'With --spec-header, redirects are not followed (the headers would go along): give the final URL.'
          : undefined;
    return {
      diagnostics: [
        { ...unreadable(url, `fetching spec from ${url} answered HTTP ${response.status}`), ...(hint ? { hint } : {}) },
      ],
    };
  }
  const text = await response.text();
  return {
    source: { label: url, location: url, isUrl: true, text, ...(hasHeaders ? { headers: { ...headers } } : {}) },
    diagnostics: [],
  };
}

function describeFetchError(error: unknown): string {
  if (error instanceof Error && error.name === 'TimeoutError') return `no answer within ${FETCH_TIMEOUT_MS / 1000} s`;
  const cause = error instanceof Error ? (error.cause as NodeJS.ErrnoException | undefined) : undefined;
  if (cause?.code === 'ECONNREFUSED') return 'connection refused';
  if (cause?.code === 'ENOTFOUND') return 'host not found';
  if (cause?.message === 'bad port') return 'fetch refuses this port (it is reserved for another protocol)';
  return cause?.message ?? errorMessage(error);
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function unreadable(spec: string, message: string): Diagnostic {
  return {
    code: 'MCPGEN_SPEC_UNREADABLE',
    severity: 'error',
    message,
    location: { spec, pointer: '' },
    hint: isHttpUrl(spec)
      ? 'Is the API running? Fastify publishes the document at /documentation/json.'
      : 'Check the path given to --spec (relative to the current directory), or `spec:` in the allowlist (relative to that file).',
  };
}
