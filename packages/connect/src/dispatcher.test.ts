import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { defineBackOffice } from './back-office.js';
import { createDispatcher } from './dispatcher.js';
import type { DispatchEvent, DispatcherOptions } from './dispatcher.js';
import { ConnectError } from './errors.js';
import { problemResponse } from './problem.js';
import { addOutbox, createFakeEngine, createMemoryStore, manualClock, outboxMessage, seedCase, T0 } from './test-helpers.js';

const base = 'https://waste.test/api';
const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

const wasteDefinition = {
  name: 'waste',
  title: 'the waste system',
  baseUrl: base,
  caseTypes: ['waste.missed-collection'],
  operations: {
    report: {
      method: 'POST',
      path: '/missed-collections',
      request: z.object({ uprn: z.number(), serviceId: z.string() }),
      response: z.object({ reference: z.string() }),
    },
  },
} as const;

const waste = defineBackOffice({
  ...wasteDefinition,
  outbox: { reportMissedCollection: { operation: 'report', reference: (response) => response.reference } },
});

/** A back office that de-duplicates by Idempotency-Key and can be told to fail. */
function backOffice() {
  const byKey = new Map<string, string>();
  const hits: string[] = [];
  let failures: Array<() => Response> = [];
  server.use(
    http.post(`${base}/missed-collections`, ({ request }) => {
      const key = request.headers.get('idempotency-key') ?? '';
      hits.push(key);
      const fail = failures.shift();
      if (fail) return fail();
      const reference = byKey.get(key) ?? `WM-${byKey.size + 1}`;
      byKey.set(key, reference);
      return HttpResponse.json({ reference }, { status: 201 });
    }),
  );
  return {
    hits,
    created: () => byKey.size,
    failNext: (...responses: Array<() => Response>) => {
      failures = responses;
    },
  };
}

async function setup(overrides: Partial<DispatcherOptions> = {}) {
  const store = createMemoryStore();
  const engine = createFakeEngine(store);
  const clock = manualClock();
  const events: DispatchEvent[] = [];
  const dispatcher = createDispatcher({
    store,
    engine,
    backOffices: [waste],
    clock,
    workerId: 'd1',
    retry: { maxAttempts: 3, baseMs: 1000, maxMs: 60_000 },
    circuitBreaker: { failureThreshold: 5, openMs: 30_000 },
    random: () => 0.5,
    onEvent: (event) => events.push(event),
    ...overrides,
  });
  return { store, engine, clock, dispatcher, events };
}

const unavailable = (headers: Record<string, string> = {}) => () => new HttpResponse(null, { status: 503, headers });

describe('createDispatcher', () => {
  it('delivers once with the Idempotency-Key and records the reference on the case', async () => {
    const office = backOffice();
    const { store, engine, dispatcher } = await setup();
    await seedCase(store, 'case-1');
    await addOutbox(store, 'case-1', [outboxMessage('case-1')]);

    expect(await dispatcher.dispatchOnce()).toEqual({ claimed: 1, delivered: 1, retried: 0, incidents: 0, deferred: 0, leaseLost: 0 });
    expect(office.hits).toEqual(['case-1:refer']);
    const message = await store.getOutboxMessage('msg-case-1');
    expect(message).toMatchObject({ status: 'delivered', attempts: 1, result: { reference: 'WM-1', response: { reference: 'WM-1' } } });
    expect((await store.getCase('case-1'))?.externalReferences).toMatchObject([{ system: 'waste', reference: 'WM-1' }]);
    expect(engine.calls.find((call) => call.command === 'recordExternalReference')?.input).toMatchObject({ idempotencyKey: 'case-1:refer:reference' });
    expect(await dispatcher.dispatchOnce()).toMatchObject({ claimed: 0 });
    expect(office.hits).toHaveLength(1);
  });

  it('does not start a message whose lease was spent while it queued behind a slow one', async () => {
    const office = backOffice();
    const store = createMemoryStore();
    const fake = createFakeEngine(store);
    // Delivery itself is quick; recording the reference on the case is slow, so the
    // first message finishes inside its lease and the second's share runs out first.
    const engine: typeof fake = {
      ...fake,
      recordExternalReference: async (input) => {
        await new Promise((resolve) => setTimeout(resolve, 450));
        return fake.recordExternalReference(input);
      },
    };
    const dispatcher = createDispatcher({ store, engine, backOffices: [waste], clock: manualClock(), workerId: 'd1', leaseMs: 500, concurrency: 1, batchSize: 2 });
    await seedCase(store, 'case-1');
    await seedCase(store, 'case-2');
    await addOutbox(store, 'case-1', [outboxMessage('case-1')]);
    await addOutbox(store, 'case-2', [outboxMessage('case-2')]);

    expect(await dispatcher.dispatchOnce()).toMatchObject({ claimed: 2, delivered: 1 });
    expect(office.hits).toHaveLength(1);
    const other = office.hits[0] === 'case-1:refer' ? 'case-2' : 'case-1';
    expect(await store.getOutboxMessage(`msg-${other}`)).toMatchObject({ status: 'pending', attempts: 1 });
  });

  it('retries a 503 after Retry-After (seconds), then delivers', async () => {
    const office = backOffice();
    office.failNext(unavailable({ 'retry-after': '120' }));
    const { store, clock, dispatcher, events } = await setup();
    await seedCase(store, 'case-1');
    await addOutbox(store, 'case-1', [outboxMessage('case-1')]);

    expect(await dispatcher.dispatchOnce()).toMatchObject({ claimed: 1, retried: 1 });
    const waiting = await store.getOutboxMessage('msg-case-1');
    expect(waiting).toMatchObject({ status: 'pending', nextAttemptAt: new Date(T0 + 120_000).toISOString() });
    expect(waiting?.lastError).toContain('HTTP 503');
    expect(events[0]).toMatchObject({ type: 'retry-scheduled' });

    clock.advance(119_000);
    expect(await dispatcher.dispatchOnce()).toMatchObject({ claimed: 0 });
    clock.advance(1000);
    expect(await dispatcher.dispatchOnce()).toMatchObject({ claimed: 1, delivered: 1 });
    expect(office.hits).toEqual(['case-1:refer', 'case-1:refer']);
    expect(office.created()).toBe(1);
  });

  it('honours Retry-After as an HTTP date, and uses jittered backoff when it is absent', async () => {
    const office = backOffice();
    office.failNext(unavailable({ 'retry-after': new Date(T0 + 45_000).toUTCString() }), unavailable());
    const { store, clock, dispatcher } = await setup();
    await seedCase(store, 'case-1');
    await addOutbox(store, 'case-1', [outboxMessage('case-1')]);
    await dispatcher.dispatchOnce();
    expect((await store.getOutboxMessage('msg-case-1'))?.nextAttemptAt).toBe(new Date(T0 + 45_000).toISOString());
    clock.set(T0 + 45_000);
    await dispatcher.dispatchOnce();
    // Second attempt failed: full jitter with random 0.5 over a ceiling of 2 * baseMs.
    expect((await store.getOutboxMessage('msg-case-1'))?.nextAttemptAt).toBe(new Date(T0 + 45_000 + 1000).toISOString());
  });

  it('makes an incident after the last attempt, noted on the case; a supervisor retry gets a fresh round', async () => {
    const office = backOffice();
    office.failNext(unavailable(), unavailable(), unavailable(), unavailable());
    const { store, engine, clock, dispatcher } = await setup();
    await seedCase(store, 'case-1');
    await addOutbox(store, 'case-1', [outboxMessage('case-1')]);

    for (let round = 0; round < 3; round += 1) {
      await dispatcher.dispatchOnce();
      clock.advance(60_000);
    }
    const parked = await store.getOutboxMessage('msg-case-1');
    expect(parked).toMatchObject({ status: 'incident', attempts: 3 });
    expect(parked?.incidentReason).toMatch(/^Gave up after 3 attempts\. Last error: The waste system is unavailable \(HTTP 503\)/);
    const incidents = await dispatcher.incidents();
    expect(incidents).toEqual([
      expect.objectContaining({ messageId: 'msg-case-1', caseId: 'case-1', destination: 'waste', reason: parked?.incidentReason }),
    ]);
    const notes = (await store.listEvents('case-1')).filter((event) => event.type === 'note-added');
    expect(notes.map((n) => n.payload.text)).toEqual([`Could not send to the waste system: ${parked?.incidentReason}`]);
    expect(await dispatcher.dispatchOnce()).toMatchObject({ claimed: 0 });

    const supervisor = { id: 'sup-1', teams: ['waste'], roles: ['supervisor'] };
    expect(await dispatcher.retryIncident({ messageId: 'msg-case-1', actor: supervisor })).toBe(true);
    expect(await dispatcher.retryIncident({ messageId: 'msg-case-1', actor: supervisor })).toBe(false);
    expect(engine.calls.filter((c) => c.command === 'addNote').at(-1)?.input).toMatchObject({ actor: supervisor });
    // One more 503 after the retry is a retry, not an immediate incident: the supervisor's retry is a fresh round.
    expect(await dispatcher.dispatchOnce()).toMatchObject({ claimed: 1, retried: 1, incidents: 0 });
    clock.advance(60_000);
    expect(await dispatcher.dispatchOnce()).toMatchObject({ claimed: 1, delivered: 1 });
    expect(await dispatcher.incidents()).toEqual([]);
  });

  it('parks a permanent 4xx rejection at once with the problem detail', async () => {
    const office = backOffice();
    office.failNext(() =>
      problemResponse({ status: 422, type: 'https://waste.test/problems/not-eligible', title: 'Not eligible', detail: 'The crew recorded the bin as not presented' }),
    );
    const { store, dispatcher } = await setup();
    await seedCase(store, 'case-1');
    await addOutbox(store, 'case-1', [outboxMessage('case-1')]);
    expect(await dispatcher.dispatchOnce()).toMatchObject({ incidents: 1 });
    const parked = await store.getOutboxMessage('msg-case-1');
    expect(parked).toMatchObject({ status: 'incident', attempts: 1 });
    expect(parked?.incidentReason).toContain('The crew recorded the bin as not presented');
    expect(dispatcher.circuits().waste).toEqual({ state: 'closed', failures: 0 });
  });

  it('parks a message whose payload does not fit the operation, without sending it', async () => {
    const office = backOffice();
    const { store, dispatcher } = await setup();
    await seedCase(store, 'case-1');
    await addOutbox(store, 'case-1', [outboxMessage('case-1', { payload: { uprn: 'not a number' } })]);
    expect(await dispatcher.dispatchOnce()).toMatchObject({ incidents: 1 });
    expect((await store.getOutboxMessage('msg-case-1'))?.incidentReason).toContain('is not valid');
    expect(office.hits).toEqual([]);
  });

  it('opens the circuit after repeated failures, defers the rest, then lets one trial through', async () => {
    const office = backOffice();
    office.failNext(unavailable(), unavailable());
    const { store, clock, dispatcher, events } = await setup({ circuitBreaker: { failureThreshold: 2, openMs: 30_000 }, concurrency: 1 });
    for (const id of ['c1', 'c2', 'c3', 'c4']) {
      await seedCase(store, id);
      await addOutbox(store, id, [outboxMessage(id)]);
    }
    expect(await dispatcher.dispatchOnce()).toMatchObject({ claimed: 4, retried: 2, deferred: 2 });
    expect(office.hits).toHaveLength(2);
    expect(dispatcher.circuits().waste).toMatchObject({ state: 'open', until: T0 + 30_000 });
    expect(events.filter((e) => e.type === 'circuit')).toHaveLength(1);
    expect((await store.getOutboxMessage('msg-c3'))?.nextAttemptAt).toBe(new Date(T0 + 30_000).toISOString());

    clock.set(T0 + 10_000);
    expect(await dispatcher.dispatchOnce()).toMatchObject({ claimed: 0 });

    clock.set(T0 + 30_000);
    expect(await dispatcher.dispatchOnce()).toMatchObject({ claimed: 1, delivered: 1 });
    expect(dispatcher.circuits().waste).toEqual({ state: 'closed', failures: 0 });
    expect(await dispatcher.dispatchOnce()).toMatchObject({ claimed: 3, delivered: 3 });
    expect(office.created()).toBe(4);
  });

  it('lets several dispatchers share the outbox: each message is delivered once', async () => {
    const office = backOffice();
    const { store, engine } = await setup();
    for (let index = 0; index < 30; index += 1) {
      await seedCase(store, `c${index}`);
      await addOutbox(store, `c${index}`, [outboxMessage(`c${index}`)]);
    }
    const clock = manualClock();
    const workers = ['a', 'b', 'c'].map((workerId) => createDispatcher({ store, engine, backOffices: [waste], clock, workerId, batchSize: 4 }));
    const reports = [];
    for (let round = 0; round < 4; round += 1) reports.push(...(await Promise.all(workers.map((worker) => worker.dispatchOnce()))));
    expect(reports.reduce((sum, report) => sum + report.delivered, 0)).toBe(30);
    expect(office.hits).toHaveLength(30);
    expect(new Set(office.hits).size).toBe(30);
  });

  it('does not record an outcome when its lease was taken over', async () => {
    backOffice();
    const store = createMemoryStore();
    const engine = createFakeEngine(store);
    await seedCase(store, 'case-1');
    await addOutbox(store, 'case-1', [outboxMessage('case-1')]);
    const clock = manualClock();
    const slowStore = {
      ...store,
      claimOutbox: store.claimOutbox,
      // Another worker takes the message over while this one is delivering.
      markDelivered: async (input: Parameters<typeof store.markDelivered>[0]) => {
        await store.claimOutbox({ workerId: 'other', now: new Date(T0 + 120_000).toISOString(), limit: 1, leaseMs: 60_000 });
        return store.markDelivered(input);
      },
    };
    const dispatcher = createDispatcher({ store: slowStore, engine, backOffices: [waste], clock, workerId: 'd1', leaseMs: 60_000 });
    expect(await dispatcher.dispatchOnce()).toMatchObject({ claimed: 1, delivered: 0, leaseLost: 1 });
    expect((await store.getOutboxMessage('msg-case-1'))?.leaseOwner).toBe('other');
  });

  it('marks delivered, keeping the reason, when the case refuses the reference', async () => {
    backOffice();
    const { store, engine } = await setup();
    await seedCase(store, 'case-1');
    await addOutbox(store, 'case-1', [outboxMessage('case-1')]);
    const refusing = {
      ...engine,
      recordExternalReference: async () => {
        throw Object.assign(new Error('Case case-1 is closed'), { name: 'CaseError', reason: 'case-closed' });
      },
    };
    const dispatcher = createDispatcher({ store, engine: refusing, backOffices: [waste], clock: manualClock(), workerId: 'd1' });
    expect(await dispatcher.dispatchOnce()).toMatchObject({ delivered: 1 });
    expect((await store.getOutboxMessage('msg-case-1'))?.result).toEqual({ reference: 'WM-1', response: { reference: 'WM-1' }, referenceNotRecorded: 'Case case-1 is closed' });
  });

  it('retries, then parks, when recording the reference keeps failing for another reason', async () => {
    const office = backOffice();
    const { store, engine, clock } = await setup();
    await seedCase(store, 'case-1');
    await addOutbox(store, 'case-1', [outboxMessage('case-1')]);
    const broken = {
      ...engine,
      recordExternalReference: async () => {
        throw new Error('database is read-only');
      },
    };
    const dispatcher = createDispatcher({ store, engine: broken, backOffices: [waste], clock, workerId: 'd1', retry: { maxAttempts: 2, baseMs: 10, maxMs: 10 } });
    expect(await dispatcher.dispatchOnce()).toMatchObject({ retried: 1 });
    clock.advance(1000);
    expect(await dispatcher.dispatchOnce()).toMatchObject({ incidents: 1 });
    expect((await store.getOutboxMessage('msg-case-1'))?.incidentReason).toContain('recording its reference WM-1 on the case failed: database is read-only');
    // Both deliveries carried the same key, so the back office made one job.
    expect(office.created()).toBe(1);
  });

  it('notes on the case a delivery that brings back no reference', async () => {
    backOffice();
    const { store, dispatcher } = await setup({
      backOffices: [defineBackOffice({ ...wasteDefinition, outbox: { reportMissedCollection: { operation: 'report' } } })],
    });
    await seedCase(store, 'case-1');
    await addOutbox(store, 'case-1', [outboxMessage('case-1')]);
    expect(await dispatcher.dispatchOnce()).toMatchObject({ delivered: 1 });
    expect((await store.getCase('case-1'))?.externalReferences).toEqual([]);
    const notes = (await store.listEvents('case-1')).filter((event) => event.type === 'note-added');
    expect(notes.map((n) => n.payload.text)).toEqual(['Sent to the waste system (reportMissedCollection)']);
  });

  it('only claims messages for its own back offices', async () => {
    backOffice();
    const { store, dispatcher } = await setup();
    await seedCase(store, 'case-1');
    await addOutbox(store, 'case-1', [outboxMessage('case-1', { destination: 'parking' })]);
    expect(await dispatcher.dispatchOnce()).toMatchObject({ claimed: 0 });
    expect((await store.getOutboxMessage('msg-case-1'))?.status).toBe('pending');
  });

  it('runs as a loop until stopped', async () => {
    const office = backOffice();
    const store = createMemoryStore();
    const engine = createFakeEngine(store);
    await seedCase(store, 'case-1');
    await addOutbox(store, 'case-1', [outboxMessage('case-1', { nextAttemptAt: new Date(Date.now() - 1000).toISOString() })]);
    const dispatcher = createDispatcher({ store, engine, backOffices: [waste], workerId: 'loop' });
    dispatcher.start({ idleMs: 5 });
    for (let wait = 0; wait < 100 && office.hits.length === 0; wait += 1) await new Promise((resolve) => setTimeout(resolve, 5));
    await dispatcher.stop();
    expect(office.hits).toEqual(['case-1:refer']);
    expect((await store.getOutboxMessage('msg-case-1'))?.status).toBe('delivered');
  });

  it('refuses bad options', () => {
    const store = createMemoryStore();
    const engine = createFakeEngine(store);
    expect(() => createDispatcher({ store, engine, backOffices: [waste], workerId: '' })).toThrow(ConnectError);
    expect(() => createDispatcher({ store, engine, backOffices: [waste, waste], workerId: 'x' })).toThrow(/Two back offices/);
    expect(() => createDispatcher({ store, engine, backOffices: [waste], workerId: 'x', retry: { maxAttempts: 0 } })).toThrow(/maxAttempts/);
  });
});
