import { z } from 'zod';
import { consentSchema, lawfulBasisSchema } from '../schemas/consent.js';
import type { Consent, LawfulBasis } from '../schemas/types.js';
import { GdprError } from './errors.js';
import type { GdprActor } from './ports.js';

/**
 * One entry in the consent ledger: a lawful basis recorded for a purpose,
 * or a withdrawal. Entries are never changed or removed (until the subject
 * is erased): the ledger is the history.
 *
 * @example
 * ```ts
 * const entry: ConsentLedgerEntry = { sequence: 1, subjectId: 'c-1', actorId: 'portal', consent: { purpose: 'service-updates-by-email', lawfulBasis: 'consent', status: 'given', recordedAt: '2025-01-10T09:00:00.000Z' } };
 * ```
 */
export interface ConsentLedgerEntry {
  /** Position in the ledger, from 1. */
  sequence: number;
  /** The citizen. */
  subjectId: string;
  /** Who recorded it (the resident on the portal, an agent). */
  actorId: string;
  /** The consent or lawful basis as it stood after this entry. */
  consent: Consent;
}

/**
 * Options for {@link createConsentLedger}.
 *
 * @example
 * ```ts
 * const options: ConsentLedgerOptions = { entries: await records.loadConsents(), onEntry: (e) => records.appendConsent(e), onForget: (id) => records.forgetConsents(id) };
 * ```
 */
export interface ConsentLedgerOptions {
  /** Entries to start from (a persisted ledger). Default: none. */
  entries?: readonly ConsentLedgerEntry[];
  /** Called with each new entry before it is kept; if it throws, nothing is recorded. Default: none. */
  onEntry?: (entry: ConsentLedgerEntry) => void | Promise<void>;
  /** Called with the subject's id when `forget` removes their entries, before they are removed; if it throws, nothing is removed. Default: none. */
  onForget?: (subjectId: string) => void | Promise<unknown>;
  /** The clock. Default: `() => new Date()`. */
  now?: () => Date;
}

/**
 * Recording a lawful basis for one purpose.
 *
 * @example
 * ```ts
 * const input: RecordConsentInput = { subjectId: 'c-1', purpose: 'service-updates-by-email', lawfulBasis: 'consent', actor };
 * ```
 */
export interface RecordConsentInput {
  /** The citizen. */
  subjectId: string;
  /** The purpose, such as `case-updates-by-sms`. */
  purpose: string;
  /** The Article 6 lawful basis. */
  lawfulBasis: LawfulBasis;
  /** Who records it. */
  actor: GdprActor;
  /** When consent lapses, if it does. */
  expiresAt?: string;
  /** A note (what the person was told, say). */
  note?: string;
}

/**
 * What {@link createConsentLedger} gives back.
 *
 * @example
 * ```ts
 * const ledger: ConsentLedger = createConsentLedger();
 * ```
 */
export interface ConsentLedger {
  /** Record a lawful basis (consent given, or another basis) for a purpose. */
  record(input: RecordConsentInput): Promise<ConsentLedgerEntry>;
  /** Withdraw consent for a purpose. Only consent can be withdrawn (`not-consent-based`), and only when given (`no-consent`). */
  withdraw(input: { subjectId: string; purpose: string; actor: GdprActor; note?: string }): Promise<ConsentLedgerEntry>;
  /** The current position per purpose (latest entry of each; expired consent shows as given with its `expiresAt`). */
  current(subjectId: string): Consent[];
  /** Whether the council may process for a purpose now: the latest entry is not withdrawn and not expired. */
  permits(subjectId: string, purpose: string): boolean;
  /** Every entry for a subject (and purpose), oldest first. */
  history(subjectId: string, purpose?: string): ConsentLedgerEntry[];
  /** Every entry, for persisting. */
  entries(): ConsentLedgerEntry[];
  /** Remove a subject's entries on erasure (through `onForget` first); resolves to how many were removed. */
  forget(subjectId: string): Promise<number>;
}

const recordSchema = z.object({
  subjectId: z.string().trim().min(1).max(200),
  purpose: z.string().trim().min(1).max(200),
  lawfulBasis: lawfulBasisSchema,
  actor: z.object({ id: z.string().min(1) }).loose(),
  expiresAt: z.string().optional(),
  note: z.string().max(1000).optional(),
});
const withdrawSchema = recordSchema.pick({ subjectId: true, purpose: true, actor: true, note: true });

function issues(error: z.ZodError): string {
  return error.issues.map((i) => `${i.path.join('.') || 'input'}: ${i.message}`).join('; ');
}

/**
 * Create a consent and lawful-basis ledger: the lawful basis for each
 * purpose per citizen, consent withdrawal with the history kept, and a
 * `permits` check before processing. Each entry's consent is validated with
 * the citizen package's `consentSchema`, so it can be copied onto a
 * `Citizen`'s `consents`.
 *
 * @example
 * ```ts
 * import { createConsentLedger } from '@councilkit/citizen/gdpr';
 *
 * const ledger = createConsentLedger({ onEntry: (entry) => db.appendConsent(entry) });
 * await ledger.record({ subjectId: 'c-1', purpose: 'service-updates-by-email', lawfulBasis: 'consent', actor });
 * await ledger.withdraw({ subjectId: 'c-1', purpose: 'service-updates-by-email', actor });
 * ledger.permits('c-1', 'service-updates-by-email'); // false
 * ledger.history('c-1').length; // 2
 * ```
 */
export function createConsentLedger(options: ConsentLedgerOptions = {}): ConsentLedger {
  const now = options.now ?? (() => new Date());
  const all: ConsentLedgerEntry[] = structuredClone([...(options.entries ?? [])]);
  let sequence = all.reduce((max, entry) => Math.max(max, entry.sequence), 0);

  function latest(subjectId: string, purpose: string): ConsentLedgerEntry | undefined {
    for (let i = all.length - 1; i >= 0; i -= 1) {
      const entry = all[i] as ConsentLedgerEntry;
      if (entry.subjectId === subjectId && entry.consent.purpose === purpose) return entry;
    }
    return undefined;
  }

  async function append(subjectId: string, actorId: string, raw: unknown): Promise<ConsentLedgerEntry> {
    const consent = consentSchema.safeParse(raw);
    if (!consent.success) throw new GdprError('invalid-consent', `The consent is not valid: ${issues(consent.error)}`);
    const entry: ConsentLedgerEntry = { sequence: sequence + 1, subjectId, actorId, consent: consent.data };
    if (options.onEntry) await options.onEntry(structuredClone(entry));
    sequence += 1;
    all.push(entry);
    return structuredClone(entry);
  }

  return {
    async record(input) {
      const parsed = recordSchema.safeParse(input);
      if (!parsed.success) throw new GdprError('invalid-request', `The request is not valid: ${issues(parsed.error)}`);
      const { subjectId, purpose, lawfulBasis, actor, expiresAt, note } = parsed.data;
      return append(subjectId, actor.id, { purpose, lawfulBasis, status: 'given', recordedAt: now().toISOString(), ...(expiresAt ? { expiresAt } : {}), ...(note ? { note } : {}) });
    },
    async withdraw(input) {
      const parsed = withdrawSchema.safeParse(input);
      if (!parsed.success) throw new GdprError('invalid-request', `The request is not valid: ${issues(parsed.error)}`);
      const { subjectId, purpose, actor, note } = parsed.data;
      const before = latest(subjectId, purpose);
      if (!before || before.consent.status === 'withdrawn') throw new GdprError('no-consent', `No consent is in force for ${purpose}`);
      if (before.consent.lawfulBasis !== 'consent') {
        throw new GdprError('not-consent-based', `${purpose} relies on ${before.consent.lawfulBasis}, not consent: the person can object instead`);
      }
      const at = now().toISOString();
      return append(subjectId, actor.id, { ...before.consent, status: 'withdrawn', withdrawnAt: at, ...(note ? { note } : {}) });
    },
    current(subjectId) {
      const byPurpose = new Map<string, Consent>();
      for (const entry of all) if (entry.subjectId === subjectId) byPurpose.set(entry.consent.purpose, entry.consent);
      return structuredClone([...byPurpose.values()]);
    },
    permits(subjectId, purpose) {
      const entry = latest(subjectId, purpose);
      if (!entry || entry.consent.status === 'withdrawn') return false;
      return entry.consent.expiresAt === undefined || entry.consent.expiresAt > now().toISOString();
    },
    history(subjectId, purpose) {
      return structuredClone(all.filter((e) => e.subjectId === subjectId && (purpose === undefined || e.consent.purpose === purpose)));
    },
    entries() {
      return structuredClone(all);
    },
    async forget(subjectId) {
      if (options.onForget) await options.onForget(subjectId);
      const before = all.length;
      for (let i = all.length - 1; i >= 0; i -= 1) if ((all[i] as ConsentLedgerEntry).subjectId === subjectId) all.splice(i, 1);
      return before - all.length;
    },
  };
}
