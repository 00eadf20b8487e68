import { z } from 'zod';
import { citizenSchema } from '../schemas/citizen.js';
import type { Citizen } from '../schemas/types.js';
import type { ListField, MergeActor, MergeAuditEntry, MergedPerson, Provenance, ScalarField, SourceRecord, SurvivorshipRule, ValueSource } from './merge-types.js';

/**
 * Why a merge, unmerge or source record was refused.
 *
 * @example
 * ```ts
 * if (error instanceof MergeError && error.reason === 'not-merged') showMessage('This person was never merged');
 * ```
 */
export type MergeErrorReason = 'invalid-options' | 'invalid-source-record' | 'invalid-request' | 'too-few-persons' | 'duplicate-person' | 'duplicate-source' | 'unknown-survivor' | 'not-merged' | 'invalid-result';

/**
 * Thrown when a merge or unmerge cannot be done as asked. Nothing has
 * changed and no audit entry was written.
 *
 * @example
 * ```ts
 * try { await merger.merge([a], { actor, reason: 'dup' }); } catch (error) { if (error instanceof MergeError) console.log(error.reason); } // 'too-few-persons'
 * ```
 */
export class MergeError extends Error {
  override readonly name = 'MergeError';
  /** Why it was refused. */
  readonly reason: MergeErrorReason;

  constructor(reason: MergeErrorReason, message: string) {
    super(message);
    this.reason = reason;
  }
}

/**
 * Options for {@link createMerger}.
 *
 * @example
 * ```ts
 * const options: MergerOptions = {
 *   trust: ['electoral-register', 'council-tax', 'benefits', 'contact-centre'],
 *   fieldTrust: { contactPoints: ['contact-centre'] },
 *   onAudit: (entry) => auditLog.append(entry),
 * };
 * ```
 */
export interface MergerOptions {
  /** Source systems, most trusted first. Sources not listed rank after every listed one, equal to each other. Default: `[]` (all equal, so recency decides). */
  trust?: readonly string[];
  /** Per-field trust order, replacing `trust` for that field (a contact centre may be best for phone numbers, council tax for addresses). Default: none. */
  fieldTrust?: Partial<Record<ScalarField | ListField, readonly string[]>>;
  /** Called with every audit entry before `merge` or `unmerge` returns; if it throws, the call fails. Default: none (entries are still returned). */
  onAudit?: (entry: MergeAuditEntry) => void | Promise<void>;
  /** The clock. Default: `() => new Date()`. */
  now?: () => Date;
  /** Audit entry ids. Default: `crypto.randomUUID()`. */
  newId?: () => string;
}

/**
 * A merge or unmerge request: who and why.
 *
 * @example
 * ```ts
 * const request: MergeRequest = { actor: { id: 'agent-42', teams: ['data-quality'] }, reason: 'Clerical review: same person', survivorId: 'p-1' };
 * ```
 */
export interface MergeRequest {
  /** Who is doing it. */
  actor: MergeActor;
  /** Why (kept in the audit entry). */
  reason: string;
  /** The person id to keep (merge only). Default: the first person's id. */
  survivorId?: string;
}

/**
 * What `merge` gives back.
 *
 * @example
 * ```ts
 * const { person, mergedAwayIds, audit } = await merger.merge([a, b], { actor, reason: 'same NINO' });
 * ```
 */
export interface MergeResult {
  /** The merged person. */
  person: MergedPerson;
  /** Ids of the persons that no longer exist (relink their cases with `relinkCases`). */
  mergedAwayIds: string[];
  /** The audit entry written. */
  audit: MergeAuditEntry;
}

/**
 * What `unmerge` gives back.
 *
 * @example
 * ```ts
 * const { persons } = await merger.unmerge(person, { actor, reason: 'Twins, not one person' });
 * ```
 */
export interface UnmergeResult {
  /** The persons exactly as they were before the merge. */
  persons: MergedPerson[];
  /** The audit entry written. */
  audit: MergeAuditEntry;
}

/**
 * What {@link createMerger} gives back.
 *
 * @example
 * ```ts
 * const merger: Merger = createMerger({ trust: ['council-tax', 'housing'] });
 * ```
 */
export interface Merger {
  /** A person of one source record (validated: throws `MergeError` `invalid-source-record`). Its id is `personId`, default the record's citizen id. */
  fromSource(record: unknown, options?: { personId?: string }): MergedPerson;
  /** Merge two or more persons into one by the survivorship rules, keeping every source record. */
  merge(persons: readonly MergedPerson[], request: MergeRequest): Promise<MergeResult>;
  /** Undo the last merge that made this person: gives back exactly the persons that went in. */
  unmerge(person: MergedPerson, request: Omit<MergeRequest, 'survivorId'>): Promise<UnmergeResult>;
  /** Re-run survivorship over source records (after one of them changed in its system). */
  survive(personId: string, sources: readonly SourceRecord[]): Pick<MergedPerson, 'citizen' | 'provenance'>;
}

const SCALAR_FIELDS: readonly ScalarField[] = ['name', 'dateOfBirth', 'preferredChannel', 'communicationNeeds'];
const LIST_FIELDS: readonly ListField[] = ['previousNames', 'addresses', 'contactPoints', 'identifiers', 'consents', 'households', 'accessibilityNeeds', 'vulnerabilities'];
const PRECISION_RANK = { full: 0, 'year-month': 1, year: 2 } as const;

const sourceRecordSchema = z.object({
  source: z.string({ error: 'source must be text' }).trim().min(1, 'Enter the source system').max(100),
  recordId: z.string({ error: 'recordId must be text' }).trim().min(1, 'Enter the record id').max(200),
  updatedAt: z.iso.datetime({ offset: true, error: 'updatedAt must be an ISO 8601 date-time' }),
  citizen: z.unknown(),
});

const fn = z.custom<(...args: never[]) => unknown>((value) => typeof value === 'function', 'must be a function');
const fieldList = z.array(z.string().min(1).max(100)).max(1000);
const optionsSchema = z.object({
  trust: fieldList.optional(),
  fieldTrust: z.partialRecord(z.enum([...SCALAR_FIELDS, ...LIST_FIELDS]), fieldList).optional(),
  onAudit: fn.optional(),
  now: fn.optional(),
  newId: fn.optional(),
});
// Persons come from fromSource or an earlier merge; this only guards JavaScript callers against passing something else.
const personShape = z
  .object({ id: z.string().min(1), citizen: z.object({ id: z.string() }).loose(), sources: z.array(z.object({ source: z.string().min(1), recordId: z.string().min(1), updatedAt: z.string(), citizen: z.object({}).loose() }).loose()).min(1) })
  .loose();
const actorSchema = z.object({ id: z.string().min(1).max(200), teams: z.array(z.string()).readonly(), roles: z.array(z.string()).readonly().optional() });
const requestSchema = z.object({ actor: actorSchema, reason: z.string().trim().min(1, 'Say why').max(2000), survivorId: z.string().min(1).optional() });

/**
 * Validate one source record from a system (its citizen is parsed with the
 * citizen schema). Never throws: returns the record or the problems.
 *
 * @example
 * ```ts
 * const parsed = parseSourceRecord({ source: 'housing', recordId: 'H-1', updatedAt: '2025-01-01T00:00:00Z', citizen: body });
 * if (parsed.ok) merger.fromSource(parsed.record);
 * ```
 */
export function parseSourceRecord(input: unknown): { ok: true; record: SourceRecord } | { ok: false; errors: string[] } {
  const outer = sourceRecordSchema.safeParse(input);
  if (!outer.success) return { ok: false, errors: outer.error.issues.map((issue) => `${issue.path.join('.') || 'record'}: ${issue.message}`) };
  const citizen = citizenSchema.safeParse(outer.data.citizen);
  if (!citizen.success) return { ok: false, errors: citizen.error.issues.map((issue) => `citizen.${issue.path.join('.')}: ${issue.message}`) };
  return { ok: true, record: { source: outer.data.source, recordId: outer.data.recordId, updatedAt: new Date(outer.data.updatedAt).toISOString(), citizen: citizen.data } };
}

function lower(value: string | undefined): string {
  return (value ?? '').trim().toLowerCase();
}

// Two items with the same key are the same fact; the copy from the best-ranked source survives.
const itemKey: { [F in ListField]: (item: Citizen[F][number]) => string } = {
  previousNames: (item) => `${lower(item.given)}|${lower(item.family)}`,
  addresses: (item) => `${item.use}|${item.address.uprn ?? [item.address.sao, item.address.pao, item.address.street, item.address.postcode].map(lower).join('|')}`,
  contactPoints: (item) => `${item.kind}|${item.value}`,
  identifiers: (item) => (item.scheme === 'local' ? `local|${item.system}|${item.value}` : item.scheme),
  consents: (item) => `${item.purpose}|${item.recordedAt}|${item.status}`,
  households: (item) => `${item.householdId}|${item.relationship}`,
  accessibilityNeeds: (item) => item,
  vulnerabilities: (item) => `${item.kind}|${item.recordedAt}`,
};

function isEmpty(value: unknown): boolean {
  return value === undefined || value === null || (typeof value === 'string' && value.trim() === '');
}

/**
 * Merge and unmerge persons with survivorship rules. For each single-value
 * field the value comes from the most trusted source that has one (per-field
 * trust first, then `trust`); among equally trusted sources the more precise
 * date of birth, then the most recently updated record wins. List fields
 * (addresses, contact points, identifiers, consents…) are unioned, one copy
 * of each distinct item from the best-ranked source; for national
 * identifiers (one per scheme) the best-ranked source's value wins. Every
 * source record is kept with the provenance of every surviving value.
 *
 * `unmerge` restores exactly the persons that went in (deep-equal), and
 * every merge and unmerge produces a {@link MergeAuditEntry}. To make cases
 * follow, pass `mergedAwayIds` to {@link relinkCases}.
 *
 * @example
 * ```ts
 * import { createMerger, relinkCases } from '@councilkit/citizen/matching';
 *
 * const merger = createMerger({ trust: ['council-tax', 'benefits', 'contact-centre'], onAudit: (e) => audit.push(e) });
 * const a = merger.fromSource({ source: 'council-tax', recordId: 'CT-1', updatedAt: '2024-01-01T00:00:00Z', citizen: ctCitizen });
 * const b = merger.fromSource({ source: 'contact-centre', recordId: 'CC-9', updatedAt: '2025-05-01T00:00:00Z', citizen: ccCitizen });
 * const { person, mergedAwayIds } = await merger.merge([a, b], { actor, reason: 'Clerical review: same person' });
 * await relinkCases(caseEngine, { actor, survivorId: person.id, mergedAwayIds, idempotencyKey: audit.at(-1)!.id });
 * const { persons } = await merger.unmerge(person, { actor, reason: 'Merged in error' }); // deep-equals [a, b]
 * ```
 */
export function createMerger(options: MergerOptions = {}): Merger {
  const parsedOptions = optionsSchema.safeParse(options ?? {});
  if (!parsedOptions.success) throw new MergeError('invalid-options', `Merger options are not valid: ${parsedOptions.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  const trust = options.trust ?? [];
  const fieldTrust = options.fieldTrust ?? {};
  const now = options.now ?? (() => new Date());
  const newId = options.newId ?? (() => globalThis.crypto.randomUUID());

  function rankOf(field: ScalarField | ListField, source: string): number {
    const order = fieldTrust[field] ?? trust;
    const index = order.indexOf(source);
    return index < 0 ? order.length : index;
  }

  function ranked(field: ScalarField | ListField, sources: readonly SourceRecord[]): SourceRecord[] {
    return [...sources].sort((a, b) => {
      const byTrust = rankOf(field, a.source) - rankOf(field, b.source);
      if (byTrust !== 0) return byTrust;
      if (field === 'dateOfBirth') {
        const pa = a.citizen.dateOfBirth ? PRECISION_RANK[a.citizen.dateOfBirth.precision] : 3;
        const pb = b.citizen.dateOfBirth ? PRECISION_RANK[b.citizen.dateOfBirth.precision] : 3;
        if (pa !== pb) return pa - pb;
      }
      if (a.updatedAt !== b.updatedAt) return a.updatedAt < b.updatedAt ? 1 : -1;
      return a.source === b.source ? (a.recordId < b.recordId ? -1 : 1) : a.source < b.source ? -1 : 1;
    });
  }

  function ruleFor(field: ScalarField | ListField, winner: SourceRecord, holders: readonly SourceRecord[]): SurvivorshipRule {
    const runnerUp = holders.find((record) => record !== winner);
    if (!runnerUp) return 'only-value';
    if (rankOf(field, winner.source) !== rankOf(field, runnerUp.source)) return 'trust';
    if (field === 'dateOfBirth' && winner.citizen.dateOfBirth?.precision !== runnerUp.citizen.dateOfBirth?.precision) return 'precision';
    return 'recency';
  }

  function from(record: SourceRecord, rule: SurvivorshipRule): ValueSource {
    return { source: record.source, recordId: record.recordId, updatedAt: record.updatedAt, rule };
  }

  function survive(personId: string, sources: readonly SourceRecord[]): Pick<MergedPerson, 'citizen' | 'provenance'> {
    const draft: Record<string, unknown> = { id: personId };
    const provenance: Provenance = {
      fields: {},
      items: { previousNames: [], addresses: [], contactPoints: [], identifiers: [], consents: [], households: [], accessibilityNeeds: [], vulnerabilities: [] },
    };
    for (const field of SCALAR_FIELDS) {
      const holders = ranked(field, sources).filter((record) => !isEmpty(record.citizen[field]));
      const winner = holders[0];
      if (!winner) continue;
      draft[field] = structuredClone(winner.citizen[field]);
      provenance.fields[field] = from(winner, ruleFor(field, winner, holders));
    }
    for (const field of LIST_FIELDS) {
      const seen = new Map<string, number>();
      const items: unknown[] = [];
      const order = ranked(field, sources);
      for (const record of order) {
        const list = record.citizen[field] as ReadonlyArray<Citizen[typeof field][number]>;
        for (const item of list) {
          const key = (itemKey[field] as (value: unknown) => string)(item);
          if (seen.has(key)) continue;
          seen.set(key, items.length);
          items.push(structuredClone(item));
          const holders = order.filter((other) => (other.citizen[field] as readonly unknown[]).some((candidate) => (itemKey[field] as (value: unknown) => string)(candidate) === key));
          provenance.items[field].push(from(record, ruleFor(field, record, holders)));
        }
      }
      if (field === 'contactPoints') {
        // The schema allows one preferred phone and one preferred email: the best-ranked source's preference stands.
        const preferredKinds = new Set<string>();
        for (const item of items as Citizen['contactPoints']) {
          if (!item.preferred) continue;
          if (preferredKinds.has(item.kind)) item.preferred = false;
          preferredKinds.add(item.kind);
        }
      }
      draft[field] = items;
    }
    const citizen = citizenSchema.safeParse(draft);
    if (!citizen.success) {
      throw new MergeError('invalid-result', `The surviving record for ${personId} is not a valid citizen: ${citizen.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
    }
    return { citizen: citizen.data, provenance };
  }

  function fromSource(record: unknown, fromOptions?: { personId?: string }): MergedPerson {
    const parsed = parseSourceRecord(record);
    if (!parsed.ok) throw new MergeError('invalid-source-record', `The source record is not valid: ${parsed.errors.join('; ')}`);
    const personId = fromOptions?.personId ?? parsed.record.citizen.id;
    const sources = [parsed.record];
    return { id: personId, ...survive(personId, sources), sources };
  }

  async function write(entry: MergeAuditEntry): Promise<void> {
    if (options.onAudit) await options.onAudit(entry);
  }

  function checkRequest(request: unknown): MergeRequest {
    const parsed = requestSchema.safeParse(request);
    if (!parsed.success) throw new MergeError('invalid-request', `The request is not valid: ${parsed.error.issues.map((i) => `${i.path.join('.') || 'request'}: ${i.message}`).join('; ')}`);
    return parsed.data;
  }

  function sourceRefs(persons: readonly MergedPerson[]): Array<{ source: string; recordId: string }> {
    return persons.flatMap((person) => person.sources.map(({ source, recordId }) => ({ source, recordId })));
  }

  return {
    fromSource,
    survive,

    async merge(persons, rawRequest) {
      const request = checkRequest(rawRequest);
      if (!Array.isArray(persons) || persons.length < 2) throw new MergeError('too-few-persons', 'Merge needs two or more persons');
      const shapes = z.array(personShape).safeParse(persons);
      if (!shapes.success) throw new MergeError('invalid-request', `The persons are not valid: ${shapes.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
      for (const person of persons) {
        for (const source of person.sources) {
          const checked = parseSourceRecord(source);
          if (!checked.ok) throw new MergeError('invalid-request', `Source record ${source.source}/${source.recordId} of person ${person.id} is not valid: ${checked.errors.join('; ')}`);
        }
      }
      const ids = new Set<string>();
      const refs = new Set<string>();
      for (const person of persons) {
        if (ids.has(person.id)) throw new MergeError('duplicate-person', `MergedPerson ${person.id} is in the merge twice`);
        ids.add(person.id);
        for (const source of person.sources) {
          const ref = JSON.stringify([source.source, source.recordId]);
          if (refs.has(ref)) throw new MergeError('duplicate-source', `Source record ${source.source}/${source.recordId} belongs to two of the persons`);
          refs.add(ref);
        }
      }
      const survivorId = request.survivorId ?? (persons[0] as MergedPerson).id;
      if (!ids.has(survivorId)) throw new MergeError('unknown-survivor', `Survivor ${survivorId} is not one of the persons being merged`);
      const snapshot = structuredClone(persons as MergedPerson[]);
      const sources = snapshot.flatMap((person) => structuredClone(person.sources));
      const person: MergedPerson = { id: survivorId, ...survive(survivorId, sources), sources, mergedFrom: snapshot };
      const audit: MergeAuditEntry = {
        id: newId(),
        action: 'merge',
        actor: structuredClone(request.actor),
        at: now().toISOString(),
        reason: request.reason,
        before: [...ids],
        after: [survivorId],
        sourceRecords: sourceRefs(persons),
      };
      await write(audit);
      return { person, mergedAwayIds: [...ids].filter((id) => id !== survivorId), audit };
    },

    async unmerge(person, rawRequest) {
      const request = checkRequest(rawRequest);
      if (!person || !Array.isArray(person.mergedFrom) || person.mergedFrom.length === 0) {
        throw new MergeError('not-merged', `MergedPerson ${person?.id ?? '(none)'} was not made by a merge`);
      }
      const persons = structuredClone(person.mergedFrom);
      const audit: MergeAuditEntry = {
        id: newId(),
        action: 'unmerge',
        actor: structuredClone(request.actor),
        at: now().toISOString(),
        reason: request.reason,
        before: [person.id],
        after: persons.map((p) => p.id),
        sourceRecords: sourceRefs(persons),
      };
      await write(audit);
      return { persons, audit };
    },
  };
}
