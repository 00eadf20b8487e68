import { describe, expect, it } from 'vitest';
import { ConnectError } from './errors.js';
import type { StatusUpdate } from './status.js';
import type { UpdateOutcome } from './status-sync.js';
import { createWebhookHandler, signWebhook, webhookProblemTypes } from './webhook.js';

const secret = 'a-long-shared-secret-for-tests';
const now = Date.parse('2026-11-24T09:00:00Z');
const seconds = Math.floor(now / 1000);
const update = { id: 'u-1', reference: 'WM-1', status: 'fixed', updatedAt: '2026-11-24T08:59:00+00:00' };

function setup(options: { failApply?: boolean } = {}) {
  const flags = { ...options };
  const applied: Array<{ backOffice: string; update: StatusUpdate }> = [];
  const handler = createWebhookHandler({
    secret: ['an-older-secret-still-accepted', secret],
    backOffice: 'waste',
    now: () => now,
    sync: {
      async apply(backOffice, received): Promise<UpdateOutcome> {
        if (flags.failApply) throw new Error('store down');
        applied.push({ backOffice, update: received });
        return { backOffice, updateId: received.id, status: received.status, outcome: 'transitioned', caseId: 'case-1', detail: 'moved' };
      },
    },
  });
  return { handler, applied, flags };
}

async function signed(body: string, overrides: { timestamp?: number; deliveryId?: string; key?: string } = {}): Promise<Request> {
  const headers = await signWebhook({ secret: overrides.key ?? secret, body, deliveryId: overrides.deliveryId ?? 'd-1', timestamp: overrides.timestamp ?? seconds });
  return new Request('https://crm.test/hooks/waste', { method: 'POST', body, headers: { ...headers, 'content-type': 'application/json' } });
}

async function problemType(response: Response): Promise<string> {
  expect(response.headers.get('content-type')).toBe('application/problem+json');
  return ((await response.json()) as { type: string }).type;
}

describe('createWebhookHandler', () => {
  it('applies a correctly signed update', async () => {
    const { handler, applied } = setup();
    const response = await handler(await signed(JSON.stringify(update)));
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ received: 1, outcomes: [{ updateId: 'u-1', outcome: 'transitioned', caseId: 'case-1' }] });
    expect(applied).toEqual([{ backOffice: 'waste', update }]);
  });

  it('accepts a batch and any of the rotating secrets', async () => {
    const { handler, applied } = setup();
    const body = JSON.stringify({ updates: [update, { ...update, id: 'u-2', status: 'closed' }] });
    const response = await handler(await signed(body, { key: 'an-older-secret-still-accepted' }));
    expect(response.status).toBe(200);
    expect(applied.map((a) => a.update.id)).toEqual(['u-1', 'u-2']);
  });

  it('rejects a bad signature, a tampered body and missing headers with problem+json', async () => {
    const { handler, applied } = setup();
    const forged = await handler(await signed(JSON.stringify(update), { key: 'not-the-right-secret-at-all' }));
    expect(forged.status).toBe(401);
    expect(await problemType(forged)).toBe(webhookProblemTypes.badSignature);

    const good = await signed(JSON.stringify(update));
    const tampered = new Request(good.url, { method: 'POST', headers: good.headers, body: JSON.stringify({ ...update, status: 'cancelled' }) });
    expect(await problemType(await handler(tampered))).toBe(webhookProblemTypes.badSignature);

    const bare = await handler(new Request('https://crm.test/hooks/waste', { method: 'POST', body: '{}' }));
    expect(bare.status).toBe(400);
    expect(await problemType(bare)).toBe(webhookProblemTypes.missingHeaders);

    const get = await handler(new Request('https://crm.test/hooks/waste'));
    expect(get.status).toBe(405);
    expect(applied).toEqual([]);
  });

  it('rejects timestamps outside the tolerance, either way', async () => {
    const { handler } = setup();
    for (const timestamp of [seconds - 301, seconds + 301]) {
      const response = await handler(await signed(JSON.stringify(update), { timestamp }));
      expect(response.status).toBe(401);
      expect(await problemType(response)).toBe(webhookProblemTypes.staleTimestamp);
    }
    expect((await handler(await signed(JSON.stringify(update), { timestamp: seconds - 299 }))).status).toBe(200);
  });

  it('refuses a replayed delivery id, even re-signed', async () => {
    const { handler, applied } = setup();
    expect((await handler(await signed(JSON.stringify(update)))).status).toBe(200);
    const replay = await handler(await signed(JSON.stringify(update), { timestamp: seconds + 5 }));
    expect(replay.status).toBe(409);
    expect(await problemType(replay)).toBe(webhookProblemTypes.replayed);
    expect(applied).toHaveLength(1);
  });

  it('refuses a body that is not a status update, explaining why', async () => {
    const { handler } = setup();
    const response = await handler(await signed(JSON.stringify({ id: 'u-1' })));
    expect(response.status).toBe(422);
    const body = (await response.json()) as { type: string; detail: string };
    expect(body.type).toBe(webhookProblemTypes.invalidBody);
    expect(body.detail).toContain('reference');
    expect((await handler(await signed('not json', { deliveryId: 'd-2' }))).status).toBe(422);
  });

  it('answers 503 and lets the same delivery be retried when applying fails', async () => {
    const failing = setup({ failApply: true });
    const response = await failing.handler(await signed(JSON.stringify(update)));
    expect(response.status).toBe(503);
    expect(response.headers.get('retry-after')).toBe('30');
    expect(await problemType(response)).toBe(webhookProblemTypes.unavailable);
    failing.flags.failApply = false;
    expect((await failing.handler(await signed(JSON.stringify(update)))).status).toBe(200);
    expect(failing.applied).toHaveLength(1);
  });

  it('refuses short secrets at creation', () => {
    expect(() => createWebhookHandler({ secret: 'short', backOffice: 'waste', sync: { apply: async () => ({}) as UpdateOutcome } })).toThrow(ConnectError);
  });
});
