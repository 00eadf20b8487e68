import { signWebhook } from '@councilkit/connect';
import { missedCollectionCaseData } from '@councilkit/waste';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { binDaysFor } from '../src/back-offices/bin-days.js';
import { type RunningApp, createClient, problemOf, startApp } from './harness.js';

const secret = 'waste-webhook-secret-for-tests';
let running: RunningApp;
beforeAll(async () => {
  running = await startApp({ seedResidents: 20, workers: false, webhookSecrets: { waste: secret } });
});
afterAll(async () => {
  await running.stop();
});

describe('status pushed by a back office to the signed webhook', () => {
  it('moves the case on a good signature, and refuses a forged one without changing anything', async () => {
    const { services } = running.app;
    let raised: { id: string; version: number } | undefined;
    const client = createClient(running.url);
    const csrf = await client.signIn('supervisor', 'supervisor-password-demo');
    for (const property of services.waste.mock!.properties()) {
      const bins = await binDaysFor(services.waste, property.uprn);
      const service = bins.status === 'ok' ? bins.data.raw.find((s) => bins.data.services.find((p) => p.id === s.id)?.reportable) : undefined;
      if (!service || bins.status !== 'ok') continue;
      const response = await client.json(
        '/api/cases',
        'POST',
        { caseType: 'waste.missed-collection', channel: 'phone', data: missedCollectionCaseData({ property: bins.data.property, service }) },
        { 'x-csrf-token': csrf, 'idempotency-key': 'webhook-test-raise' },
      );
      raised = (await response.json()) as { id: string; version: number };
      break;
    }
    expect(raised).toBeDefined();
    await client.json(`/api/cases/${raised!.id}/transitions`, 'POST', { transition: 'refer', expectedVersion: raised!.version }, { 'x-csrf-token': csrf, 'idempotency-key': 'webhook-test-refer' });
    await services.runWorkersOnce();
    const reference = (await services.store.getCase(raised!.id))!.externalReferences.find((r) => r.system === 'waste')!.reference;

    const body = JSON.stringify({ id: `push-${reference}`, reference, status: 'fixed', updatedAt: new Date().toISOString(), description: 'Collected' });
    const forged = await fetch(`${running.url}/webhooks/waste`, {
      method: 'POST',
      body,
      headers: { ...(await signWebhook({ secret: 'not-the-shared-secret-at-all', body, deliveryId: 'd-forged' })), 'content-type': 'application/json' },
    });
    expect(forged.status).toBeGreaterThanOrEqual(400);
    expect(forged.status).toBeLessThan(500);
    await problemOf(forged);
    expect(await services.store.getCase(raised!.id)).toMatchObject({ state: 'referred' });

    const signed = await fetch(`${running.url}/webhooks/waste`, {
      method: 'POST',
      body,
      headers: { ...(await signWebhook({ secret, body, deliveryId: 'd-1' })), 'content-type': 'application/json' },
    });
    expect(signed.status).toBeLessThan(300);
    expect(await services.store.getCase(raised!.id)).toMatchObject({ status: 'resolved' });

    const replay = await fetch(`${running.url}/webhooks/waste`, {
      method: 'POST',
      body,
      headers: { ...(await signWebhook({ secret, body, deliveryId: 'd-1' })), 'content-type': 'application/json' },
    });
    expect(replay.status).toBeGreaterThanOrEqual(400);
    expect((await fetch(`${running.url}/webhooks/parking`, { method: 'POST', body })).status).toBe(404);
  });
});
