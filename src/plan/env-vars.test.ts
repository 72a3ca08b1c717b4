import { describe, expect, it } from 'vitest';
import type { ServerModel } from '../model/server.js';
import { envNames, planEnvVars } from './env-vars.js';

const model: ServerModel = {
  name: 'x-mcp',
  version: '1.0.0',
  description: 'x',
  envPrefix: 'X_API',
  api: { title: 'X API', version: '1' },
  auth: [
    { name: 'key', kind: 'apiKey', in: 'header', paramName: 'X-Key', envVars: ['X_API_KEY'] },
    { name: 'basic', kind: 'basic', envVars: ['X_API_USERNAME', 'X_API_PASSWORD'] },
  ],
  tools: [],
  resources: [],
};

describe('documented env variables', () => {
  it('list every variable the generated server reads, credentials included', () => {
    const documented = planEnvVars(model).map((doc) => doc.name);
    for (const name of Object.values(envNames('X_API'))) expect(documented).toContain(name);
    expect(documented).toEqual(expect.arrayContaining(['X_API_KEY', 'X_API_USERNAME', 'X_API_PASSWORD']));
    expect(new Set(documented).size).toBe(documented.length);
  });

  it('mark only the base URL and credentials as required', () => {
    const required = planEnvVars(model)
      .filter((doc) => doc.required)
      .map((doc) => doc.name);
    expect(required).toEqual(['X_API_BASE_URL', 'X_API_KEY', 'X_API_USERNAME', 'X_API_PASSWORD']);
  });
});
