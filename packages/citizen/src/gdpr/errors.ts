/**
 * Why a data-protection call was refused.
 *
 * @example
 * ```ts
 * if (error instanceof GdprError && error.reason === 'missing-processing-notice') addNoticeFor(error.message);
 * ```
 */
export type GdprErrorReason =
  | 'invalid-options'
  | 'invalid-request'
  | 'missing-processing-notice'
  | 'not-consent-based'
  | 'no-consent'
  | 'invalid-consent';

/**
 * Thrown for a caller's mistake in the data-protection tools: bad options,
 * a malformed request, a subject access export without the supplementary
 * information for a source, or a withdrawal of something that is not consent.
 * Nothing has changed when it is thrown.
 *
 * @example
 * ```ts
 * try { ledger.withdraw({ subjectId: 'c-1', purpose: 'council-tax-billing', actor }); } catch (error) { if (error instanceof GdprError) console.log(error.reason); } // 'not-consent-based'
 * ```
 */
export class GdprError extends Error {
  override readonly name = 'GdprError';
  /** Why. */
  readonly reason: GdprErrorReason;

  constructor(reason: GdprErrorReason, message: string) {
    super(message);
    this.reason = reason;
  }
}
