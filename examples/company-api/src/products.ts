import type { FastifyInstance } from 'fastify';
import { errorResponses, ref, sendError } from './schemas.js';
import { PRODUCT_CATEGORIES, type ProductCategory, type Store } from './store.js';

export function registerProductRoutes(app: FastifyInstance, store: Store): void {
  app.get<{ Querystring: { category?: ProductCategory; activeOnly: boolean } }>(
    '/products',
    {
      schema: {
        operationId: 'listProducts',
        tags: ['products'],
        summary: 'List products',
        description:
          'Lists the product catalogue, optionally filtered by category. Inactive products are hidden unless activeOnly is false.',
        querystring: {
          type: 'object',
          properties: {
            category: {
              type: 'string',
              enum: PRODUCT_CATEGORIES,
              description: 'Only return products in this category.',
            },
            activeOnly: { type: 'boolean', default: true, description: 'Hide products that can no longer be ordered.' },
          },
        },
        response: {
          200: {
            description: 'The matching products.',
            type: 'object',
            required: ['items'],
            properties: { items: { type: 'array', items: { $ref: 'Product#' } } },
          },
          ...errorResponses(400, 401),
        },
      },
    },
    async (request) => {
      const { category, activeOnly } = request.query;
      const items = [...store.products.values()].filter(
        (p) => (category === undefined || p.category === category) && (!activeOnly || p.active),
      );
      return { items };
    },
  );

  app.get<{ Params: { productId: string } }>(
    '/products/:productId',
    {
      schema: {
        operationId: 'getProduct',
        tags: ['products'],
        summary: 'Get a product',
        description: 'Returns one product by id, including inactive products.',
        params: {
          type: 'object',
          required: ['productId'],
          properties: {
            productId: { type: 'string', pattern: '^prd_[0-9]+$', description: 'Product id, e.g. prd_001.' },
          },
        },
        response: { 200: ref('Product', 'The product.'), ...errorResponses(400, 401, 404) },
      },
    },
    async (request, reply) => {
      const product = store.products.get(request.params.productId);
      return product ?? sendError(reply, 404, 'Product not found');
    },
  );
}
