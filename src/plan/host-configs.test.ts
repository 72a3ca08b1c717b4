import { describe, expect, it } from 'vitest';
import type { ServerModel } from '../model/server.js';
import { shellEnvWord } from '../render/escape.js';
import { planEnvVars } from './env-vars.js';
import { hostKey, LOCAL_HTTP_URL, planHostConfigs } from './host-configs.js';
import { registryName } from './server-json.js';

const model: ServerModel = {
  name: '@acme/7-orders.mcp',
  version: '1.0.0',
  description: 'x',
  envPrefix: 'ORDERS',
  api: { title: 'Orders', version: '1' },
  defaultBaseUrl: 'https://api.example.com/${HOME}',
  auth: [{ name: 'basic', kind: 'basic', envVars: ['ORDERS_USERNAME', 'ORDERS_PASSWORD'] }],
  tools: [],
  resources: [],
};

describe('host configs', () => {
  const hosts = planHostConfigs({ model, envVars: planEnvVars(model) });

  it('key every host by a name all of them accept', () => {
    expect(hostKey('company-api-mcp')).toBe('company-api-mcp');
    expect(hosts.key).toBe('mcp-7-orders-mcp');
    expect(hosts.key).toMatch(/^[a-zA-Z][a-zA-Z0-9_-]*$/);
  });

  it('reference every credential, and leave out an example the host would expand', () => {
    const [claude, vscode, cursor] = hosts.files.map((file) => JSON.stringify(file.value));
    expect(claude).toContain('"ORDERS_PASSWORD":"${ORDERS_PASSWORD}"');
    expect(vscode).toContain('"ORDERS_PASSWORD":"${input:orders-password}"');
    expect(vscode).toContain('"id":"orders-username","description":"ORDERS_USERNAME: User name for HTTP basic auth');
    expect(cursor).toContain('"ORDERS_USERNAME":"${env:ORDERS_USERNAME}"');
    for (const text of [claude, vscode, cursor]) expect(text).toContain('"ORDERS_BASE_URL":""');
  });

  it('point HTTP snippets at the local listener unless the allowlist names the deployed URL', () => {
    expect(hosts.httpUrl).toBe(LOCAL_HTTP_URL);
    expect(hosts.remote).toBe(false);
    const remote = planHostConfigs({ model: { ...model, remoteUrl: 'https://mcp.acme.example/mcp' }, envVars: [] });
    expect(remote.httpUrl).toBe('https://mcp.acme.example/mcp');
    expect(remote.claudeCode.http).toContain('https://mcp.acme.example/mcp');
  });

  it('derive the registry name from a scope, else a placeholder namespace', () => {
    expect(registryName(model)).toBe('io.github.acme/7-orders.mcp');
    expect(registryName({ ...model, name: 'orders' })).toBe('com.example/orders');
    expect(registryName({ ...model, registryName: 'com.acme/orders' })).toBe('com.acme/orders');
  });

  it('refuse a shell word whose literal part the shell would interpret inside double quotes', () => {
    expect(shellEnvWord({ prefix: 'Authorization: Bearer ', env: 'TOKEN' })).toBe('"Authorization: Bearer ${TOKEN}"');
    expect(() => shellEnvWord({ prefix: '$(id)', env: 'TOKEN' })).toThrow();
    expect(() => shellEnvWord({ prefix: '', env: 'A;B' })).toThrow();
  });
});
