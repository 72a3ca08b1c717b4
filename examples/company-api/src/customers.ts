import type { FastifyInstance } from 'fastify';
import { customerIdParams, errorResponses, ref, sendError } from './schemas.js';
import { CUSTOMER_STATUSES, type Customer, type CustomerStatus, type Store } from './store.js';

interface CustomerParams {
  customerId: string;
}

interface SearchQuery {
  query?: string;
  status?: CustomerStatus;
  limit: number;
}

interface CreateCustomerBody {
  name: string;
  email: string;
  phone?: string | null;
  company?: string;
  status: CustomerStatus;
}

type UpdateCustomerBody = Partial<Pick<Customer, 'name' | 'email' | 'phone' | 'company' | 'status'>>;

const customerFields = {
  name: { type: 'string', minLength: 1, maxLength: 120, description: 'Full name.' },
  email: { type: 'string', format: 'email', maxLength: 254, description: 'Email address; must be unique.' },
  phone: { type: 'string', nullable: true, maxLength: 32, description: 'Phone number in international format.' },
  company: { type: 'string', maxLength: 120, description: 'Company the customer works for.' },
  status: { type: 'string', enum: CUSTOMER_STATUSES, description: 'Relationship status.' },
} as const;

export function registerCustomerRoutes(app: FastifyInstance, store: Store): void {
  const emailTaken = (email: string, exceptId?: string) =>
    [...store.customers.values()].some((c) => c.id !== exceptId && c.email.toLowerCase() === email.toLowerCase());

  app.get<{ Querystring: SearchQuery }>(
    '/customers',
    {
      schema: {
        operationId: 'searchCustomers',
        tags: ['customers'],
        summary: 'Search customers',
        description:
          'Finds customers whose name or email contains the query (case-insensitive), optionally filtered by status. Results are ordered by id.',
        querystring: {
          type: 'object',
          properties: {
            query: {
              type: 'string',
              minLength: 1,
              maxLength: 120,
              description: 'Substring to match against name or email.',
            },
            status: { type: 'string', enum: CUSTOMER_STATUSES, description: 'Only return customers with this status.' },
            limit: {
              type: 'integer',
              minimum: 1,
              maximum: 100,
              default: 20,
              description: 'Maximum number of customers to return.',
            },
          },
        },
        response: {
          200: {
            description: 'Matching customers.',
            type: 'object',
            required: ['items', 'total'],
            properties: {
              items: { type: 'array', items: { $ref: 'Customer#' } },
              total: { type: 'integer', description: 'Number of matches before applying limit.' },
            },
          },
          ...errorResponses(400, 401),
        },
      },
    },
    async (request) => {
      const { query, status, limit } = request.query;
      const needle = query?.toLowerCase();
      const matches = [...store.customers.values()].filter(
        (c) =>
          (status === undefined || c.status === status) &&
          (needle === undefined || c.name.toLowerCase().includes(needle) || c.email.toLowerCase().includes(needle)),
      );
      return { items: matches.slice(0, limit), total: matches.length };
    },
  );

  app.get<{ Params: CustomerParams }>(
    '/customers/:customerId',
    {
      schema: {
        operationId: 'getCustomer',
        tags: ['customers'],
        summary: 'Get a customer',
        description: 'Returns one customer by id.',
        params: customerIdParams,
        response: { 200: ref('Customer', 'The customer.'), ...errorResponses(400, 401, 404) },
      },
    },
    async (request, reply) => {
      const customer = store.customers.get(request.params.customerId);
      return customer ?? sendError(reply, 404, 'Customer not found');
    },
  );

  app.post<{ Body: CreateCustomerBody }>(
    '/customers',
    {
      schema: {
        operationId: 'createCustomer',
        tags: ['customers'],
        summary: 'Create a customer',
        description: 'Creates a customer. New customers start as prospects unless a status is given.',
        body: {
          type: 'object',
          additionalProperties: false,
          required: ['name', 'email'],
          properties: { ...customerFields, status: { ...customerFields.status, default: 'prospect' } },
        },
        response: { 201: ref('Customer', 'The created customer.'), ...errorResponses(400, 401, 409) },
      },
    },
    async (request, reply) => {
      const body = request.body;
      if (emailTaken(body.email)) return sendError(reply, 409, 'A customer with this email already exists');
      const customer: Customer = {
        id: store.nextCustomerId(),
        name: body.name,
        email: body.email,
        phone: body.phone ?? null,
        company: body.company ?? null,
        status: body.status,
        createdAt: new Date().toISOString(),
      };
      store.customers.set(customer.id, customer);
      return reply.code(201).send(customer);
    },
  );

  app.patch<{ Params: CustomerParams; Body: UpdateCustomerBody }>(
    '/customers/:customerId',
    {
      schema: {
        operationId: 'updateCustomer',
        tags: ['customers'],
        summary: 'Update a customer',
        description:
          'Changes the given fields of a customer; omitted fields keep their values. Set phone or company to null to clear them.',
        params: customerIdParams,
        body: {
          type: 'object',
          additionalProperties: false,
          minProperties: 1,
          properties: { ...customerFields, company: { ...customerFields.company, nullable: true } },
        },
        response: { 200: ref('Customer', 'The updated customer.'), ...errorResponses(400, 401, 404, 409) },
      },
    },
    async (request, reply) => {
      const existing = store.customers.get(request.params.customerId);
      if (!existing) return sendError(reply, 404, 'Customer not found');
      const body = request.body;
      if (body.email !== undefined && emailTaken(body.email, existing.id)) {
        return sendError(reply, 409, 'A customer with this email already exists');
      }
      const updated: Customer = { ...existing, ...body };
      store.customers.set(updated.id, updated);
      return updated;
    },
  );

  app.delete<{ Params: CustomerParams }>(
    '/customers/:customerId',
    {
      schema: {
        operationId: 'deleteCustomer',
        tags: ['customers'],
        summary: 'Delete a customer',
        description: 'Permanently deletes a customer. Their existing orders are kept.',
        params: customerIdParams,
        response: { 204: { description: 'The customer was deleted.', type: 'null' }, ...errorResponses(400, 401, 404) },
      },
    },
    async (request, reply) => {
      if (!store.customers.delete(request.params.customerId)) return sendError(reply, 404, 'Customer not found');
      return reply.code(204).send();
    },
  );
}
