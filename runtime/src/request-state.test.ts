import { describe, expect, it } from 'vitest';
import { SealedRequestState } from './request-state.js';
import { MemoryStore } from './store.js';

const secret = Buffer.alloc(32, 3);
const claims = {
  tool: 'create_order',
  args: { customerId: 'cus_1', items: [{ q: 1 }] },
  principal: 'stdio',
};

function sealed(ttlSeconds = 300, store = new MemoryStore()) {
  return new SealedRequestState({ secret, ttlSeconds, store });
}

describe('sealed request state', () => {
  it('opens once for the same tool, arguments and caller, then is refused as a replay', async () => {
    const state = sealed();
    const wire = await state.seal(claims);
    expect(await state.open({ state: wire, ...claims })).toEqual({ ok: true });
    expect(await state.open({ state: wire, ...claims })).toMatchObject({
      ok: false,
      code: 'confirmation_replayed',
    });
  });

  it('is single-use across instances that share the secret and the store', async () => {
    const store = new MemoryStore();
    const wire = await sealed(300, store).seal(claims);
    expect(await sealed(300, store).open({ state: wire, ...claims })).toEqual({ ok: true });
    expect(await sealed(300, store).open({ state: wire, ...claims })).toMatchObject({
      code: 'confirmation_replayed',
    });
  });

  it('refuses other arguments (key order does not matter), another tool and another caller', async () => {
    const state = sealed();
    const wire = await state.seal(claims);
    const reordered = { items: [{ q: 1 }], customerId: 'cus_1' };
    expect(
      await state.open({ state: wire, ...claims, args: { ...reordered, customerId: 'cus_2' } }),
    ).toMatchObject({ code: 'confirmation_mismatch' });
    expect(await state.open({ state: wire, ...claims, tool: 'cancel_order' })).toMatchObject({
      code: 'confirmation_mismatch',
    });
    expect(await state.open({ state: wire, ...claims, principal: 'token:other' })).toMatchObject({
      code: 'confirmation_mismatch',
    });
    // The mismatches spent nothing: the rightful retry still runs.
    expect(await state.open({ state: wire, ...claims, args: reordered })).toEqual({ ok: true });
  });

  it('refuses tampered, malformed, foreign-key and expired state', async () => {
    const state = sealed();
    const wire = await state.seal(claims);
    const [version, payload, mac] = wire.split('.');
    const forged = Buffer.from(payload ?? '', 'base64url')
      .toString('utf8')
      .replace('stdio', 'admin');
    const tampered = `${version}.${Buffer.from(forged).toString('base64url')}.${mac}`;
    expect(await state.open({ state: tampered, ...claims, principal: 'admin' })).toMatchObject({
      code: 'confirmation_invalid',
    });
    expect(await state.open({ state: 'not-state', ...claims })).toMatchObject({
      code: 'confirmation_invalid',
    });
    const foreign = new SealedRequestState({
      secret: Buffer.alloc(32, 9),
      ttlSeconds: 300,
      store: new MemoryStore(),
    });
    expect(await foreign.open({ state: wire, ...claims })).toMatchObject({
      code: 'confirmation_invalid',
    });
    const shortLived = sealed(1);
    const expiring = await shortLived.seal(claims);
    await new Promise((resolve) => setTimeout(resolve, 2_100));
    expect(await shortLived.open({ state: expiring, ...claims })).toMatchObject({
      code: 'confirmation_invalid',
    });
  });
});
