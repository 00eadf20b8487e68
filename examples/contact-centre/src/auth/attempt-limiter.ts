/**
 * Counts failed sign-ins per username so a password cannot be guessed at
 * speed. After `maxFailures` within `windowMs` the username is locked until
 * the window passes.
 */
export interface AttemptLimiter {
  isLocked(key: string): boolean;
  fail(key: string): void;
  succeed(key: string): void;
}

/** Create a limiter. Defaults: 5 failures in 15 minutes. */
export function createAttemptLimiter(
  options: { maxFailures?: number; windowMs?: number; now?: () => number } = {},
): AttemptLimiter {
  const maxFailures = options.maxFailures ?? 5;
  const windowMs = options.windowMs ?? 15 * 60_000;
  const now = options.now ?? Date.now;
  const failures = new Map<string, number[]>();
  const recent = (key: string) => (failures.get(key) ?? []).filter((t) => now() - t < windowMs);
  return {
    isLocked: (key) => recent(key.toLowerCase()).length >= maxFailures,
    fail(key) {
      const k = key.toLowerCase();
      if (failures.size > 10_000) failures.clear();
      failures.set(k, [...recent(k), now()]);
    },
    succeed(key) {
      failures.delete(key.toLowerCase());
    },
  };
}
