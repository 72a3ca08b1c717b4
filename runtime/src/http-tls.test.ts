import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);

let dir: string;
let server: Server;
let url: string;
/** The client port of each request: one port for two requests shows the connection was kept. */
const ports: Array<number | undefined> = [];

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'mcpgen-https-'));
  // A certificate for 127.0.0.1, trusted only by a process that is told to (NODE_EXTRA_CA_CERTS).
  await run('openssl', [
    'req',
    '-x509',
    '-newkey',
    'ec',
    '-pkeyopt',
    'ec_paramgen_curve:prime256v1',
    '-nodes',
    '-days',
    '1',
    '-subj',
    '/CN=127.0.0.1',
    '-addext',
    'subjectAltName=IP:127.0.0.1',
    '-keyout',
    path.join(dir, 'key.pem'),
    '-out',
    path.join(dir, 'cert.pem'),
  ]);
  const [key, cert] = await Promise.all([
    readFile(path.join(dir, 'key.pem')),
    readFile(path.join(dir, 'cert.pem')),
  ]);
  server = createServer({ key, cert }, (req, res) => {
    ports.push(req.socket.remotePort);
    res.writeHead(200, { 'content-type': 'application/json' }).end('{"secure":true}');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `https://127.0.0.1:${String((server.address() as AddressInfo).port)}/things`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) =>
    server.close(() => {
      resolve();
    }),
  );
  await rm(dir, { recursive: true, force: true });
});

/** Two calls of `send` in a fresh process (so that it reads NODE_EXTRA_CA_CERTS); prints what each returned. */
async function sendTwiceInChild(env: Record<string, string>): Promise<unknown[]> {
  const modulePath = fileURLToPath(new URL('./http.ts', import.meta.url));
  const script = `import { send } from ${JSON.stringify(modulePath)};
    const call = () => send({
      request: { method: 'GET', url: process.env.URL, headers: { accept: 'application/json' } },
      timeoutMs: 10000, maxRetries: 0, idempotent: true, readLimitBytes: 1000,
    });
    const first = await call();
    const second = await call();
    process.stdout.write(JSON.stringify([first, second]));
    process.exit(0);`;
  const { stdout } = await run(
    process.execPath,
    ['--import', 'tsx', '--input-type=module', '-e', script],
    { env: { ...process.env, URL: url, ...env } },
  );
  return JSON.parse(stdout) as unknown[];
}

describe('send over https', () => {
  it('verifies the certificate, reads the answer and keeps the connection', async () => {
    ports.length = 0;
    const results = await sendTwiceInChild({ NODE_EXTRA_CA_CERTS: path.join(dir, 'cert.pem') });
    for (const result of results) {
      expect(result).toMatchObject({ kind: 'response', status: 200, body: '{"secure":true}' });
    }
    expect(ports).toHaveLength(2);
    expect(ports[0]).toBe(ports[1]);
  });

  it('refuses a certificate nobody vouches for', async () => {
    ports.length = 0;
    const results = await sendTwiceInChild({});
    expect(results[0]).toMatchObject({ kind: 'failure', code: 'network_error' });
    expect(ports).toHaveLength(0);
  });
});
