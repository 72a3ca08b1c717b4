import type { FastifyInstance } from 'fastify';
import { customerIdParams, errorResponses, ref, sendError } from './schemas.js';
import { ORDER_STATUSES, type Order, type OrderItem, type OrderStatus, type Store } from './store.js';

interface CreateOrderBody {
  customerId: string;
  items: { productId: string; quantity: number }[];
  notes?: string;
}

const orderIdParams = {
  type: 'object',
  required: ['orderId'],
  properties: { orderId: { type: 'string', pattern: '^ord_[0-9]+$', description: 'Order id, e.g. ord_001.' } },
} as const;

// Avoids binary floating-point noise (e.g. 0.1 * 3) in money amounts.
const roundMoney = (amount: number) => Math.round(amount * 100) / 100;

export function registerOrderRoutes(app: FastifyInstance, store: Store): void {
  app.post<{ Body: CreateOrderBody }>(
    '/orders',
    {
      schema: {
        operationId: 'createOrder',
        tags: ['orders'],
        summary: 'Place an order',
        description:
          'Places a pending order for a customer. Prices are taken from the current catalogue; inactive products cannot be ordered.',
        body: {
          type: 'object',
          additionalProperties: false,
          required: ['customerId', 'items'],
          properties: {
            customerId: { type: 'string', pattern: '^cus_[0-9]+$', description: 'Customer placing the order.' },
            items: {
              type: 'array',
              minItems: 1,
              maxItems: 50,
              description: 'Products and quantities to order.',
              items: {
                type: 'object',
                additionalProperties: false,
                required: ['productId', 'quantity'],
                properties: {
                  productId: { type: 'string', pattern: '^prd_[0-9]+$', description: 'Product to order.' },
                  quantity: { type: 'integer', minimum: 1, maximum: 1000, description: 'Number of units.' },
                },
              },
            },
            notes: { type: 'string', maxLength: 500, description: 'Free-text notes for the order.' },
          },
        },
        response: { 201: ref('Order', 'The created order.'), ...errorResponses(400, 401, 404, 409) },
      },
    },
    async (request, reply) => {
      const body = request.body;
      if (!store.customers.has(body.customerId)) return sendError(reply, 404, 'Customer not found');
      const items: OrderItem[] = [];
      for (const { productId, quantity } of body.items) {
        const product = store.products.get(productId);
        if (!product) return sendError(reply, 404, `Product ${productId} not found`);
        if (!product.active) return sendError(reply, 409, `Product ${productId} is no longer available`);
        const unitPrice = product.price.amount;
        items.push({
          productId,
          productName: product.name,
          quantity,
          unitPrice,
          lineTotal: roundMoney(unitPrice * quantity),
        });
      }
      const order: Order = {
        id: store.nextOrderId(),
        customerId: body.customerId,
        status: 'pending',
        items,
        total: { amount: roundMoney(items.reduce((sum, item) => sum + item.lineTotal, 0)), currency: 'AED' },
        notes: body.notes ?? null,
        createdAt: new Date().toISOString(),
        cancelledAt: null,
        cancellationReason: null,
      };
      store.orders.set(order.id, order);
      return reply.code(201).send(order);
    },
  );

  app.get<{ Params: { customerId: string }; Querystring: { status?: OrderStatus } }>(
    '/customers/:customerId/orders',
    {
      schema: {
        operationId: 'listCustomerOrders',
        tags: ['orders'],
        summary: "List a customer's orders",
        description: 'Lists the orders placed by one customer, oldest first, optionally filtered by status.',
        params: customerIdParams,
        querystring: {
          type: 'object',
          properties: {
            status: { type: 'string', enum: ORDER_STATUSES, description: 'Only return orders with this status.' },
          },
        },
        response: {
          200: {
            description: "The customer's orders.",
            type: 'object',
            required: ['items'],
            properties: { items: { type: 'array', items: { $ref: 'Order#' } } },
          },
          ...errorResponses(400, 401, 404),
        },
      },
    },
    async (request, reply) => {
      const { customerId } = request.params;
      if (!store.customers.has(customerId)) return sendError(reply, 404, 'Customer not found');
      const { status } = request.query;
      const items = [...store.orders.values()].filter(
        (o) => o.customerId === customerId && (status === undefined || o.status === status),
      );
      return { items };
    },
  );

  app.get<{ Params: { orderId: string } }>(
    '/orders/:orderId',
    {
      schema: {
        operationId: 'getOrder',
        tags: ['orders'],
        summary: 'Get an order',
        description: 'Returns one order by id, including its lines and total.',
        params: orderIdParams,
        response: { 200: ref('Order', 'The order.'), ...errorResponses(400, 401, 404) },
      },
    },
    async (request, reply) => {
      const order = store.orders.get(request.params.orderId);
      return order ?? sendError(reply, 404, 'Order not found');
    },
  );

  app.post<{ Params: { orderId: string }; Body: { reason: string } }>(
    '/orders/:orderId/cancel',
    {
      schema: {
        operationId: 'cancelOrder',
        tags: ['orders'],
        summary: 'Cancel an order',
        description: 'Cancels a pending or confirmed order and records why. Cancelling cannot be undone.',
        params: orderIdParams,
        body: {
          type: 'object',
          additionalProperties: false,
          required: ['reason'],
          properties: {
            reason: { type: 'string', minLength: 1, maxLength: 500, description: 'Why the order is cancelled.' },
          },
        },
        response: { 200: ref('Order', 'The cancelled order.'), ...errorResponses(400, 401, 404, 409) },
      },
    },
    async (request, reply) => {
      const order = store.orders.get(request.params.orderId);
      if (!order) return sendError(reply, 404, 'Order not found');
      if (order.status === 'cancelled') return sendError(reply, 409, 'Order is already cancelled');
      const cancelled: Order = {
        ...order,
        status: 'cancelled',
        cancelledAt: new Date().toISOString(),
        cancellationReason: request.body.reason,
      };
      store.orders.set(cancelled.id, cancelled);
      return cancelled;
    },
  );
}
