// The dispatcher and status sync on the SQL stores of @councilkit/store-postgres:
// PGlite always, a real PostgreSQL server when TEST_DATABASE_URL is set. Every
// piece of delivery state (leases, attempts, retry times, incidents, cursors)
// lives in the store, so several dispatchers can share it.
import { createCaseEngine, createWorkingDayCalendar } from '@councilkit/cases';
import { createPGliteStore, createPostgresStore } from '@councilkit/store-postgres';
import type { SqlCaseStore } from '@councilkit/store-postgres';
import { HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createDispatcher } from './dispatcher.js';
import { createStatusSync } from './status-sync.js';
import { manualClock } from './test-helpers.js';
import { agent, missedBin, openAndRefer, statusMap, supervisor, waste, wasteBackOffice } from './test-scenario.js';

const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

const serverUrl = process.env.TEST_DATABASE_URL;
if (!serverUrl) console.log('[connect] TEST_DATABASE_URL is not set: the PostgreSQL dispatcher tests are SKIPPED (PGlite still runs).');

const kinds: Array<{ name: string; skip: boolean; open: () => Promise<SqlCaseStore> }> = [
  { name: 'PGlite', skip: false, open: () => createPGliteStore() },
  {
    name: 'PostgreSQL',
    skip: !serverUrl,
    open: () => createPostgresStore({ connectionString: serverUrl ?? '', poolSize: 4, schema: `connect_test_${process.pid}_${Date.now().toString(36)}` }),
  },
];

for (const kind of kinds) {
  describe.skipIf(kind.skip)(`dispatcher and status sync on the ${kind.name} store`, () => {
    let store: SqlCaseStore;
    beforeAll(async () => {
      store = await kind.open();
    }, 120_000);
    afterAll(async () => {
      if (!store) return;
      if (store.kind === 'postgresql') await store.driver.query(`DROP SCHEMA IF EXISTS "${store.schema}" CASCADE`);
      await store.close();
    });

    const setup = (maxAttempts = 3) => {
      const clock = manualClock();
      const engine = createCaseEngine({ store, caseTypes: [missedBin], calendar: createWorkingDayCalendar(), clock });
      const dispatcher = (workerId: string) =>
        createDispatcher({ store, engine, backOffices: [waste], clock, workerId, batchSize: 3, retry: { maxAttempts, baseMs: 1000, maxMs: 10_000 }, random: () => 0.5 });
      return { clock, engine, dispatcher };
    };

    it('two dispatchers share the outbox: every referral delivered once, a 503 retried, references on the cases', async () => {
      const office = wasteBackOffice(server);
      office.failNext(() => new HttpResponse(null, { status: 503, headers: { 'retry-after': '5' } }));
      const { clock, engine, dispatcher } = setup();
      const caseIds: string[] = [];
      for (let index = 0; index < 6; index += 1) caseIds.push(await openAndRefer(engine, `share-${index}`));
      const workers = [dispatcher('a'), dispatcher('b')];
      for (let round = 0; round < 6; round += 1) {
        await Promise.all(workers.map((worker) => worker.dispatchOnce()));
        clock.advance(5000);
      }
      expect(office.jobs.size).toBe(6);
      expect(office.hits).toHaveLength(7);
      for (const caseId of caseIds) {
        const [message] = await store.listOutbox({ caseId });
        expect(message?.status).toBe('delivered');
        const view = await engine.getCase({ actor: agent, caseId });
        expect(view.case.externalReferences).toHaveLength(1);
      }
    }, 60_000);

    it('parks an incident a supervisor can retry, with a fresh round of attempts', async () => {
      const office = wasteBackOffice(server, 'INC');
      const down = () => new HttpResponse(null, { status: 503 });
      office.failNext(down, down, down);
      const { clock, engine, dispatcher } = setup(2);
      const caseId = await openAndRefer(engine, 'incident');
      const worker = dispatcher('a');
      await worker.dispatchOnce();
      clock.advance(10_000);
      expect(await worker.dispatchOnce()).toMatchObject({ incidents: 1 });
      const incident = (await worker.incidents()).find((found) => found.caseId === caseId);
      expect(incident?.reason).toContain('Gave up after 2 attempts');
      expect(await worker.retryIncident({ messageId: incident?.messageId ?? '', actor: supervisor })).toBe(true);
      expect(await worker.dispatchOnce()).toMatchObject({ retried: 1, incidents: 0 });
      clock.advance(10_000);
      expect(await worker.dispatchOnce()).toMatchObject({ delivered: 1 });
    }, 60_000);

    it('polls status from the cursor kept in the store, across restarts', async () => {
      const office = wasteBackOffice(server, 'POLL');
      const { engine, dispatcher } = setup();
      const caseId = await openAndRefer(engine, 'poll');
      await dispatcher('a').dispatchOnce();
      const reference = (await engine.getCase({ actor: agent, caseId })).case.externalReferences[0]?.reference ?? '';
      office.feed.push({ id: `poll-${caseId}`, reference, status: 'fixed', updatedAt: '2026-11-24T12:00:00+00:00' });
      const [first] = await createStatusSync({ store, engine, backOffices: [waste], statusMap }).poll();
      expect(first?.outcomes.map((o) => o.outcome)).toEqual(['transitioned']);
      expect((await engine.getCase({ actor: agent, caseId })).case.state).toBe('resolved');
      // A new process reads the stored cursor and does not apply the update again.
      const [second] = await createStatusSync({ store, engine, backOffices: [waste], statusMap }).poll();
      expect(second?.outcomes).toEqual([]);
      expect(await store.getCursor('connect:updates:waste')).toBe('1');
    }, 60_000);
  });
}
