import { describe, expect, it } from 'vitest';
import { jsonLine, redactArguments, writeAudit } from './audit.js';

describe('redaction in audit lines', () => {
  it.each([
    'accessKey',
    'aws_access_key_id',
    'auth',
    'pwd',
    'jwt',
    'otp',
    'pin',
    'cvv',
    'ssn',
    'signature',
    'refresh',
    'refresh_token',
    'client_secret',
    'X-Api-Key',
    'password',
  ])('always redacts "%s"', (name) => {
    expect(redactArguments({ value: { [name]: 'value', other: 'kept' }, extra: [] })).toEqual({
      [name]: '[redacted]',
      other: 'kept',
    });
  });

  it.each(['author', 'pinned', 'opinion', 'keyword'])(
    'keeps "%s", which only contains a short secret name',
    (name) => {
      expect(redactArguments({ value: { [name]: 'value' }, extra: [] })).toEqual({
        [name]: 'value',
      });
    },
  );

  it('redacts allowlist names at any depth and dot paths from the top, through arrays', () => {
    const value = {
      email: 'a@example.com',
      customer: { email: 'b@example.com', phone: '1', name: 'n' },
      items: [{ note: 'x', sku: 's' }],
      note: 'top',
    };
    expect(redactArguments({ value, extra: ['email', 'customer.phone', 'items.note'] })).toEqual({
      email: '[redacted]',
      customer: { email: '[redacted]', phone: '[redacted]', name: 'n' },
      items: [{ note: '[redacted]', sku: 's' }],
      note: 'top',
    });
  });
});

describe('audit lines', () => {
  it('stay one line for every reader: U+2028, U+2029 and NEL are escaped', () => {
    const line = jsonLine({ text: 'a\u2028b\u2029c\u0085d\ne' });
    expect(line).not.toMatch(/[\u2028\u2029\u0085\n]/);
    expect(JSON.parse(line)).toEqual({ text: 'a\u2028b\u2029c\u0085d\ne' });
    const lines: string[] = [];
    writeAudit({
      sink: (l) => lines.push(l),
      now: 0,
      entry: {
        tool: 't',
        risk: 'read',
        principal: 'stdio',
        arguments: { q: '\u2028' },
        outcome: 'ok',
        duration_ms: 1,
        confirmation: 'none',
      },
    });
    expect(lines[0]?.split(/\r\n|\r|\n|\u2028|\u2029|\u0085/)).toHaveLength(1);
  });
});
