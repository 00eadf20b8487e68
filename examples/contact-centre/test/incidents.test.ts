import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { missedCollectionCaseData } from '@councilkit/waste';
import { binDaysFor } from '../src/back-offices/bin-days.js';
import { type RunningApp, createClient, problemOf, startApp } from './harness.js';

let running: RunningApp;
beforeAll(async () => {
  running = await startApp({ seedResidents: 50, workers: false, dispatcherRetry: { maxAttempts: 1 } });
});
afterAll(async () => {
  await running.stop();
});

describe('supervisor incidents', () => {
  it('a referral the back office keeps refusing becomes an incident; a supervisor retries it and it is delivered', async () => {
    const { services } = running.app;
    const mock = services.waste.mock!;
    // Find a bin collection that can be reported now.
    let found: { uprn: number; serviceId: string } | undefined;
    for (const property of mock.properties()) {
      const bins = await binDaysFor(services.waste, property.uprn);
      const service = bins.status === 'ok' ? bins.data.services.find((s) => s.reportable) : undefined;
      if (service) {
        found = { uprn: property.uprn, serviceId: service.id };
        break;
      }
    }
    expect(found).toBeDefined();
    const property = await services.waste.client.getProperty(found!.uprn);
    const { services: bins } = await services.waste.client.getPropertyServices(found!.uprn);
    const service = bins.find((s) => s.id === found!.serviceId)!;

    const supervisor = createClient(running.url);
    const csrf = await supervisor.signIn('supervisor', 'supervisor-password-demo');
    const raised = await supervisor.json(
      '/api/cases',
      'POST',
      { caseType: 'waste.missed-collection', channel: 'phone', data: missedCollectionCaseData({ property, service }) },
      { 'x-csrf-token': csrf, 'idempotency-key': 'incident-test-raise' },
    );
    expect(raised.status).toBe(201);
    const created = (await raised.json()) as { id: string; version: number };

    mock.faults.inject({ operation: 'reportMissedCollection', kind: 'error', status: 503, times: 1 });
    const referred = await supervisor.json(
      `/api/cases/${created.id}/transitions`,
      'POST',
      { transition: 'refer', expectedVersion: created.version },
      { 'x-csrf-token': csrf, 'idempotency-key': 'incident-test-refer' },
    );
    expect(referred.status).toBe(200);
    await services.runWorkersOnce();

    const listed = (await (await supervisor.request('/api/incidents')).json()) as { incidents: Array<{ messageId: string; caseId: string }> };
    const incident = listed.incidents.find((i) => i.caseId === created.id);
    expect(incident).toBeDefined();
    const html = await (await supervisor.request('/incidents')).text();
    expect(html).toContain(created.id);

    const agent = createClient(running.url);
    const agentCsrf = await agent.signIn();
    expect((await agent.request('/api/incidents')).status).toBe(403);
    const refused = await agent.json(`/api/incidents/${incident!.messageId}/retry`, 'POST', {}, { 'x-csrf-token': agentCsrf });
    expect(refused.status).toBe(403);
    expect((await problemOf(refused)).type).toBe('/problems/forbidden');
    expect((await agent.request('/incidents')).status).toBe(403);

    const forged = await supervisor.form(`/incidents/${incident!.messageId}/retry`, { _csrf: 'forged' });
    expect(forged.status).toBe(403);
    const retried = await supervisor.json(`/api/incidents/${incident!.messageId}/retry`, 'POST', {}, { 'x-csrf-token': csrf });
    expect(retried.status).toBe(202);
    await services.runWorkersOnce();
    const delivered = await services.store.getCase(created.id);
    expect(delivered?.externalReferences.some((r) => r.system === 'waste')).toBe(true);
    expect(((await (await supervisor.request('/api/incidents')).json()) as { incidents: unknown[] }).incidents).toHaveLength(0);
  });
});
