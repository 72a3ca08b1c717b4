/**
 * An esbuild plugin for the CLI bundle: yargs (and its cliui, wrap-ansi)
 * import `string-width`, whose module body builds an `Intl.Segmenter` and a
 * `\p{RGI_Emoji}` regular expression: ~40 ms of every `mcpgen` run, spent
 * before any argument is read. yargs measures its help text on every command
 * (it caches the help of the command it runs), and that text is printable
 * ASCII, which string-width itself answers with `length` before touching
 * either. Each import of `string-width` gets a module that answers that case
 * the same way and loads the real package (the copy the importer resolved)
 * only for other text; esbuild bundles a `require`d ES module behind a lazy
 * initializer, so its body runs only then.
 */
import type { Plugin } from 'esbuild';

const NAMESPACE = 'lazy-string-width';

export const lazyStringWidth: Plugin = {
  name: NAMESPACE,
  setup(plugins) {
    plugins.onResolve({ filter: /^string-width$/ }, async (args) => {
      if (args.pluginData === NAMESPACE) return undefined;
      const real = await plugins.resolve(args.path, {
        kind: 'require-call',
        resolveDir: args.resolveDir,
        pluginData: NAMESPACE,
      });
      if (real.errors.length > 0) return { errors: real.errors };
      return { path: real.path, namespace: NAMESPACE };
    });
    plugins.onLoad({ filter: /.*/, namespace: NAMESPACE }, (args) => ({
      contents: lazyModule(args.path),
      loader: 'js',
      resolveDir: process.cwd(),
    }));
  },
};

/** The stand-in for the string-width package at `file`. */
function lazyModule(file: string): string {
  return [
    'let loaded;',
    'export default function stringWidth(input, options) {',
    // string-width's own fast path: printable ASCII needs no segmenter, regular expression or width table.
    '  if (typeof input === "string" && /^[\\u0020-\\u007E]*$/.test(input)) return input.length;',
    `  loaded ??= require(${JSON.stringify(file)}).default;`,
    '  return loaded(input, options);',
    '}',
    '',
  ].join('\n');
}
