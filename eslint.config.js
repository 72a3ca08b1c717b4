// Lint for the generated server's runtime (runtime/src), which every generated project ships.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    files: ['runtime/src/**/*.ts'],
    extends: [js.configs.recommended, ...tseslint.configs.strictTypeChecked],
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
