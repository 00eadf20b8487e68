import { describe, expect, it } from 'vitest';
import { IDEMPOTENCY_KEY_PATTERN, createIdempotencyStore, fingerprintOf } from './idempotency.js';

const reused = () => new Response('reused', { status: 422 });
const created = (reference: string) => async () => new Response(JSON.stringify({ reference }), { status: 201, headers: { 'content-type': 'application/json' } });

describe('createIdempotencyStore', () => {
  it('replays the first answer for the same key and request, and refuses a different request', async () => {
    const store = createIdempotencyStore({ reused });
    const first = await store.run('k1', 'POST /pets {"name":"Rex"}', created('P-1'));
    expect(await first.json()).toEqual({ reference: 'P-1' });
    expect(first.headers.get('idempotency-replayed')).toBeNull();
    const again = await store.run('k1', 'POST /pets {"name":"Rex"}', created('P-2'));
    expect(again.status).toBe(201);
    expect(again.headers.get('content-type')).toBe('application/json');
    expect(again.headers.get('idempotency-replayed')).toBe('true');
    expect(await again.json()).toEqual({ reference: 'P-1' });
    const other = await store.run('k1', 'POST /pets {"name":"Fido"}', created('P-3'));
    expect(other.status).toBe(422);
  });

  it('does not keep 5xx answers or work that throws, so a retry can succeed', async () => {
    const store = createIdempotencyStore({ reused });
    expect((await store.run('k', 'f', async () => new Response(null, { status: 503 }))).status).toBe(503);
    await expect(store.run('k', 'f', async () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    expect(await (await store.run('k', 'f', created('P-9'))).json()).toEqual({ reference: 'P-9' });
  });

  it('replays an answer without a body', async () => {
    const store = createIdempotencyStore({ reused });
    await store.run('k', 'f', async () => new Response(null, { status: 204 }));
    const again = await store.run('k', 'f', async () => new Response('{}', { status: 200 }));
    expect(again.status).toBe(204);
    expect(await again.text()).toBe('');
  });

  it('answers inFlight while the first request with the key is still running, when asked to', async () => {
    const store = createIdempotencyStore({ reused, inFlight: () => new Response(null, { status: 409, headers: { 'retry-after': '1' } }) });
    let release: () => void = () => undefined;
    const slow = store.run('k', 'f', () => new Promise<Response>((resolve) => (release = () => resolve(new Response('{"n":1}', { status: 201 })))));
    const second = await store.run('k', 'f', created('P-2'));
    expect(second.status).toBe(409);
    release();
    expect(await (await slow).json()).toEqual({ n: 1 });
    expect((await store.run('k', 'f', created('P-3'))).headers.get('idempotency-replayed')).toBe('true');
  });

  it('forgets the oldest answer past its limit', async () => {
    const store = createIdempotencyStore({ reused, limit: 1 });
    await store.run('a', 'f', created('A'));
    await store.run('b', 'f', created('B'));
    expect(await (await store.run('a', 'g', created('A2'))).json()).toEqual({ reference: 'A2' });
  });
});

describe('fingerprintOf', () => {
  it('ignores key order but not values, method or path', () => {
    const body = { b: [{ y: 1, x: 2 }], a: 'z' };
    expect(fingerprintOf('POST', '/p', body)).toBe(fingerprintOf('POST', '/p', { a: 'z', b: [{ x: 2, y: 1 }] }));
    expect(fingerprintOf('POST', '/p', body)).not.toBe(fingerprintOf('POST', '/p', { a: 'z', b: [{ x: 2, y: 2 }] }));
    expect(fingerprintOf('POST', '/p', body)).not.toBe(fingerprintOf('PUT', '/p', body));
    expect(fingerprintOf('POST', '/p', body)).not.toBe(fingerprintOf('POST', '/q', body));
  });
});

describe('IDEMPOTENCY_KEY_PATTERN', () => {
  it('takes 1-128 printable ASCII characters', () => {
    expect(IDEMPOTENCY_KEY_PATTERN.test('outbox-42:refer')).toBe(true);
    expect(IDEMPOTENCY_KEY_PATTERN.test('')).toBe(false);
    expect(IDEMPOTENCY_KEY_PATTERN.test('has space')).toBe(false);
    expect(IDEMPOTENCY_KEY_PATTERN.test('x'.repeat(129))).toBe(false);
  });
});

describe('createIdempotencyStore with two copies of one write at once', () => {
  it('works on it once and gives the second copy the same answer', async () => {
    const store = createIdempotencyStore({ reused });
    let applied = 0;
    const work = async () => {
      applied += 1;
      await new Promise((resolve) => setTimeout(resolve, 5));
      return new Response(JSON.stringify({ applied }), { status: 201 });
    };
    const [first, second] = await Promise.all([store.run('k', 'f', work), store.run('k', 'f', work)]);
    expect(applied).toBe(1);
    expect(await second.json()).toEqual(await first.json());
    expect(second.headers.get('idempotency-replayed')).toBe('true');
  });

  it('works on the second copy afresh when the first leaves nothing to replay', async () => {
    const store = createIdempotencyStore({ reused });
    let calls = 0;
    const work = async () => {
      calls += 1;
      await new Promise((resolve) => setTimeout(resolve, 5));
      return new Response(null, { status: calls === 1 ? 503 : 201 });
    };
    const [first, second] = await Promise.all([store.run('k', 'f', work), store.run('k', 'f', work)]);
    expect([first.status, second.status]).toEqual([503, 201]);
  });
});
