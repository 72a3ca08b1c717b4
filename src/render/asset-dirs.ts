import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The package root: the nearest folder above this module with a package.json.
 * Found by looking rather than by a fixed `../..`, as this module runs from
 * `src/render` (tsx, vitest) and from wherever the build bundled it in `dist/`.
 */
function packageRoot(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  while (!existsSync(path.join(dir, 'package.json'))) {
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`mcpgen: no package.json above ${fileURLToPath(import.meta.url)}`);
    dir = parent;
  }
  return dir;
}

const PACKAGE_ROOT = packageRoot();

/** `templates/`: the Handlebars templates and partials of the generated project. */
export const TEMPLATES_DIR = path.join(PACKAGE_ROOT, 'templates');

/** `runtime/src/`: the generated server's runtime, kept and tested as plain TypeScript. */
export const RUNTIME_DIR = path.join(PACKAGE_ROOT, 'runtime', 'src');
