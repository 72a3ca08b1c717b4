import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

/** A Handlebars template: its POSIX path relative to the templates folder, and its text as stored. */
export interface TemplateFile {
  name: string;
  source: string;
}

/** Every `.hbs` file under `dir`, partials included (symbolic links followed), sorted by name. */
export function readTemplateFiles(dir: string): TemplateFile[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.name.endsWith('.hbs'))
    .map((entry) => path.join(entry.parentPath, entry.name))
    .filter((file) => statSync(file).isFile())
    .map((file) => ({
      name: path.relative(dir, file).split(path.sep).join('/'),
      source: readFileSync(file, 'utf8'),
    }))
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

/**
 * sha256 over the names and texts of a template set. A precompiled set records
 * the digest of the files it was compiled from; rendering uses it only while
 * the files on disk still have that digest.
 */
export function templateFilesDigest(files: readonly TemplateFile[]): string {
  const hash = createHash('sha256');
  for (const file of files) hash.update(`${file.name}\0${file.source.length}\0${file.source}`);
  return hash.digest('hex');
}

/** Partials live in `partials/`, registered under their file name without `.hbs`. */
export function partialName(file: TemplateFile): string | undefined {
  const match = /^partials\/(.+)\.hbs$/.exec(file.name);
  return match?.[1];
}
