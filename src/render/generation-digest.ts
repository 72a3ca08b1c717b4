import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { ServerModel } from '../model/server.js';
import { MCPGEN_VERSION } from '../version.js';
import { RUNTIME_DIR, TEMPLATES_DIR } from './asset-dirs.js';

let assetsDigest: string | undefined;

/**
 * A digest of everything rendering reads: the model, mcpgen's version, its
 * templates and its runtime sources. Rendering is a pure function of these, so
 * two equal digests render the same bytes, except where the spec's server URL
 * is written: its scheme, host and port are left out, as `check` does not
 * count their change as drift (check/server-url.ts). The manifest records the
 * digest, and `check` compares hashes instead of rendering again when it has
 * not changed.
 */
export function generationDigest(model: ServerModel): string {
  assetsDigest ??= digestAssets();
  const digested = model.defaultBaseUrl ? { ...model, defaultBaseUrl: urlPath(model.defaultBaseUrl) } : model;
  return createHash('sha256')
    .update(`mcpgen ${MCPGEN_VERSION}\n${assetsDigest}\n`)
    .update(canonicalJson(digested))
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

/** Files under `dir` as sorted POSIX paths relative to it. */
function listFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
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
