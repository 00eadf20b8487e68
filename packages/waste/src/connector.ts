import { defineBackOffice } from '@councilkit/connect';
import type { BackOfficeHandle } from '@councilkit/connect';
import { z } from 'zod';
import { WASTE_DESTINATION } from './case-types.js';
import {
  assistedApplyInputSchema,
  assistedCollectionSchema,
  bulkyBookInputSchema,
  bulkyBookingSchema,
  bulkyCancellationSchema,
  containerRequestInputSchema,
  gardenSubscribeInputSchema,
  gardenSubscriptionSchema,
  missedCollectionInputSchema,
  propertyServicesSchema,
  referenceInputSchema,
  serviceRequestSchema,
  uprnSchema,
} from './schemas.js';

// A cancel's outbox payload is `{ reference }`: the placeholder fills the path, the rest is the body.
const cancelRequest = z.strictObject({ reference: referenceInputSchema, reason: z.string().max(1000).optional() });

/**
 * Options for {@link defineWasteBackOffice}.
 *
 * @example
 * ```ts
 * const options: WasteBackOfficeConnectorOptions = { baseUrl: 'https://waste.example.gov.uk/v1', headers: () => ({ authorization: `Bearer ${token()}` }) };
 * ```
 */
export interface WasteBackOfficeConnectorOptions {
  /** The waste back office's base URL. Required. */
  baseUrl: string;
  /** Human name used in agent messages. Default: `'the waste system'`. */
  title?: string;
  /** Headers per request (called each time, so tokens can rotate). Default: none. */
  headers?: () => Record<string, string> | Promise<Record<string, string>>;
  /** The fetch to use. Default: `globalThis.fetch`, looked up at call time. */
  fetch?: typeof fetch;
  /** Per-call timeout, ms. Default: `10000`. */
  timeoutMs?: number;
}

/**
 * The waste back office as `@councilkit/connect` sees it: the outbox routes
 * for every referral the waste case types make (destination `waste`), the
 * reference each answer carries, and status polling at `/updates`. Hand it to
 * connect's `createDispatcher` and `createStatusSync`.
 *
 * @example
 * ```ts
 * import { createDispatcher, createStatusSync } from '@councilkit/connect';
 * import { defineWasteBackOffice, wasteStatusMap } from '@councilkit/waste';
 *
 * const waste = defineWasteBackOffice({ baseUrl: 'https://waste.example.gov.uk/v1' });
 * const dispatcher = createDispatcher({ store, engine, backOffices: [waste], workerId: 'dispatcher-1' });
 * const sync = createStatusSync({ store, engine, backOffices: [waste], statusMap: { ...wasteStatusMap } });
 * ```
 */
export function defineWasteBackOffice(options: WasteBackOfficeConnectorOptions): BackOfficeHandle {
  return defineBackOffice({
    name: WASTE_DESTINATION,
    title: options.title ?? 'the waste system',
    baseUrl: options.baseUrl,
    caseTypes: ['waste.missed-collection', 'waste.container-request', 'waste.bulky-booking', 'waste.garden-subscription', 'waste.assisted-collection'],
    operations: {
      reportMissedCollection: { method: 'POST', path: '/missed-collections', request: missedCollectionInputSchema, response: serviceRequestSchema },
      requestContainer: { method: 'POST', path: '/container-requests', request: containerRequestInputSchema, response: serviceRequestSchema },
      cancelContainerRequest: { method: 'POST', path: '/container-requests/{reference}/cancel', request: cancelRequest, response: serviceRequestSchema },
      subscribeGardenWaste: { method: 'POST', path: '/garden-subscriptions', request: gardenSubscribeInputSchema, response: gardenSubscriptionSchema },
      bookBulkyCollection: { method: 'POST', path: '/bulky/bookings', request: bulkyBookInputSchema, response: bulkyBookingSchema },
      cancelBulkyBooking: { method: 'POST', path: '/bulky/bookings/{reference}/cancel', request: cancelRequest, response: bulkyCancellationSchema },
      applyAssistedCollection: { method: 'POST', path: '/assisted-collections', request: assistedApplyInputSchema, response: assistedCollectionSchema },
      getPropertyServices: { method: 'GET', path: '/properties/{uprn}/services', request: z.object({ uprn: uprnSchema }), response: propertyServicesSchema },
    },
    outbox: {
      reportMissedCollection: { operation: 'reportMissedCollection', reference: (r) => r.reference },
      requestContainer: { operation: 'requestContainer', reference: (r) => r.reference },
      cancelContainerRequest: { operation: 'cancelContainerRequest' },
      subscribeGardenWaste: { operation: 'subscribeGardenWaste', reference: (r) => r.reference },
      bookBulkyCollection: { operation: 'bookBulkyCollection', reference: (r) => r.reference },
      cancelBulkyBooking: { operation: 'cancelBulkyBooking' },
      applyAssistedCollection: { operation: 'applyAssistedCollection', reference: (r) => r.reference },
    },
    statusSync: { polling: { path: '/updates' } },
    ...(options.headers ? { headers: options.headers } : {}),
    ...(options.fetch ? { fetch: options.fetch } : {}),
    ...(options.timeoutMs ? { timeoutMs: options.timeoutMs } : {}),
  });
}
