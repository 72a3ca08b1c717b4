import { createHash } from 'node:crypto';

/** The manifest's place in a generated project. */
export const MANIFEST_PATH = 'mcpgen.manifest.json';

/** How the manifest records a generated file's content. */
export function sha256(content: string): string {
  return createHash('sha256').update(content, 'utf8').digest('hex');
}
