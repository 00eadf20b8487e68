import { defineStandardInterface } from '@councilkit/connect';
import type { StandardInterface } from '@councilkit/connect';
import { MOCK_REVENUES_FIXTURES } from './mock/fixtures.js';
import { londonDate } from './rules/dates.js';
import {
  accountSchema,
  claimSchema,
  directDebitOutcomeSchema,
  discountOutcomeSchema,
  enquiryOutcomeSchema,
  moveOutcomeSchema,
  paymentDaysSchema,
  paymentListSchema,
  statementListSchema,
} from './schemas.js';

/**
 * The fixtures a conformance run names: accounts and a claim that exist in the implementation under test.
 *
 * @example
 * ```ts
 * const samples: RevenuesConformanceSamples = { ...MOCK_REVENUES_FIXTURES, today: '2026-11-24' };
 * ```
 */
export interface RevenuesConformanceSamples {
  /** An account with one adult liable party and no single person discount. */
  singleAdult: { accountId: string; reference: string; postcode: string };
  /** An account with a single person discount (it is reviewed, then cancelled). */
  withDiscount: { accountId: string };
  /** An account a move within the area and a direct debit can be applied to. */
  mover: { accountId: string };
  /** A claim and its second factor. */
  claim: { claimReference: string; surname: string; claimId: string };
  /** Today in Europe/London, for dates in sample writes. Default: now. */
  today?: string;
}

const statusOf = (response: unknown) => [(response as { status: string }).status];

/**
 * Describe the revenues interface for the conformance suite in
 * `@councilkit/connect/conformance`, naming fixtures that exist in the
 * implementation under test. Defaults name the mock back office's fixtures.
 *
 * @example
 * ```ts
 * import { runConformance } from '@councilkit/connect/conformance';
 * import { describeRevenuesInterface } from '@councilkit/revenues';
 *
 * const report = await runConformance({
 *   baseUrl: 'https://revenues.supplier.example/v1',
 *   interface: describeRevenuesInterface({ ...mySupplierFixtures }),
 * });
 * console.log(report.text);
 * ```
 */
export function describeRevenuesInterface(samples: RevenuesConformanceSamples = MOCK_REVENUES_FIXTURES): StandardInterface {
  const today = samples.today ?? londonDate(new Date());
  return defineStandardInterface({
    name: 'revenues',
    version: '1.0.0',
    title: 'Revenues and benefits',
    operations: {
      findAccount: {
        method: 'POST',
        path: '/accounts/lookup',
        summary: 'Find an account by reference plus a second factor',
        write: false,
        body: { reference: samples.singleAdult.reference, postcode: samples.singleAdult.postcode },
        response: accountSchema,
      },
      getAccount: { method: 'GET', path: '/accounts/{accountId}', params: { accountId: samples.singleAdult.accountId }, response: accountSchema },
      listStatements: { method: 'GET', path: '/accounts/{accountId}/statements', params: { accountId: samples.singleAdult.accountId }, response: statementListSchema },
      listPayments: { method: 'GET', path: '/accounts/{accountId}/payments', params: { accountId: samples.singleAdult.accountId }, response: paymentListSchema },
      reportMove: {
        method: 'POST',
        path: '/accounts/{accountId}/moves',
        params: { accountId: samples.mover.accountId },
        body: { kind: 'within', moveDate: today, newAddress: { lines: ['9 Conformance Close', 'Anytown'], postcode: 'AT9 9ZZ' } },
        alternateBody: { kind: 'within', moveDate: today, newAddress: { lines: ['10 Conformance Close', 'Anytown'], postcode: 'AT9 9ZZ' } },
        response: moveOutcomeSchema,
        statuses: statusOf,
      },
      applySinglePersonDiscount: {
        method: 'POST',
        path: '/accounts/{accountId}/single-person-discount',
        params: { accountId: samples.singleAdult.accountId },
        body: { livingAloneSince: '2024-01-01', declaration: true },
        alternateBody: { livingAloneSince: '2024-02-01', declaration: true },
        response: discountOutcomeSchema,
        statuses: statusOf,
      },
      reviewSinglePersonDiscount: {
        method: 'POST',
        path: '/accounts/{accountId}/single-person-discount/review',
        params: { accountId: samples.withDiscount.accountId },
        body: { stillLivingAlone: true },
        alternateBody: { stillLivingAlone: false, otherAdultSince: today },
        response: discountOutcomeSchema,
        statuses: statusOf,
      },
      cancelSinglePersonDiscount: {
        method: 'POST',
        path: '/accounts/{accountId}/single-person-discount/cancellation',
        params: { accountId: samples.withDiscount.accountId },
        body: { endDate: today, reason: 'A partner moved in' },
        alternateBody: { endDate: today, reason: 'A lodger moved in' },
        response: discountOutcomeSchema,
        statuses: statusOf,
      },
      setDirectDebit: {
        method: 'PUT',
        path: '/accounts/{accountId}/direct-debit',
        params: { accountId: samples.mover.accountId },
        body: { sortCode: '309430', accountNumber: '00733445', accountHolder: 'S OBrien', paymentDay: 15 },
        alternateBody: { sortCode: '309430', accountNumber: '00733445', accountHolder: 'S OBrien', paymentDay: 1 },
        invalidBody: { sortCode: '12-34', accountNumber: '123', accountHolder: '', paymentDay: 31 },
        response: directDebitOutcomeSchema,
        statuses: statusOf,
      },
      listPaymentDays: { method: 'GET', path: '/direct-debit/payment-days', response: paymentDaysSchema },
      findClaim: {
        method: 'POST',
        path: '/claims/lookup',
        summary: 'Find a claim by reference plus a second factor',
        write: false,
        body: { claimReference: samples.claim.claimReference, surname: samples.claim.surname },
        response: claimSchema,
      },
      raiseBenefitEnquiry: {
        method: 'POST',
        path: '/claims/{claimId}/enquiries',
        params: { claimId: samples.claim.claimId },
        body: { topic: 'evidence', question: 'I sent my bank statements last week; have they arrived?', evidenceSent: ['Three months of bank statements'] },
        alternateBody: { topic: 'payment', question: 'When is my next payment?' },
        response: enquiryOutcomeSchema,
        statuses: statusOf,
      },
    },
    updates: { path: '/updates' },
  });
}

/**
 * The revenues interface described for the conformance suite, naming the
 * mock back office's fixtures. Use {@link describeRevenuesInterface} to name
 * your own.
 *
 * @example
 * ```ts
 * import { runConformance } from '@councilkit/connect/conformance';
 * import { revenuesInterface } from '@councilkit/revenues';
 * import { createMockRevenuesBackOffice } from '@councilkit/revenues/mock';
 *
 * const backOffice = createMockRevenuesBackOffice();
 * const report = await runConformance({ baseUrl: backOffice.baseUrl, interface: revenuesInterface, fetch: backOffice.fetch });
 * ```
 */
export const revenuesInterface: StandardInterface = describeRevenuesInterface();
