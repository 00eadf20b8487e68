import { describe, expect, it } from 'vitest';
import { serveFetchHandler } from './serve.js';

describe('serveFetchHandler', () => {
  it('serves a fetch handler over real HTTP, passing method, path, headers and body through', async () => {
    const seen: { method: string; url: string; key: string | null; body: string }[] = [];
    const served = await serveFetchHandler(async (request) => {
      seen.push({ method: request.method, url: new URL(request.url).pathname + new URL(request.url).search, key: request.headers.get('idempotency-key'), body: await request.text() });
      return new Response('{"ok":true}', { status: 201, headers: { 'content-type': 'application/json', 'x-extra': 'yes' } });
    });
    try {
      expect(served.origin).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      const response = await fetch(`${served.origin}/v1/pets?x=1`, { method: 'POST', headers: { 'idempotency-key': 'k-1', 'content-type': 'application/json' }, body: '{"name":"Rex"}' });
      expect(response.status).toBe(201);
      expect(response.headers.get('x-extra')).toBe('yes');
      expect(await response.json()).toEqual({ ok: true });
      expect(seen).toEqual([{ method: 'POST', url: '/v1/pets?x=1', key: 'k-1', body: '{"name":"Rex"}' }]);
    } finally {
      await served.close();
    }
    await expect(fetch(`${served.origin}/v1/pets`)).rejects.toThrow();
  });

  it('answers 500 when the handler throws', async () => {
    const served = await serveFetchHandler(async () => {
      throw new Error('bug');
    });
    try {
      expect((await fetch(`${served.origin}/`)).status).toBe(500);
    } finally {
      await served.close();
    }
  });
});
