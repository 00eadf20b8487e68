import { defineBackOffice } from '@councilkit/connect';
import type { BackOfficeHandle } from '@councilkit/connect';
import { z } from 'zod';
import { REVENUES_DESTINATION } from './case-types.js';
import {
  accountIdSchema,
  accountSchema,
  benefitEnquirySchema,
  claimIdSchema,
  directDebitInstructionSchema,
  directDebitOutcomeSchema,
  discountApplicationSchema,
  discountCancellationSchema,
  discountOutcomeSchema,
  discountReviewSchema,
  enquiryOutcomeSchema,
  moveOutcomeSchema,
  moveRequestSchema,
} from './schemas.js';

// Outbox payloads carry the path id beside the body: the placeholder fills the path, the rest must be a valid body.
function withPathId<Key extends 'accountId' | 'claimId'>(key: Key, body: z.ZodType) {
  const id = key === 'accountId' ? accountIdSchema : claimIdSchema;
  return z.looseObject({ [key]: id } as Record<Key, typeof id>).superRefine((value, context) => {
    const rest: Record<string, unknown> = { ...value };
    delete rest[key];
    const checked = body.safeParse(rest);
    if (!checked.success) for (const issue of checked.error.issues) context.addIssue({ code: 'custom', path: issue.path, message: issue.message });
  });
}

/**
 * Options for {@link defineRevenuesBackOffice}.
 *
 * @example
 * ```ts
 * const options: RevenuesBackOfficeConnectorOptions = { baseUrl: 'https://revenues.example.gov.uk/v1', timeoutMs: 5000 };
 * ```
 */
export interface RevenuesBackOfficeConnectorOptions {
  /** The revenues back office's base URL. Required. */
  baseUrl: string;
  /** Human name used in agent messages. Default: `'the revenues system'`. */
  title?: string;
  /** Headers per request (called each time, so tokens can rotate). Default: none. */
  headers?: () => Record<string, string> | Promise<Record<string, string>>;
  /** The fetch to use. Default: `globalThis.fetch`, looked up at call time. */
  fetch?: typeof fetch;
  /** Per-call timeout, ms. Default: `10000`. */
  timeoutMs?: number;
}

/**
 * The revenues back office as `@councilkit/connect` sees it: the outbox
 * routes for every referral the revenues case types make (destination
 * `revenues`), the reference each answer carries, and status polling at
 * `/updates`. Hand it to connect's `createDispatcher` and `createStatusSync`.
 *
 * @example
 * ```ts
 * import { createDispatcher } from '@councilkit/connect';
 * import { defineRevenuesBackOffice } from '@councilkit/revenues';
 *
 * const revenues = defineRevenuesBackOffice({ baseUrl: 'https://revenues.example.gov.uk/v1' });
 * const dispatcher = createDispatcher({ store, engine, backOffices: [revenues], workerId: 'dispatcher-1' });
 * ```
 */
export function defineRevenuesBackOffice(options: RevenuesBackOfficeConnectorOptions): BackOfficeHandle {
  return defineBackOffice({
    name: REVENUES_DESTINATION,
    title: options.title ?? 'the revenues system',
    baseUrl: options.baseUrl,
    caseTypes: ['revenues.moving-home', 'revenues.single-person-discount', 'revenues.direct-debit-change', 'revenues.benefit-enquiry'],
    operations: {
      reportMove: { method: 'POST', path: '/accounts/{accountId}/moves', request: withPathId('accountId', moveRequestSchema), response: moveOutcomeSchema },
      applySinglePersonDiscount: {
        method: 'POST',
        path: '/accounts/{accountId}/single-person-discount',
        request: withPathId('accountId', discountApplicationSchema),
        response: discountOutcomeSchema,
      },
      cancelSinglePersonDiscount: {
        method: 'POST',
        path: '/accounts/{accountId}/single-person-discount/cancellation',
        request: withPathId('accountId', discountCancellationSchema),
        response: discountOutcomeSchema,
      },
      reviewSinglePersonDiscount: {
        method: 'POST',
        path: '/accounts/{accountId}/single-person-discount/review',
        request: withPathId('accountId', discountReviewSchema),
        response: discountOutcomeSchema,
      },
      setDirectDebit: { method: 'PUT', path: '/accounts/{accountId}/direct-debit', request: withPathId('accountId', directDebitInstructionSchema), response: directDebitOutcomeSchema },
      raiseBenefitEnquiry: { method: 'POST', path: '/claims/{claimId}/enquiries', request: withPathId('claimId', benefitEnquirySchema), response: enquiryOutcomeSchema },
      getAccount: { method: 'GET', path: '/accounts/{accountId}', request: z.object({ accountId: accountIdSchema }), response: accountSchema },
    },
    outbox: {
      reportMove: { operation: 'reportMove', reference: (response) => response.reference },
      applySinglePersonDiscount: { operation: 'applySinglePersonDiscount', reference: (response) => response.reference },
      cancelSinglePersonDiscount: { operation: 'cancelSinglePersonDiscount', reference: (response) => response.reference },
      reviewSinglePersonDiscount: { operation: 'reviewSinglePersonDiscount', reference: (response) => response.reference },
      setDirectDebit: { operation: 'setDirectDebit', reference: (response) => response.reference },
      raiseBenefitEnquiry: { operation: 'raiseBenefitEnquiry', reference: (response) => response.reference },
    },
    statusSync: { polling: { path: '/updates' } },
    ...(options.headers ? { headers: options.headers } : {}),
    ...(options.fetch ? { fetch: options.fetch } : {}),
    ...(options.timeoutMs ? { timeoutMs: options.timeoutMs } : {}),
  });
}
