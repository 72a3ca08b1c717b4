import { timingSafeEqual } from 'node:crypto';
import swagger from '@fastify/swagger';
import Fastify, { type FastifyInstance, type FastifyRequest } from 'fastify';
import { registerCustomerRoutes } from './customers.js';
import { registerOrderRoutes } from './orders.js';
import { registerProductRoutes } from './products.js';
import { addSharedSchemas, sendError } from './schemas.js';
import { createStore } from './store.js';

/** Documented development default; set COMPANY_API_KEY for anything else. */
export const DEV_API_KEY = 'dev-company-api-key';
export const API_VERSION = '1.0.0';

export interface BuildAppOptions {
  apiKey: string;
  logger?: boolean;
}

export async function buildApp(options: BuildAppOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger: options.logger ?? false,
    // Fastify strips unknown body properties by default; reject them instead so
    // `additionalProperties: false` in the published spec means what it says.
    ajv: { customOptions: { removeAdditional: false } },
  });
  const store = createStore();
  const startedAt = Date.now();

  await app.register(swagger, {
    openapi: {
      openapi: '3.0.3',
      info: {
        title: 'Company API',
        version: API_VERSION,
        description:
          'Customers, products and orders of a small services company. Every operation except getHealth requires an API key in the X-API-Key header.',
      },
      servers: [{ url: 'http://127.0.0.1:3000', description: 'Local development server' }],
      tags: [
        { name: 'customers', description: 'Customer records' },
        { name: 'products', description: 'Product catalogue' },
        { name: 'orders', description: 'Customer orders' },
        { name: 'health', description: 'Service health' },
      ],
      components: {
        securitySchemes: { apiKey: { type: 'apiKey', in: 'header', name: 'X-API-Key' } },
      },
      security: [{ apiKey: [] }],
    },
  });
  addSharedSchemas(app);

  app.addHook('onRequest', async (request, reply) => {
    if (isPublic(request) || keyMatches(request.headers['x-api-key'], options.apiKey)) return;
    return sendError(reply, 401, 'Missing or invalid API key');
  });

  app.get('/documentation/json', { schema: { hide: true, security: [] } }, async () => app.swagger());

  app.get(
    '/health',
    {
      schema: {
        operationId: 'getHealth',
        tags: ['health'],
        summary: 'Check service health',
        description: 'Reports that the service is up. Does not require an API key.',
        security: [],
        response: {
          200: {
            description: 'The service is healthy.',
            type: 'object',
            required: ['status', 'uptimeSeconds', 'version'],
            properties: {
              status: { type: 'string', enum: ['ok'], description: 'Always "ok" when the service responds.' },
              uptimeSeconds: { type: 'integer', minimum: 0, description: 'Seconds since the service started.' },
              version: { type: 'string', description: 'API version.' },
            },
          },
        },
      },
    },
    async () => ({ status: 'ok', uptimeSeconds: Math.floor((Date.now() - startedAt) / 1000), version: API_VERSION }),
  );

  registerCustomerRoutes(app, store);
  registerProductRoutes(app, store);
  registerOrderRoutes(app, store);
  return app;
}

// A route is public when its schema opts out of security (`security: []`), so the
// published spec and the enforcement cannot disagree. Unknown routes need a key.
function isPublic(request: FastifyRequest): boolean {
  const security = request.routeOptions.schema?.security;
  return Array.isArray(security) && security.length === 0;
}

function keyMatches(header: string | string[] | undefined, apiKey: string): boolean {
  if (typeof header !== 'string') return false;
  const given = Buffer.from(header);
  const expected = Buffer.from(apiKey);
  return given.length === expected.length && timingSafeEqual(given, expected);
}
