import { readFile } from 'node:fs/promises';
import { isMap, isScalar, LineCounter, parseDocument } from 'yaml';
import type { FileLocation } from '../diagnostics/diagnostic.js';

/**
 * Where a top-level key of the allowlist is (`tools:` by default): findings
 * about the spec as a whole are anchored there. Line 1 when it cannot be found.
 */
export async function locateAllowlistKey(input: { file: string; key?: string }): Promise<FileLocation> {
  const fallback = { file: input.file, line: 1, column: 1 };
  const text = await readFile(input.file, 'utf8').catch(() => undefined);
  if (text === undefined) return fallback;
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter });
  if (!isMap(doc.contents)) return fallback;
  const pair = doc.contents.items.find((item) => isScalar(item.key) && item.key.value === (input.key ?? 'tools'));
  const offset = pair && isScalar(pair.key) ? pair.key.range?.[0] : undefined;
  if (offset === undefined) return fallback;
  const { line, col } = lineCounter.linePos(offset);
  return { file: input.file, line, column: col };
}
