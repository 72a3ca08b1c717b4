import { buildApp, DEV_API_KEY } from './app.js';

const HOST = '127.0.0.1';
const port = Number(process.env.PORT ?? 3000);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`Invalid PORT: ${process.env.PORT}`);
  process.exit(1);
}

const apiKey = process.env.COMPANY_API_KEY || DEV_API_KEY;
if (apiKey === DEV_API_KEY) {
  console.error(`COMPANY_API_KEY not set; using the development key "${DEV_API_KEY}".`);
}

const app = await buildApp({ apiKey });
await app.listen({ host: HOST, port });
const { port: boundPort } = app.server.address() as { port: number };
console.log(`company-api listening on http://${HOST}:${boundPort} (spec at /documentation/json)`);

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    app.close().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error(error);
        process.exit(1);
      },
    );
  });
}
