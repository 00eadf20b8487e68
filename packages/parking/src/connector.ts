import { defineBackOffice } from '@councilkit/connect';
import type { BackOfficeHandle } from '@councilkit/connect';
import { z } from 'zod';
import { PARKING_DESTINATION } from './case-types.js';
import {
  challengeRequestSchema,
  challengeSchema,
  paymentReceiptSchema,
  paymentRequestSchema,
  pcnNumberSchema,
  pcnSchema,
  permitApplicationSchema,
  permitSchema,
  vrmSchema,
} from './schemas.js';

// Outbox payloads carry the PCN number beside the body: the placeholder fills the path, the rest must be a valid body.
function withPcnNumber(body: z.ZodType) {
  return z.looseObject({ pcnNumber: pcnNumberSchema }).superRefine((value, context) => {
    const { pcnNumber: _pcnNumber, ...rest } = value;
    const checked = body.safeParse(rest);
    if (!checked.success) for (const issue of checked.error.issues) context.addIssue({ code: 'custom', path: issue.path, message: issue.message });
  });
}

/**
 * Options for {@link defineParkingBackOffice}.
 *
 * @example
 * ```ts
 * const options: ParkingBackOfficeConnectorOptions = { baseUrl: 'https://parking.example.gov.uk/v1', timeoutMs: 5000 };
 * ```
 */
export interface ParkingBackOfficeConnectorOptions {
  /** The parking back office's base URL. Required. */
  baseUrl: string;
  /** Human name used in agent messages. Default: `'the parking system'`. */
  title?: string;
  /** Headers per request (called each time, so tokens can rotate). Default: none. */
  headers?: () => Record<string, string> | Promise<Record<string, string>>;
  /** The fetch to use. Default: `globalThis.fetch`, looked up at call time. */
  fetch?: typeof fetch;
  /** Per-call timeout, ms. Default: `10000`. */
  timeoutMs?: number;
}

/**
 * The parking back office as `@councilkit/connect` sees it: the outbox routes
 * for every referral the parking case types make (destination `parking`), the
 * reference each answer carries, and status polling at `/updates`. Hand it to
 * connect's `createDispatcher` and `createStatusSync`.
 *
 * @example
 * ```ts
 * import { createDispatcher } from '@councilkit/connect';
 * import { defineParkingBackOffice } from '@councilkit/parking';
 *
 * const parking = defineParkingBackOffice({ baseUrl: 'https://parking.example.gov.uk/v1' });
 * const dispatcher = createDispatcher({ store, engine, backOffices: [parking], workerId: 'dispatcher-1' });
 * ```
 */
export function defineParkingBackOffice(options: ParkingBackOfficeConnectorOptions): BackOfficeHandle {
  return defineBackOffice({
    name: PARKING_DESTINATION,
    title: options.title ?? 'the parking system',
    baseUrl: options.baseUrl,
    caseTypes: ['parking.pcn', 'parking.challenge', 'parking.representation', 'parking.permit-application'],
    operations: {
      payPcn: { method: 'POST', path: '/pcns/{pcnNumber}/payments', request: withPcnNumber(paymentRequestSchema), response: paymentReceiptSchema },
      challengePcn: { method: 'POST', path: '/pcns/{pcnNumber}/challenges', request: withPcnNumber(challengeRequestSchema), response: challengeSchema },
      applyForPermit: { method: 'POST', path: '/permits', request: permitApplicationSchema, response: permitSchema },
      findPcn: { method: 'GET', path: '/pcns/{pcnNumber}', request: z.object({ pcnNumber: pcnNumberSchema, vrm: vrmSchema }), response: pcnSchema },
    },
    outbox: {
      payPcn: { operation: 'payPcn', reference: (response) => response.receiptId },
      challengePcn: { operation: 'challengePcn', reference: (response) => response.challengeId },
      applyForPermit: { operation: 'applyForPermit', reference: (response) => response.permitId },
    },
    statusSync: { polling: { path: '/updates' } },
    ...(options.headers ? { headers: options.headers } : {}),
    ...(options.fetch ? { fetch: options.fetch } : {}),
    ...(options.timeoutMs ? { timeoutMs: options.timeoutMs } : {}),
  });
}
