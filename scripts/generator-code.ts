import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';

const ROOT = path.join(import.meta.dirname, '..');

/** Where the digest is kept, relative to the repository root. */
export const GENERATOR_CODE_FILE = 'src/render/generator-code.ts';

/** The directories whose code renders a model, and the libraries that code renders with. */
const CODE_DIRS = ['src/plan', 'src/render'];
const LIBRARIES = ['handlebars', 'prettier'];

/** sha256 over the rendering sources (tests and the digest file itself left out) and the libraries' versions. */
export async function generatorCodeDigest(): Promise<string> {
  const hash = createHash('sha256');
  for (const dir of CODE_DIRS) {
    const entries = await readdir(path.join(ROOT, dir), { recursive: true, withFileTypes: true });
    const files = entries
      .filter((entry) => entry.isFile() && entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts'))
      .map((entry) => path.relative(ROOT, path.join(entry.parentPath, entry.name)).split(path.sep).join('/'))
      .filter((file) => file !== GENERATOR_CODE_FILE)
      .sort();
    for (const file of files) {
      const content = (await readFile(path.join(ROOT, file), 'utf8')).replace(/\r\n?/g, '\n');
      hash.update(`${file}\0${content.length}\0${content}`);
    }
  }
  for (const name of LIBRARIES) {
    const manifest = JSON.parse(await readFile(path.join(ROOT, 'node_modules', name, 'package.json'), 'utf8')) as {
      version: string;
    };
    hash.update(`${name}@${manifest.version}\0`);
  }
  return hash.digest('hex');
}
