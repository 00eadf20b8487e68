import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { SourceRecord } from '../matching/merge-types.js';
import { citizenSchema } from '../schemas/citizen.js';
import type { Citizen, Household } from '../schemas/types.js';
import { createResidentGenerator } from '../synthetic/generator.js';
import { createConsentLedger } from './consent-ledger.js';
import { createErasure, pseudonymiseCaseRecord } from './erasure.js';
import type { ErasureAuditEntry, ErasureRequest, ErasureStore, RetentionRule } from './erasure.js';
import { GdprError } from './errors.js';
import type { ProcessingNotice, SubjectCase, SubjectCaseEvent, SubjectCaseReader } from './ports.js';
import { scanForPersonalData } from './scan.js';
import type { ScanRow } from './scan.js';
import type { SpecialCategoryAccessEntry } from './special-category.js';
import { caseStatistics } from './statistics.js';
import { createSubjectAccessExport } from './subject-access.js';
import { createSuppressionList } from './suppression.js';
import { THIRD_PARTY } from './third-parties.js';

const NOW = new Date('2026-01-01T00:00:00.000Z');
const now = () => NOW;
const SECRET = 'a test secret that is long enough for hmac-sha-256';
const dpo = { id: 'dpo-1', teams: ['information-governance'] };
const notice = (what: string): ProcessingNotice => ({ purposes: [what], lawfulBases: ['public-task'], recipients: ['Our contractors'], retention: '6 years', source: 'You' });

interface StoredCase {
  record: SubjectCase;
  history: SubjectCaseEvent[];
}

/** An in-memory council: source records, households, cases with histories, a consent ledger, tombstones and audit. */
function createCouncil(seed: string) {
  const generator = createResidentGenerator({ seed, today: new Date('2025-06-01T00:00:00Z') });
  const groups = Array.from({ length: 12 }, () => generator.household());
  const hasPhone = (c: Citizen | undefined) => !!c?.name.given && c.contactPoints.some((p) => p.kind === 'phone');
  const subjectGroup = groups.find((g) => g.residents[0]?.identifiers.some((i) => i.scheme === 'nino') && g.residents[0]?.dateOfBirth?.precision === 'full' && g.residents.slice(1).some(hasPhone)) as (typeof groups)[number];
  const subject = subjectGroup.residents[0] as Citizen;
  const member = subjectGroup.residents.slice(1).find(hasPhone) as Citizen;
  const subjectWithFlag = citizenSchema.parse({ ...subject, vulnerabilities: [{ kind: 'bereavement', condition: 'substantial-public-interest', recordedAt: '2024-02-01T10:00:00Z' }] });
  const contactCentreCopy = citizenSchema.parse({ ...subject, id: 'cc-77', contactPoints: subject.contactPoints.slice(0, 1), preferredChannel: undefined, consents: [] });

  const records = new Map<string, SourceRecord>();
  const put = (record: SourceRecord) => records.set(`${record.source}/${record.recordId}`, record);
  put({ source: 'council-tax', recordId: subject.id, updatedAt: '2018-04-01T00:00:00.000Z', citizen: subjectWithFlag });
  put({ source: 'contact-centre', recordId: 'cc-77', updatedAt: '2019-05-01T00:00:00.000Z', citizen: contactCentreCopy });
  for (const group of groups) for (const resident of group.residents) if (resident.id !== subject.id) put({ source: 'council-tax', recordId: resident.id, updatedAt: '2024-01-01T00:00:00.000Z', citizen: resident });
  const households = new Map<string, Household>(groups.map((g) => [g.household.id, structuredClone(g.household)]));

  const cases = new Map<string, StoredCase>();
  const memberPhone = member.contactPoints.find((p) => p.kind === 'phone')?.value ?? '';
  const openCase = (id: string, citizenId: string, caseType: string, channel: string, status: string, state: string, note: string, data: Record<string, unknown>) =>
    cases.set(id, {
      record: { id, caseType, state, status, channel, citizenId, openedAt: '2019-06-01T09:00:00.000Z', updatedAt: '2019-06-10T09:00:00.000Z', ...(status === 'open' ? {} : { closedAt: '2019-06-10T09:00:00.000Z' }), data, externalReferences: [{ system: 'waste', reference: `JOB-${id}` }], attachments: [] },
      history: [
        { type: 'opened', at: '2019-06-01T09:00:00.000Z', actorId: 'agent-7', payload: {}, channel },
        { type: 'note-added', at: '2019-06-02T09:00:00.000Z', actorId: 'agent-7', payload: { text: note } },
        ...(status === 'open' ? [] : [{ type: 'closed', at: '2019-06-10T09:00:00.000Z', actorId: 'agent-8', payload: { transition: 'close' }, from: 'received', to: state }]),
      ],
    });
  openCase('case-1', subject.id, 'waste.missed-collection', 'phone', 'closed', 'closed', `Spoke to ${member.name.given} ${member.name.family} on ${memberPhone}; ${member.name.given} says the bin was out`, { contactName: `${subject.name.given} ${subject.name.family}`, bins: ['green'] });
  openCase('case-2', 'cc-77', 'revenues.direct-debit', 'web', 'closed', 'done', `${subject.name.given} ${subject.name.family} asked for a direct debit`, { accountHolder: `${subject.name.family}, ${subject.name.given}` });
  let n = 3;
  for (const group of groups) {
    for (const resident of group.residents.slice(0, 1)) {
      if (resident.id === subject.id) continue;
      openCase(`case-${n}`, resident.id, n % 2 ? 'waste.missed-collection' : 'parking.challenge', n % 3 ? 'phone' : 'face-to-face', 'closed', 'closed', 'Resolved', {});
      n += 1;
    }
  }

  const ledger = createConsentLedger({ now });
  const suppression = createSuppressionList({ secret: SECRET, now });
  const restricted = new Map<string, string>();
  const audit: ErasureAuditEntry[] = [];

  const caseReader: SubjectCaseReader = {
    async casesByCitizen({ citizenId }) {
      return { cases: [...cases.values()].filter((c) => c.record.citizenId === citizenId).map((c) => ({ case: c.record })), withheld: 0 };
    },
    async getCase({ caseId }) {
      const found = cases.get(caseId) as StoredCase;
      return { case: found.record, history: found.history };
    },
  };

  const store: ErasureStore = {
    async deleteRecord({ source, recordId }) {
      records.delete(`${source}/${recordId}`);
    },
    async pseudonymiseRecord({ source, recordId }, replacement) {
      records.delete(`${source}/${recordId}`);
      put({ source, recordId: replacement.id, updatedAt: NOW.toISOString(), citizen: replacement });
    },
    async pseudonymiseCase(caseId, pseudonym) {
      const found = cases.get(caseId) as StoredCase;
      cases.set(caseId, pseudonymiseCaseRecord(found.record, found.history, pseudonym));
    },
    async restrict(target, reason) {
      restricted.set(target.kind === 'case' ? `case/${target.caseId}` : `${target.source}/${target.recordId}`, reason);
    },
    async removeHouseholdMember(citizenId) {
      for (const household of households.values()) household.members = household.members.filter((m) => m.citizenId !== citizenId);
    },
  };

  function* rows(): Iterable<ScanRow> {
    for (const [key, value] of records) yield { location: `records/${key}`, value };
    for (const [key, value] of households) yield { location: `households/${key}`, value };
    for (const [key, value] of cases) {
      yield { location: `cases/${key}`, value: value.record };
      for (const [i, event] of value.history.entries()) yield { location: `case-events/${key}/${i}`, value: event };
    }
    for (const entry of ledger.entries()) yield { location: `consents/${entry.sequence}`, value: entry };
    for (const tombstone of suppression.list()) yield { location: `tombstones/${tombstone.id}`, value: tombstone };
    for (const entry of audit) yield { location: `audit/${entry.id}`, value: entry };
    for (const [key, value] of restricted) yield { location: `restrictions/${key}`, value };
  }

  const subjectSources = () => [...records.values()].filter((r) => r.citizen.id === subject.id || r.recordId === 'cc-77');
  return { generator, subject, member, records, households, cases, ledger, suppression, restricted, audit, caseReader, store, rows, subjectSources, allCitizens: () => [...records.values()].map((r) => r.citizen) };
}

const retention: RetentionRule[] = [
  { appliesTo: { source: 'council-tax' }, keepFor: { years: 6 }, onErasure: 'delete', basis: 'Limitation Act 1980: 6 years' },
  { appliesTo: { source: 'contact-centre' }, onErasure: 'pseudonymise', basis: 'No statutory retention' },
  { appliesTo: { caseType: '*' }, keepFor: { years: 2 }, onErasure: 'pseudonymise', basis: 'Complaints: 2 years' },
];

describe('subject access export', () => {
  it('exports every record and case with supplementary information, redacting third parties', async () => {
    const council = createCouncil('sar');
    const specialReads: SpecialCategoryAccessEntry[] = [];
    await council.ledger.record({ subjectId: council.subject.id, purpose: 'surveys', lawfulBasis: 'consent', actor: dpo });
    await council.ledger.withdraw({ subjectId: council.subject.id, purpose: 'surveys', actor: dpo });
    await council.ledger.record({ subjectId: council.member.id, purpose: 'surveys', lawfulBasis: 'consent', actor: dpo });
    const sar = createSubjectAccessExport({
      controller: { name: 'Anytown Borough Council', contact: 'dpo@anytown.gov.uk' },
      processing: { 'council-tax': notice('Council tax'), 'contact-centre': notice('Answering your contacts') },
      caseProcessing: { 'waste.missed-collection': notice('Waste services'), '*': notice('Council services') },
      cases: council.caseReader,
      knownCitizens: council.allCitizens,
      consentLedger: council.ledger,
      onSpecialCategoryAccess: (entry) => void specialReads.push(entry),
      now,
    });
    const subject = { id: council.subject.id, sources: council.subjectSources() };
    const { json, markdown } = await sar.export({ subject, actor: dpo, reference: 'SAR-42' });

    expect(json.records.map((r) => r.source).sort()).toEqual(['contact-centre', 'council-tax']);
    expect(json.records.find((r) => r.source === 'council-tax')?.processing.purposes).toEqual(['Council tax']);
    expect(json.cases.map((c) => c.case.id)).toEqual(['case-1', 'case-2']);
    expect(json.cases[0]?.processing.purposes).toEqual(['Waste services']);
    expect(json.cases[1]?.processing.purposes).toEqual(['Council services']);
    expect(json.consents.length).toBeGreaterThan(0);
    expect(json.withheldCases).toBe(0);
    expect(json.consentHistory.map((e) => [e.subjectId, e.consent.status, e.actorId])).toEqual([
      [council.subject.id, 'given', 'council staff'],
      [council.subject.id, 'withdrawn', 'council staff'],
    ]);
    expect(markdown).toContain('### Changes to your consents');
    // The subject's own data is there; the household member's is not.
    const note = json.cases[0]?.history.find((e) => e.type === 'note-added')?.payload.text as string;
    expect(note).toBe(`Spoke to ${THIRD_PARTY} on ${THIRD_PARTY}; ${THIRD_PARTY} says the bin was out`);
    expect(json.cases[0]?.case.data.contactName).toBe(`${council.subject.name.given} ${council.subject.name.family}`);
    expect(json.redactions).toBe(3);
    const everything = JSON.stringify(json) + markdown;
    expect(everything).not.toContain(`${council.member.name.given} ${council.member.name.family}`);
    expect(json.cases[0]?.history.every((e) => e.actorId === 'council staff')).toBe(true);
    // Readable document.
    expect(markdown).toContain('# Your personal data held by Anytown Borough Council');
    expect(markdown).toContain('## council\\-tax record'.replace('\\-', '-'));
    expect(markdown).toContain('How long we keep it: 6 years');
    expect(markdown).toContain('## Your rights');
    expect(markdown).toContain('\\[third party\\]');
    // Special category data was read for the export, and that was audited.
    expect(specialReads).toEqual([{ actorId: 'dpo-1', citizenId: council.subject.id, purpose: 'subject-access-request:SAR-42', at: NOW.toISOString(), fields: ['vulnerabilities', 'accessibilityNeeds', 'communicationNeeds'] }]);
  });

  it('refuses a source without a processing notice, and malformed requests, with typed reasons', async () => {
    const council = createCouncil('sar-missing');
    const sar = createSubjectAccessExport({ controller: { name: 'C', contact: 'd' }, processing: { 'council-tax': notice('x') }, now });
    await expect(sar.export({ subject: { id: council.subject.id, sources: council.subjectSources() }, actor: dpo, reference: 'R' })).rejects.toMatchObject({ reason: 'missing-processing-notice' });
    await fc.assert(
      fc.asyncProperty(fc.anything(), async (input) => {
        await expect(sar.export(input as never)).rejects.toBeInstanceOf(GdprError);
      }),
      { numRuns: 200 },
    );
    expect(() => createSubjectAccessExport({ controller: { name: 'C', contact: 'd' }, processing: {}, cases: council.caseReader })).toThrow(GdprError);
  });

  it('escapes Markdown in record values', async () => {
    const council = createCouncil('sar-escape');
    const [record] = council.subjectSources() as [SourceRecord];
    const hostile = { ...record, citizen: citizenSchema.parse({ ...record.citizen, name: { given: '[click](http://evil.example)', family: '<script>x</script>' } }) };
    const sar = createSubjectAccessExport({ controller: { name: 'C', contact: 'd' }, processing: { 'council-tax': notice('x') }, now });
    const { markdown } = await sar.export({ subject: { id: 'p', sources: [hostile] }, actor: dpo, reference: 'R' });
    expect(markdown).not.toContain('[click](http');
    expect(markdown).not.toContain('<script>');
    expect(markdown).toContain('\\[click\\]\\(http://evil.example\\)');
  });
});

describe('erasure', () => {
  function request(council: ReturnType<typeof createCouncil>, extra: Partial<ErasureRequest> = {}): ErasureRequest {
    const subject = { id: council.subject.id, sources: council.subjectSources() };
    const cases = [...council.cases.values()].filter((c) => c.record.citizenId === council.subject.id || c.record.citizenId === 'cc-77').map((c) => c.record);
    return { subject, cases, mode: 'erase', actor: dpo, reason: 'Article 17 request R-9', ...extra };
  }

  it('erases the person so a scan of the whole data set finds nothing, keeps case statistics, and flags them if re-added', async () => {
    const council = createCouncil('erase');
    await council.ledger.record({ subjectId: council.subject.id, purpose: 'surveys', lawfulBasis: 'consent', actor: dpo });
    await council.ledger.record({ subjectId: council.member.id, purpose: 'surveys', lawfulBasis: 'consent', actor: dpo });
    const erasure = createErasure({ retention, suppression: council.suppression, consents: council.ledger, onAudit: (e) => void council.audit.push(e), now });
    const req = request(council);
    const subjectCitizens = req.subject.sources.map((s) => s.citizen);
    const scan = () => scanForPersonalData({ subject: subjectCitizens, extraIds: [council.subject.id, 'cc-77'] }, council.rows());

    const before = await scan();
    expect(new Set(before.map((f) => f.location.split('/')[0]))).toEqual(new Set(['records', 'households', 'cases', 'case-events', 'consents']));
    const statsBefore = caseStatistics([...council.cases.values()].map((c) => c.record));

    const outcome = await erasure.execute(req, council.store);
    expect(outcome.status).toBe('erased');
    expect(outcome.plan.items.map((i) => [i.target.kind, i.action])).toEqual([
      ['record', 'delete'],
      ['record', 'pseudonymise'],
      ['case', 'pseudonymise'],
      ['case', 'pseudonymise'],
    ]);
    expect(await scan()).toEqual([]);
    expect(caseStatistics([...council.cases.values()].map((c) => c.record))).toEqual(statsBefore);
    expect(council.cases.get('case-1')?.record.citizenId).toBe(council.cases.get('case-2')?.record.citizenId);
    // Other residents are untouched.
    expect(council.ledger.history(council.member.id)).toHaveLength(1);
    expect([...council.records.values()].some((r) => r.citizen.id === council.member.id)).toBe(true);
    // The audit holds no personal data.
    expect(council.audit).toHaveLength(1);
    expect(council.audit[0]).toMatchObject({ action: 'erasure', status: 'erased', deleted: 1, pseudonymised: 3, restricted: 0, tombstoneId: outcome.tombstone?.id });

    // The same person coming back, typed in differently, is flagged; someone else is not.
    const again = citizenSchema.parse({ ...council.generator.messy(council.subject), id: 'new-1' });
    const check = await council.suppression.check(again);
    expect(check.suppressed).toBe(true);
    expect(check.matchedOn).toContain('nino');
    expect(check.tombstoneIds).toEqual([outcome.tombstone?.id]);
    expect((await council.suppression.check(council.member)).suppressed).toBe(false);
    // The tombstone survives a reload without the secret's holder re-deriving anything.
    const reloaded = createSuppressionList({ secret: SECRET, tombstones: council.suppression.list() });
    expect((await reloaded.check(again)).suppressed).toBe(true);
    expect((await createSuppressionList({ secret: `${SECRET}-other`, tombstones: council.suppression.list() }).check(again)).suppressed).toBe(false);
  });

  it('a legal hold blocks erasure of what it covers with a typed reason; the rest is erased', async () => {
    const council = createCouncil('hold');
    const erasure = createErasure({ retention, suppression: council.suppression, now });
    const req = request(council, { holds: [{ id: 'LH-1', reason: 'Ombudsman complaint', caseId: 'case-1' }] });
    const outcome = await erasure.execute(req, council.store);
    expect(outcome.status).toBe('partly-erased');
    expect(outcome.plan.items.find((i) => i.target.kind === 'case' && i.target.caseId === 'case-1')).toMatchObject({ action: 'restrict', blocked: { reason: 'legal-hold', holdId: 'LH-1' } });
    expect(council.cases.get('case-1')?.record.citizenId).toBe(council.subject.id);
    expect(council.restricted.get('case/case-1')).toContain('legal-hold');
    expect(council.cases.get('case-2')?.record.citizenId).toMatch(/^erased-/);
    expect(outcome.audit.blocked).toEqual([{ kind: 'case', caseId: 'case-1', reason: 'legal-hold', holdId: 'LH-1' }]);

    const whole = createCouncil('hold-all');
    const all = await createErasure({ retention, suppression: whole.suppression, now }).execute(request(whole, { holds: [{ id: 'LH-2', reason: 'Litigation', subjectId: whole.subject.id }] }), whole.store);
    expect(all.status).toBe('blocked');
    expect(all.tombstone).toBeUndefined();
    expect(all.plan.items.every((i) => i.blocked?.reason === 'legal-hold')).toBe(true);
    // A lapsed hold no longer blocks.
    const lapsed = createErasure({ retention, suppression: whole.suppression, now }).plan(request(whole, { holds: [{ id: 'LH-3', reason: 'Old', subjectId: whole.subject.id, until: '2025-01-01T00:00:00.000Z' }] }));
    expect(lapsed.items.some((i) => i.blocked)).toBe(false);
  });

  it('retention periods, open cases and missing rules restrict instead of erasing', () => {
    const council = createCouncil('retention');
    const recent = council.subjectSources().map((s) => (s.source === 'council-tax' ? { ...s, updatedAt: '2024-03-01T00:00:00.000Z' } : s));
    const req = request(council);
    const plan = createErasure({ retention: retention.slice(0, 1), suppression: council.suppression, now }).plan({
      ...req,
      subject: { ...req.subject, sources: recent },
      cases: [...(req.cases ?? []), { id: 'case-open', caseType: 'x', status: 'open', updatedAt: '2025-12-01T00:00:00.000Z' }],
    });
    expect(plan.items.map((i) => i.blocked?.reason)).toEqual(['retention-period', 'no-retention-rule', 'no-retention-rule', 'no-retention-rule', 'case-open']);
    expect(plan.items[0]?.blocked?.until).toBe('2030-03-01T00:00:00.000Z');
  });

  it('restriction keeps everything and marks it restricted', async () => {
    const council = createCouncil('restrict');
    const sizeBefore = council.records.size;
    const outcome = await createErasure({ retention, suppression: council.suppression, now }).execute(request(council, { mode: 'restrict' }), council.store);
    expect(outcome.status).toBe('restricted');
    expect(outcome.tombstone).toBeUndefined();
    expect(council.records.size).toBe(sizeBefore);
    expect(council.restricted.size).toBe(4);
  });

  it('pseudonymises the actor of events the person made themselves, and no one else', () => {
    const record: SubjectCase = { id: 'c-9', caseType: 'x', state: 's', status: 'closed', channel: 'web', citizenId: 'res-1', openedAt: NOW.toISOString(), updatedAt: NOW.toISOString(), data: { a: 1 }, externalReferences: [], attachments: [] };
    const history: SubjectCaseEvent[] = [
      { type: 'opened', at: NOW.toISOString(), actorId: 'res-1', payload: { note: 'mine' } },
      { type: 'closed', at: NOW.toISOString(), actorId: 'agent-2', payload: { transition: 'close', text: 'done' } },
    ];
    const out = pseudonymiseCaseRecord(record, history, 'erased-x');
    expect(out.history.map((e) => [e.actorId, e.payload])).toEqual([
      ['erased-x', {}],
      ['agent-2', { transition: 'close' }],
    ]);
    expect(out.record).toMatchObject({ citizenId: 'erased-x', data: {} });
    expect(history[0]?.actorId).toBe('res-1');
  });

  it('refuses bad options and requests with GdprError', () => {
    const council = createCouncil('bad');
    expect(() => createErasure({ retention: [{ appliesTo: {}, onErasure: 'shred' }] as never, suppression: council.suppression })).toThrow(GdprError);
    expect(() => createSuppressionList({ secret: 'short' })).toThrow(GdprError);
    const erasure = createErasure({ retention, suppression: council.suppression, now });
    fc.assert(
      fc.property(fc.anything(), (input) => {
        expect(() => erasure.plan(input as never)).toThrow(GdprError);
      }),
      { numRuns: 300 },
    );
  });
});

describe('scanForPersonalData', () => {
  it('finds names in free text in any spacing and case, phones in national form, and ids only whole', async () => {
    const council = createCouncil('scan');
    const s = council.subject;
    const phone = s.contactPoints.find((p) => p.kind === 'phone')?.value as string;
    const national = `0${phone.slice(3, 7)} ${phone.slice(7)}`;
    const findings = await scanForPersonalData({ subject: [s] }, [
      { location: 'a', value: { note: `called ${s.name.given?.toUpperCase()}   ${s.name.family}` } },
      { location: 'b', value: [{ deep: { phone: national } }] },
      { location: 'c', value: { id: s.id } },
      { location: 'd', value: { id: `${s.id}-other`, name: s.name.family } },
      { location: 'e', value: { given: s.name.given, family: s.name.family } },
    ]);
    expect(findings).toEqual([
      { location: 'a', path: 'note', kind: 'name' },
      { location: 'b', path: '0.deep.phone', kind: 'phone' },
      { location: 'c', path: 'id', kind: 'record-id' },
      { location: 'e', path: '', kind: 'name' },
    ]);
  });
});
