// The real case engine from @councilkit/cases on this store: a command's case
// update, audit event, idempotency record, SLA timers and outbox message all
// land through one commit, and repeats are answered from the stored record.
import { createCaseEngine, createWorkingDayCalendar, defineCaseType } from '@councilkit/cases';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { useStoreBackends } from './test-support.js';

const missedBin = defineCaseType({
  name: 'waste.missed-collection',
  version: 1,
  title: 'Missed bin collection',
  schema: z.object({ uprn: z.string().min(1), bins: z.array(z.string()) }),
  initial: 'received',
  states: {
    received: { owner: { team: 'contact-centre', queue: 'triage' } },
    referred: { owner: { team: 'waste', queue: 'missed' } },
    closed: { terminal: true },
  },
  transitions: {
    refer: { from: 'received', to: 'referred', effects: ['tellCrew'] },
    close: { from: 'referred', to: 'closed' },
  },
  effects: { tellCrew: { kind: 'refer', destination: 'waste', operation: 'reportMissedCollection' } },
  sla: { warning: { workingDays: 1 }, breach: { workingDays: 2 } },
});

const agent = { id: 'agent-1', teams: ['contact-centre'] };
const clock = { now: () => new Date('2026-11-23T09:00:00.000Z') };

const backends = useStoreBackends({ poolSize: 4 });

for (const [name, skip, open] of backends) {
  describe.skipIf(skip)(`case engine on ${name}`, () => {
    it('persists a command with its timers and outbox message, and answers repeats from the store', async () => {
      const store = await open();
      const engine = createCaseEngine({ store, caseTypes: [missedBin], calendar: createWorkingDayCalendar(), clock });
      const opened = await engine.open({
        actor: agent,
        idempotencyKey: 'open-1',
        caseType: missedBin.name,
        channel: 'phone',
        data: { uprn: "100023336956'; DROP TABLE cases; --", bins: ['green'] },
      });
      const { caseId } = opened;
      expect((await store.listTimers({ caseId })).map((t) => t.kind).sort()).toEqual(['sla-breach', 'sla-warning']);

      const moved = await engine.transition({ actor: agent, idempotencyKey: 'refer-1', caseId, transition: 'refer', expectedVersion: 1 });
      expect(moved).toMatchObject({ version: 2, state: 'referred', replayed: false });
      expect(await store.getCase(caseId)).toMatchObject({ version: 2, team: 'waste', queue: 'missed', data: { uprn: "100023336956'; DROP TABLE cases; --" } });
      expect(await store.listOutbox({ caseId })).toMatchObject([{ destination: 'waste', operation: 'reportMissedCollection', status: 'pending' }]);
      expect((await store.listEvents(caseId)).map((e) => e.type)).toEqual(['opened', 'transitioned']);

      const again = await engine.transition({ actor: agent, idempotencyKey: 'refer-1', caseId, transition: 'refer', expectedVersion: 1 });
      expect(again).toMatchObject({ version: 2, replayed: true });
      expect(await store.listEvents(caseId)).toHaveLength(2);
      expect(await store.listOutbox({ caseId })).toHaveLength(1);
      await store.close();
    });
  });
}
