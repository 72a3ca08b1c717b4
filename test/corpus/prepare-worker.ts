/**
 * Child process of the corpus run: prepares the specs given as a JSON
 * argument (`{ specs, workDir }`) and prints one JSON line per spec on stdout.
 * Run with `node --import tsx`.
 */
import { prepareSpecs } from './prepare.js';
import type { CorpusSpec } from './corpus.js';

const { specs, workDir } = JSON.parse(process.argv[2] ?? '{}') as { specs: CorpusSpec[]; workDir: string };
await prepareSpecs({ specs, workDir, onPrepared: (prepared) => process.stdout.write(`${JSON.stringify(prepared)}\n`) });
