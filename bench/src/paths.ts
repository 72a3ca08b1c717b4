import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const BENCH_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const REPO_ROOT = path.resolve(BENCH_DIR, '..');

/**
 * Scratch space for the peers' projects. It sits under bench/ so that their
 * imports resolve bench/node_modules (zod 3, the peers' own dependencies).
 */
export const PEER_WORK_DIR = path.join(BENCH_DIR, '.work');

/**
 * Scratch space for mcpgen's projects. It sits under the repo's ignored
 * .scratch/ (not under bench/) so that generated projects resolve the root
 * install (zod 4), never bench's zod 3.
 */
export const MCPGEN_WORK_DIR = path.join(REPO_ROOT, '.scratch', 'bench');

export const MCPGEN_BIN = path.join(REPO_ROOT, 'bin', 'mcpgen.js');
export const ROOT_TSC = path.join(REPO_ROOT, 'node_modules', 'typescript', 'bin', 'tsc');
export const PEER_GENERATOR_BIN = path.join(
  BENCH_DIR,
  'node_modules',
  'openapi-mcp-generator',
  'bin',
  'openapi-mcp-generator.js',
);
export const PEER_PROXY_BIN = path.join(
  BENCH_DIR,
  'node_modules',
  '@ivotoby',
  'openapi-mcp-server',
  'bin',
  'mcp-server.js',
);
export const BENCH_TSC = path.join(BENCH_DIR, 'node_modules', 'typescript', 'bin', 'tsc');

/** The real-world spec corpus, next to the repo as the tests expect it. */
export const SPECS_DIR = path.resolve(REPO_ROOT, '../shared/specs');
export const RESULTS_FILE = path.join(BENCH_DIR, 'results.md');
