/**
 * An esbuild plugin: zod's `z` namespace carries `z.locales`, the error
 * messages of every language zod speaks (~360 KB, a third of the chunk that
 * renders), so every run compiled them. mcpgen validates with zod at
 * generation time only to judge defaults and samples, in zod's default
 * English, and never switches locale; the generated projects install zod
 * themselves. In the bundle, `locales` holds English alone.
 */
import path from 'node:path';
import type { Plugin } from 'esbuild';

const NAMESPACE = 'zod-english-only';

export const zodEnglishOnly: Plugin = {
  name: NAMESPACE,
  setup(plugins) {
    plugins.onResolve({ filter: /^\.\.\/locales\/index\.js$/ }, (args) => {
      if (!/[\\/]node_modules[\\/]zod[\\/]v4[\\/](classic|core)[\\/]/.test(args.importer)) return undefined;
      return { path: path.join(args.resolveDir, '../locales/en.js'), namespace: NAMESPACE };
    });
    plugins.onLoad({ filter: /.*/, namespace: NAMESPACE }, (args) => ({
      contents: `export { default as en } from ${JSON.stringify(args.path)};\n`,
      loader: 'js',
      resolveDir: path.dirname(args.path),
    }));
  },
};
