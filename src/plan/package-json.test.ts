import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { MCPGEN_VERSION } from '../version.js';
import { GENERATED_DEPENDENCIES, GENERATED_DEV_DEPENDENCIES } from './package-json.js';

const own = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
  version: string;
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
};

describe('versions the generated project pins', () => {
  it('are the ones mcpgen itself is built and tested with', () => {
    // mcpgen's tests compile and run generated code against its own install, so it holds every pinned version.
    const installed = { ...own.dependencies, ...own.devDependencies };
    for (const [name, version] of Object.entries({ ...GENERATED_DEPENDENCIES, ...GENERATED_DEV_DEPENDENCIES })) {
      expect(installed[name], name).toBe(version);
    }
  });

  it("record mcpgen's own version in manifests", () => {
    expect(MCPGEN_VERSION).toBe(own.version);
  });
});
