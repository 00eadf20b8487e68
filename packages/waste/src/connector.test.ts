import { createCaseEngine, createMemoryStore } from '@councilkit/cases';
import type { Actor } from '@councilkit/cases';
import { createTestClock } from '@councilkit/cases/testing';
import { createDispatcher, createStatusSync } from '@councilkit/connect';
import { setupServer } from 'msw/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWasteCaseTypes, createWasteClient, defineWasteBackOffice, missedCollectionCaseData, WASTE_FIXTURES, wasteStatusMap } from './index.js';
import { createWasteBackOffice, wasteHandlers } from './mock/index.js';

const baseUrl = 'https://waste.test/v1';
const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterAll(() => server.close());
const agent: Actor = { id: 'agent-1', teams: ['contact-centre'] };

describe('defineWasteBackOffice with connect', () => {
  it('delivers a referral through the dispatcher, records the reference, survives a 503, and syncs status back', async () => {
    const clock = createTestClock('2026-03-04T10:00:00Z');
    const backOffice = createWasteBackOffice({ seed: 4, now: () => clock.now() });
    server.resetHandlers(...wasteHandlers(backOffice, { baseUrl }));
    const store = createMemoryStore();
    const engine = createCaseEngine({ store, caseTypes: createWasteCaseTypes().all, clock });
    const waste = defineWasteBackOffice({ baseUrl });
    const dispatcher = createDispatcher({ store, engine, backOffices: [waste], workerId: 'w1', clock, retry: { baseMs: 10, maxMs: 10 } });
    const sync = createStatusSync({ store, engine, backOffices: [waste], statusMap: { ...wasteStatusMap } });

    const client = createWasteClient({ baseUrl });
    const property = await client.getProperty(WASTE_FIXTURES.uprn);
    const { services } = await client.getPropertyServices(WASTE_FIXTURES.uprn);
    const data = missedCollectionCaseData({ property, service: services.find((s) => s.id === 'food')! });
    const { caseId } = await engine.open({ actor: agent, idempotencyKey: 'o', caseType: 'waste.missed-collection', channel: 'phone', data });
    await engine.transition({ actor: agent, idempotencyKey: 'r', caseId, transition: 'refer' });

    backOffice.faults.inject({ operation: 'reportMissedCollection', kind: 'error', status: 503, times: 1 });
    const first = await dispatcher.dispatchOnce();
    expect(first).toMatchObject({ claimed: 1, delivered: 0, retried: 1 });
    clock.advance({ minutes: 1 });
    const second = await dispatcher.dispatchOnce();
    expect(second).toMatchObject({ claimed: 1, delivered: 1 });

    const reported = backOffice.requests().filter((r) => r.type === 'missed-collection' && r.serviceId === 'food' && r.status === 'open');
    expect(reported).toHaveLength(1);
    const view = await engine.getCase({ actor: agent, caseId });
    expect(view.case.externalReferences.map((r) => r.reference)).toEqual([reported[0]!.reference]);

    backOffice.complete(reported[0]!.reference);
    await sync.poll();
    expect((await engine.getCase({ actor: agent, caseId })).case.state).toBe('resolved');
  });
});
