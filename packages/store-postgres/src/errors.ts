/**
 * Why the store refused or failed. A string literal, so callers can `switch` on it.
 *
 * - `invalid-options`: the options object is wrong (for example a bad schema name).
 * - `invalid-commit`: a commit broke the port's rules (for example `case.version` is not `expectedVersion + 1`).
 * - `migration-mismatch`: the database holds a migration this code does not know, or one whose text changed.
 * - `unavailable`: the database could not be reached or refused the connection.
 * - `data-dir-in-use`: another store (in this process or another) has the PGlite data directory open.
 *
 * @example
 * ```ts
 * function explain(reason: StoreErrorReason): string {
 *   return reason === 'unavailable' ? 'The case database is down' : 'The case store refused the request';
 * }
 * ```
 */
export type StoreErrorReason = 'invalid-options' | 'invalid-commit' | 'migration-mismatch' | 'unavailable' | 'data-dir-in-use';

/**
 * Thrown by the PostgreSQL and PGlite stores for problems that are not a
 * case-level conflict (those use the `ConflictError` from `@councilkit/cases`).
 *
 * @example
 * ```ts
 * try {
 *   await createPostgresStore({ connectionString, schema: 'bad name' });
 * } catch (error) {
 *   if (error instanceof StoreError && error.reason === 'invalid-options') console.error(error.message);
 * }
 * ```
 */
export class StoreError extends Error {
  override readonly name = 'StoreError';
  /** Why the call failed. */
  readonly reason: StoreErrorReason;

  constructor(reason: StoreErrorReason, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.reason = reason;
  }
}
