/**
 * The reasons a matching call can be refused. A string literal, so callers
 * can `switch` on it.
 *
 * @example
 * ```ts
 * if (error instanceof MatchingError && error.reason === 'too-many-pairs') tightenBlocking();
 * ```
 */
export type MatchingErrorReason =
  | 'invalid-options'
  | 'invalid-record'
  | 'duplicate-record-id'
  | 'too-many-pairs'
  | 'invalid-splink-json'
  | 'unsupported-splink-sql'
  | 'missing-aliases'
  | 'unknown-record'
  | 'invalid-labels'
  | 'not-trained';

/**
 * Thrown when record linkage is asked to do something it cannot do safely:
 * bad options, malformed records, a blocking plan that would generate more
 * pairs than the hard cap, or a Splink model it cannot read.
 *
 * @example
 * ```ts
 * try {
 *   matcher.predict(records);
 * } catch (error) {
 *   if (error instanceof MatchingError && error.reason === 'too-many-pairs') {
 *     console.log(error.message); // names the blocking rule that blew the cap
 *   }
 * }
 * ```
 */
export class MatchingError extends Error {
  override readonly name = 'MatchingError';
  /** Why the call was refused. */
  readonly reason: MatchingErrorReason;

  constructor(reason: MatchingErrorReason, message: string) {
    super(message);
    this.reason = reason;
  }
}
