import { readFile, realpath } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import type { SpecSource } from './read-source.js';
import { findRef } from './ref-locate.js';

interface FileInfo {
  url: string;
}

/** A `$ref` target the guard refused, and where it really led when that is not where it seemed to. */
export interface RefusedRef {
  target: string;
  /** `it is a symbolic link to …` / `it redirects to …`. */
  reason?: string;
}

/** Redirects followed at most for one `$ref` (fetch's own limit is 20). */
const MAX_REDIRECTS = 5;
const FETCH_TIMEOUT_MS = 30_000;

/**
 * Resolver options for json-schema-ref-parser that only read files next to the
 * spec (or, for a spec fetched from a URL, under the same URL directory).
 * Anything else is an SSRF or local-file-disclosure risk unless the user opts in.
 * Where a `$ref` leads is judged by what is really read: a file by its real
 * path (symbolic links resolved), a URL by every redirect hop.
 */
export function guardedResolvers(input: { source: SpecSource; allowExternalRefs: boolean }) {
  const { source, allowExternalRefs } = input;
  /** Targets refused so far: the parser wraps our error, so the caller reads this list instead. */
  const refused: RefusedRef[] = [];
  const refuse = (target: string, reason?: string): never => {
    refused.push({ target, ...(reason ? { reason } : {}) });
    throw new Error(`external $ref to "${target}" refused`);
  };
  const root = source.isUrl ? new URL('.', source.location).href : path.dirname(source.location) + path.sep;
  let realRoot: Promise<string> | undefined;
  /** Under the spec's URL folder: same origin, path below it. A spec read from a file has no URL folder. */
  const insideUrlRoot = (url: string): boolean => {
    if (!source.isUrl) return false;
    const parsed = new URL(url);
    const base = new URL(root);
    return parsed.origin === base.origin && parsed.pathname.startsWith(base.pathname);
  };
  const resolve = {
    external: true,
    file: false,
    http: false,
    guarded: {
      order: 1,
      canRead: true,
      read: async (file: FileInfo): Promise<string> => {
        const target = file.url;
        if (/^https?:\/\//i.test(target)) {
          // `--spec-header` credentials go only to the spec's own origin, never along a redirect elsewhere.
          const headersFor = (url: string) =>
            source.isUrl && source.headers && new URL(url).origin === new URL(source.location).origin
              ? source.headers
              : undefined;
          if (allowExternalRefs && !headersFor(target)) return fetchText(target, 'follow');
          if (!allowExternalRefs && !insideUrlRoot(target)) refuse(target);
          let url = target;
          for (let hop = 0; ; hop += 1) {
            const response = await fetchResponse(url, 'manual', headersFor(url));
            const location = response.headers.get('location');
            if (response.status < 300 || response.status >= 400 || location === null) {
              if (!response.ok) throw new Error(`HTTP ${response.status} for ${url}`);
              return response.text();
            }
            await response.body?.cancel();
            if (hop >= MAX_REDIRECTS) throw new Error(`more than ${MAX_REDIRECTS} redirects for ${target}`);
            url = new URL(location, url).href;
            if (!allowExternalRefs && !insideUrlRoot(url)) refuse(target, `it redirects to ${url}`);
          }
        }
        const filePath = target.startsWith('file:') ? fileURLToPath(target) : path.resolve(decodeURI(target));
        if (allowExternalRefs) return readFile(filePath, 'utf8');
        if (source.isUrl || !filePath.startsWith(root)) refuse(target);
        // The path is in the spec folder as written; what it names must be too, once links are resolved.
        realRoot ??= realpath(root);
        const real = await realpath(filePath);
        const rootReal = await realRoot;
        if (!real.startsWith(rootReal.endsWith(path.sep) ? rootReal : rootReal + path.sep))
          refuse(target, `it is a symbolic link to ${real}`);
        return readFile(real, 'utf8');
      },
    },
  };
  return { resolve, refused };
}

async function fetchResponse(
  url: string,
  redirect: 'manual' | 'follow',
  headers?: Readonly<Record<string, string>>,
): Promise<Response> {
  return fetch(url, { redirect, signal: AbortSignal.timeout(FETCH_TIMEOUT_MS), ...(headers ? { headers } : {}) });
}

async function fetchText(url: string, redirect: 'manual' | 'follow'): Promise<string> {
  const response = await fetchResponse(url, redirect);
  if (!response.ok) throw new Error(`HTTP ${response.status} for ${url}`);
  return response.text();
}

/** One diagnostic per external `$ref` target the guard refused, at the `$ref` that leads there when the spec itself holds it. */
export function refusedRefDiagnostics(input: {
  source: SpecSource;
  document: unknown;
  refused: readonly RefusedRef[];
}): Diagnostic[] {
  const unique = new Map<string, RefusedRef>();
  for (const entry of input.refused) if (!unique.has(entry.target)) unique.set(entry.target, entry);
  return [...unique.values()].map(({ target, reason }) => {
    const found = findRef({ document: input.document, source: input.source, target });
    const why = reason ? ` (${reason})` : '';
    return {
      code: 'MCPGEN_SPEC_REF',
      severity: 'error',
      message: found
        ? `the spec refers outside itself: $ref "${found.ref}" is refused${why}`
        : `the spec refers outside itself, through a referenced file, to "${target}"${why}`,
      location: { spec: input.source.label, pointer: found?.pointer ?? '' },
      hint: 'External $refs (URLs, absolute or parent-directory paths) are refused by default; pass --allow-external-refs if you trust them.',
    };
  });
}
