// Erasure end to end on the SQL stores: synthetic residents in the SQL
// directory, cases opened through the real engine (with an outbox referral
// carrying the person's name and address, and a note), createErasure with the
// SQL erasure store, then a scan of every table. PGlite always; the real
// PostgreSQL server too when TEST_DATABASE_URL is set.
import { computeMetrics, createCaseEngine, createWorkingDayCalendar, defineCaseType } from '@councilkit/cases';
import { citizenSchema } from '@councilkit/citizen';
import type { Citizen } from '@councilkit/citizen';
import { createErasure, createSuppressionList, scanForPersonalData } from '@councilkit/citizen/gdpr';
import type { ErasureRequest, LegalHold, RetentionRule, SourceRecord } from '@councilkit/citizen/gdpr';
import { createResidentGenerator } from '@councilkit/citizen/synthetic';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createCitizenDirectory } from './citizen-directory.js';
import { createSqlErasureStore } from './erasure-store.js';
import type { SqlCaseStore } from './sql-store.js';
import { scanStore } from './store-scan.js';
import { useStoreBackends } from './test-support.js';

const missedBin = defineCaseType({
  name: 'waste.missed-collection',
  version: 1,
  title: 'Missed bin collection',
  schema: z.object({ contactName: z.string(), address: z.string(), bins: z.array(z.string()) }),
  initial: 'received',
  states: {
    received: { owner: { team: 'contact-centre', queue: 'triage' } },
    referred: { owner: { team: 'waste', queue: 'missed' } },
    closed: { terminal: true },
  },
  transitions: {
    refer: { from: 'received', to: 'referred', effects: ['tellCrew'] },
    close: { from: ['received', 'referred'], to: 'closed' },
  },
  // No payload function: the referral carries the case data, name and address included.
  effects: { tellCrew: { kind: 'refer', destination: 'waste', operation: 'reportMissedCollection' } },
  sla: { breach: { workingDays: 2 } },
});

const agent = { id: 'agent-1', teams: ['contact-centre', 'waste'] };
const dpo = { id: 'dpo-1', teams: ['information-governance'] };
const NOW = new Date('2026-11-23T09:00:00.000Z');
const SECRET = 'a suppression secret long enough for hmac-sha-256';
const retention: RetentionRule[] = [
  { appliesTo: { source: 'council-tax' }, onErasure: 'delete', basis: 'Account closed over 6 years ago' },
  { appliesTo: { source: '*' }, onErasure: 'pseudonymise', basis: 'Contact history' },
  { appliesTo: { caseType: '*' }, onErasure: 'pseudonymise', basis: 'Service statistics' },
];

const generator = createResidentGenerator({ seed: 'sql-erasure', today: new Date('2026-06-01T00:00:00Z') });
const residents = generator.residents(40);
const full = (c: Citizen) =>
  !!c.name.given && c.identifiers.some((i) => i.scheme === 'nino') && c.dateOfBirth?.precision === 'full' && c.contactPoints.some((p) => p.kind === 'phone') && !!c.addresses[0]?.address.street;
const [subject, other] = residents.filter(full) as [Citizen, Citizen];
const addressOf = (c: Citizen) => {
  const a = c.addresses[0]!.address;
  return `${a.pao ?? ''} ${a.street ?? ''}, ${a.town ?? ''} ${a.postcode ?? ''}`.trim();
};
const nameOf = (c: Citizen) => `${c.name.given} ${c.name.family}`;
const contactCentreCopy = citizenSchema.parse({ ...subject, id: `cc-${subject.id}`, contactPoints: subject.contactPoints.slice(0, 1), consents: [] }) as Citizen;
const sources: SourceRecord[] = [
  { source: 'council-tax', recordId: subject.id, updatedAt: '2018-04-01T00:00:00.000Z', citizen: subject },
  { source: 'contact-centre', recordId: contactCentreCopy.id, updatedAt: '2019-05-01T00:00:00.000Z', citizen: contactCentreCopy },
];

const backends = useStoreBackends({ poolSize: 4, schemaPrefix: 'ck_erasure' });

/** A council on one schema: the directory, three closed cases of the subject (two under their council tax id, one under the contact centre copy) and one of another resident. */
async function council(open: () => Promise<SqlCaseStore>) {
  const store = await open();
  const directory = await createCitizenDirectory({ driver: store.driver, schema: store.schema });
  await directory.putMany([...residents, contactCentreCopy]);
  const engine = createCaseEngine({ store, caseTypes: [missedBin], calendar: createWorkingDayCalendar(), clock: { now: () => NOW } });

  async function raise(key: string, person: Citizen, citizenId: string, refer: boolean): Promise<string> {
    const { caseId } = await engine.open({ actor: agent, idempotencyKey: `${key}-open`, caseType: missedBin.name, channel: 'phone', citizenId, data: { contactName: nameOf(person), address: addressOf(person), bins: ['green'] } });
    await engine.addNote({ actor: agent, idempotencyKey: `${key}-note`, caseId, text: `Spoke to ${nameOf(person)} on ${person.contactPoints.find((p) => p.kind === 'phone')!.value}; bin was out by 7am` });
    if (refer) {
      await engine.transition({ actor: agent, idempotencyKey: `${key}-refer`, caseId, transition: 'refer' });
      const [message] = await store.claimOutbox({ workerId: 'dispatcher', now: NOW.toISOString(), limit: 1, leaseMs: 30_000 });
      await store.markDelivered({ id: message!.id, workerId: 'dispatcher', at: NOW.toISOString(), result: { job: `JOB-${key}`, contact: nameOf(person) } });
    }
    await engine.transition({ actor: agent, idempotencyKey: `${key}-close`, caseId, transition: 'close' });
    return caseId;
  }
  const referred = await raise('a', subject, subject.id, true);
  const noted = await raise('b', subject, subject.id, false);
  const viaContactCentre = await raise('c', subject, contactCentreCopy.id, false);
  const others = await raise('d', other, other.id, true);
  // A referral still waiting to go when the request comes in.
  const waiting = (await engine.open({ actor: agent, idempotencyKey: 'e-open', caseType: missedBin.name, channel: 'web', citizenId: subject.id, data: { contactName: nameOf(subject), address: addressOf(subject), bins: [] } })).caseId;
  await engine.transition({ actor: agent, idempotencyKey: 'e-refer', caseId: waiting, transition: 'refer' });
  await engine.transition({ actor: agent, idempotencyKey: 'e-close', caseId: waiting, transition: 'close' });

  const suppression = createSuppressionList({ secret: SECRET, now: () => NOW });
  const erasure = createErasure({ retention, suppression, now: () => NOW });
  const erasureStore = createSqlErasureStore({ store, directory });
  async function request(extra: Partial<ErasureRequest> = {}): Promise<ErasureRequest> {
    const cases = [...(await store.findCases({ citizenId: subject.id })), ...(await store.findCases({ citizenId: contactCentreCopy.id }))];
    return { subject: { id: subject.id, sources }, cases, mode: 'erase', actor: dpo, reason: 'Article 17 request R-42', ...extra };
  }
  const rows = () => scanStore({ driver: store.driver, schema: store.schema, batchSize: 7 });
  const scanFor = (person: Citizen[], ids: string[]) => scanForPersonalData({ subject: person, extraIds: ids }, rows());
  const scanSubject = () => scanFor([subject, contactCentreCopy], [subject.id, contactCentreCopy.id]);
  const metrics = async () => computeMetrics({ cases: await store.findCases({}), from: new Date('2026-01-01T00:00:00Z'), to: new Date('2027-01-01T00:00:00Z') });
  return { store, directory, engine, suppression, erasure, erasureStore, request, scanFor, scanSubject, metrics, cases: { referred, noted, viaContactCentre, others, waiting } };
}

const tablesOf = (findings: ReadonlyArray<{ location: string }>) => new Set(findings.map((f) => f.location.split('/')[0]));

for (const [name, skip, open] of backends) {
  describe.skipIf(skip)(`erasure on ${name}`, () => {
    it('erases the person: a scan of every table finds none of their data, others are untouched, metrics still count the cases, and the tombstone flags them', async () => {
      const c = await council(open);
      const before = await c.scanSubject();
      // The scan can fail: before erasure it finds the person wherever the store holds them.
      expect(tablesOf(before)).toEqual(new Set(['cases', 'case_events', 'idempotency_keys', 'outbox', 'citizen_directory']));
      const otherBefore = await c.scanFor([other], [other.id]);
      const metricsBefore = await c.metrics();
      const historyBefore = await c.store.listEvents(c.cases.referred);

      const outcome = await c.erasure.execute(await c.request(), c.erasureStore);
      expect(outcome.status).toBe('erased');
      expect(outcome.plan.items.map((i) => [i.target.kind, i.action])).toEqual([
        ['record', 'delete'],
        ['record', 'pseudonymise'],
        ['case', 'pseudonymise'],
        ['case', 'pseudonymise'],
        ['case', 'pseudonymise'],
        ['case', 'pseudonymise'],
      ]);

      expect(await c.scanSubject()).toEqual([]);
      expect(await c.scanFor([other], [other.id])).toEqual(otherBefore);
      expect(tablesOf(otherBefore)).toEqual(new Set(['cases', 'case_events', 'idempotency_keys', 'outbox', 'citizen_directory']));
      expect(await c.metrics()).toEqual(metricsBefore);
      expect(metricsBefore.volume).toBe(5);

      // The cases are still there, under one pseudonym, with the same history shape.
      const erased = (await c.store.getCase(c.cases.referred))!;
      expect(erased.citizenId).toBe(outcome.audit.pseudonym);
      expect((await c.store.getCase(c.cases.viaContactCentre))?.citizenId).toBe(outcome.audit.pseudonym);
      expect((await c.store.listEvents(c.cases.referred)).map((e) => [e.id, e.sequence, e.type, e.at, e.from, e.to])).toEqual(historyBefore.map((e) => [e.id, e.sequence, e.type, e.at, e.from, e.to]));
      expect((await c.store.listOutbox({ caseId: c.cases.waiting })).map((m) => [m.status, m.incidentReason])).toEqual([['incident', 'Personal data erased (UK GDPR Article 17): not sent']]);
      // The directory: the council tax record is gone, the contact centre record replaced by an empty one.
      expect(await c.directory.get(subject.id)).toBeUndefined();
      expect(await c.directory.get(contactCentreCopy.id)).toBeUndefined();
      expect(await c.directory.get(`${outcome.audit.pseudonym}:1`)).toMatchObject({ name: { family: 'Erased' } });
      expect(await c.directory.get(other.id)).toEqual(other);

      // A replayed command of the erased case is refused, not answered with what it held.
      await expect(c.engine.addNote({ actor: agent, idempotencyKey: 'a-note', caseId: c.cases.referred, text: 'x' })).rejects.toMatchObject({ reason: 'idempotency-key-reused' });

      // The same person typed in again is flagged; someone else is not.
      const again = citizenSchema.parse({ ...generator.messy(subject), id: 'new-1' }) as Citizen;
      expect(await c.suppression.check(again)).toMatchObject({ suppressed: true, tombstoneIds: [outcome.tombstone?.id] });
      expect((await c.suppression.check(other)).suppressed).toBe(false);
      await c.store.close();
    });

    it('a legal hold blocks erasure of what it covers and restricts it instead; a hold on the person blocks everything', async () => {
      const c = await council(open);
      const hold: LegalHold = { id: 'LH-1', reason: 'Ombudsman complaint 26-001', caseId: c.cases.referred };
      const outcome = await c.erasure.execute(await c.request({ holds: [hold] }), c.erasureStore);
      expect(outcome.status).toBe('partly-erased');
      expect(outcome.audit.blocked).toEqual([{ kind: 'case', caseId: c.cases.referred, reason: 'legal-hold', holdId: 'LH-1' }]);
      const left = await c.scanSubject();
      expect(left.some((f) => f.location === `cases/${c.cases.referred}`)).toBe(true);
      // Everything left is the held case's: its row, events, outbox and idempotency records (keys a-*).
      const heldOutbox = (await c.store.listOutbox({ caseId: c.cases.referred })).map((m) => `outbox/${m.id}`);
      const ofHeldCase = (location: string) => location.includes(c.cases.referred) || heldOutbox.includes(location) || location.startsWith('idempotency_keys/a-');
      expect(left.filter((f) => !ofHeldCase(f.location))).toEqual([]);
      expect((await c.store.getCase(c.cases.referred))?.citizenId).toBe(subject.id);
      expect((await c.store.getCase(c.cases.noted))?.citizenId).toBe(outcome.audit.pseudonym);
      expect(await c.erasureStore.listRestrictions()).toMatchObject([{ target: { kind: 'case', caseId: c.cases.referred }, reason: 'legal-hold: Ombudsman complaint 26-001' }]);
      // The hold is lifted: erasing what is left leaves nothing, restrictions included.
      const lifted = await c.erasure.execute({ ...(await c.request()), subject: { id: subject.id, sources: [] } }, c.erasureStore);
      expect(lifted.status).toBe('erased');
      expect(await c.scanSubject()).toEqual([]);
      expect(await c.erasureStore.listRestrictions()).toEqual([]);

      const whole = await council(open);
      const scanBefore = await whole.scanSubject();
      const blocked = await whole.erasure.execute(await whole.request({ holds: [{ id: 'LH-2', reason: 'Litigation', subjectId: subject.id }] }), whole.erasureStore);
      expect(blocked.status).toBe('blocked');
      expect(blocked.tombstone).toBeUndefined();
      // Nothing changed; the restrictions name what they restrict.
      const scanAfter = await whole.scanSubject();
      expect(scanAfter.filter((f) => !f.location.startsWith('erasure_restrictions/'))).toEqual(scanBefore);
      expect(tablesOf(scanAfter.filter((f) => !scanBefore.some((b) => b.location === f.location)))).toEqual(new Set(['erasure_restrictions']));
      expect((await whole.erasureStore.listRestrictions()).map((r) => r.target.kind).sort()).toEqual(['case', 'case', 'case', 'case', 'record', 'record']);
      await c.store.close();
      await whole.store.close();
    });

    it('reads a case again when it moved between read and write, takes a person out of household links, and refuses bad options', async () => {
      const c = await council(open);
      let moved = false;
      const racing: SqlCaseStore = {
        ...c.store,
        async getCase(caseId) {
          const found = await c.store.getCase(caseId);
          if (found && !moved) {
            moved = true;
            // Another process touches the case after the erasure store read it.
            const event = { id: 'late-note', caseId, sequence: found.version + 1, caseVersion: found.version + 1, type: 'note-added' as const, actorId: 'agent-9', actorTeams: [], at: NOW.toISOString(), payload: { text: `Late call from ${nameOf(subject)}` } };
            await c.store.commit({ case: { ...found, version: found.version + 1 }, expectedVersion: found.version, events: [event] });
          }
          return found;
        },
      };
      await createSqlErasureStore({ store: racing, directory: c.directory }).pseudonymiseCase(c.cases.noted, 'erased-race');
      expect(moved).toBe(true);
      const history = await c.store.listEvents(c.cases.noted);
      expect(history.at(-1)).toMatchObject({ id: 'late-note', payload: {} });
      expect((await c.store.getCase(c.cases.noted))?.citizenId).toBe('erased-race');
      await expect(createSqlErasureStore({ store: racing, directory: c.directory, conflictRetries: 0 }).pseudonymiseCase('missing', 'p')).rejects.toMatchObject({ name: 'GdprError', reason: 'invalid-request' });

      const member = residents.find((r) => r.households.length > 0)!;
      await c.erasureStore.removeHouseholdMember(member.id);
      expect((await c.directory.get(member.id))?.households).toEqual([]);
      expect(() => createSqlErasureStore({ store: c.store } as never)).toThrow(expect.objectContaining({ name: 'StoreError', reason: 'invalid-options' }));
      expect(() => createSqlErasureStore({ store: c.store, directory: c.directory, conflictRetries: -1 })).toThrow(expect.objectContaining({ reason: 'invalid-options' }));
      await c.store.close();
    });

    it('enforces a restriction: agents are refused the cases (refusals audited) and search leaves the person out; lifting restores both; erasing a restricted case opens it again', async () => {
      const c = await council(open);
      const officer = { id: 'dpo-7', teams: ['data-protection'], roles: ['system'] };
      const restricting = createSqlErasureStore({ store: c.store, directory: c.directory, access: { engine: c.engine, actor: officer } });
      const search = (includeRestricted = false) => c.directory.search({ name: nameOf(subject), postcode: subject.addresses[0]!.address.postcode!, includeRestricted });
      expect((await search()).hits.map((h) => h.citizen.id)).toContain(subject.id);

      const outcome = await c.erasure.execute(await c.request({ mode: 'restrict', reason: 'Article 18 request R-43' }), restricting);
      expect(outcome.status).toBe('restricted');
      expect((await search()).hits.map((h) => h.citizen.id)).not.toContain(subject.id);
      expect((await search(true)).hits.map((h) => h.citizen.id)).toContain(subject.id);
      expect(await c.directory.isRestricted(subject.id)).toBe(true);

      await expect(c.engine.getCase({ actor: agent, caseId: c.cases.noted })).rejects.toMatchObject({ name: 'AccessDeniedError' });
      expect(await c.engine.casesByCitizen({ actor: agent, citizenId: subject.id })).toMatchObject({ cases: [], withheld: 3 });
      expect((await c.store.listAccessDenied({ caseId: c.cases.noted })).map((r) => [r.actorId, r.action])).toEqual([[agent.id, 'getCase'], [agent.id, 'casesByCitizen']]);
      const seen = await c.engine.getCase({ actor: { id: 'dpo-8', teams: ['data-protection'] }, caseId: c.cases.noted });
      expect(seen.history.at(-1)).toMatchObject({ type: 'access-restricted', actorId: officer.id, payload: { teams: ['data-protection'], reason: 'Article 18 request R-43' } });
      // The other resident is not touched.
      expect((await c.engine.casesByCitizen({ actor: agent, citizenId: other.id })).cases).toHaveLength(1);

      for (const restriction of await restricting.listRestrictions()) {
        if (restriction.target.kind === 'record' || restriction.target.caseId === c.cases.referred) await restricting.lift(restriction.target, 'Accuracy checked');
      }
      expect((await search()).hits.map((h) => h.citizen.id)).toContain(subject.id);
      expect((await c.engine.getCase({ actor: agent, caseId: c.cases.referred })).history.at(-1)).toMatchObject({ type: 'access-restriction-lifted' });
      await expect(c.engine.getCase({ actor: agent, caseId: c.cases.noted })).rejects.toMatchObject({ name: 'AccessDeniedError' });

      // Erasure of a still-restricted case: pseudonymised, then open to its teams again, nothing of the person left.
      const erased = await c.erasure.execute(await c.request(), restricting);
      expect(erased.status).toBe('erased');
      expect((await c.engine.getCase({ actor: agent, caseId: c.cases.noted })).case.citizenId).toBe(erased.audit.pseudonym);
      expect(await restricting.listRestrictions()).toEqual([]);
      expect(await c.scanSubject()).toEqual([]);
      await c.store.close();
    });

    it('keeps the audit trail append-only for everything but the erasure write, which may only change content', async () => {
      const c = await council(open);
      const q = `"${c.store.schema}".case_events`;
      await expect(c.store.driver.query(`UPDATE ${q} SET payload = '{}'::jsonb`)).rejects.toThrow(/append-only/);
      await expect(
        c.store.driver.transaction(async (tx) => {
          await tx.query(`SELECT set_config('councilkit.erasure', 'on', true)`);
          await tx.query(`UPDATE ${q} SET type = 'closed'`);
        }),
      ).rejects.toThrow(/append-only/);
      await expect(
        c.store.driver.transaction(async (tx) => {
          await tx.query(`SELECT set_config('councilkit.erasure', 'on', true)`);
          await tx.query(`DELETE FROM ${q}`);
        }),
      ).rejects.toThrow(/append-only/);
      // The setting is local to the erasure transaction: afterwards updates are refused again.
      await c.erasure.execute(await c.request(), c.erasureStore);
      await expect(c.store.driver.query(`UPDATE ${q} SET payload = '{}'::jsonb`)).rejects.toThrow(/append-only/);
      await c.store.close();
    });
  });
}
