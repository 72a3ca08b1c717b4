import { readFile } from 'node:fs/promises';
import path from 'node:path';
import SwaggerParser from '@apidevtools/swagger-parser';
import { describe, expect, it } from 'vitest';
import { GENERATED_DIR, generateValidators } from '../../scripts/openapi-validators.js';
import { checkOpenApiSchema } from './openapi-schema.js';

const INVALID_30 = {
  openapi: '3.0.3',
  info: { title: 'Broken', version: '1' },
  paths: { '/a': { get: { parameters: [{ name: 'x', in: 'nowhere' }], responses: { '200': { description: 'ok' } } } } },
};
const INVALID_31 = { ...INVALID_30, openapi: '3.1.0', components: { schemas: { A: { type: 7 } } } };

/** What swagger-parser itself reports for a document, as a SyntaxError with ajv's errors. */
async function swaggerParserError(document: object): Promise<unknown> {
  try {
    await SwaggerParser.validate(structuredClone(document) as never);
  } catch (error) {
    return error;
  }
  return undefined;
}

async function ownError(document: object): Promise<unknown> {
  try {
    await checkOpenApiSchema(structuredClone(document) as { openapi: string });
  } catch (error) {
    return error;
  }
  return undefined;
}

describe('OpenAPI schema validators compiled ahead of time', () => {
  it('are what scripts/openapi-validators.ts writes today (run `npm run validators:generate` after upgrading ajv or swagger-parser)', async () => {
    for (const [file, content] of Object.entries(generateValidators())) {
      expect(await readFile(path.join(GENERATED_DIR, file), 'utf8'), file).toBe(content);
    }
  });

  it.each([
    ['3.0', INVALID_30],
    ['3.1', INVALID_31],
  ])('fail an invalid %s document with the errors swagger-parser reports', async (_version, document) => {
    const expected = (await swaggerParserError(document)) as SyntaxError & { details: unknown };
    const actual = (await ownError(document)) as SyntaxError & { details: unknown };
    expect(expected).toBeInstanceOf(SyntaxError);
    expect(actual).toBeInstanceOf(SyntaxError);
    expect(actual.details).toEqual(expected.details);
    expect(actual.message).toBe(expected.message);
  });

  it('pass a valid document', async () => {
    await expect(ownError({ ...INVALID_30, paths: {} })).resolves.toBeUndefined();
  });
});
