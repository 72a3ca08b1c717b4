import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import type { ServerModel } from '../model/server.js';
import { MCPGEN_VERSION } from '../version.js';
import { RUNTIME_DIR, TEMPLATES_DIR } from './asset-dirs.js';
import { GENERATOR_CODE_DIGEST } from './generator-code.js';

let assetsDigest: string | undefined;

/**
 * A digest of everything a generated project is rendered from: mcpgen's
 * version, its rendering code (GENERATOR_CODE_DIGEST), templates and runtime
 * sources, and the model; and of the file hashes the manifest records, so a
 * manifest edited by hand no longer matches it. Rendering is a pure function
 * of these, so an equal digest means a fresh render gives the recorded files,
 * except where the spec's server URL is written: its scheme, host and port are
 * left out, as `check` does not count their change as drift
 * (check/server-url.ts). `check` compares hashes instead of rendering again
 * while the digest is unchanged.
 */
export function generationDigest(input: { model: ServerModel; files: Readonly<Record<string, string>> }): string {
  assetsDigest ??= digestAssets();
  const { model } = input;
  const digested = model.defaultBaseUrl ? { ...model, defaultBaseUrl: urlPath(model.defaultBaseUrl) } : model;
  const files = Object.keys(input.files)
    .sort()
    .map((file) => `${file}\0${input.files[file] ?? ''}\n`)
    .join('');
  return createHash('sha256')
    .update(`mcpgen ${MCPGEN_VERSION}\n${GENERATOR_CODE_DIGEST}\n${assetsDigest}\n`)
    .update(canonicalJson(digested))
    .update(`\n${files}`)
    .digest('hex');
}

/** A URL without its origin; a value that is not an absolute URL as it is. */
function urlPath(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.pathname}${parsed.search}`;
  } catch {
    return url;
  }
}

/** The templates and the runtime's non-test sources, by path relative to the package root. */
function digestAssets(): string {
  const hash = createHash('sha256');
  const files = [
    ...listFiles(TEMPLATES_DIR).map((file) => ({ root: TEMPLATES_DIR, file, label: 'templates' })),
    ...listFiles(RUNTIME_DIR)
      .filter((file) => file.endsWith('.ts') && !file.endsWith('.test.ts'))
      .map((file) => ({ root: RUNTIME_DIR, file, label: 'runtime' })),
  ];
  for (const { root, file, label } of files) {
    // Line endings are normalized when rendering, so a CRLF checkout must digest the same.
    const content = readFileSync(path.join(root, file), 'utf8').replace(/\r\n?/g, '\n');
    hash.update(`${label}/${file}\0${content.length}\0${content}`);
  }
  return hash.digest('hex');
}

/** Files under `dir` (symbolic links followed, as rendering reads through them) as sorted POSIX paths relative to it. */
function listFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter(
      (entry) =>
        entry.isFile() || (entry.isSymbolicLink() && statSync(path.join(entry.parentPath, entry.name)).isFile()),
    )
    .map((entry) => path.relative(dir, path.join(entry.parentPath, entry.name)).split(path.sep).join('/'))
    .sort();
}

/**
 * JSON that keeps what `JSON.stringify` would blur: a property set to
 * `undefined` stays distinct from a missing one, and so do non-finite numbers.
 */
function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, item: unknown) => {
    if (item === undefined) return { $undefined: true };
    if (typeof item === 'number' && !Number.isFinite(item)) return { $number: String(item) };
    return item;
  });
}
