export { emitZod } from './emit.js';
export { sampleValue } from './sample-value.js';
export { conforms } from './conforms.js';
