/**
 * Retry policy for the dispatcher.
 *
 * @example
 * ```ts
 * const retry: RetryPolicy = { maxAttempts: 6, baseMs: 1000, maxMs: 60_000 };
 * ```
 */
export interface RetryPolicy {
  /** Attempts in total, including the first, before a message becomes an incident. Default `8`. */
  maxAttempts: number;
  /** Backoff base in milliseconds: the ceiling before the n-th retry is `baseMs * 2^(n-1)`. Default `1000`. */
  baseMs: number;
  /** The largest ceiling, in milliseconds. Default `300000` (5 minutes). */
  maxMs: number;
}

/**
 * The retry policy used when the dispatcher is given none.
 *
 * @example
 * ```ts
 * createDispatcher({ ...options, retry: { ...defaultRetryPolicy, maxAttempts: 4 } });
 * ```
 */
export const defaultRetryPolicy: RetryPolicy = { maxAttempts: 8, baseMs: 1000, maxMs: 300_000 };

/**
 * The delay before the next attempt, using exponential backoff with full
 * jitter: a uniform random wait between 0 and `min(maxMs, baseMs * 2^(attempt-1))`.
 * Full jitter spreads retries from many dispatchers so a recovering back
 * office is not hit by a synchronised wave.
 *
 * Pure: pass `random` (a number in [0, 1)) to make it deterministic.
 *
 * @param attempt - the attempt that just failed, counting from 1.
 * @example
 * ```ts
 * backoffDelay(3, { baseMs: 1000, maxMs: 60000 }, 0.5); // 2000 (half of the 4000 ceiling)
 * ```
 */
export function backoffDelay(attempt: number, policy: Pick<RetryPolicy, 'baseMs' | 'maxMs'>, random: number = Math.random()): number {
  const ceiling = backoffCeiling(attempt, policy);
  const unit = Math.min(Math.max(random, 0), 1);
  return Math.floor(ceiling * unit);
}

/**
 * The upper bound of {@link backoffDelay} for an attempt: `min(maxMs, baseMs * 2^(attempt-1))`.
 *
 * @example
 * ```ts
 * backoffCeiling(1, { baseMs: 500, maxMs: 10000 }); // 500
 * backoffCeiling(10, { baseMs: 500, maxMs: 10000 }); // 10000
 * ```
 */
export function backoffCeiling(attempt: number, policy: Pick<RetryPolicy, 'baseMs' | 'maxMs'>): number {
  const exponent = Math.max(0, Math.floor(attempt) - 1);
  // 2^exponent overflows to Infinity for large attempts; Math.min then gives maxMs, which is what we want.
  return Math.min(policy.maxMs, policy.baseMs * 2 ** exponent);
}

/**
 * What {@link planRetry} decides after a retryable failure.
 *
 * @example
 * ```ts
 * const decision: RetryDecision = planRetry({ attempts: 2, now: Date.now(), policy: defaultRetryPolicy });
 * if (decision.kind === 'retry') console.log(new Date(decision.nextAttemptAt));
 * ```
 */
export type RetryDecision =
  | { kind: 'retry'; delayMs: number; nextAttemptAt: number }
  | { kind: 'give-up' };

/**
 * Decide what happens after a retryable failure: retry later (honouring the
 * back office's `Retry-After` when it asks for longer than our backoff) or
 * give up because the attempts are spent.
 *
 * `input.attempts` counts the attempts made so far, including the one that just failed.
 * @example
 * ```ts
 * planRetry({ attempts: 1, now: 0, policy: defaultRetryPolicy, retryAfterMs: 30000, random: 0 });
 * // { kind: 'retry', delayMs: 30000, nextAttemptAt: 30000 }
 * ```
 */
export function planRetry(input: {
  attempts: number;
  now: number;
  policy: RetryPolicy;
  retryAfterMs?: number | undefined;
  random?: number;
}): RetryDecision {
  if (input.attempts >= input.policy.maxAttempts) return { kind: 'give-up' };
  const backoff = backoffDelay(input.attempts, input.policy, input.random ?? Math.random());
  const delayMs = Math.max(backoff, input.retryAfterMs ?? 0);
  return { kind: 'retry', delayMs, nextAttemptAt: input.now + delayMs };
}
