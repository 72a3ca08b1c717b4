import { describe, expect, it } from 'vitest';
import { planToolNames } from './names.js';

describe('planToolNames', () => {
  it('gives tools that fold to the same words numbered modules, in order', () => {
    expect(planToolNames(['get_order', 'getOrder', 'Get-Order']).map((names) => names.fileBase)).toEqual([
      'get-order',
      'get-order-2',
      'get-order-3',
    ]);
  });

  it('never lets a tool module take the place of src/tools/index.ts or listings.ts', () => {
    const [index, listings, other] = planToolNames(['index', 'Listings', 'list_orders']);
    expect(index).toMatchObject({ fileBase: 'index-2', constName: 'index2Tool' });
    expect(listings).toMatchObject({ fileBase: 'listings-2', constName: 'listings2Tool' });
    expect(other?.fileBase).toBe('list-orders');
  });
});
