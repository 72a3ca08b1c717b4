#!/usr/bin/env node
import module from 'node:module';

// Node 22.1+ keeps V8's compiled code between runs, which halves startup; Node 20 lacks it.
module.enableCompileCache?.();
// dist/ is bundled: the stack trace printed for an internal error maps back to the sources only with source maps,
// which cost time to load, so only when asked for.
if (process.env.MCPGEN_DEBUG) process.setSourceMapsEnabled(true);
const { main } = await import('../dist/cli/main.js');

process.exitCode = await main(process.argv.slice(2));
