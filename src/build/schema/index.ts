export { normalizeSchema } from './normalize.js';
export { DEFAULT_MAX_BYTES, DEFAULT_MAX_DEPTH, DEFAULT_MAX_NODES, type SchemaBudget } from './context.js';
export { TRUNCATED_NOTE } from './stand-in.js';
