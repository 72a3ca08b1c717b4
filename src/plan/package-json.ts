import type { ServerModel } from '../model/server.js';
import { registryName } from './server-json.js';

/**
 * Versions the generated project pins: the same ones mcpgen is built and
 * tested with (a test keeps them equal to mcpgen's own package.json).
 */
export const GENERATED_DEPENDENCIES = {
  '@modelcontextprotocol/node': '2.1.2',
  '@modelcontextprotocol/server': '2.4.0',
  '@opentelemetry/api': '1.9.1',
  jose: '6.2.18',
  'prom-client': '15.1.3',
  re2js: '2.10.0',
  redis: '6.3.1',
  zod: '4.6.7',
} as const;

export const GENERATED_DEV_DEPENDENCIES = {
  '@modelcontextprotocol/client': '2.4.0',
  '@types/node': '20.19.43',
  esbuild: '0.28.2',
  typescript: '5.9.3',
} as const;

export function planPackageJson(model: ServerModel) {
  return {
    name: model.name,
    version: model.version,
    description: model.description,
    // The MCP registry accepts an npm package only when its package.json names the server.json entry.
    mcpName: registryName(model),
    private: true,
    type: 'module',
    bin: { [model.name.replace(/^@[^/]+\//, '')]: 'dist/server.js' },
    engines: { node: '>=20.19.0' },
    scripts: {
      // tsc type-checks (and compiles the tests); the server itself runs from one bundled file, which starts fast.
      build: 'tsc -p tsconfig.json && node scripts/bundle.mjs',
      start: 'node dist/server.js',
      test: 'npm run build && node --test dist/test/*.test.js',
    },
    dependencies: GENERATED_DEPENDENCIES,
    devDependencies: GENERATED_DEV_DEPENDENCIES,
  };
}

export const TSCONFIG = {
  compilerOptions: {
    target: 'ES2022',
    module: 'NodeNext',
    moduleResolution: 'NodeNext',
    lib: ['ES2023'],
    types: ['node'],
    strict: true,
    noUncheckedIndexedAccess: true,
    noImplicitOverride: true,
    isolatedModules: true,
    esModuleInterop: true,
    forceConsistentCasingInFileNames: true,
    skipLibCheck: true,
    rootDir: '.',
    outDir: 'dist',
  },
  include: ['src', 'test'],
};
