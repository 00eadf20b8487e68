import { createInterfaceClient } from '@councilkit/connect';
import type { InterfaceClientDefinition, InterfaceClientOptions } from '@councilkit/connect';
import createClient from 'openapi-fetch';
import { z } from 'zod';
import { REVENUES_PROBLEM_TYPES, RevenuesError } from './errors.js';
import type { RevenuesErrorReason } from './errors.js';
import type { paths } from './generated/revenues.js';
import {
  accountIdSchema,
  accountLookupSchema,
  accountSchema,
  benefitEnquirySchema,
  claimIdSchema,
  claimLookupSchema,
  claimSchema,
  directDebitInstructionSchema,
  directDebitOutcomeSchema,
  discountApplicationSchema,
  discountCancellationSchema,
  discountOutcomeSchema,
  discountReviewSchema,
  enquiryOutcomeSchema,
  moveOutcomeSchema,
  moveRequestSchema,
  paymentDaysSchema,
  paymentListSchema,
  statementListSchema,
  updatePageSchema,
} from './schemas.js';
import type {
  Account,
  AccountLookup,
  BenefitEnquiry,
  Claim,
  ClaimLookup,
  DirectDebitInstruction,
  DirectDebitOutcome,
  DiscountApplication,
  DiscountCancellation,
  DiscountOutcome,
  DiscountReview,
  EnquiryOutcome,
  MoveOutcome,
  MoveRequest,
  Payment,
  RevenuesProblem,
  Statement,
  UpdatePage,
} from './schemas.js';

/**
 * Options for {@link createRevenuesClient}.
 *
 * @example
 * ```ts
 * const options: RevenuesClientOptions = { baseUrl: 'https://revenues.example.gov.uk/v1', headers: { authorization: 'Bearer token' } };
 * ```
 */
export interface RevenuesClientOptions extends InterfaceClientOptions {
  /** The back office's base URL, e.g. `https://revenues.backoffice.example.gov.uk/v1`. Required. */
  baseUrl: string;
}

/**
 * Per-call options for reads.
 *
 * @example
 * ```ts
 * await client.getAccount(accountId, { signal: AbortSignal.timeout(2000) });
 * ```
 */
export interface RevenuesReadOptions {
  /** Abort the call early. */
  signal?: AbortSignal;
}

/**
 * Per-call options for writes.
 *
 * @example
 * ```ts
 * await client.reportMove(accountId, move, { idempotencyKey: message.idempotencyKey });
 * ```
 */
export interface RevenuesWriteOptions extends RevenuesReadOptions {
  /**
   * The Idempotency-Key for this logical write. Pass the outbox message's key
   * so a retry cannot apply a change twice. Default: a fresh random UUID.
   */
  idempotencyKey?: string;
}

/**
 * A typed client for the revenues and benefits standard interface. Every
 * method is named after the OpenAPI `operationId`, validates its input and
 * the response with zod, and throws {@link RevenuesError} (never a raw error).
  *
  * @example
  * ```ts
  * const client: RevenuesClient = createRevenuesClient({ baseUrl });
  * const account = await client.findAccount({ reference: '500100001', surname: 'Lovelace' });
  * ```
 */
export interface RevenuesClient {
  /** Find an account by reference plus postcode or surname. A wrong second factor is `not-found`; too many are `locked`. */
  findAccount(lookup: AccountLookup, options?: RevenuesReadOptions): Promise<Account>;
  /** The account summary by the `accountId` the lookup gave. */
  getAccount(accountId: string, options?: RevenuesReadOptions): Promise<Account>;
  /** Bills issued on the account, newest first. */
  listStatements(accountId: string, options?: RevenuesReadOptions): Promise<Statement[]>;
  /** Recent payments, newest first. */
  listPayments(accountId: string, options?: RevenuesReadOptions): Promise<Payment[]>;
  /** Report moving in, out or within the area; the answer carries the apportioned charges. */
  reportMove(accountId: string, input: MoveRequest, options?: RevenuesWriteOptions): Promise<MoveOutcome>;
  /** Apply for the single person discount. Refusals are `ineligible` with a `code` such as `more-than-one-adult`. */
  applySinglePersonDiscount(accountId: string, input: DiscountApplication, options?: RevenuesWriteOptions): Promise<DiscountOutcome>;
  /** End the single person discount from a date. */
  cancelSinglePersonDiscount(accountId: string, input: DiscountCancellation, options?: RevenuesWriteOptions): Promise<DiscountOutcome>;
  /** Answer the annual single person discount review. */
  reviewSinglePersonDiscount(accountId: string, input: DiscountReview, options?: RevenuesWriteOptions): Promise<DiscountOutcome>;
  /** Set up or change the direct debit. */
  setDirectDebit(accountId: string, input: DirectDebitInstruction, options?: RevenuesWriteOptions): Promise<DirectDebitOutcome>;
  /** The days of the month the council collects direct debits on. */
  listPaymentDays(options?: RevenuesReadOptions): Promise<number[]>;
  /** A benefit or council tax reduction claim by reference plus postcode or surname. */
  findClaim(lookup: ClaimLookup, options?: RevenuesReadOptions): Promise<Claim>;
  /** Refer a question about a claim (by the `claimId` the lookup gave) to the benefits team. */
  raiseBenefitEnquiry(claimId: string, input: BenefitEnquiry, options?: RevenuesWriteOptions): Promise<EnquiryOutcome>;
  /** Status updates after a cursor. */
  listUpdates(input?: { since?: string }, options?: RevenuesReadOptions): Promise<UpdatePage>;
}

const sinceSchema = z.object({ since: z.string().max(64).optional() }).strict();

const MESSAGES: Record<RevenuesErrorReason, string> = {
  'invalid-input': 'The revenues system could not accept those details.',
  'not-found': 'No account or claim matches those details. Check the reference and the postcode or surname.',
  locked: 'Too many attempts to find this account. Try again later.',
  ineligible: 'The revenues system cannot accept that request.',
  'idempotency-conflict': 'This request reused a key from a different request.',
  conflict: 'That changed in the revenues system while we were working on it. Check and try again.',
  unavailable: 'The revenues system is not available at the moment.',
  timeout: 'The revenues system took too long to answer.',
  'malformed-response': 'The revenues system sent an answer we could not understand.',
  unauthorised: 'The revenues system refused our credentials.',
  'rate-limited': 'The revenues system is busy. Try again shortly.',
  'invalid-options': 'The revenues client is not configured correctly.',
};

function reasonFor(status: number, problem: RevenuesProblem | undefined): RevenuesErrorReason {
  if (status === 400 || status === 413) return 'invalid-input';
  if (status === 401 || status === 403) return 'unauthorised';
  if (status === 404) return 'not-found';
  if (status === 409) return 'conflict';
  if (status === 422) return problem?.type === REVENUES_PROBLEM_TYPES['idempotency-key-reuse'] ? 'idempotency-conflict' : 'ineligible';
  if (status === 429) return problem?.type === REVENUES_PROBLEM_TYPES['account-locked'] ? 'locked' : 'rate-limited';
  if (status >= 500) return 'unavailable';
  return 'malformed-response';
}

const REVENUES_CLIENT: InterfaceClientDefinition<RevenuesErrorReason, RevenuesError> = {
  name: 'revenues',
  error: RevenuesError,
  messages: MESSAGES,
  reasonFor,
  retryAtReasons: ['locked', 'rate-limited'],
  rethrowOwnErrors: true,
};

/**
 * Create a typed client for a revenues back office that implements the
 * councilkit revenues OpenAPI contract (`openapi/revenues.yaml`).
 *
 * Inputs are checked before anything is sent; every answer is validated
 * with zod into councilkit's own types; every failure is a
 * {@link RevenuesError} with a `reason` you can switch on.
 *
 * @example
 * ```ts
 * import { createRevenuesClient } from '@councilkit/revenues';
 *
 * const revenues = createRevenuesClient({ baseUrl: 'https://revenues.example.gov.uk/v1' });
 * const account = await revenues.findAccount({ reference: '500123456', postcode: 'AT1 1AA' });
 * const outcome = await revenues.reportMove(
 *   account.accountId,
 *   { kind: 'out', moveDate: '2026-11-30', forwardingAddress: { lines: ['1 New Street', 'Elsewhere'], postcode: 'EL1 1AA' } },
 *   { idempotencyKey: 'outbox-message-42' },
 * );
 * console.log(outcome.charges[0]?.amount); // the apportioned charge in pence
 * ```
 */
export function createRevenuesClient(options: RevenuesClientOptions): RevenuesClient {
  const { check: checkInput, run, idempotencyKey, ...connection } = createInterfaceClient(REVENUES_CLIENT, options);
  const api = createClient<paths>(connection);
  const keyFor = (operation: string, writeOptions: RevenuesWriteOptions | undefined) => idempotencyKey(operation, writeOptions?.idempotencyKey);

  return {
    async findAccount(lookup, readOptions) {
      const body = checkInput('findAccount', accountLookupSchema, lookup);
      return run('findAccount', accountSchema, (signal) => api.POST('/accounts/lookup', { body, signal }), readOptions?.signal);
    },
    async getAccount(accountId, readOptions) {
      const id = checkInput('getAccount', accountIdSchema, accountId);
      return run('getAccount', accountSchema, (signal) => api.GET('/accounts/{accountId}', { params: { path: { accountId: id } }, signal }), readOptions?.signal);
    },
    async listStatements(accountId, readOptions) {
      const id = checkInput('listStatements', accountIdSchema, accountId);
      const list = await run('listStatements', statementListSchema, (signal) => api.GET('/accounts/{accountId}/statements', { params: { path: { accountId: id } }, signal }), readOptions?.signal);
      return list.statements;
    },
    async listPayments(accountId, readOptions) {
      const id = checkInput('listPayments', accountIdSchema, accountId);
      const list = await run('listPayments', paymentListSchema, (signal) => api.GET('/accounts/{accountId}/payments', { params: { path: { accountId: id } }, signal }), readOptions?.signal);
      return list.payments;
    },
    async reportMove(accountId, input, writeOptions) {
      const id = checkInput('reportMove', accountIdSchema, accountId);
      const body = checkInput('reportMove', moveRequestSchema, input);
      const key = keyFor('reportMove', writeOptions);
      return run(
        'reportMove',
        moveOutcomeSchema,
        (signal) => api.POST('/accounts/{accountId}/moves', { params: { path: { accountId: id }, header: { 'Idempotency-Key': key } }, body, signal }),
        writeOptions?.signal,
      );
    },
    async applySinglePersonDiscount(accountId, input, writeOptions) {
      const id = checkInput('applySinglePersonDiscount', accountIdSchema, accountId);
      const body = checkInput('applySinglePersonDiscount', discountApplicationSchema, input);
      const key = keyFor('applySinglePersonDiscount', writeOptions);
      return run(
        'applySinglePersonDiscount',
        discountOutcomeSchema,
        (signal) => api.POST('/accounts/{accountId}/single-person-discount', { params: { path: { accountId: id }, header: { 'Idempotency-Key': key } }, body, signal }),
        writeOptions?.signal,
      );
    },
    async cancelSinglePersonDiscount(accountId, input, writeOptions) {
      const id = checkInput('cancelSinglePersonDiscount', accountIdSchema, accountId);
      const body = checkInput('cancelSinglePersonDiscount', discountCancellationSchema, input);
      const key = keyFor('cancelSinglePersonDiscount', writeOptions);
      return run(
        'cancelSinglePersonDiscount',
        discountOutcomeSchema,
        (signal) =>
          api.POST('/accounts/{accountId}/single-person-discount/cancellation', { params: { path: { accountId: id }, header: { 'Idempotency-Key': key } }, body, signal }),
        writeOptions?.signal,
      );
    },
    async reviewSinglePersonDiscount(accountId, input, writeOptions) {
      const id = checkInput('reviewSinglePersonDiscount', accountIdSchema, accountId);
      const body = checkInput('reviewSinglePersonDiscount', discountReviewSchema, input);
      const key = keyFor('reviewSinglePersonDiscount', writeOptions);
      return run(
        'reviewSinglePersonDiscount',
        discountOutcomeSchema,
        (signal) =>
          api.POST('/accounts/{accountId}/single-person-discount/review', { params: { path: { accountId: id }, header: { 'Idempotency-Key': key } }, body, signal }),
        writeOptions?.signal,
      );
    },
    async setDirectDebit(accountId, input, writeOptions) {
      const id = checkInput('setDirectDebit', accountIdSchema, accountId);
      const body = checkInput('setDirectDebit', directDebitInstructionSchema, input);
      const key = keyFor('setDirectDebit', writeOptions);
      return run(
        'setDirectDebit',
        directDebitOutcomeSchema,
        (signal) => api.PUT('/accounts/{accountId}/direct-debit', { params: { path: { accountId: id }, header: { 'Idempotency-Key': key } }, body, signal }),
        writeOptions?.signal,
      );
    },
    async listPaymentDays(readOptions) {
      const result = await run('listPaymentDays', paymentDaysSchema, (signal) => api.GET('/direct-debit/payment-days', { signal }), readOptions?.signal);
      return result.paymentDays;
    },
    async findClaim(lookup, readOptions) {
      const body = checkInput('findClaim', claimLookupSchema, lookup);
      return run('findClaim', claimSchema, (signal) => api.POST('/claims/lookup', { body, signal }), readOptions?.signal);
    },
    async raiseBenefitEnquiry(claimId, input, writeOptions) {
      const id = checkInput('raiseBenefitEnquiry', claimIdSchema, claimId);
      const body = checkInput('raiseBenefitEnquiry', benefitEnquirySchema, input);
      const key = keyFor('raiseBenefitEnquiry', writeOptions);
      return run(
        'raiseBenefitEnquiry',
        enquiryOutcomeSchema,
        (signal) => api.POST('/claims/{claimId}/enquiries', { params: { path: { claimId: id }, header: { 'Idempotency-Key': key } }, body, signal }),
        writeOptions?.signal,
      );
    },
    async listUpdates(input = {}, readOptions) {
      const query = checkInput('listUpdates', sinceSchema, input);
      return run('listUpdates', updatePageSchema, (signal) => api.GET('/updates', { params: { query }, signal }), readOptions?.signal);
    },
  };
}
