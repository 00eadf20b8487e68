import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { defineBackOffice } from './back-office.js';
import { ConnectError } from './errors.js';
import type { StatusUpdate } from './status.js';
import { createStatusSync } from './status-sync.js';
import type { UpdateOutcome } from './status-sync.js';
import { createFakeEngine, createMemoryStore, seedCase } from './test-helpers.js';

const base = 'https://waste.test/api';
const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

const waste = defineBackOffice({
  name: 'waste',
  title: 'the waste system',
  baseUrl: base,
  caseTypes: ['waste.missed-collection'],
  operations: {
    report: { method: 'POST', path: '/missed-collections', request: z.object({}), response: z.object({ reference: z.string() }) },
  },
  statusSync: { polling: { path: '/updates' }, push: true },
});

const moves = { complete: { from: 'referred', to: 'completed' }, decline: { from: 'referred', to: 'declined' } };
const statusMap = { 'waste.missed-collection': { fixed: 'complete', not_councils_responsibility: 'decline', action_scheduled: null } };

const at = '2026-11-24T10:00:00+00:00';
const update = (id: string, status: string, reference = 'WM-1'): StatusUpdate => ({ id, reference, status, updatedAt: at });

async function setup() {
  const store = createMemoryStore();
  const engine = createFakeEngine(store, moves);
  await seedCase(store, 'case-1');
  await engine.recordExternalReference({ actor: { id: 'x', teams: [] }, idempotencyKey: 'ref-1', caseId: 'case-1', system: 'waste', reference: 'WM-1' });
  const outcomes: UpdateOutcome[] = [];
  const sync = createStatusSync({ store, engine, backOffices: [waste], statusMap, onUpdate: (outcome) => outcomes.push(outcome) });
  return { store, engine, sync, outcomes };
}

/** An updates feed that pages by index and counts requests. */
function feed(updates: StatusUpdate[], pageSize = 2) {
  const sinces: Array<string | null> = [];
  server.use(
    http.get(`${base}/updates`, ({ request }) => {
      const since = new URL(request.url).searchParams.get('since');
      sinces.push(since);
      const from = Number(since ?? '0');
      const page = updates.slice(from, from + pageSize);
      return HttpResponse.json({ updates: page, cursor: String(from + page.length) });
    }),
  );
  return sinces;
}

describe('createStatusSync', () => {
  it('moves the case by the mapped transition, idempotently per update id', async () => {
    const { store, engine, sync } = await setup();
    const outcome = await sync.apply('waste', { ...update('u-1', 'fixed'), description: 'Collected on Tuesday' });
    expect(outcome).toMatchObject({ outcome: 'transitioned', caseId: 'case-1', transition: 'complete' });
    expect((await store.getCase('case-1'))?.state).toBe('completed');
    expect(engine.calls.at(-1)?.input).toMatchObject({
      idempotencyKey: 'status:waste:u-1',
      transition: 'complete',
      payload: { backOfficeStatus: 'fixed', updateId: 'u-1', reference: 'WM-1', description: 'Collected on Tuesday' },
    });
    await sync.apply('waste', update('u-1', 'fixed'));
    const transitions = (await store.listEvents('case-1')).filter((event) => event.type === 'transitioned');
    expect(transitions).toHaveLength(1);
  });

  it('records unknown and unmapped statuses on the case instead of crashing', async () => {
    const { store, sync } = await setup();
    expect(await sync.apply('waste', update('u-2', 'teleported'))).toMatchObject({
      outcome: 'unmapped',
      detail: 'the waste system reported status "teleported", but it is not in the status vocabulary',
    });
    expect(await sync.apply('waste', update('u-3', 'in_progress'))).toMatchObject({ outcome: 'unmapped', detail: expect.stringContaining('no transition is mapped') });
    expect(await sync.apply('waste', update('u-4', 'action_scheduled'))).toMatchObject({ outcome: 'noted' });
    const notes = (await store.listEvents('case-1')).filter((event) => event.type === 'note-added').map((event) => event.payload.text);
    expect(notes).toHaveLength(3);
    expect((await store.getCase('case-1'))?.state).toBe('referred');
  });

  it('notes a status the case cannot take in its current state', async () => {
    const { store, sync } = await setup();
    await sync.apply('waste', update('u-1', 'fixed'));
    const refused = await sync.apply('waste', update('u-2', 'not_councils_responsibility'));
    expect(refused).toMatchObject({ outcome: 'not-applied', transition: 'decline' });
    expect(refused.detail).toContain('Cannot decline from completed');
    expect((await store.getCase('case-1'))?.state).toBe('completed');
  });

  it('reports an update for a reference no case holds', async () => {
    const { sync } = await setup();
    expect(await sync.apply('waste', update('u-9', 'fixed', 'WM-404'))).toMatchObject({ outcome: 'unknown-case', detail: 'No case holds the waste system reference WM-404' });
  });

  it('finds the case by the echoed case id too', async () => {
    const { store, sync } = await setup();
    await seedCase(store, 'case-2');
    expect(await sync.apply('waste', { ...update('u-5', 'fixed', 'WM-unknown'), caseId: 'case-2' })).toMatchObject({ outcome: 'transitioned', caseId: 'case-2' });
  });

  it('polls page by page from the stored cursor and resumes from it', async () => {
    const { store, sync, outcomes } = await setup();
    const sinces = feed([update('u-1', 'action_scheduled'), update('u-2', 'in_progress'), update('u-3', 'fixed')]);
    const [first] = await sync.poll();
    expect(first).toMatchObject({ backOffice: 'waste', status: 'ok', cursor: '3' });
    expect(outcomes.map((o) => o.outcome)).toEqual(['noted', 'unmapped', 'transitioned']);
    expect(sinces).toEqual([null, '2', '3']);
    expect(await store.getCursor('connect:updates:waste')).toBe('3');
    expect(await sync.cursor('waste')).toBe('3');
    expect((await store.getCase('case-1'))?.state).toBe('completed');

    const [again] = await sync.poll('waste');
    expect(again).toMatchObject({ status: 'ok', outcomes: [] });
    expect(sinces.at(-1)).toBe('3');
  });

  it('keeps the cursor where it was when the feed fails, and says why', async () => {
    const { sync } = await setup();
    server.use(http.get(`${base}/updates`, () => new HttpResponse(null, { status: 502 })));
    const [result] = await sync.poll();
    expect(result?.status).toBe('failed');
    expect(result?.status === 'failed' && result.error).toBeInstanceOf(ConnectError);
    expect(result?.cursor).toBeUndefined();
  });

  it('refuses a status map with statuses outside the vocabulary', async () => {
    const store = createMemoryStore();
    expect(() =>
      createStatusSync({ store, engine: createFakeEngine(store), backOffices: [waste], statusMap: { 'waste.missed-collection': { done: 'complete' } } }),
    ).toThrow(/"done", which is not in the status vocabulary/);
    const sync = createStatusSync({ store, engine: createFakeEngine(store), backOffices: [waste], statusMap: {} });
    await expect(sync.poll('parking')).rejects.toThrow(ConnectError);
  });
});
