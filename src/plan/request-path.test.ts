import { describe, expect, it } from 'vitest';
import { requestPathTemplate } from './request-path.js';

describe('requestPathTemplate', () => {
  it('leaves ordinary paths and templates as they are', () => {
    expect(requestPathTemplate('/customers/{customerId}/orders')).toBe('/customers/{customerId}/orders');
    expect(requestPathTemplate("/a:b@c/!$&'()*+,;=~._-")).toBe("/a:b@c/!$&'()*+,;=~._-");
  });

  it('encodes what a URL parser would change or read as the end of the path', () => {
    expect(requestPathTemplate('/notes/"q\\back`tick`/{id}')).toBe('/notes/%22q%5Cback%60tick%60/{id}');
    expect(requestPathTemplate('/a?b#c d')).toBe('/a%3Fb%23c%20d');
    expect(requestPathTemplate('/café/{x}')).toBe('/caf%C3%A9/{x}');
  });

  it('keeps existing escapes and encodes a lone percent sign', () => {
    expect(requestPathTemplate('/a%2Fb/100%')).toBe('/a%2Fb/100%25');
  });

  it('gives the path a URL parser keeps unchanged', () => {
    const path = requestPathTemplate('/x/"\\`<>^|[]{}/{id}/\u0000\ud800');
    const filled = path.replace('{id}', '1');
    expect(new URL(`http://h${filled}`).pathname).toBe(filled);
  });
});
