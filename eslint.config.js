// Lint for the whole repository. The runtime (runtime/src), which every generated project ships,
// gets the strictest type-checked rules; the generator, tests and scripts the recommended ones plus
// the rules that keep the pipeline one-way.
import js from '@eslint/js';
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';
import importX from 'eslint-plugin-import-x';
import tseslint from 'typescript-eslint';

/** Pipeline stages in data-flow order: a stage may import earlier stages, never a later one. */
const STAGES = ['load', 'build', 'plan', 'render', 'emit'];
/** Shared by every stage; they import no stage. */
const SHARED = ['diagnostics', 'model'];
/** Commands, built on the stages; no stage imports them. */
const COMMANDS = ['check', 'init', 'cli'];

const zones = [
  ...STAGES.map((stage, index) => ({
    target: `./src/${stage}/**/!(*.test).ts`,
    from: [...STAGES.slice(index + 1), ...COMMANDS].map((later) => `./src/${later}`),
    message: `the pipeline flows one way: ${stage} must not import a later stage or a command`,
  })),
  ...SHARED.map((shared) => ({
    target: `./src/${shared}/**/!(*.test).ts`,
    from: [...STAGES, ...COMMANDS].map((stage) => `./src/${stage}`),
    message: `${shared} is shared by every stage and imports none`,
  })),
  {
    target: './runtime/src',
    from: './src',
    message: 'the runtime is copied into generated projects: it cannot import the generator',
  },
];

export default tseslint.config(
  {
    ignores: [
      '**/node_modules/**',
      '**/dist/**',
      'examples/**',
      'src/load/generated/**',
      'bench/**',
      'conformance/**',
      'browser-tests/**',
      '.test-output-*/**',
    ],
  },
  {
    files: ['src/**/*.ts', 'test/**/*.ts', 'scripts/**/*.ts', 'runtime/src/**/*.ts'],
    extends: [js.configs.recommended, ...tseslint.configs.recommended],
    plugins: { 'import-x': importX },
    settings: {
      // Without these the plugin reads no TypeScript module, and no-cycle silently checks nothing.
      'import-x/extensions': ['.ts', '.js', '.mjs'],
      'import-x/parsers': { '@typescript-eslint/parser': ['.ts'] },
      'import-x/resolver-next': [createTypeScriptImportResolver()],
    },
    rules: {
      // `const { dropped: _dropped, ...rest } = value` is how a key is left out of a copy.
      '@typescript-eslint/no-unused-vars': ['error', { varsIgnorePattern: '^_', ignoreRestSiblings: true }],
      // Escaping control characters out of spec text is much of what mcpgen does.
      'no-control-regex': 'off',
      'import-x/no-cycle': 'error',
      'import-x/no-restricted-paths': ['error', { zones }],
    },
  },
  {
    files: ['runtime/src/**/*.ts'],
    extends: [...tseslint.configs.strictTypeChecked],
    languageOptions: {
      parserOptions: { project: './runtime/tsconfig.json', tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      // The runtime serves the SDK's low-level Server on purpose: it lists the JSON Schemas mcpgen wrote, byte for byte.
      '@typescript-eslint/no-deprecated': 'off',
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true }],
    },
  },
  {
    files: ['runtime/src/**/*.test.ts'],
    // Test matchers (expect.any, expect.objectContaining) are typed any.
    rules: {
      '@typescript-eslint/no-non-null-assertion': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
    },
  },
);
