export { emitZod } from './emit.js';
export { jsonLiteral, propertyKey, stringLiteral } from './literal.js';
export { sampleValue } from './sample-value.js';
export { conforms } from './conforms.js';
