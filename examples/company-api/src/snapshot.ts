import { writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { buildApp, DEV_API_KEY } from './app.js';

// Both src/ and dist/ sit directly under examples/company-api/.
const SNAPSHOT_PATH = fileURLToPath(new URL('../openapi.json', import.meta.url));

const app = await buildApp({ apiKey: DEV_API_KEY });
await app.ready();
await writeFile(SNAPSHOT_PATH, JSON.stringify(app.swagger(), null, 2) + '\n');
await app.close();
console.log(`wrote ${SNAPSHOT_PATH}`);
