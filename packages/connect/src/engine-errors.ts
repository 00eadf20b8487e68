/**
 * Engine refusals that mean "this case cannot take this command", as opposed
 * to a lost race or an outage. Matched by name and reason so connect does not
 * depend on the engine's error classes.
 */
const refusals = new Set(['transition-not-allowed', 'guard-refused', 'case-closed', 'unknown-transition', 'invalid-data', 'case-not-found']);

/** True when the engine refused the command for a reason retrying will not fix. */
export function isCaseRefusal(error: unknown): error is Error & { reason: string } {
  return error instanceof Error && error.name === 'CaseError' && refusals.has((error as { reason?: string }).reason ?? '');
}

/** True when a store write lost an optimistic-concurrency race. */
export function isVersionConflict(error: unknown): boolean {
  return error instanceof Error && error.name === 'ConflictError' && (error as { reason?: string }).reason === 'version-conflict';
}

/**
 * Run an engine command, trying again when it loses a race with someone
 * working the same case. Safe because every command carries an idempotency key.
 */
export async function withConflictRetry<T>(command: () => Promise<T>, attempts = 3): Promise<T> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await command();
    } catch (error) {
      if (attempt >= attempts || !isVersionConflict(error)) throw error;
    }
  }
}
