/**
 * An esbuild plugin: `js-yaml` is imported by mcpgen (its ES module build)
 * and required by json-schema-ref-parser (its CommonJS files), and the bundle
 * would carry both copies of the same version (~95 KB that every run
 * compiles). Imports resolve to the CommonJS files too, so there is one copy.
 */
import type { Plugin } from 'esbuild';

const NAME = 'one-js-yaml';

export const oneJsYaml: Plugin = {
  name: NAME,
  setup(plugins) {
    plugins.onResolve({ filter: /^js-yaml$/ }, async (args) => {
      if (args.kind === 'require-call' || args.pluginData === NAME) return undefined;
      const resolved = await plugins.resolve(args.path, {
        kind: 'require-call',
        resolveDir: args.resolveDir,
        importer: args.importer,
        pluginData: NAME,
      });
      return resolved.errors.length > 0 ? { errors: resolved.errors } : { path: resolved.path };
    });
  },
};
