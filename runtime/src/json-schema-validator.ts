import { createRequire as requireFrom } from 'node:module';
import type {
  JsonSchemaType,
  JsonSchemaValidator,
  jsonSchemaValidator,
} from '@modelcontextprotocol/server';
import type { AjvJsonSchemaValidator } from '@modelcontextprotocol/server/validators/ajv';

const load = requireFrom(import.meta.url);

/**
 * The SDK's ajv validator, loaded the first time a schema is compiled. The
 * SDK uses it only to check what a client answers to `elicitInput`, which
 * this server never calls, yet ajv is a quarter of the SDK's code: importing
 * it at start would cost every stdio spawn. `require` (the SDK's CommonJS
 * build) because `getValidator` is synchronous.
 */
export class LazyJsonSchemaValidator implements jsonSchemaValidator {
  private ajv: AjvJsonSchemaValidator | undefined;

  getValidator<T>(schema: JsonSchemaType): JsonSchemaValidator<T> {
    this.ajv ??= new (
      load(
        '@modelcontextprotocol/server/validators/ajv',
      ) as typeof import('@modelcontextprotocol/server/validators/ajv')
    ).AjvJsonSchemaValidator();
    return this.ajv.getValidator<T>(schema);
  }
}
