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
}

const FETCH_TIMEOUT_MS = 30_000;

export function isHttpUrl(value: string): boolean {
  return /^https?:\/\//i.test(value);
}

/** Reads a spec from an http(s) URL or a file; I/O failures become diagnostics. */
export async function readSpecSource(spec: string): Promise<{ source?: SpecSource; diagnostics: Diagnostic[] }> {
  if (isHttpUrl(spec)) return fetchSpec(spec);
  const absolute = path.resolve(spec);
  try {
    const text = await readFile(absolute, 'utf8');
    return { source: { label: spec, location: absolute, isUrl: false, text }, diagnostics: [] };
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : errorMessage(error);
    return { diagnostics: [unreadable(spec, `cannot read spec file "${spec}": ${reason}`)] };
  }
}

async function fetchSpec(url: string): Promise<{ source?: SpecSource; diagnostics: Diagnostic[] }> {
  let response: Response;
  try {
    response = await fetch(url, {
      headers: { accept: 'application/json, application/yaml;q=0.9, */*;q=0.5' },
      signal: AbortSignal.timeout(FETCH_TIMEOUT_MS),
    });
  } catch (error) {
    return { diagnostics: [unreadable(url, `cannot fetch spec from ${url}: ${describeFetchError(error)}`)] };
  }
  if (!response.ok) {
    return { diagnostics: [unreadable(url, `fetching spec from ${url} answered HTTP ${response.status}`)] };
  }
  const text = await response.text();
  return { source: { label: url, location: url, isUrl: true, text }, diagnostics: [] };
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
