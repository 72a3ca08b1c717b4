import { describe, expect, it } from 'vitest';
import type { ServerConfig } from './config.js';
import { scrubCutText, scrubValue, secretForms } from './secrets.js';

function config(credentials: Record<string, string>): ServerConfig {
  return {
    baseUrl: 'http://127.0.0.1:9',
    timeoutMs: 1000,
    maxRetries: 0,
    credentials,
    authSchemes: [
      { name: 'basic', kind: 'basic', envVars: ['API_USER', 'API_PASSWORD'] },
      { name: 'key', kind: 'apiKey', in: 'query', paramName: 'key', envVars: ['API_KEY'] },
    ],
    confirmation: {
      secret: Buffer.alloc(32),
      secretGenerated: false,
      ttlSeconds: 60,
      allowTokenForHighRisk: false,
    },
    transport: 'stdio',
    http: { host: '127.0.0.1', port: 0, tokens: [], allowedHosts: [], allowedOrigins: [] },
  };
}

describe('secret scrubbing', () => {
  const forms = secretForms(
    config({ API_USER: 'svc-user', API_PASSWORD: 'p@ss w"o\\rd', API_KEY: 'k/ey+1 2&3' }),
  );

  it.each([
    ['raw', 'p@ss w"o\\rd'],
    ['JSON-escaped, inside text content', JSON.stringify({ echoed: 'p@ss w"o\\rd' })],
    [
      'base64 of user:password in a Basic header',
      `Basic ${Buffer.from('svc-user:p@ss w"o\\rd').toString('base64')}`,
    ],
    [
      'percent-encoded in a query string',
      `https://api.example/x?key=${encodeURIComponent('k/ey+1 2&3')}`,
    ],
    ['form-encoded', `key=${new URLSearchParams({ k: 'k/ey+1 2&3' }).toString().slice(2)}`],
  ])('removes the credential %s', (_label, echoed) => {
    const result = {
      content: [{ type: 'text', text: echoed }],
      structuredContent: { [echoed]: echoed },
    };
    const text = JSON.stringify(scrubValue(result, forms));
    for (const secret of [
      'p@ss w"o\\rd',
      'k/ey+1 2&3',
      Buffer.from('svc-user:p@ss w"o\\rd').toString('base64'),
    ]) {
      expect(text).not.toContain(secret);
      expect(text).not.toContain(JSON.stringify(secret).slice(1, -1));
      expect(text).not.toContain(encodeURIComponent(secret));
    }
    expect(text).toContain('[redacted]');
  });

  it('leaves values without a credential unchanged', () => {
    const value = { a: ['x', { b: 1 }], c: null };
    expect(scrubValue(value, forms)).toEqual(value);
  });
});

describe('scrubCutText', () => {
  const forms = ['sk_live_0123456789abcdef'];

  it('redacts the start of a credential a cut left at the end', () => {
    expect(scrubCutText('token: sk_live_01234', forms)).toBe('token: [redacted]');
  });

  it('redacts whole credentials as scrubText does, and keeps ordinary endings', () => {
    expect(scrubCutText('a sk_live_0123456789abcdef b', forms)).toBe('a [redacted] b');
    expect(scrubCutText('ends with sk_', forms)).toBe('ends with sk_');
  });
});
