import type { Citizen } from '@councilkit/citizen';
import { createErasure, createSuppressionList, scanForPersonalData } from '@councilkit/citizen/gdpr';
import type { ScanRow } from '@councilkit/citizen/gdpr';
import { createCitizenIndex } from '@councilkit/citizen/search';
import { createResidentGenerator } from '@councilkit/citizen/synthetic';
import { describe, expect, it } from 'vitest';
import { createMemoryErasureStore } from './erasure-store.js';
import { agent, binData, setup } from './engine/test-support.js';

const NOW = new Date('2026-11-23T09:00:00.000Z');
const officer = { id: 'dpo-1', teams: ['data-protection'], roles: ['system'] };
const [subject, other] = createResidentGenerator({ seed: 'memory-erasure', today: new Date('2026-06-01T00:00:00Z') }).residents(10).filter((c) => c.name.given && c.addresses[0]?.address.postcode) as [Citizen, Citizen];
const retention = [
  { appliesTo: { source: '*' }, onErasure: 'delete' as const, basis: 'Contact history' },
  { appliesTo: { caseType: '*' }, onErasure: 'pseudonymise' as const, basis: 'Service statistics' },
];

async function council() {
  const { engine, store } = setup();
  const index = createCitizenIndex({ citizens: [subject, other] });
  const open = async (key: string, person: Citizen) => {
    const { caseId } = await engine.open({ actor: agent, idempotencyKey: key, caseType: 'waste.missed-collection', channel: 'phone', data: binData, citizenId: person.id });
    await engine.addNote({ actor: agent, idempotencyKey: `${key}-note`, caseId, text: `Spoke to ${person.name.given} ${person.name.family}` });
    await engine.transition({ actor: agent, idempotencyKey: `${key}-close`, caseId, transition: 'withdraw' });
    return caseId;
  };
  const mine = await open('a', subject);
  const theirs = await open('b', other);
  const erasureStore = createMemoryErasureStore({ store, directory: index, access: { engine, actor: officer }, now: () => NOW });
  const erasure = createErasure({ retention, suppression: createSuppressionList({ secret: 'a suppression secret long enough for hmac', now: () => NOW }), now: () => NOW });
  const request = async (mode: 'erase' | 'restrict') => ({
    subject: { id: subject.id, sources: [{ source: 'contact-centre', recordId: subject.id, updatedAt: '2020-01-01T00:00:00.000Z', citizen: subject }] },
    cases: await store.findCases({ citizenId: subject.id }),
    mode,
    actor: officer,
    reason: `Request R-${mode}`,
  });
  const search = (includeRestricted = false) => index.search({ name: `${subject.name.given} ${subject.name.family}`, includeRestricted });
  async function* rows(): AsyncGenerator<ScanRow> {
    for (const record of await store.findCases({})) {
      yield { location: `cases/${record.id}`, value: record };
      for (const event of await store.listEvents(record.id)) yield { location: `events/${event.id}`, value: event };
    }
    for (const citizen of [subject, other]) if (index.get(citizen.id)) yield { location: `index/${citizen.id}`, value: index.get(citizen.id) };
  }
  return { engine, store, index, mine, theirs, erasureStore, erasure, request, search, scan: () => scanForPersonalData({ subject: [subject], extraIds: [subject.id] }, rows()) };
}

describe('createMemoryErasureStore', () => {
  it('restricts: the resident drops out of search, their case is refused to agents (audited); lifting restores both', async () => {
    const c = await council();
    const outcome = await c.erasure.execute(await c.request('restrict'), c.erasureStore);
    expect(outcome.status).toBe('restricted');
    expect((await c.search()).hits.map((h) => h.citizen.id)).not.toContain(subject.id);
    expect((await c.search(true)).hits.map((h) => h.citizen.id)).toContain(subject.id);
    await expect(c.engine.getCase({ actor: agent, caseId: c.mine })).rejects.toMatchObject({ name: 'AccessDeniedError' });
    expect(await c.store.listAccessDenied({ caseId: c.mine })).toHaveLength(1);
    expect((await c.engine.getCase({ actor: agent, caseId: c.theirs })).case.restrictedTo).toBeUndefined();
    expect((await c.erasureStore.listRestrictions()).map((r) => [r.target.kind, r.reason, r.restrictedAt])).toEqual([
      ['record', 'Request R-restrict', NOW.toISOString()],
      ['case', 'Request R-restrict', NOW.toISOString()],
    ]);

    for (const r of await c.erasureStore.listRestrictions()) await c.erasureStore.lift(r.target, 'Accuracy checked');
    expect((await c.search()).hits.map((h) => h.citizen.id)).toContain(subject.id);
    expect((await c.engine.getCase({ actor: agent, caseId: c.mine })).history.at(-1)).toMatchObject({ type: 'access-restriction-lifted', actorId: officer.id });
    expect(await c.erasureStore.listRestrictions()).toEqual([]);
  });

  it('erases: the record leaves the index, the case keeps only the pseudonym, and nothing of the person is left', async () => {
    const c = await council();
    expect((await c.scan()).length).toBeGreaterThan(0);
    await c.erasure.execute(await c.request('restrict'), c.erasureStore);
    const outcome = await c.erasure.execute(await c.request('erase'), c.erasureStore);
    expect(outcome.status).toBe('erased');
    expect(c.index.get(subject.id)).toBeUndefined();
    expect((await c.search(true)).hits.map((h) => h.citizen.id)).not.toContain(subject.id);
    const view = await c.engine.getCase({ actor: agent, caseId: c.mine });
    expect(view.case).toMatchObject({ citizenId: outcome.audit.pseudonym, data: {} });
    expect(await c.scan()).toEqual([]);
    expect(c.index.get(other.id)).toEqual(other);
  });

  it('refuses options without an index', () => {
    expect(() => createMemoryErasureStore({ store: setup().store } as never)).toThrow(expect.objectContaining({ reason: 'invalid-options' }));
  });
});
