import path from 'node:path';
import { fileURLToPath } from 'node:url';

// Both resolve two levels up from `src/render` and from `dist/render`: the package root.
const PACKAGE_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** `templates/`: the Handlebars templates and partials of the generated project. */
export const TEMPLATES_DIR = path.join(PACKAGE_ROOT, 'templates');

/** `runtime/src/`: the generated server's runtime, kept and tested as plain TypeScript. */
export const RUNTIME_DIR = path.join(PACKAGE_ROOT, 'runtime', 'src');
