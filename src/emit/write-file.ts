import { randomBytes } from 'node:crypto';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';

/** Writes one file so that it appears whole or not at all: a sibling temp file, then a rename. */
export async function writeFileAtomic(input: { file: string; content: string }): Promise<void> {
  const target = path.resolve(input.file);
  const staging = path.join(path.dirname(target), `.${path.basename(target)}.mcpgen-${randomBytes(4).toString('hex')}`);
  await mkdir(path.dirname(target), { recursive: true });
  try {
    await writeFile(staging, input.content, 'utf8');
    await rename(staging, target);
  } finally {
    await rm(staging, { force: true });
  }
}
