import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { citizenSchema } from '../schemas/citizen.js';
import type { Citizen } from '../schemas/types.js';
import { createResidentGenerator } from '../synthetic/generator.js';
import { createMerger, MergeError, parseSourceRecord } from './merge.js';
import { relinkCases, restoreCaseLinks } from './merge-cases.js';
import type { CaseLinkPort } from './merge-cases.js';
import type { MergeAuditEntry, MergedPerson } from './merge-types.js';

const actor = { id: 'agent-42', teams: ['data-quality'] };
const clock = () => new Date('2025-06-01T10:00:00.000Z');

function variant(base: Citizen, id: string, changes: Partial<Citizen>): Citizen {
  return citizenSchema.parse({ ...structuredClone(base), id, ...changes });
}

function setup() {
  const generator = createResidentGenerator({ seed: 'merge' });
  const base = generator.resident();
  const ct = variant(base, 'ct-1', {
    name: { given: base.name.given ?? 'Ann', family: 'Smith' },
    dateOfBirth: { value: '1980-04-03', precision: 'full' },
    contactPoints: [{ kind: 'phone', value: '+442079460001', use: 'mobile', preferred: true, verified: false }],
    identifiers: [{ scheme: 'nino', value: 'AB123456' }],
    preferredChannel: 'phone',
  });
  const cc = variant(base, 'cc-1', {
    name: { given: base.name.given ?? 'Ann', family: 'Smyth' },
    dateOfBirth: { value: '1980', precision: 'year' },
    contactPoints: [
      { kind: 'phone', value: '+442079460002', use: 'mobile', preferred: true, verified: true },
      { kind: 'email', value: 'ann@example.com', use: 'home', preferred: true, verified: true },
    ],
    identifiers: [{ scheme: 'nino', value: 'AB123457' }, { scheme: 'local', system: 'crm', value: 'C-9' }],
    preferredChannel: 'email',
    vulnerabilities: [],
  });
  return { ct, cc };
}

describe('createMerger', () => {
  it('applies trust, per-field trust, precision and recency, and keeps provenance for every value', async () => {
    const { ct, cc } = setup();
    const audit: MergeAuditEntry[] = [];
    const merger = createMerger({ trust: ['council-tax', 'contact-centre'], fieldTrust: { preferredChannel: ['contact-centre'] }, now: clock, newId: () => `a-${audit.length + 1}`, onAudit: (e) => void audit.push(e) });
    const a = merger.fromSource({ source: 'council-tax', recordId: 'CT-1', updatedAt: '2023-01-01T00:00:00Z', citizen: ct }, { personId: 'p-1' });
    const b = merger.fromSource({ source: 'contact-centre', recordId: 'CC-1', updatedAt: '2025-01-01T00:00:00Z', citizen: cc }, { personId: 'p-2' });
    const { person, mergedAwayIds } = await merger.merge([a, b], { actor, reason: 'Clerical review: same person' });

    expect(person.id).toBe('p-1');
    expect(person.citizen.id).toBe('p-1');
    expect(mergedAwayIds).toEqual(['p-2']);
    expect(person.citizen.name.family).toBe('Smith');
    expect(person.provenance.fields.name).toMatchObject({ source: 'council-tax', recordId: 'CT-1', rule: 'trust' });
    expect(person.citizen.preferredChannel).toBe('email');
    expect(person.provenance.fields.preferredChannel).toMatchObject({ source: 'contact-centre', rule: 'trust' });
    // National identifiers: one per scheme, the trusted source's.
    expect(person.citizen.identifiers).toEqual([{ scheme: 'nino', value: 'AB123456' }, { scheme: 'local', system: 'crm', value: 'C-9' }]);
    expect(person.provenance.items.identifiers.map((p) => p.source)).toEqual(['council-tax', 'contact-centre']);
    // Contact points are unioned; only one preferred phone survives.
    expect(person.citizen.contactPoints.map((p) => [p.value, p.preferred])).toEqual([
      ['+442079460001', true],
      ['+442079460002', false],
      ['ann@example.com', true],
    ]);
    expect(person.provenance.items.contactPoints).toHaveLength(3);
    expect(person.sources.map((s) => s.recordId)).toEqual(['CT-1', 'CC-1']);
    expect(audit).toEqual([
      { id: 'a-1', action: 'merge', actor, at: '2025-06-01T10:00:00.000Z', reason: 'Clerical review: same person', before: ['p-1', 'p-2'], after: ['p-1'], sourceRecords: [{ source: 'council-tax', recordId: 'CT-1' }, { source: 'contact-centre', recordId: 'CC-1' }] },
    ]);
  });

  it('with equal trust prefers the more precise date of birth, then the newer record', async () => {
    const { ct, cc } = setup();
    const merger = createMerger({ now: clock });
    const older = merger.fromSource({ source: 'x', recordId: '1', updatedAt: '2020-01-01T00:00:00Z', citizen: ct });
    const newer = merger.fromSource({ source: 'y', recordId: '2', updatedAt: '2025-01-01T00:00:00Z', citizen: cc });
    const { person } = await merger.merge([newer, older], { actor, reason: 'dup' });
    expect(person.citizen.dateOfBirth).toEqual({ value: '1980-04-03', precision: 'full' });
    expect(person.provenance.fields.dateOfBirth?.rule).toBe('precision');
    expect(person.citizen.name.family).toBe('Smyth');
    expect(person.provenance.fields.name?.rule).toBe('recency');
  });

  it('takes a value from a less trusted source when the trusted one is empty', async () => {
    const { ct, cc } = setup();
    const merger = createMerger({ trust: ['council-tax'] });
    const { communicationNeeds: _dropped, ...withoutNeeds } = ct;
    const a = merger.fromSource({ source: 'council-tax', recordId: 'CT-1', updatedAt: '2023-01-01T00:00:00Z', citizen: withoutNeeds });
    const b = merger.fromSource({ source: 'housing', recordId: 'H-1', updatedAt: '2023-01-01T00:00:00Z', citizen: { ...cc, communicationNeeds: { language: 'cy', interpreter: true, britishSignLanguage: false, textRelay: false, formats: [] } } });
    const { person } = await merger.merge([a, b], { actor, reason: 'dup' });
    expect(person.citizen.communicationNeeds?.language).toBe('cy');
    expect(person.provenance.fields.communicationNeeds).toMatchObject({ source: 'housing', rule: 'only-value' });
  });

  it('unmerge restores the exact before-state, through nested merges, and is audited', async () => {
    const { ct, cc } = setup();
    const audit: MergeAuditEntry[] = [];
    const merger = createMerger({ trust: ['council-tax'], onAudit: (e) => void audit.push(e) });
    const generator = createResidentGenerator({ seed: 'third' });
    const a = merger.fromSource({ source: 'council-tax', recordId: 'CT-1', updatedAt: '2023-01-01T00:00:00Z', citizen: ct });
    const b = merger.fromSource({ source: 'contact-centre', recordId: 'CC-1', updatedAt: '2025-01-01T00:00:00Z', citizen: cc });
    const c = merger.fromSource({ source: 'housing', recordId: 'H-1', updatedAt: '2024-01-01T00:00:00Z', citizen: generator.resident() });
    const before = structuredClone([a, b, c]);
    const first = await merger.merge([a, b], { actor, reason: 'one' });
    const second = await merger.merge([c, first.person], { actor, reason: 'two', survivorId: first.person.id });
    expect(second.person.sources).toHaveLength(3);
    expect(second.mergedAwayIds).toEqual([c.id]);
    const undoSecond = await merger.unmerge(second.person, { actor, reason: 'wrong' });
    expect(undoSecond.persons).toEqual([before[2], first.person]);
    const undoFirst = await merger.unmerge(undoSecond.persons[1] as MergedPerson, { actor, reason: 'wrong too' });
    expect(undoFirst.persons).toEqual([before[0], before[1]]);
    expect(audit.map((e) => [e.action, e.before, e.after])).toEqual([
      ['merge', [a.id, b.id], [a.id]],
      ['merge', [c.id, a.id], [a.id]],
      ['unmerge', [a.id], [c.id, a.id]],
      ['unmerge', [a.id], [a.id, b.id]],
    ]);
    // The inputs were not mutated by merging.
    expect([a, b, c]).toEqual(before);
  });

  it('refuses bad merges with typed reasons and writes no audit entry', async () => {
    const { ct, cc } = setup();
    const audit: MergeAuditEntry[] = [];
    const merger = createMerger({ onAudit: (e) => void audit.push(e) });
    const a = merger.fromSource({ source: 's', recordId: '1', updatedAt: '2023-01-01T00:00:00Z', citizen: ct });
    const b = merger.fromSource({ source: 's', recordId: '2', updatedAt: '2023-01-01T00:00:00Z', citizen: cc });
    const reasonOf = async (run: () => Promise<unknown>) => run().then(() => 'none', (e: unknown) => (e instanceof MergeError ? e.reason : String(e)));
    expect(await reasonOf(() => merger.merge([a], { actor, reason: 'x' }))).toBe('too-few-persons');
    expect(await reasonOf(() => merger.merge([a, a], { actor, reason: 'x' }))).toBe('duplicate-person');
    expect(await reasonOf(() => merger.merge([a, { ...a, id: 'other' }], { actor, reason: 'x' }))).toBe('duplicate-source');
    expect(await reasonOf(() => merger.merge([a, b], { actor, reason: 'x', survivorId: 'nobody' }))).toBe('unknown-survivor');
    expect(await reasonOf(() => merger.merge([a, b], { actor, reason: '  ' }))).toBe('invalid-request');
    expect(await reasonOf(() => merger.unmerge(a, { actor, reason: 'x' }))).toBe('not-merged');
    expect(() => merger.fromSource({ source: 's', recordId: '1', updatedAt: 'yesterday', citizen: ct })).toThrow(MergeError);
    expect(() => createMerger({ trust: 'council-tax' as unknown as string[] })).toThrow(MergeError);
    expect(audit).toEqual([]);
  });

  it('fails the merge when the audit cannot be written', async () => {
    const { ct, cc } = setup();
    const merger = createMerger({ onAudit: () => Promise.reject(new Error('audit store down')) });
    const a = merger.fromSource({ source: 's', recordId: '1', updatedAt: '2023-01-01T00:00:00Z', citizen: ct });
    const b = merger.fromSource({ source: 's', recordId: '2', updatedAt: '2023-01-01T00:00:00Z', citizen: cc });
    await expect(merger.merge([a, b], { actor, reason: 'x' })).rejects.toThrow('audit store down');
  });

  it('merges generated households of residents into valid citizens', async () => {
    const merger = createMerger({ trust: ['a', 'b'] });
    const people = createResidentGenerator({ seed: 7 }).residents(40);
    for (let i = 0; i + 1 < people.length; i += 2) {
      const a = merger.fromSource({ source: 'a', recordId: `a${i}`, updatedAt: '2024-01-01T00:00:00Z', citizen: people[i] });
      const b = merger.fromSource({ source: 'b', recordId: `b${i}`, updatedAt: '2024-02-01T00:00:00Z', citizen: people[i + 1] });
      const { person } = await merger.merge([a, b], { actor, reason: 'fuzz' });
      expect(citizenSchema.safeParse(person.citizen).success).toBe(true);
      for (const [field, list] of Object.entries(person.provenance.items)) {
        expect(list.length, field).toBe((person.citizen[field as keyof Citizen] as unknown[]).length);
      }
    }
  });
});

describe('merge and unmerge with anything', () => {
  it('refuse malformed persons with MergeError, never another error', async () => {
    const merger = createMerger();
    await fc.assert(
      fc.asyncProperty(fc.array(fc.anything(), { minLength: 2, maxLength: 3 }), fc.anything(), async (persons, request) => {
        await expect(merger.merge(persons as never, { actor, reason: 'x' })).rejects.toBeInstanceOf(MergeError);
        await expect(merger.merge(persons as never, request as never)).rejects.toBeInstanceOf(MergeError);
        await expect(merger.unmerge(persons[0] as never, { actor, reason: 'x' })).rejects.toBeInstanceOf(MergeError);
      }),
      { numRuns: 300 },
    );
  });
});

describe('parseSourceRecord', () => {
  it('never throws on any input and only accepts valid records', () => {
    fc.assert(
      fc.property(fc.anything(), (input) => {
        const result = parseSourceRecord(input);
        if (result.ok) expect(citizenSchema.safeParse(result.record.citizen).success).toBe(true);
        else expect(result.errors.length).toBeGreaterThan(0);
      }),
      { numRuns: 500 },
    );
    fc.assert(
      fc.property(fc.record({ source: fc.string(), recordId: fc.string(), updatedAt: fc.string(), citizen: fc.object() }), (input) => {
        expect(() => parseSourceRecord(input)).not.toThrow();
      }),
      { numRuns: 300 },
    );
  });
});

describe('relinkCases', () => {
  function fakeEngine(links: Map<string, string>, hidden = new Set<string>()): CaseLinkPort & { keys: string[] } {
    const keys: string[] = [];
    return {
      keys,
      async casesByCitizen({ citizenId }) {
        const mine = [...links].filter(([, owner]) => owner === citizenId).map(([id]) => id);
        return { cases: mine.filter((id) => !hidden.has(id)).map((id) => ({ case: { id } })), withheld: mine.filter((id) => hidden.has(id)).length };
      },
      async linkCitizen({ caseId, citizenId, idempotencyKey }) {
        keys.push(idempotencyKey);
        links.set(caseId, citizenId);
        return { caseId };
      },
    };
  }

  it('moves the merged-away persons cases to the survivor and back after an unmerge', async () => {
    const links = new Map([['c1', 'p-2'], ['c2', 'p-3'], ['c3', 'p-1'], ['c4', 'p-9']]);
    const engine = fakeEngine(links, new Set(['c2']));
    const report = await relinkCases(engine, { actor, survivorId: 'p-1', mergedAwayIds: ['p-2', 'p-3', 'p-1'], idempotencyKey: 'm-1' });
    expect(report).toEqual({ moved: [{ caseId: 'c1', from: 'p-2', to: 'p-1' }], withheld: 1 });
    expect(engine.keys).toEqual(['m-1:c1']);
    expect(Object.fromEntries(links)).toEqual({ c1: 'p-1', c2: 'p-3', c3: 'p-1', c4: 'p-9' });
    const back = await restoreCaseLinks(engine, { actor, moved: report.moved, idempotencyKey: 'u-1' });
    expect(back.moved).toEqual([{ caseId: 'c1', from: 'p-1', to: 'p-2' }]);
    expect(links.get('c1')).toBe('p-2');
  });
});

describe('merge with hand-built persons', () => {
  it('refuses a person whose source record is not a valid citizen', async () => {
    const merger = createMerger();
    const good = merger.fromSource({ source: 's', recordId: '1', updatedAt: '2023-01-01T00:00:00Z', citizen: createResidentGenerator({ seed: 1 }).resident() });
    const bad = { id: 'p-x', citizen: { id: 'p-x' }, sources: [{ source: 't', recordId: '2', updatedAt: '2023-01-01T00:00:00Z', citizen: {} }] };
    await expect(merger.merge([good, bad as never], { actor, reason: 'x' })).rejects.toMatchObject({ reason: 'invalid-request' });
  });
});
