/**
 * What the SDK's internal `@modelcontextprotocol/server/_shims` entry gives
 * on Node, with the validator loaded lazily: scripts/bundle.mjs maps that
 * entry here, because the SDK's own Node shim imports ajv at start. The SDK
 * version is pinned; if its shim ever exports more, the bundle fails to build
 * rather than run without it.
 */
export { default as process } from 'node:process';
export { LazyJsonSchemaValidator as DefaultJsonSchemaValidator } from './json-schema-validator.js';
