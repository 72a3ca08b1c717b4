import { readFileSync } from 'node:fs';
import path from 'node:path';
import { RUNTIME_DIR, TEMPLATES_DIR } from './asset-dirs.js';

const cache = new Map<string, string>();

/** A runtime module as the generated project gets it: the generated-file header, then the module unchanged. */
export function readRuntimeModule(source: string): string {
  const cached = cache.get(source);
  if (cached !== undefined) return cached;
  const header = readFileSync(path.join(TEMPLATES_DIR, 'partials/header.hbs'), 'utf8').trimEnd();
  const body = readFileSync(path.join(RUNTIME_DIR, source), 'utf8').replace(/\r\n?/g, '\n');
  const content = `${header}\n${body}`;
  cache.set(source, content);
  return content;
}
