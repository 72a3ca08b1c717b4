import { z } from 'zod';
import { compileSpecPattern, type CompiledPattern } from '../../build/schema/spec-pattern.js';
import { bool, object, prop, zod, type Expr } from '../syntax.js';

/** A string format zod checks, with the code that checks it and a value that passes. */
export interface CheckedFormat {
  /** zod syntax for the base schema (a fresh tree each time). */
  code: () => Expr;
  /** The same check at generation time (for defaults and samples). */
  check: z.ZodType;
  sample: string;
}

/**
 * The formats validated by zod. `uuid` maps to `z.guid()`: `z.uuid()` also
 * demands RFC 9562 version and variant bits, and real APIs hand out ids
 * (SQL Server, test fixtures, hand-made) that lack them but that the API
 * itself accepts; the tool must not be stricter than the API it fronts.
 */
const CHECKED_FORMATS: Readonly<Record<string, CheckedFormat>> = {
  'date-time': {
    code: () => zod('iso.datetime', [object([prop('offset', bool(true))])]),
    check: z.iso.datetime({ offset: true }),
    sample: '2026-01-15T09:00:00Z',
  },
  date: { code: () => zod('iso.date'), check: z.iso.date(), sample: '2026-01-15' },
  email: { code: () => zod('email'), check: z.email(), sample: 'user@example.com' },
  uuid: { code: () => zod('guid'), check: z.guid(), sample: '00000000-0000-4000-8000-000000000000' },
  uri: { code: () => zod('url'), check: z.url(), sample: 'https://example.com' },
};

/** Samples for formats left as plain strings, so generated fixtures still look right. */
const PLAIN_FORMAT_SAMPLES: Readonly<Record<string, string>> = {
  time: '09:00:00',
  hostname: 'example.com',
  ipv4: '192.0.2.1',
  ipv6: '2001:db8::1',
  byte: 'ZXhhbXBsZQ==',
  'uri-reference': 'https://example.com',
  iri: 'https://example.com',
  url: 'https://example.com',
};

/** The zod-checked format named `format`, if zod checks it. */
export function checkedFormat(format: string | undefined): CheckedFormat | undefined {
  return format !== undefined && Object.hasOwn(CHECKED_FORMATS, format) ? CHECKED_FORMATS[format] : undefined;
}

/** A sample string for `format`, if there is a natural one. */
export function formatSample(format: string | undefined): string | undefined {
  if (format === undefined) return undefined;
  const checked = checkedFormat(format);
  if (checked !== undefined) return checked.sample;
  return Object.hasOwn(PLAIN_FORMAT_SAMPLES, format) ? PLAIN_FORMAT_SAMPLES[format] : undefined;
}

/**
 * The pattern as the generated server runs it (RE2, linear time), or
 * undefined when it does not compile there (then it is not enforced).
 */
export function compilePattern(pattern: string | undefined): CompiledPattern | undefined {
  if (pattern === undefined) return undefined;
  const compiled = compileSpecPattern(pattern);
  return compiled.ok ? compiled.pattern : undefined;
}
