import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { backoffCeiling, backoffDelay, planRetry } from './backoff.js';

const policy = { maxAttempts: 4, baseMs: 100, maxMs: 1000 };

describe('backoff', () => {
  it('doubles the ceiling per attempt up to maxMs', () => {
    expect([1, 2, 3, 4, 5, 6].map((attempt) => backoffCeiling(attempt, policy))).toEqual([100, 200, 400, 800, 1000, 1000]);
    expect(backoffCeiling(5000, policy)).toBe(1000);
  });

  it('draws full jitter between 0 and the ceiling', () => {
    expect(backoffDelay(3, policy, 0)).toBe(0);
    expect(backoffDelay(3, policy, 0.5)).toBe(200);
    expect(backoffDelay(3, policy, 0.999)).toBe(399);
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 100 }), fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }), (attempt, random) => {
        const delay = backoffDelay(attempt, policy, random);
        return delay >= 0 && delay <= backoffCeiling(attempt, policy);
      }),
    );
  });

  it('plans a retry until attempts are spent, honouring a longer Retry-After', () => {
    expect(planRetry({ attempts: 1, now: 1000, policy, random: 0.5 })).toEqual({ kind: 'retry', delayMs: 50, nextAttemptAt: 1050 });
    expect(planRetry({ attempts: 1, now: 1000, policy, random: 0.5, retryAfterMs: 5000 })).toEqual({
      kind: 'retry',
      delayMs: 5000,
      nextAttemptAt: 6000,
    });
    expect(planRetry({ attempts: 2, now: 0, policy, random: 0.99, retryAfterMs: 1 })).toMatchObject({ delayMs: 198 });
    expect(planRetry({ attempts: 4, now: 0, policy, random: 0.5 })).toEqual({ kind: 'give-up' });
  });
});
