/**
 * Builds dist/ with esbuild: the library (`dist/index.js`) and the CLI
 * (`dist/cli/main.js`) as ES modules with their dependencies, sharing chunks;
 * each command's code sits in chunks loaded when it runs (the CLI's dynamic
 * imports), and the Handlebars templates are precompiled into the bundle.
 * Declarations come from `tsc -p tsconfig.build.json`, run after this by
 * `npm run build`. The build section of the README says why.
 *
 *   tsx scripts/build.ts
 *   tsx scripts/build.ts --modules   one module per source file instead, dependencies
 *                                   loaded from node_modules: for CPU profiles that
 *                                   name the module (bench/src/profile.ts)
 */
import { readdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { build, type Metafile, type Plugin } from 'esbuild';
import { TEMPLATES_DIR } from '../src/render/asset-dirs.js';
import { lazyStringWidth } from './lazy-string-width.js';
import { oneJsYaml } from './one-js-yaml.js';
import { precompiledTemplatesModule } from './precompile-templates.js';
import { zodEnglishOnly } from './zod-english-only.js';

const ROOT = path.join(import.meta.dirname, '..');
const DIST = path.join(ROOT, 'dist');
const PRECOMPILED_MODULE = path.join(ROOT, 'src/render/precompiled-templates.ts');

/** Serves, for src/render/precompiled-templates.ts (empty in the source tree), the templates precompiled now. */
const precompiledTemplates: Plugin = {
  name: 'precompiled-templates',
  setup(plugins) {
    plugins.onLoad({ filter: /[\\/]precompiled-templates\.ts$/ }, (args) => {
      if (path.resolve(args.path) !== PRECOMPILED_MODULE) return undefined;
      return { contents: precompiledTemplatesModule(TEMPLATES_DIR), loader: 'js', watchDirs: [TEMPLATES_DIR] };
    });
  },
};

const modules = process.argv.includes('--modules');

// Modules of an earlier build (or of an older tsc build) must not linger beside the bundle.
await rm(DIST, { recursive: true, force: true });
const { metafile } = await build({
  absWorkingDir: ROOT,
  outdir: DIST,
  format: 'esm',
  platform: 'node',
  target: 'node20.19',
  plugins: [precompiledTemplates, lazyStringWidth, oneJsYaml, zodEnglishOnly],
  legalComments: 'none',
  metafile: true,
  logLevel: 'warning',
  ...(modules
    ? { entryPoints: await sourceFiles(), outbase: 'src', bundle: false }
    : {
        entryPoints: { index: 'src/index.ts', 'cli/main': 'src/cli/main.ts' },
        chunkNames: 'chunks/[name]-[hash]',
        bundle: true,
        splitting: true,
        // Stack traces (MCPGEN_DEBUG=1, see bin/mcpgen.js) name the source file and line, not the chunk's.
        sourcemap: 'linked',
        sourcesContent: false,
        // CommonJS dependencies in an ES module bundle call `require` for Node's own modules.
        banner: {
          js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);",
        },
      }),
});
if (!modules) await writeFile(path.join(DIST, 'THIRD-PARTY-LICENSES.md'), await licenses(metafile));
const outputs = Object.values(metafile.outputs);
const kb = outputs.reduce((sum, output) => sum + output.bytes, 0) / 1024;
console.log(`dist: ${outputs.length} modules, ${kb.toFixed(0)} KB`);

/** The generator's modules, tests left out. */
async function sourceFiles(): Promise<string[]> {
  const entries = await readdir(path.join(ROOT, 'src'), { recursive: true, withFileTypes: true });
  return entries
    .filter((entry) => entry.isFile() && entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts'))
    .map((entry) => path.join(entry.parentPath, entry.name));
}

/** The license of every package the bundle includes code of (development dependencies: the package ships their code, not them). */
async function licenses(meta: Metafile): Promise<string> {
  // The folder of each package, nested ones included: the last `node_modules/<name>` of an input's path.
  // Inputs a plugin made (`namespace:path`, such as lazy-string-width's stand-ins) are no package's files.
  const dirs = new Set(
    Object.keys(meta.inputs)
      .filter((input) => !/^[a-z][\w-]+:/.test(input))
      .flatMap((input) => /^(.*node_modules\/(?:@[^/]+\/)?[^/]+)\//.exec(input)?.[1] ?? []),
  );
  const sections = new Map<string, string>();
  for (const dir of dirs) {
    const manifest = JSON.parse(await readFile(path.join(ROOT, dir, 'package.json'), 'utf8')) as {
      name: string;
      version: string;
      license?: string;
    };
    const id = `${manifest.name}@${manifest.version}`;
    const file = (await readdir(path.join(ROOT, dir))).find((name) => /^(licen[cs]e|copying)/i.test(name));
    const text = file
      ? (await readFile(path.join(ROOT, dir, file), 'utf8')).trim()
      : '(no license file in the package)';
    sections.set(id, [`## ${id} (${manifest.license ?? 'license not stated'})`, '', '```', text, '```', ''].join('\n'));
  }
  const sorted = [...sections].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, section]) => section);
  return ['# Third-party code bundled in dist/', '', ...sorted].join('\n');
}
