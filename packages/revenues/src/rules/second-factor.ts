import { z } from 'zod';
import { RevenuesError } from '../errors.js';

/**
 * The second factor a caller gives with an account reference.
 *
 * @example
 * ```ts
 * const given: SecondFactor = { postcode: 'AT1 1AA' };
 * ```
 */
export type SecondFactor = { postcode: string } | { surname: string };

/**
 * What the account holds to check a second factor against.
 *
 * @example
 * ```ts
 * const record: SecondFactorRecord = { postcode: 'AT1 1AA', surnames: ['Lovelace'] };
 * ```
 */
export interface SecondFactorRecord {
  /** The property postcode, in any spacing or case. */
  postcode: string;
  /** Surnames of every liable party. */
  surnames: string[];
}

/**
 * An audit entry. The attempted value is never recorded, only which factor was tried.
 *
 * @example
 * ```ts
 * const guard = createSecondFactorGuard({ onAudit: (event: SecondFactorAuditEvent) => console.log(event.type, event.accountReference) });
 * ```
 */
export interface SecondFactorAuditEvent {
  type: 'second-factor.passed' | 'second-factor.failed' | 'second-factor.locked' | 'second-factor.refused-while-locked';
  /** The account reference the attempt was against. */
  accountReference: string;
  /** Which factor was offered. */
  factor: 'postcode' | 'surname';
  /** ISO 8601 instant. */
  at: string;
  /** Who tried, when known (agent id, session id or client IP). */
  actor?: string | undefined;
  /** Failures counted in the current window, after this attempt. */
  failures: number;
}

/**
 * The answer from {@link SecondFactorGuard.verify}.
 *
 * @example
 * ```ts
 * const result: SecondFactorResult = guard.verify({ accountReference, given, record });
 * if (result.outcome === 'failed') console.log(result.remainingAttempts);
 * ```
 */
export type SecondFactorResult =
  | { outcome: 'passed' }
  | { outcome: 'failed'; remainingAttempts: number }
  | { outcome: 'locked'; retryAt: string };

/**
 * Options for {@link createSecondFactorGuard}.
 *
 * @example
 * ```ts
 * const options: SecondFactorGuardOptions = { maxFailures: 3, windowMs: 600_000, lockoutMs: 1_800_000 };
 * ```
 */
export interface SecondFactorGuardOptions {
  /** Failures within `windowMs` that lock the account. Default: `5`. */
  maxFailures?: number;
  /** The window failures are counted in, in milliseconds. Default: 15 minutes. */
  windowMs?: number;
  /** How long a lock lasts, in milliseconds. Default: 15 minutes. */
  lockoutMs?: number;
  /** The clock. Default: `() => new Date()`. */
  now?: () => Date;
  /** Receives every audit event. Default: keep them only in {@link SecondFactorGuard.auditTrail}. */
  onAudit?: (event: SecondFactorAuditEvent) => void;
}

/**
 * What {@link createSecondFactorGuard} gives back.
 *
 * @example
 * ```ts
 * const guard: SecondFactorGuard = createSecondFactorGuard();
 * guard.lockedUntil('500100001'); // undefined unless locked
 * ```
 */
export interface SecondFactorGuard {
  /**
   * Check a second factor for an account, counting failures and locking the
   * account after too many. While locked every attempt is refused, even a
   * correct one, so a lock cannot be used to confirm a guess.
   */
  verify(input: { accountReference: string; given: SecondFactor; record: SecondFactorRecord; actor?: string }): SecondFactorResult;
  /** Whether the account is locked now, and until when. */
  lockedUntil(accountReference: string): string | undefined;
  /** The audit events recorded so far (the most recent 1,000). */
  auditTrail(): SecondFactorAuditEvent[];
}

/**
 * Postcodes compare without spaces or case: "ab1 2cd" and "AB12CD" are the same.
 *
 * @example
 * ```ts
 * normalisePostcode(' at1 1aa '); // 'AT11AA'
 * ```
 */
export function normalisePostcode(value: string): string {
  return value.replace(/\s+/g, '').toUpperCase();
}

/**
 * Surnames compare without case, accents, spaces, hyphens or apostrophes: "O'Brien" and "obrien" match.
 *
 * @example
 * ```ts
 * normaliseSurname("O'Brien"); // 'obrien'
 * ```
 */
export function normaliseSurname(value: string): string {
  return value
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}]/gu, '');
}

const optionsSchema = z.object({
  maxFailures: z.number().int().min(1).max(100).default(5),
  windowMs: z.number().int().min(1000).default(15 * 60_000),
  lockoutMs: z.number().int().min(1000).default(15 * 60_000),
});

const factorSchema = z.union([
  z.object({ postcode: z.string().max(16) }).strict(),
  z.object({ surname: z.string().max(200) }).strict(),
]);

const AUDIT_LIMIT = 1000;

/**
 * Rate-limit and audit second-factor checks per account, so nobody can
 * browse council tax accounts by trying references with guessed postcodes
 * or surnames. By default 5 failures in 15 minutes lock the account for
 * 15 minutes.
 *
 * @example
 * ```ts
 * const guard = createSecondFactorGuard({ onAudit: (event) => audit.write(event) });
 * const result = guard.verify({
 *   accountReference: '5001234567',
 *   given: { postcode: 'ab1 2cd' },
 *   record: { postcode: 'AB1 2CD', surnames: ['Lovelace'] },
 * });
 * if (result.outcome === 'locked') console.log(`Try again after ${result.retryAt}`);
 * ```
 */
export function createSecondFactorGuard(options: SecondFactorGuardOptions = {}): SecondFactorGuard {
  const parsed = optionsSchema.safeParse(options);
  if (!parsed.success) {
    throw new RevenuesError('invalid-input', `Invalid guard options: ${parsed.error.issues.map((i) => i.message).join('; ')}`);
  }
  const { maxFailures, windowMs, lockoutMs } = parsed.data;
  const now = options.now ?? (() => new Date());
  const failures = new Map<string, number[]>();
  const locks = new Map<string, number>();
  const trail: SecondFactorAuditEvent[] = [];

  const audit = (event: SecondFactorAuditEvent) => {
    trail.push(event);
    if (trail.length > AUDIT_LIMIT) trail.shift();
    options.onAudit?.(event);
  };

  const currentLock = (reference: string, at: number): number | undefined => {
    const until = locks.get(reference);
    if (until === undefined) return undefined;
    if (until <= at) {
      locks.delete(reference);
      return undefined;
    }
    return until;
  };

  return {
    verify({ accountReference, given, record, actor }) {
      const factor = factorSchema.safeParse(given);
      if (!factor.success) {
        throw new RevenuesError('invalid-input', 'Give a postcode or a surname as the second factor');
      }
      const at = now().getTime();
      const atIso = new Date(at).toISOString();
      const kind: 'postcode' | 'surname' = 'postcode' in factor.data ? 'postcode' : 'surname';
      const recent = (failures.get(accountReference) ?? []).filter((time) => time > at - windowMs);
      const lock = currentLock(accountReference, at);
      if (lock !== undefined) {
        audit({ type: 'second-factor.refused-while-locked', accountReference, factor: kind, at: atIso, actor, failures: recent.length });
        return { outcome: 'locked', retryAt: new Date(lock).toISOString() };
      }
      const matches =
        'postcode' in factor.data
          ? normalisePostcode(factor.data.postcode) !== '' && normalisePostcode(factor.data.postcode) === normalisePostcode(record.postcode)
          : ((surname) => surname !== '' && record.surnames.some((candidate) => normaliseSurname(candidate) === surname))(
              normaliseSurname(factor.data.surname),
            );
      if (matches) {
        failures.delete(accountReference);
        audit({ type: 'second-factor.passed', accountReference, factor: kind, at: atIso, actor, failures: 0 });
        return { outcome: 'passed' };
      }
      recent.push(at);
      failures.set(accountReference, recent);
      audit({ type: 'second-factor.failed', accountReference, factor: kind, at: atIso, actor, failures: recent.length });
      if (recent.length >= maxFailures) {
        const until = at + lockoutMs;
        locks.set(accountReference, until);
        failures.delete(accountReference);
        audit({ type: 'second-factor.locked', accountReference, factor: kind, at: atIso, actor, failures: recent.length });
        return { outcome: 'locked', retryAt: new Date(until).toISOString() };
      }
      return { outcome: 'failed', remainingAttempts: maxFailures - recent.length };
    },
    lockedUntil(accountReference) {
      const lock = currentLock(accountReference, now().getTime());
      return lock === undefined ? undefined : new Date(lock).toISOString();
    },
    auditTrail: () => [...trail],
  };
}
