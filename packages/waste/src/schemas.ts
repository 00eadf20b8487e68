import { backOfficeStatuses } from '@councilkit/connect';
import { z } from 'zod';
import { COLLECTION_EVENT_DETAILS, COLLECTION_EVENT_TYPES, MATERIAL_STREAMS } from './taxonomies.js';

// Response schemas use z.object (unknown members are dropped, so a back office
// adding fields does not break councils); request schemas are strict, so a
// caller's typo is refused rather than silently ignored.

const REQUEST_TYPES = [
  'missed-collection',
  'container-request',
  'bulky-booking',
  'garden-subscription',
  'assisted-collection',
] as const;

/**
 * zod schema for a UPRN: an integer 1..999 999 999 999.
 *
 * @example
 * ```ts
 * uprnSchema.parse(100023336956); // ok
 * uprnSchema.safeParse(0).success; // false
 * ```
 */
export const uprnSchema = z.int().min(1).max(999_999_999_999);
/**
 * zod schema for a USRN: up to 8 digits.
 *
 * @example
 * ```ts
 * usrnSchema.parse(30100100);
 * ```
 */
export const usrnSchema = z.int().min(1).max(99_999_999);

const POSTCODE = /^[A-Z]{1,2}[0-9][A-Z0-9]? ?[0-9][A-Z]{2}$/i;

/**
 * zod schema for a UK postcode; normalises to upper case with one space
 * (`"sw1a1aa"` becomes `"SW1A 1AA"`).
 *
 * @example
 * ```ts
 * postcodeSchema.parse(' sw1a1aa '); // "SW1A 1AA"
 * ```
 */
export const postcodeSchema = z
  .string()
  .trim()
  .max(8, 'Enter a real postcode')
  .regex(POSTCODE, 'Enter a real postcode')
  .transform((value) => {
    const compact = value.replace(/\s+/g, '').toUpperCase();
    return `${compact.slice(0, -3)} ${compact.slice(-3)}`;
  });

const localDateSchema = z.iso.date();
const dateTimeSchema = z.iso.datetime({ offset: true });
const referenceSchema = z.string().min(1).max(32).regex(/^[A-Z0-9][A-Z0-9-]{0,31}$/, 'Not a valid reference');
const penceSchema = z.int().min(0).max(10_000_000);
const slugSchema = z.string().min(1).max(64).regex(/^[a-z0-9][a-z0-9-]*$/, 'Use lower-case letters, digits and hyphens');
const tokenSchema = z.string().min(1).max(64).regex(/^[A-Za-z0-9_-]+$/, 'Use letters, digits, hyphens and underscores');
const freeTextSchema = z.string().max(1000, 'Keep this to 1000 characters or fewer');

/**
 * zod schema for an LWSS material stream name.
 *
 * @example
 * ```ts
 * materialStreamSchema.parse('mixed recyclables');
 * ```
 */
export const materialStreamSchema = z.enum(MATERIAL_STREAMS);
/**
 * zod schema for an LWSS collection event type (level 1).
 *
 * @example
 * ```ts
 * collectionEventTypeSchema.parse('Not presented');
 * ```
 */
export const collectionEventTypeSchema = z.enum(COLLECTION_EVENT_TYPES);
/**
 * zod schema for an LWSS collection event detail (level 2).
 *
 * @example
 * ```ts
 * collectionEventDetailSchema.parse('Lid open');
 * ```
 */
export const collectionEventDetailSchema = z.enum(COLLECTION_EVENT_DETAILS);
/**
 * zod schema for mySociety's extended Open311 status vocabulary.
 *
 * @example
 * ```ts
 * requestStatusSchema.parse('action_scheduled');
 * ```
 */
export const requestStatusSchema = z.enum(backOfficeStatuses);
/**
 * zod schema for the kinds of service request the interface raises.
 *
 * @example
 * ```ts
 * requestTypeSchema.parse('missed-collection');
 * ```
 */
export const requestTypeSchema = z.enum(REQUEST_TYPES);

/**
 * A Local Waste Service Standards material stream name, e.g. `"garden waste"`.
 *
 * @example
 * ```ts
 * const stream: MaterialStream = 'garden waste';
 * ```
 */
export type MaterialStream = z.infer<typeof materialStreamSchema>;
/**
 * A Local Waste Service Standards collection event type, e.g. `"Not presented"`.
 *
 * @example
 * ```ts
 * const event: CollectionEventType = 'Not presented';
 * ```
 */
export type CollectionEventType = z.infer<typeof collectionEventTypeSchema>;
/**
 * A Local Waste Service Standards collection event detail, e.g. `"Lid open"`.
 *
 * @example
 * ```ts
 * const detail: CollectionEventDetail = 'Side waste present';
 * ```
 */
export type CollectionEventDetail = z.infer<typeof collectionEventDetailSchema>;
/**
 * An extended Open311 status, e.g. `"action_scheduled"`.
 *
 * @example
 * ```ts
 * const status: RequestStatus = 'fixed';
 * ```
 */
export type RequestStatus = z.infer<typeof requestStatusSchema>;
/**
 * The kind of service request.
 *
 * @example
 * ```ts
 * const type: RequestType = 'bulky-booking';
 * ```
 */
export type RequestType = z.infer<typeof requestTypeSchema>;
/**
 * What the crew recorded at the last collection: `"Collected"` or an LWSS event type.
 *
 * @example
 * ```ts
 * const outcome: CollectionOutcome = service.last?.outcome ?? 'Collected';
 * ```
 */
export type CollectionOutcome = 'Collected' | CollectionEventType;

const addressSchema = z.object({
  lines: z.array(z.string().max(200)).min(1).max(5),
  town: z.string().max(100),
  postcode: postcodeSchema,
});

/**
 * zod schema for a property as the back office describes it.
 *
 * @example
 * ```ts
 * const property = propertySchema.parse(await response.json());
 * ```
 */
export const propertySchema = z.object({
  uprn: uprnSchema,
  usrn: usrnSchema,
  address: addressSchema,
  postcode: postcodeSchema,
  lat: z.number().min(49).max(61),
  lng: z.number().min(-9).max(2),
  type: z.enum(['house', 'flat', 'maisonette', 'bungalow', 'hmo', 'commercial', 'other']),
  nation: z.enum(['england-and-wales', 'scotland', 'northern-ireland']),
  assistedCollection: z.boolean().optional(),
});

/**
 * zod schema for the last scheduled collection of a service and what the crew recorded.
 *
 * @example
 * ```ts
 * lastCollectionSchema.parse({ date: '2026-03-04', outcome: 'Contaminated', detail: 'Food waste' });
 * ```
 */
export const lastCollectionSchema = z.object({
  date: localDateSchema,
  outcome: z.union([z.literal('Collected'), collectionEventTypeSchema]),
  detail: collectionEventDetailSchema.optional(),
  recordedAt: dateTimeSchema.optional(),
  round: z.string().max(64).optional(),
});

const nextCollectionSchema = z.object({
  date: localDateSchema,
  rescheduledFrom: localDateSchema.optional(),
});

const openRequestSummarySchema = z.object({
  reference: referenceSchema,
  type: requestTypeSchema,
  status: requestStatusSchema,
});

/**
 * zod schema for one waste service at a property.
 *
 * @example
 * ```ts
 * const service = wasteServiceSchema.parse(body);
 * ```
 */
export const wasteServiceSchema = z.object({
  id: z.string().max(64),
  name: z.string().max(200),
  materialStream: materialStreamSchema,
  containers: z.array(z.object({ type: z.string().max(64), size: z.string().max(16), quantity: z.int().min(0).max(20) })).max(20),
  round: z.object({ id: z.string().max(64), name: z.string().max(200) }),
  schedule: z.object({
    frequency: z.enum(['weekly', 'fortnightly', 'four-weekly']),
    day: z.enum(['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday']),
    description: z.string().max(200).optional(),
  }),
  last: lastCollectionSchema.nullable(),
  next: nextCollectionSchema.nullable(),
  openRequests: z.array(openRequestSummarySchema).max(50),
});

/**
 * zod schema for the services at a property.
 *
 * @example
 * ```ts
 * const { services } = propertyServicesSchema.parse(await response.json());
 * ```
 */
export const propertyServicesSchema = z.object({
  uprn: uprnSchema,
  services: z.array(wasteServiceSchema).max(20),
});

/**
 * zod schema for a container type with its limit and charges.
 *
 * @example
 * ```ts
 * const type = containerTypeSchema.parse(body);
 * ```
 */
export const containerTypeSchema = z.object({
  id: z.string().max(64),
  name: z.string().max(200),
  materialStream: materialStreamSchema,
  size: z.string().max(16),
  maxPerProperty: z.int().min(0).max(20),
  charges: z.object({ new: penceSchema, extra: penceSchema, replacement: penceSchema, damaged: penceSchema }),
});

/**
 * zod schema for a service request of any type.
 *
 * @example
 * ```ts
 * const request = serviceRequestSchema.parse(await response.json());
 * ```
 */
export const serviceRequestSchema = z.object({
  reference: referenceSchema,
  type: requestTypeSchema,
  uprn: uprnSchema,
  serviceId: z.string().max(64).optional(),
  status: requestStatusSchema,
  statusDescription: z.string().max(1000).optional(),
  createdAt: dateTimeSchema,
  updatedAt: dateTimeSchema,
  dueBy: localDateSchema.optional(),
  charge: penceSchema.optional(),
});

/**
 * zod schema for a garden waste quote.
 *
 * @example
 * ```ts
 * const quote = gardenQuoteSchema.parse(body);
 * ```
 */
export const gardenQuoteSchema = z.object({
  uprn: uprnSchema,
  bins: z.int().min(1).max(10),
  pricePerBin: penceSchema,
  amount: penceSchema,
  periodStart: localDateSchema,
  periodEnd: localDateSchema,
  proRata: z.boolean(),
});

const paymentMethodSchema = z.enum(['card', 'direct-debit']);

/**
 * zod schema for a garden waste subscription.
 *
 * @example
 * ```ts
 * const subscription = gardenSubscriptionSchema.parse(body);
 * ```
 */
export const gardenSubscriptionSchema = z.object({
  reference: referenceSchema,
  uprn: uprnSchema,
  bins: z.int().min(1).max(10),
  status: z.enum(['active', 'cancelled', 'expired']),
  periodStart: localDateSchema,
  periodEnd: localDateSchema,
  paymentMethod: paymentMethodSchema,
  amountPaid: penceSchema,
  renewedTo: localDateSchema.optional(),
});

/**
 * zod schema for a bulky waste catalogue item.
 *
 * @example
 * ```ts
 * const item = bulkyItemSchema.parse({ id: 'sofa', name: 'Sofa', materialStream: 'furniture', price: 1800, maxQuantity: 2 });
 * ```
 */
export const bulkyItemSchema = z.object({
  id: z.string().max(64),
  name: z.string().max(200),
  materialStream: materialStreamSchema,
  price: penceSchema,
  maxQuantity: z.int().min(1).max(20),
});

/**
 * zod schema for a bulky collection slot.
 *
 * @example
 * ```ts
 * const slot = bulkySlotSchema.parse({ id: 'slot-2026-03-10', date: '2026-03-10', window: 'all-day', remaining: 4 });
 * ```
 */
export const bulkySlotSchema = z.object({
  id: z.string().max(64),
  date: localDateSchema,
  window: z.enum(['all-day', 'morning', 'afternoon']),
  remaining: z.int().min(0).max(1000),
});

/**
 * zod schema for a time-limited hold on a bulky slot.
 *
 * @example
 * ```ts
 * const hold = bulkyReservationSchema.parse(body);
 * ```
 */
export const bulkyReservationSchema = z.object({
  id: z.string().max(64),
  uprn: uprnSchema,
  slot: bulkySlotSchema,
  expiresAt: dateTimeSchema,
});

/**
 * zod schema for a bulky booking.
 *
 * @example
 * ```ts
 * const booking = bulkyBookingSchema.parse(body);
 * ```
 */
export const bulkyBookingSchema = z.object({
  reference: referenceSchema,
  uprn: uprnSchema,
  slot: bulkySlotSchema,
  items: z
    .array(z.object({ itemId: z.string().max(64), name: z.string().max(200), quantity: z.int().min(1).max(20), price: penceSchema }))
    .max(50),
  location: z.string().max(500),
  price: penceSchema,
  status: requestStatusSchema,
  createdAt: dateTimeSchema,
});

/**
 * zod schema for a cancelled bulky booking and its refund.
 *
 * @example
 * ```ts
 * const { refund } = bulkyCancellationSchema.parse(body);
 * ```
 */
export const bulkyCancellationSchema = z.object({
  booking: bulkyBookingSchema,
  refund: z.object({ amount: penceSchema, rule: z.enum(['full', 'partial', 'none']), explanation: z.string().max(500) }),
});

/**
 * zod schema for an assisted collection application.
 *
 * @example
 * ```ts
 * const application = assistedCollectionSchema.parse(body);
 * ```
 */
export const assistedCollectionSchema = z.object({
  reference: referenceSchema,
  uprn: uprnSchema,
  reason: z.string().max(1000),
  until: localDateSchema.optional(),
  status: z.enum(['pending', 'approved', 'denied']),
  decidedBy: z.string().max(100).optional(),
  decisionNote: z.string().max(1000).optional(),
  createdAt: dateTimeSchema,
  decidedAt: dateTimeSchema.optional(),
});

/**
 * zod schema for one status update.
 *
 * @example
 * ```ts
 * const update = statusUpdateSchema.parse(webhookBody);
 * ```
 */
export const statusUpdateSchema = z.object({
  id: z.string().max(64),
  reference: referenceSchema,
  requestType: requestTypeSchema,
  status: requestStatusSchema,
  description: z.string().max(1000).optional(),
  updatedAt: dateTimeSchema,
});

/**
 * zod schema for a page of status updates.
 *
 * @example
 * ```ts
 * const { updates, cursor } = updatePageSchema.parse(await response.json());
 * ```
 */
export const updatePageSchema = z.object({
  updates: z.array(statusUpdateSchema).max(500),
  cursor: z.string().max(64),
});

/**
 * zod schema for an RFC 9457 problem body.
 *
 * @example
 * ```ts
 * const problem = problemSchema.safeParse(await response.json());
 * ```
 */
export const problemSchema = z.object({
  type: z.string().max(500),
  title: z.string().max(500),
  status: z.int().min(100).max(599),
  detail: z.string().max(2000).optional(),
  instance: z.string().max(500).optional(),
  code: z.string().max(100).optional(),
  errors: z.array(z.object({ pointer: z.string().max(500), detail: z.string().max(1000) })).max(100).optional(),
});

// ---- inputs (strict: unknown members are refused) ----

/**
 * zod schema for {@link MissedCollectionInput}.
 *
 * @example
 * ```ts
 * const input = missedCollectionInputSchema.parse(await request.json());
 * ```
 */
export const missedCollectionInputSchema = z.strictObject({
  uprn: uprnSchema,
  serviceId: slugSchema,
  notes: freeTextSchema.optional(),
});

/**
 * zod schema for {@link ContainerRequestInput}.
 *
 * @example
 * ```ts
 * containerRequestInputSchema.parse({ uprn: 100023336956, containerType: 'recycling-240', reason: 'extra', quantity: 1 });
 * ```
 */
export const containerRequestInputSchema = z.strictObject({
  uprn: uprnSchema,
  containerType: slugSchema,
  reason: z.enum(['new', 'extra', 'replacement', 'damaged']),
  quantity: z.int().min(1).max(10),
  notes: freeTextSchema.optional(),
});

/**
 * zod schema for {@link CancelInput}.
 *
 * @example
 * ```ts
 * cancelInputSchema.parse({ reason: 'No longer needed' });
 * ```
 */
export const cancelInputSchema = z.strictObject({ reason: freeTextSchema.optional() });

/**
 * zod schema for {@link GardenQuoteInput}.
 *
 * @example
 * ```ts
 * gardenQuoteInputSchema.parse({ uprn: 100023336956, bins: 2 });
 * ```
 */
export const gardenQuoteInputSchema = z.strictObject({ uprn: uprnSchema, bins: z.int().min(1).max(10) });

/**
 * zod schema for {@link GardenSubscribeInput}.
 *
 * @example
 * ```ts
 * gardenSubscribeInputSchema.parse({ uprn: 100023336956, bins: 1, paymentMethod: 'card', paymentReference: 'PAY-1' });
 * ```
 */
export const gardenSubscribeInputSchema = z.strictObject({
  uprn: uprnSchema,
  bins: z.int().min(1).max(10),
  paymentMethod: paymentMethodSchema,
  paymentReference: tokenSchema,
});

/**
 * zod schema for {@link GardenModifyInput}.
 *
 * @example
 * ```ts
 * gardenModifyInputSchema.parse({ bins: 2, paymentReference: 'PAY-2' });
 * ```
 */
export const gardenModifyInputSchema = z.strictObject({
  bins: z.int().min(1).max(10),
  paymentReference: tokenSchema.optional(),
});

/**
 * zod schema for {@link GardenRenewInput}.
 *
 * @example
 * ```ts
 * gardenRenewInputSchema.parse({ paymentMethod: 'direct-debit', paymentReference: 'DD-1' });
 * ```
 */
export const gardenRenewInputSchema = z.strictObject({
  bins: z.int().min(1).max(10).optional(),
  paymentMethod: paymentMethodSchema,
  paymentReference: tokenSchema,
});

/**
 * zod schema for {@link BulkySlotsInput}.
 *
 * @example
 * ```ts
 * bulkySlotsInputSchema.parse({ uprn: 100023336956, from: '2026-03-09' });
 * ```
 */
export const bulkySlotsInputSchema = z.strictObject({
  uprn: uprnSchema,
  from: localDateSchema.optional(),
  to: localDateSchema.optional(),
});

/**
 * zod schema for {@link BulkyReserveInput}.
 *
 * @example
 * ```ts
 * bulkyReserveInputSchema.parse({ uprn: 100023336956, slotId: 'slot-2026-03-10' });
 * ```
 */
export const bulkyReserveInputSchema = z.strictObject({ uprn: uprnSchema, slotId: tokenSchema });

const bulkyItemLineSchema = z.strictObject({ itemId: slugSchema, quantity: z.int().min(1).max(20) });

/**
 * zod schema for {@link BulkyBookInput}.
 *
 * @example
 * ```ts
 * bulkyBookInputSchema.parse({ reservationId: 'R100001', items: [{ itemId: 'table', quantity: 1 }], location: 'Drive', paymentReference: 'PAY-3' });
 * ```
 */
export const bulkyBookInputSchema = z.strictObject({
  reservationId: tokenSchema,
  items: z.array(bulkyItemLineSchema).min(1).max(50),
  location: z.string().trim().min(1, 'Say where the items will be').max(500),
  paymentReference: tokenSchema,
});

/**
 * zod schema for {@link BulkyAmendInput}.
 *
 * @example
 * ```ts
 * bulkyAmendInputSchema.parse({ location: 'By the side gate' });
 * ```
 */
export const bulkyAmendInputSchema = z
  .strictObject({
    items: z.array(bulkyItemLineSchema).min(1).max(50).optional(),
    location: z.string().trim().min(1).max(500).optional(),
    reservationId: tokenSchema.optional(),
  })
  .refine((v) => v.items !== undefined || v.location !== undefined || v.reservationId !== undefined, {
    message: 'Change at least one of items, location or slot',
  });

/**
 * zod schema for {@link AssistedApplyInput}.
 *
 * @example
 * ```ts
 * assistedApplyInputSchema.parse({ uprn: 100023336956, reason: 'Uses a wheelchair' });
 * ```
 */
export const assistedApplyInputSchema = z.strictObject({
  uprn: uprnSchema,
  reason: z.string().trim().min(1, 'Say why the resident needs help').max(1000),
  until: localDateSchema.optional(),
});

/**
 * zod schema for {@link AssistedDecisionInput}.
 *
 * @example
 * ```ts
 * assistedDecisionInputSchema.parse({ decidedBy: 'officer-7', note: 'Meets the criteria' });
 * ```
 */
export const assistedDecisionInputSchema = z.strictObject({
  decidedBy: z.string().trim().min(1).max(100),
  note: freeTextSchema.optional(),
});

/**
 * zod schema for {@link UpdatesInput}.
 *
 * @example
 * ```ts
 * updatesInputSchema.parse({ since: '42', limit: 100 });
 * ```
 */
export const updatesInputSchema = z.strictObject({
  since: z.string().regex(/^[0-9]{1,18}$/, 'Not a cursor').optional(),
  limit: z.int().min(1).max(500).optional(),
});

/**
 * zod schema for a `reference` path parameter.
 *
 * @example
 * ```ts
 * referenceInputSchema.parse('MC-100001');
 * ```
 */
export const referenceInputSchema = referenceSchema;

/**
 * A property: UPRN, USRN, address, postcode, location, type and UK nation.
 *
 * @example
 * ```ts
 * const property: Property = await waste.getProperty(100023336956);
 * ```
 */
export type Property = z.infer<typeof propertySchema>;
/**
 * One waste service at a property: containers, round, schedule, last and next collection.
 *
 * @example
 * ```ts
 * const [service]: WasteService[] = (await waste.getPropertyServices(uprn)).services;
 * ```
 */
export type WasteService = z.infer<typeof wasteServiceSchema>;
/**
 * The last scheduled collection of a service and what the crew recorded.
 *
 * @example
 * ```ts
 * const last: LastCollection | null = service.last;
 * ```
 */
export type LastCollection = z.infer<typeof lastCollectionSchema>;
/**
 * The services at a property.
 *
 * @example
 * ```ts
 * const answer: PropertyServices = await waste.getPropertyServices(uprn);
 * ```
 */
export type PropertyServices = z.infer<typeof propertyServicesSchema>;
/**
 * A container type with its per-property limit and charges.
 *
 * @example
 * ```ts
 * const types: ContainerType[] = await waste.listContainerTypes();
 * ```
 */
export type ContainerType = z.infer<typeof containerTypeSchema>;
/**
 * A service request of any type, with its Open311 status.
 *
 * @example
 * ```ts
 * const request: ServiceRequest = await waste.getServiceRequest('MC-100001');
 * ```
 */
export type ServiceRequest = z.infer<typeof serviceRequestSchema>;
/**
 * A garden waste quote.
 *
 * @example
 * ```ts
 * const quote: GardenQuote = await waste.quoteGardenSubscription({ uprn, bins: 1 });
 * ```
 */
export type GardenQuote = z.infer<typeof gardenQuoteSchema>;
/**
 * A garden waste subscription.
 *
 * @example
 * ```ts
 * const subscription: GardenSubscription = await waste.getGardenSubscription('GW-100001');
 * ```
 */
export type GardenSubscription = z.infer<typeof gardenSubscriptionSchema>;
/**
 * A bulky waste catalogue item.
 *
 * @example
 * ```ts
 * const { items }: { items: BulkyItem[] } = await waste.listBulkyItems();
 * ```
 */
export type BulkyItem = z.infer<typeof bulkyItemSchema>;
/**
 * A bulky collection slot.
 *
 * @example
 * ```ts
 * const slots: BulkySlot[] = await waste.listBulkySlots({ uprn });
 * ```
 */
export type BulkySlot = z.infer<typeof bulkySlotSchema>;
/**
 * A time-limited hold on a bulky slot.
 *
 * @example
 * ```ts
 * const hold: BulkyReservation = await waste.reserveBulkySlot({ uprn, slotId: slots[0]!.id });
 * ```
 */
export type BulkyReservation = z.infer<typeof bulkyReservationSchema>;
/**
 * A bulky booking.
 *
 * @example
 * ```ts
 * const booking: BulkyBooking = await waste.getBulkyBooking('BK-100001');
 * ```
 */
export type BulkyBooking = z.infer<typeof bulkyBookingSchema>;
/**
 * A cancelled bulky booking and the refund due.
 *
 * @example
 * ```ts
 * const { refund }: BulkyCancellation = await waste.cancelBulkyBooking('BK-100001');
 * ```
 */
export type BulkyCancellation = z.infer<typeof bulkyCancellationSchema>;
/**
 * An assisted collection application.
 *
 * @example
 * ```ts
 * const application: AssistedCollection = await waste.getAssistedCollection('AC-100001');
 * ```
 */
export type AssistedCollection = z.infer<typeof assistedCollectionSchema>;
/**
 * One status update from the back office.
 *
 * @example
 * ```ts
 * const [first]: StatusUpdate[] = (await waste.listUpdates()).updates;
 * ```
 */
export type StatusUpdate = z.infer<typeof statusUpdateSchema>;
/**
 * A page of status updates and the cursor to ask from next time.
 *
 * @example
 * ```ts
 * const page: UpdatePage = await waste.listUpdates({ since: cursor });
 * ```
 */
export type UpdatePage = z.infer<typeof updatePageSchema>;

/**
 * Report a missed collection for one service at one property.
 *
 * @example
 * ```ts
 * const input: MissedCollectionInput = { uprn: 100023336956, serviceId: 'refuse', notes: 'Left at the kerb' };
 * ```
 */
export type MissedCollectionInput = z.input<typeof missedCollectionInputSchema>;
/**
 * Request containers for a property.
 *
 * @example
 * ```ts
 * const input: ContainerRequestInput = { uprn: 100023336956, containerType: 'recycling-240', reason: 'damaged', quantity: 1 };
 * ```
 */
export type ContainerRequestInput = z.input<typeof containerRequestInputSchema>;
/**
 * Why something is being cancelled (optional).
 *
 * @example
 * ```ts
 * const input: CancelInput = { reason: 'Ordered by mistake' };
 * ```
 */
export type CancelInput = z.input<typeof cancelInputSchema>;
/**
 * Ask for a garden waste price.
 *
 * @example
 * ```ts
 * const input: GardenQuoteInput = { uprn: 100023336956, bins: 2 };
 * ```
 */
export type GardenQuoteInput = z.input<typeof gardenQuoteInputSchema>;
/**
 * Subscribe to garden waste collection.
 *
 * @example
 * ```ts
 * const input: GardenSubscribeInput = { uprn: 100023336956, bins: 1, paymentMethod: 'card', paymentReference: 'PAY-1' };
 * ```
 */
export type GardenSubscribeInput = z.input<typeof gardenSubscribeInputSchema>;
/**
 * Change the bins on a garden waste subscription.
 *
 * @example
 * ```ts
 * const input: GardenModifyInput = { bins: 1 };
 * ```
 */
export type GardenModifyInput = z.input<typeof gardenModifyInputSchema>;
/**
 * Renew a garden waste subscription.
 *
 * @example
 * ```ts
 * const input: GardenRenewInput = { paymentMethod: 'direct-debit', paymentReference: 'DD-1' };
 * ```
 */
export type GardenRenewInput = z.input<typeof gardenRenewInputSchema>;
/**
 * Which bulky slots to list.
 *
 * @example
 * ```ts
 * const input: BulkySlotsInput = { uprn: 100023336956, from: '2026-03-09', to: '2026-03-20' };
 * ```
 */
export type BulkySlotsInput = z.input<typeof bulkySlotsInputSchema>;
/**
 * Hold a bulky slot.
 *
 * @example
 * ```ts
 * const input: BulkyReserveInput = { uprn: 100023336956, slotId: 'slot-2026-03-10' };
 * ```
 */
export type BulkyReserveInput = z.input<typeof bulkyReserveInputSchema>;
/**
 * Book a bulky collection into a held slot.
 *
 * @example
 * ```ts
 * const input: BulkyBookInput = { reservationId: hold.id, items: [{ itemId: 'sofa-3-seat', quantity: 1 }], location: 'Front garden', paymentReference: 'PAY-9' };
 * ```
 */
export type BulkyBookInput = z.input<typeof bulkyBookInputSchema>;
/**
 * Amend a bulky booking.
 *
 * @example
 * ```ts
 * const input: BulkyAmendInput = { items: [{ itemId: 'table', quantity: 2 }] };
 * ```
 */
export type BulkyAmendInput = z.input<typeof bulkyAmendInputSchema>;
/**
 * Apply for an assisted collection.
 *
 * @example
 * ```ts
 * const input: AssistedApplyInput = { uprn: 100023336956, reason: 'Recovering from surgery', until: '2026-09-30' };
 * ```
 */
export type AssistedApplyInput = z.input<typeof assistedApplyInputSchema>;
/**
 * Approve or deny an assisted collection.
 *
 * @example
 * ```ts
 * const input: AssistedDecisionInput = { decidedBy: 'officer-7' };
 * ```
 */
export type AssistedDecisionInput = z.input<typeof assistedDecisionInputSchema>;
/**
 * Poll for status updates since a cursor.
 *
 * @example
 * ```ts
 * const input: UpdatesInput = { since: '42', limit: 50 };
 * ```
 */
export type UpdatesInput = z.input<typeof updatesInputSchema>;
