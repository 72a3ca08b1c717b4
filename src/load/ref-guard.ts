import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import type { SpecSource } from './read-source.js';
import { findRef } from './ref-locate.js';

interface FileInfo {
  url: string;
}

/**
 * Resolver options for json-schema-ref-parser that only read files next to the
 * spec (or, for a spec fetched from a URL, under the same URL directory).
 * Anything else is an SSRF or local-file-disclosure risk unless the user opts in.
 */
export function guardedResolvers(input: { source: SpecSource; allowExternalRefs: boolean }) {
  const { source, allowExternalRefs } = input;
  /** Targets refused so far: the parser wraps our error, so the caller reads this list instead. */
  const refused: string[] = [];
  const refuse = (target: string): never => {
    refused.push(target);
    throw new Error(`external $ref to "${target}" refused`);
  };
  const root = source.isUrl ? new URL('.', source.location).href : path.dirname(source.location) + path.sep;
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
          if (!allowExternalRefs && !target.startsWith(root)) refuse(target);
          const response = await fetch(target, { signal: AbortSignal.timeout(30_000) });
          if (!response.ok) throw new Error(`HTTP ${response.status} for ${target}`);
          return response.text();
        }
        const filePath = target.startsWith('file:') ? fileURLToPath(target) : path.resolve(decodeURI(target));
        if (source.isUrl && !allowExternalRefs) refuse(target);
        if (!allowExternalRefs && !filePath.startsWith(root)) refuse(target);
        return readFile(filePath, 'utf8');
      },
    },
  };
  return { resolve, refused };
}

/** One diagnostic per external `$ref` target the guard refused, at the `$ref` that leads there when the spec itself holds it. */
export function refusedRefDiagnostics(input: {
  source: SpecSource;
  document: unknown;
  refused: readonly string[];
}): Diagnostic[] {
  return [...new Set(input.refused)].map((target) => {
    const found = findRef({ document: input.document, source: input.source, target });
    return {
      code: 'MCPGEN_SPEC_REF',
      severity: 'error',
      message: found
        ? `the spec refers outside itself: $ref "${found.ref}" is refused`
        : `the spec refers outside itself, through a referenced file, to "${target}"`,
      location: { spec: input.source.label, pointer: found?.pointer ?? '' },
      hint: 'External $refs (URLs, absolute or parent-directory paths) are refused by default; pass --allow-external-refs if you trust them.',
    };
  });
}
