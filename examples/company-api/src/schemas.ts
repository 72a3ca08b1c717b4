import type { FastifyInstance, FastifyReply } from 'fastify';
import { CUSTOMER_STATUSES, ORDER_STATUSES, PRODUCT_CATEGORIES } from './store.js';

// Shared schemas, published under components.schemas. Registration order fixes
// Fastify's generated names (def-0, def-1, ...), so keep it stable.
const sharedSchemas = [
  {
    $id: 'Error',
    type: 'object',
    description: 'Error response.',
    required: ['statusCode', 'error', 'message'],
    properties: {
      statusCode: { type: 'integer', description: 'HTTP status code.' },
      code: { type: 'string', description: 'Machine-readable error code, when available.' },
      error: { type: 'string', description: 'HTTP status text.' },
      message: { type: 'string', description: 'Human-readable explanation.' },
    },
  },
  {
    $id: 'Money',
    type: 'object',
    description: 'An amount of money.',
    required: ['amount', 'currency'],
    properties: {
      amount: { type: 'number', description: 'Amount in major units (e.g. dirhams).' },
      currency: { type: 'string', enum: ['AED'], description: 'ISO 4217 currency code.' },
    },
  },
  {
    $id: 'Customer',
    type: 'object',
    description: 'A customer of the company.',
    required: ['id', 'name', 'email', 'phone', 'company', 'status', 'createdAt'],
    properties: {
      id: { type: 'string', description: 'Customer id, e.g. cus_001.' },
      name: { type: 'string', description: 'Full name.' },
      email: { type: 'string', format: 'email', description: 'Primary email address; unique across customers.' },
      phone: { type: 'string', nullable: true, description: 'Phone number in international format, if known.' },
      company: { type: 'string', nullable: true, description: 'Company the customer works for, if known.' },
      status: { type: 'string', enum: CUSTOMER_STATUSES, description: 'Relationship status.' },
      createdAt: { type: 'string', format: 'date-time', description: 'When the customer was created.' },
    },
  },
  {
    $id: 'Product',
    type: 'object',
    description: 'A product or service the company sells.',
    required: ['id', 'name', 'description', 'category', 'price', 'active'],
    properties: {
      id: { type: 'string', description: 'Product id, e.g. prd_001.' },
      name: { type: 'string', description: 'Product name.' },
      description: { type: 'string', description: 'What the product includes.' },
      category: { type: 'string', enum: PRODUCT_CATEGORIES, description: 'Product category.' },
      price: { $ref: 'Money#' },
      active: { type: 'boolean', description: 'Whether the product can be ordered.' },
    },
  },
  {
    $id: 'OrderItem',
    type: 'object',
    description: 'One line of an order.',
    required: ['productId', 'productName', 'quantity', 'unitPrice', 'lineTotal'],
    properties: {
      productId: { type: 'string', description: 'Ordered product id.' },
      productName: { type: 'string', description: 'Product name at the time of ordering.' },
      quantity: { type: 'integer', description: 'Number of units.' },
      unitPrice: { type: 'number', description: 'Price per unit in the order currency.' },
      lineTotal: { type: 'number', description: 'quantity × unitPrice.' },
    },
  },
  {
    $id: 'Order',
    type: 'object',
    description: 'A customer order.',
    required: [
      'id',
      'customerId',
      'status',
      'items',
      'total',
      'notes',
      'createdAt',
      'cancelledAt',
      'cancellationReason',
    ],
    properties: {
      id: { type: 'string', description: 'Order id, e.g. ord_001.' },
      customerId: { type: 'string', description: 'Customer who placed the order.' },
      status: { type: 'string', enum: ORDER_STATUSES, description: 'Order status.' },
      items: { type: 'array', items: { $ref: 'OrderItem#' }, description: 'Ordered lines.' },
      total: { $ref: 'Money#' },
      notes: { type: 'string', nullable: true, description: 'Free-text notes from the customer.' },
      createdAt: { type: 'string', format: 'date-time', description: 'When the order was placed.' },
      cancelledAt: {
        type: 'string',
        format: 'date-time',
        nullable: true,
        description: 'When the order was cancelled.',
      },
      cancellationReason: { type: 'string', nullable: true, description: 'Why the order was cancelled.' },
    },
  },
];

export function addSharedSchemas(app: FastifyInstance): void {
  for (const schema of sharedSchemas) app.addSchema(schema);
}

export function ref(id: string, description: string) {
  return { description, $ref: `${id}#` };
}

const errorDescriptions = {
  400: 'The request is invalid.',
  401: 'Missing or invalid API key.',
  404: 'The resource does not exist.',
  409: 'The request conflicts with the current state.',
} as const;

export type ErrorStatus = keyof typeof errorDescriptions;

/** Response schemas for the given error statuses, all using the shared Error schema. */
export function errorResponses(...statuses: ErrorStatus[]) {
  return Object.fromEntries(statuses.map((status) => [status, ref('Error', errorDescriptions[status])]));
}

const statusTexts: Record<ErrorStatus, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  404: 'Not Found',
  409: 'Conflict',
};

export function sendError(reply: FastifyReply, statusCode: ErrorStatus, message: string): FastifyReply {
  return reply.code(statusCode).send({ statusCode, error: statusTexts[statusCode], message });
}

export const customerIdParams = {
  type: 'object',
  required: ['customerId'],
  properties: { customerId: { type: 'string', pattern: '^cus_[0-9]+$', description: 'Customer id, e.g. cus_001.' } },
} as const;
