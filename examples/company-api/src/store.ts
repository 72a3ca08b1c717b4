export const CUSTOMER_STATUSES = ['active', 'inactive', 'prospect'] as const;
export const PRODUCT_CATEGORIES = ['software', 'services', 'hardware'] as const;
export const ORDER_STATUSES = ['pending', 'confirmed', 'cancelled'] as const;

export type CustomerStatus = (typeof CUSTOMER_STATUSES)[number];
export type ProductCategory = (typeof PRODUCT_CATEGORIES)[number];
export type OrderStatus = (typeof ORDER_STATUSES)[number];

export interface Money {
  amount: number;
  currency: 'AED';
}

export interface Customer {
  id: string;
  name: string;
  email: string;
  phone: string | null;
  company: string | null;
  status: CustomerStatus;
  createdAt: string;
}

export interface Product {
  id: string;
  name: string;
  description: string;
  category: ProductCategory;
  price: Money;
  active: boolean;
}

export interface OrderItem {
  productId: string;
  productName: string;
  quantity: number;
  unitPrice: number;
  lineTotal: number;
}

export interface Order {
  id: string;
  customerId: string;
  status: OrderStatus;
  items: OrderItem[];
  total: Money;
  notes: string | null;
  createdAt: string;
  cancelledAt: string | null;
  cancellationReason: string | null;
}

export interface Store {
  customers: Map<string, Customer>;
  products: Map<string, Product>;
  orders: Map<string, Order>;
  nextCustomerId(): string;
  nextOrderId(): string;
}

/** A fresh in-memory store with deterministic demo data; every app gets its own. */
export function createStore(): Store {
  const customers = byId(seedCustomers());
  const products = byId(seedProducts());
  const orders = byId(seedOrders());
  let customerCounter = customers.size;
  let orderCounter = orders.size;
  return {
    customers,
    products,
    orders,
    nextCustomerId: () => formatId('cus', ++customerCounter),
    nextOrderId: () => formatId('ord', ++orderCounter),
  };
}

function formatId(prefix: string, n: number): string {
  return `${prefix}_${String(n).padStart(3, '0')}`;
}

function byId<T extends { id: string }>(records: T[]): Map<string, T> {
  return new Map(records.map((record) => [record.id, record]));
}

function seedCustomers(): Customer[] {
  return [
    {
      id: 'cus_001',
      name: 'Samer',
      email: 'samer@example.com',
      phone: '+971 50 555 0101',
      company: 'Gulf Trading LLC',
      status: 'active',
      createdAt: '2026-01-15T09:00:00.000Z',
    },
    {
      id: 'cus_002',
      name: 'Layla Haddad',
      email: 'layla.haddad@example.com',
      phone: '+971 4 555 0142',
      company: 'Haddad Design Studio',
      status: 'active',
      createdAt: '2026-01-16T11:30:00.000Z',
    },
    {
      id: 'cus_003',
      name: 'Omar Khalid',
      email: 'omar.khalid@example.com',
      phone: null,
      company: null,
      status: 'prospect',
      createdAt: '2026-01-18T14:45:00.000Z',
    },
  ];
}

function seedProducts(): Product[] {
  return [
    {
      id: 'prd_001',
      name: 'MCP Integration Package',
      description: 'Design, build and roll out an MCP server for one internal API, including a governance review.',
      category: 'services',
      price: { amount: 15000, currency: 'AED' },
      active: true,
    },
    {
      id: 'prd_002',
      name: 'API Gateway License',
      description: 'Annual license for the API gateway, covering one production environment.',
      category: 'software',
      price: { amount: 4800, currency: 'AED' },
      active: true,
    },
    {
      id: 'prd_003',
      name: 'Edge Router X2',
      description: 'Rack-mounted edge router. Discontinued; kept for existing orders.',
      category: 'hardware',
      price: { amount: 2300, currency: 'AED' },
      active: false,
    },
  ];
}

function seedOrders(): Order[] {
  return [
    {
      id: 'ord_001',
      customerId: 'cus_001',
      status: 'pending',
      items: [
        {
          productId: 'prd_001',
          productName: 'MCP Integration Package',
          quantity: 1,
          unitPrice: 15000,
          lineTotal: 15000,
        },
        { productId: 'prd_002', productName: 'API Gateway License', quantity: 2, unitPrice: 4800, lineTotal: 9600 },
      ],
      total: { amount: 24600, currency: 'AED' },
      notes: 'Kick-off workshop requested for early February.',
      createdAt: '2026-01-20T10:30:00.000Z',
      cancelledAt: null,
      cancellationReason: null,
    },
  ];
}
