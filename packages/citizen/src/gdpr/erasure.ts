import { z } from 'zod';
import { citizenSchema } from '../schemas/citizen.js';
import type { Citizen } from '../schemas/types.js';
import type { ConsentLedger } from './consent-ledger.js';
import { GdprError } from './errors.js';
import type { DataSubject, GdprActor, SubjectCase, SubjectCaseEvent } from './ports.js';
import type { SuppressionList, SuppressionTombstone } from './suppression.js';

/**
 * How long records of one source system or case type must be kept after
 * their last activity, and what erasure does to them after that.
 *
 * @example
 * ```ts
 * const rules: RetentionRule[] = [
 *   { appliesTo: { source: 'council-tax' }, keepFor: { years: 6 }, onErasure: 'delete', basis: 'Limitation Act 1980: 6 years after the account closes' },
 *   { appliesTo: { caseType: '*' }, keepFor: { years: 2 }, onErasure: 'pseudonymise', basis: 'Complaints handling' },
 *   { appliesTo: { source: '*' }, onErasure: 'delete', basis: 'No statutory retention' },
 * ];
 * ```
 */
export interface RetentionRule {
  /** A source system or a case type; `'*'` for any not named by another rule. */
  appliesTo: { source: string } | { caseType: string };
  /** Minimum time kept after the last activity (statutory). Default: none. */
  keepFor?: { years?: number; months?: number; days?: number };
  /** What erasure does once nothing requires keeping it: delete the record, or pseudonymise it (cases are always pseudonymised so statistics survive). */
  onErasure: 'delete' | 'pseudonymise';
  /** Why, for the plan and the audit trail. */
  basis: string;
}

/**
 * A legal hold: litigation, an investigation or a complaint that requires
 * data to be kept. It blocks erasure (not restriction) of what it covers
 * until it is lifted or its `until` passes.
 *
 * @example
 * ```ts
 * const hold: LegalHold = { id: 'LH-9', reason: 'Ombudsman complaint 24-001', caseId: 'case-7' };
 * ```
 */
export interface LegalHold {
  /** Hold id. */
  id: string;
  /** Why. */
  reason: string;
  /** Covers everything about this person id. */
  subjectId?: string;
  /** Covers records from this source (with `recordId`, one record). */
  source?: string;
  /** With `source`: one record. */
  recordId?: string;
  /** Covers one case. */
  caseId?: string;
  /** Lapses at this time (ISO). Default: until lifted. */
  until?: string;
}

/**
 * Something erasure acts on.
 *
 * @example
 * ```ts
 * const target: ErasureTarget = { kind: 'case', caseId: 'case-7', caseType: 'waste.missed-collection' };
 * ```
 */
export type ErasureTarget = { kind: 'record'; source: string; recordId: string } | { kind: 'case'; caseId: string; caseType: string };

/**
 * Why an item could not be erased (it is restricted instead): a legal hold,
 * a retention period not yet over, no retention rule covering it, or a case
 * still open.
 *
 * @example
 * ```ts
 * if (item.blocked?.reason === 'legal-hold') tellDpo(item.blocked.holdId);
 * ```
 */
export type ErasureBlockReason = 'legal-hold' | 'retention-period' | 'no-retention-rule' | 'case-open';

/**
 * Why one item was not erased.
 *
 * @example
 * ```ts
 * const block: ErasureBlock = { reason: 'retention-period', until: '2031-04-01T00:00:00.000Z', detail: 'Limitation Act 1980' };
 * ```
 */
export interface ErasureBlock {
  /** The typed reason. */
  reason: ErasureBlockReason;
  /** The hold, for `legal-hold`. */
  holdId?: string;
  /** When it can be erased, for `retention-period` (and holds with an end). */
  until?: string;
  /** Words for the data protection officer. */
  detail: string;
}

/**
 * One item of an erasure plan.
 *
 * @example
 * ```ts
 * const item: ErasurePlanItem = { target: { kind: 'record', source: 'housing', recordId: 'H-1' }, action: 'delete' };
 * ```
 */
export interface ErasurePlanItem {
  /** What. */
  target: ErasureTarget;
  /** What will happen: `restrict` when blocked, or when restriction was asked for. */
  action: 'delete' | 'pseudonymise' | 'restrict';
  /** Why it is not erased, when it is not. */
  blocked?: ErasureBlock;
}

/**
 * An erasure or restriction request.
 *
 * @example
 * ```ts
 * const request: ErasureRequest = { subject: { id: person.id, sources: person.sources }, cases, holds, mode: 'erase', actor: dpo, reason: 'Article 17 request SAR-42' };
 * ```
 */
export interface ErasureRequest {
  /** The person and all their source records. */
  subject: DataSubject;
  /** Their cases (from the case engine's `casesByCitizen`). Default: none. */
  cases?: ReadonlyArray<Pick<SubjectCase, 'id' | 'caseType' | 'status' | 'updatedAt'> & { closedAt?: string; resolvedAt?: string }>;
  /** Legal holds in force. Default: none. */
  holds?: readonly LegalHold[];
  /** `erase` (Article 17) or `restrict` (Article 18: keep but stop using). */
  mode: 'erase' | 'restrict';
  /** Who. */
  actor: GdprActor;
  /** Why (the request reference). */
  reason: string;
}

/**
 * The plan: what happens to each item.
 *
 * @example
 * ```ts
 * const plan: ErasurePlan = erasure.plan(request);
 * plan.items.filter((i) => i.blocked).length;
 * ```
 */
export interface ErasurePlan {
  /** Each record and case. */
  items: ErasurePlanItem[];
}

/**
 * The storage port erasure writes through. Any store (memory, PostgreSQL)
 * implements it; `pseudonymiseCase` can use {@link pseudonymiseCaseRecord}.
 *
 * @example
 * ```ts
 * const store: ErasureStore = {
 *   deleteRecord: async ({ source, recordId }) => { await db.query('delete from citizen_records where source = $1 and record_id = $2', [source, recordId]); },
 *   pseudonymiseRecord: async (target, replacement) => { ... },
 *   pseudonymiseCase: async (caseId, pseudonym) => { ... },
 *   restrict: async (target, reason) => { ... },
 *   removeHouseholdMember: async (citizenId) => { ... },
 * };
 * ```
 */
export interface ErasureStore {
  /** Delete one source record. */
  deleteRecord(target: { source: string; recordId: string }): Promise<void>;
  /** Replace one source record by a pseudonymised one, stored under the replacement's id (the old record id goes). */
  pseudonymiseRecord(target: { source: string; recordId: string }, replacement: Citizen): Promise<void>;
  /** Remove personal data from a case and its history, keeping its type, channel, states and dates, and link it to the pseudonym. */
  pseudonymiseCase(caseId: string, pseudonym: string): Promise<void>;
  /** Mark an item restricted: kept, but not used except for legal claims. */
  restrict(target: ErasureTarget, reason: string): Promise<void>;
  /** Take a citizen id out of every household's members. */
  removeHouseholdMember(citizenId: string): Promise<void>;
}

/**
 * The audit entry of an erasure or restriction. It holds no personal data:
 * counts, case ids, hold ids, the tombstone id and the pseudonym.
 *
 * @example
 * ```ts
 * const entry: ErasureAuditEntry = { id: 'e-1', action: 'erasure', actorId: 'dpo-1', at: '2025-06-01T10:00:00.000Z', reason: 'SAR-42', status: 'erased', deleted: 2, pseudonymised: 3, restricted: 0, blocked: [], tombstoneId: 't-1', pseudonym: 'erased-…' };
 * ```
 */
export interface ErasureAuditEntry {
  /** Entry id. */
  id: string;
  /** What was done. */
  action: 'erasure' | 'restriction';
  /** Who. */
  actorId: string;
  /** When. */
  at: string;
  /** Why. */
  reason: string;
  /** Outcome. */
  status: ErasureStatus;
  /** Records deleted. */
  deleted: number;
  /** Records and cases pseudonymised. */
  pseudonymised: number;
  /** Items restricted. */
  restricted: number;
  /** Blocked items: case ids (cases outlive erasure under their pseudonym), hold ids and reasons. */
  blocked: Array<{ kind: 'record' | 'case'; caseId?: string; reason: ErasureBlockReason; holdId?: string }>;
  /** The suppression tombstone, for erasure. */
  tombstoneId?: string;
  /** The pseudonym cases and pseudonymised records now carry. */
  pseudonym?: string;
}

/**
 * `erased` (everything), `partly-erased` (some items blocked and restricted
 * instead), `blocked` (nothing could be erased) or `restricted`.
 *
 * @example
 * ```ts
 * const status: ErasureStatus = 'partly-erased';
 * ```
 */
export type ErasureStatus = 'erased' | 'partly-erased' | 'blocked' | 'restricted';

/**
 * What `execute` gives back.
 *
 * @example
 * ```ts
 * const outcome: ErasureOutcome = await erasure.execute(request, store);
 * if (outcome.status !== 'erased') tellResident(outcome.plan.items.filter((i) => i.blocked));
 * ```
 */
export interface ErasureOutcome {
  /** Outcome. */
  status: ErasureStatus;
  /** The plan carried out. */
  plan: ErasurePlan;
  /** The tombstone added to the suppression list (erasure only). */
  tombstone?: SuppressionTombstone;
  /** The audit entry. */
  audit: ErasureAuditEntry;
}

/**
 * Options for {@link createErasure}.
 *
 * @example
 * ```ts
 * const options: ErasureOptions = { retention: rules, suppression, consents: ledger, onAudit: (e) => audit.append(e) };
 * ```
 */
export interface ErasureOptions {
  /** Retention rules. An item no rule covers is restricted, not erased (`no-retention-rule`). */
  retention: readonly RetentionRule[];
  /** Where tombstones go. */
  suppression: SuppressionList;
  /** A consent ledger to forget the subject in. Default: none. */
  consents?: ConsentLedger;
  /** Audit port; called after the store writes. Default: none (the entry is still returned). */
  onAudit?: (entry: ErasureAuditEntry) => void | Promise<void>;
  /** The clock. Default: `() => new Date()`. */
  now?: () => Date;
  /** Ids for audit entries and pseudonyms. Default: `crypto.randomUUID()`. */
  newId?: () => string;
}

/**
 * What {@link createErasure} gives back.
 *
 * @example
 * ```ts
 * const erasure: Erasure = createErasure({ retention, suppression });
 * ```
 */
export interface Erasure {
  /** What would happen, without doing it. */
  plan(request: ErasureRequest): ErasurePlan;
  /** Do it through the store port. */
  execute(request: ErasureRequest, store: ErasureStore): Promise<ErasureOutcome>;
}

const duration = z.object({ years: z.number().min(0).optional(), months: z.number().min(0).optional(), days: z.number().min(0).optional() });
const ruleSchema = z.object({
  appliesTo: z.union([z.object({ source: z.string().min(1) }), z.object({ caseType: z.string().min(1) })]),
  keepFor: duration.optional(),
  onErasure: z.enum(['delete', 'pseudonymise']),
  basis: z.string().min(1),
});
const holdSchema = z.object({
  id: z.string().min(1),
  reason: z.string().min(1),
  subjectId: z.string().optional(),
  source: z.string().optional(),
  recordId: z.string().optional(),
  caseId: z.string().optional(),
  until: z.string().optional(),
});
const requestSchema = z.object({
  subject: z.object({ id: z.string().min(1), sources: z.array(z.object({ source: z.string().min(1), recordId: z.string().min(1), updatedAt: z.string().min(1), citizen: citizenSchema })) }),
  cases: z.array(z.object({ id: z.string().min(1), caseType: z.string().min(1), status: z.string(), updatedAt: z.string().min(1) }).loose()).optional(),
  holds: z.array(holdSchema).optional(),
  mode: z.enum(['erase', 'restrict']),
  actor: z.object({ id: z.string().min(1) }).loose(),
  reason: z.string().trim().min(1).max(2000),
});

function addDuration(iso: string, keep: NonNullable<RetentionRule['keepFor']>): Date {
  const date = new Date(iso);
  date.setUTCFullYear(date.getUTCFullYear() + (keep.years ?? 0), date.getUTCMonth() + (keep.months ?? 0), date.getUTCDate() + (keep.days ?? 0));
  return date;
}

const KEPT_PAYLOAD_KEYS = new Set(['transition']);

/**
 * Remove personal data from a case and its history, keeping what
 * statistics need: type and version, state and status, channel, dates, SLA
 * outcome, reopen count and handling time; the citizen id becomes the
 * pseudonym; data, notes, attachments and external references go; events
 * keep type, time, states and channel, and only the transition name of
 * their payload; an event the person made themselves (actor id equal to the
 * case's citizen id) gets the pseudonym as its actor. A store's
 * `pseudonymiseCase` can write what this returns.
 *
 * @example
 * ```ts
 * const { record, history } = pseudonymiseCaseRecord(caseRecord, events, 'erased-5f1c…');
 * await db.replaceCase(record, history);
 * ```
 */
export function pseudonymiseCaseRecord<C extends SubjectCase, E extends SubjectCaseEvent>(record: C, history: readonly E[], pseudonym: string): { record: C; history: E[] } {
  const copy = structuredClone(record);
  copy.citizenId = pseudonym;
  copy.data = {};
  copy.externalReferences = [];
  copy.attachments = [];
  const events = history.map((event) => {
    const out = structuredClone(event);
    out.payload = Object.fromEntries(Object.entries(event.payload).filter(([key]) => KEPT_PAYLOAD_KEYS.has(key)));
    // A resident acting for themselves (on a portal) is the actor: their id goes too.
    if (record.citizenId !== undefined && event.actorId === record.citizenId) out.actorId = pseudonym;
    delete (out as { idempotencyKey?: string }).idempotencyKey;
    return out;
  });
  return { record: copy, history: events };
}

/**
 * Create the erasure and restriction tool (UK GDPR Articles 17 and 18).
 * For each source record and case it plans, by the retention rules and the
 * legal holds, whether to delete, pseudonymise or (when blocked, with a
 * typed {@link ErasureBlockReason}) restrict; `execute` then writes through
 * an {@link ErasureStore}, leaves a suppression tombstone (keyed hashes of
 * identifiers, so the person is flagged if they come back), forgets the
 * subject in the consent ledger, takes them out of households and audits
 * the whole without personal data. Cases are pseudonymised, never deleted,
 * so counts by type, channel and outcome survive.
 *
 * @example
 * ```ts
 * import { createErasure, createSuppressionList, scanForPersonalData } from '@councilkit/citizen/gdpr';
 *
 * const erasure = createErasure({ retention: rules, suppression: createSuppressionList({ secret }) });
 * const subject = { id: person.id, sources: person.sources };
 * const plan = erasure.plan({ subject, cases, holds, mode: 'erase', actor: dpo, reason: 'Art. 17 request R-42' });
 * const outcome = await erasure.execute({ subject, cases, holds, mode: 'erase', actor: dpo, reason: 'Art. 17 request R-42' }, store);
 * ```
 */
export function createErasure(options: ErasureOptions): Erasure {
  const rules = z.array(ruleSchema).safeParse(options?.retention);
  if (!rules.success) throw new GdprError('invalid-options', `Retention rules are not valid: ${rules.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  if (!options.suppression || typeof options.suppression.tombstoneFor !== 'function') throw new GdprError('invalid-options', 'Give a suppression list: erasure leaves a tombstone');
  const now = options.now ?? (() => new Date());
  const newId = options.newId ?? (() => globalThis.crypto.randomUUID());

  function ruleFor(target: ErasureTarget): RetentionRule | undefined {
    const key = target.kind === 'record' ? 'source' : 'caseType';
    const name = target.kind === 'record' ? target.source : target.caseType;
    const named = options.retention.find((rule) => key in rule.appliesTo && (rule.appliesTo as Record<string, string>)[key] === name);
    return named ?? options.retention.find((rule) => key in rule.appliesTo && (rule.appliesTo as Record<string, string>)[key] === '*');
  }

  function holdFor(request: ErasureRequest, target: ErasureTarget, at: string): LegalHold | undefined {
    return (request.holds ?? []).find((hold) => {
      if (hold.until !== undefined && hold.until <= at) return false;
      if (hold.subjectId !== undefined) return hold.subjectId === request.subject.id;
      if (target.kind === 'case') return hold.caseId === target.caseId;
      return hold.source === target.source && (hold.recordId === undefined || hold.recordId === target.recordId);
    });
  }

  function check(raw: ErasureRequest): ErasureRequest {
    const parsed = requestSchema.safeParse(raw);
    if (!parsed.success) throw new GdprError('invalid-request', `The request is not valid: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
    return raw;
  }

  function plan(raw: ErasureRequest): ErasurePlan {
    const request = check(raw);
    const at = now().toISOString();
    const targets: Array<{ target: ErasureTarget; lastActivity: string; open: boolean }> = [
      ...request.subject.sources.map((record) => ({ target: { kind: 'record' as const, source: record.source, recordId: record.recordId }, lastActivity: record.updatedAt, open: false })),
      ...(request.cases ?? []).map((c) => ({ target: { kind: 'case' as const, caseId: c.id, caseType: c.caseType }, lastActivity: c.closedAt ?? c.resolvedAt ?? c.updatedAt, open: c.status === 'open' })),
    ];
    const items = targets.map(({ target, lastActivity, open }): ErasurePlanItem => {
      if (request.mode === 'restrict') return { target, action: 'restrict' };
      const hold = holdFor(request, target, at);
      if (hold) return { target, action: 'restrict', blocked: { reason: 'legal-hold', holdId: hold.id, ...(hold.until ? { until: hold.until } : {}), detail: hold.reason } };
      if (open) return { target, action: 'restrict', blocked: { reason: 'case-open', detail: 'Close the case first' } };
      const rule = ruleFor(target);
      if (!rule) return { target, action: 'restrict', blocked: { reason: 'no-retention-rule', detail: 'No retention rule covers this: add one' } };
      if (rule.keepFor) {
        const until = addDuration(lastActivity, rule.keepFor);
        if (until.getTime() > new Date(at).getTime()) return { target, action: 'restrict', blocked: { reason: 'retention-period', until: until.toISOString(), detail: rule.basis } };
      }
      return { target, action: target.kind === 'case' ? 'pseudonymise' : rule.onErasure };
    });
    return { items };
  }

  return {
    plan,
    async execute(raw, store) {
      const request = check(raw);
      const planned = plan(request);
      const citizens = request.subject.sources.map((s) => s.citizen);
      let tombstone: SuppressionTombstone | undefined;
      const erasing = request.mode === 'erase' && planned.items.some((item) => item.action !== 'restrict');
      if (erasing) {
        // Made and kept (persisted through the list's onTombstone) before
        // anything is deleted: the keys need the data, and a tombstone that
        // failed to save must stop the erasure rather than be lost after it.
        tombstone = await options.suppression.tombstoneFor(citizens);
        await options.suppression.add(tombstone);
      }
      const pseudonym = `erased-${newId()}`;
      let deleted = 0;
      let pseudonymised = 0;
      let restricted = 0;
      for (const item of planned.items) {
        const { target } = item;
        if (item.action === 'restrict') {
          await store.restrict(target, item.blocked ? `${item.blocked.reason}: ${item.blocked.detail}` : request.reason);
          restricted += 1;
        } else if (target.kind === 'case') {
          await store.pseudonymiseCase(target.caseId, pseudonym);
          pseudonymised += 1;
        } else if (item.action === 'delete') {
          await store.deleteRecord(target);
          deleted += 1;
        } else {
          const replacement = citizenSchema.parse({ id: `${pseudonym}:${pseudonymised + 1}`, name: { family: 'Erased' } });
          await store.pseudonymiseRecord(target, replacement);
          pseudonymised += 1;
        }
      }
      const recordsGone = planned.items.filter((i) => i.target.kind === 'record').every((i) => i.action !== 'restrict');
      if (request.mode === 'erase' && recordsGone) {
        for (const id of new Set([request.subject.id, ...citizens.map((c) => c.id)])) {
          await store.removeHouseholdMember(id);
          await options.consents?.forget(id);
        }
      }
      const blocked = planned.items.filter((i) => i.blocked);
      const status: ErasureStatus = request.mode === 'restrict' ? 'restricted' : blocked.length === 0 ? 'erased' : blocked.length === planned.items.length ? 'blocked' : 'partly-erased';
      const audit: ErasureAuditEntry = {
        id: newId(),
        action: request.mode === 'erase' ? 'erasure' : 'restriction',
        actorId: request.actor.id,
        at: now().toISOString(),
        reason: request.reason,
        status,
        deleted,
        pseudonymised,
        restricted,
        blocked: blocked.map((i) => ({
          kind: i.target.kind,
          ...(i.target.kind === 'case' ? { caseId: i.target.caseId } : {}),
          reason: (i.blocked as ErasureBlock).reason,
          ...(i.blocked?.holdId ? { holdId: i.blocked.holdId } : {}),
        })),
        ...(tombstone ? { tombstoneId: tombstone.id } : {}),
        ...(pseudonymised > 0 ? { pseudonym } : {}),
      };
      if (options.onAudit) await options.onAudit(audit);
      return { status, plan: planned, ...(tombstone ? { tombstone } : {}), audit };
    },
  };
}
