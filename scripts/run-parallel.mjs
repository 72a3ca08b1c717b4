/**
 * `node scripts/run-parallel.mjs <npm script>…`: runs the npm scripts side by
 * side (the static checks of `npm test` are independent single-threaded
 * processes: together they keep both cores busy), prints each one's output
 * whole as it ends, and fails when any of them failed.
 */
import { spawn } from 'node:child_process';

const names = process.argv.slice(2);
// Under npm, npm_execpath is npm's own CLI: run it with this Node rather than finding `npm` on the PATH.
const npm = process.env['npm_execpath'] ? [process.execPath, process.env['npm_execpath']] : ['npm'];

function run(name) {
  return new Promise((resolve) => {
    const started = Date.now();
    const child = spawn(npm[0], [...npm.slice(1), 'run', name], { stdio: ['ignore', 'pipe', 'pipe'] });
    const output = [];
    child.stdout.on('data', (chunk) => output.push(chunk));
    child.stderr.on('data', (chunk) => output.push(chunk));
    child.on('error', (error) => output.push(Buffer.from(`${error.message}\n`)));
    child.on('close', (code, signal) => {
      const seconds = ((Date.now() - started) / 1000).toFixed(1);
      const status = code === 0 ? 'ok' : `failed (${signal ?? `exit ${code}`})`;
      process.stdout.write(Buffer.concat(output));
      process.stdout.write(`npm run ${name}: ${status} in ${seconds} s\n`);
      resolve(code === 0);
    });
  });
}

const results = await Promise.all(names.map(run));
const failed = names.filter((_, index) => !results[index]);
if (failed.length > 0) {
  process.stderr.write(`failed: ${failed.map((name) => `npm run ${name}`).join(', ')}\n`);
  process.exitCode = 1;
}
