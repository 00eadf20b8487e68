import { z } from 'zod';
import { COLLECTION_EVENT_DETAILS, COLLECTION_EVENT_TYPES, MATERIAL_STREAMS } from './taxonomies.js';

// Response schemas use z.object (unknown members are dropped, so a back office
// adding fields does not break councils); request schemas are strict, so a
// caller's typo is refused rather than silently ignored.

const REQUEST_STATUSES = [
  'open',
  'investigating',
  'action_scheduled',
  'in_progress',
  'fixed',
  'closed',
  'duplicate',
  'not_councils_responsibility',
  'no_further_action',
  'internal_referral',
  'cancelled',
  'reopen',
  'for_triage',
] as const;

const REQUEST_TYPES = [
  'missed-collection',
  'container-request',
  'bulky-booking',
  'garden-subscription',
  'assisted-collection',
] as const;

/** zod schema for a UPRN: an integer 1..999 999 999 999. */
export const uprnSchema = z.int().min(1).max(999_999_999_999);
/** zod schema for a USRN: up to 8 digits. */
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

/** zod schema for an LWSS material stream name. */
export const materialStreamSchema = z.enum(MATERIAL_STREAMS);
/** zod schema for an LWSS collection event type (level 1). */
export const collectionEventTypeSchema = z.enum(COLLECTION_EVENT_TYPES);
/** zod schema for an LWSS collection event detail (level 2). */
export const collectionEventDetailSchema = z.enum(COLLECTION_EVENT_DETAILS);
/** zod schema for mySociety's extended Open311 status vocabulary. */
export const requestStatusSchema = z.enum(REQUEST_STATUSES);
/** zod schema for the kinds of service request the interface raises. */
export const requestTypeSchema = z.enum(REQUEST_TYPES);

/** A Local Waste Service Standards material stream name, e.g. `"garden waste"`. */
export type MaterialStream = z.infer<typeof materialStreamSchema>;
/** A Local Waste Service Standards collection event type, e.g. `"Not presented"`. */
export type CollectionEventType = z.infer<typeof collectionEventTypeSchema>;
/** A Local Waste Service Standards collection event detail, e.g. `"Lid open"`. */
export type CollectionEventDetail = z.infer<typeof collectionEventDetailSchema>;
/** An extended Open311 status, e.g. `"action_scheduled"`. */
export type RequestStatus = z.infer<typeof requestStatusSchema>;
/** The kind of service request. */
export type RequestType = z.infer<typeof requestTypeSchema>;
/** What the crew recorded at the last collection: `"Collected"` or an LWSS event type. */
export type CollectionOutcome = 'Collected' | CollectionEventType;

const addressSchema = z.object({
  lines: z.array(z.string().max(200)).min(1).max(5),
  town: z.string().max(100),
  postcode: postcodeSchema,
});

/** zod schema for a property as the back office describes it. */
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

const lastCollectionSchema = z.object({
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

/** zod schema for one waste service at a property. */
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

/** zod schema for the services at a property. */
export const propertyServicesSchema = z.object({
  uprn: uprnSchema,
  services: z.array(wasteServiceSchema).max(20),
});

/** zod schema for a container type with its limit and charges. */
export const containerTypeSchema = z.object({
  id: z.string().max(64),
  name: z.string().max(200),
  materialStream: materialStreamSchema,
  size: z.string().max(16),
  maxPerProperty: z.int().min(0).max(20),
  charges: z.object({ new: penceSchema, extra: penceSchema, replacement: penceSchema, damaged: penceSchema }),
});

/** zod schema for a service request of any type. */
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

/** zod schema for a garden waste quote. */
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

/** zod schema for a garden waste subscription. */
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

/** zod schema for a bulky waste catalogue item. */
export const bulkyItemSchema = z.object({
  id: z.string().max(64),
  name: z.string().max(200),
  materialStream: materialStreamSchema,
  price: penceSchema,
  maxQuantity: z.int().min(1).max(20),
});

/** zod schema for a bulky collection slot. */
export const bulkySlotSchema = z.object({
  id: z.string().max(64),
  date: localDateSchema,
  window: z.enum(['all-day', 'morning', 'afternoon']),
  remaining: z.int().min(0).max(1000),
});

/** zod schema for a time-limited hold on a bulky slot. */
export const bulkyReservationSchema = z.object({
  id: z.string().max(64),
  uprn: uprnSchema,
  slot: bulkySlotSchema,
  expiresAt: dateTimeSchema,
});

/** zod schema for a bulky booking. */
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

/** zod schema for a cancelled bulky booking and its refund. */
export const bulkyCancellationSchema = z.object({
  booking: bulkyBookingSchema,
  refund: z.object({ amount: penceSchema, rule: z.enum(['full', 'partial', 'none']), explanation: z.string().max(500) }),
});

/** zod schema for an assisted collection application. */
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

/** zod schema for one status update. */
export const statusUpdateSchema = z.object({
  id: z.string().max(64),
  reference: referenceSchema,
  requestType: requestTypeSchema,
  status: requestStatusSchema,
  description: z.string().max(1000).optional(),
  updatedAt: dateTimeSchema,
});

/** zod schema for a page of status updates. */
export const updatePageSchema = z.object({
  updates: z.array(statusUpdateSchema).max(500),
  cursor: z.string().max(64),
});

/** zod schema for an RFC 9457 problem body. */
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

/** zod schema for {@link MissedCollectionInput}. */
export const missedCollectionInputSchema = z.strictObject({
  uprn: uprnSchema,
  serviceId: slugSchema,
  notes: freeTextSchema.optional(),
});

/** zod schema for {@link ContainerRequestInput}. */
export const containerRequestInputSchema = z.strictObject({
  uprn: uprnSchema,
  containerType: slugSchema,
  reason: z.enum(['new', 'extra', 'replacement', 'damaged']),
  quantity: z.int().min(1).max(10),
  notes: freeTextSchema.optional(),
});

/** zod schema for {@link CancelInput}. */
export const cancelInputSchema = z.strictObject({ reason: freeTextSchema.optional() });

/** zod schema for {@link GardenQuoteInput}. */
export const gardenQuoteInputSchema = z.strictObject({ uprn: uprnSchema, bins: z.int().min(1).max(10) });

/** zod schema for {@link GardenSubscribeInput}. */
export const gardenSubscribeInputSchema = z.strictObject({
  uprn: uprnSchema,
  bins: z.int().min(1).max(10),
  paymentMethod: paymentMethodSchema,
  paymentReference: tokenSchema,
});

/** zod schema for {@link GardenModifyInput}. */
export const gardenModifyInputSchema = z.strictObject({
  bins: z.int().min(1).max(10),
  paymentReference: tokenSchema.optional(),
});

/** zod schema for {@link GardenRenewInput}. */
export const gardenRenewInputSchema = z.strictObject({
  bins: z.int().min(1).max(10).optional(),
  paymentMethod: paymentMethodSchema,
  paymentReference: tokenSchema,
});

/** zod schema for {@link BulkySlotsInput}. */
export const bulkySlotsInputSchema = z.strictObject({
  uprn: uprnSchema,
  from: localDateSchema.optional(),
  to: localDateSchema.optional(),
});

/** zod schema for {@link BulkyReserveInput}. */
export const bulkyReserveInputSchema = z.strictObject({ uprn: uprnSchema, slotId: tokenSchema });

const bulkyItemLineSchema = z.strictObject({ itemId: slugSchema, quantity: z.int().min(1).max(20) });

/** zod schema for {@link BulkyBookInput}. */
export const bulkyBookInputSchema = z.strictObject({
  reservationId: tokenSchema,
  items: z.array(bulkyItemLineSchema).min(1).max(50),
  location: z.string().trim().min(1, 'Say where the items will be').max(500),
  paymentReference: tokenSchema,
});

/** zod schema for {@link BulkyAmendInput}. */
export const bulkyAmendInputSchema = z
  .strictObject({
    items: z.array(bulkyItemLineSchema).min(1).max(50).optional(),
    location: z.string().trim().min(1).max(500).optional(),
    reservationId: tokenSchema.optional(),
  })
  .refine((v) => v.items !== undefined || v.location !== undefined || v.reservationId !== undefined, {
    message: 'Change at least one of items, location or slot',
  });

/** zod schema for {@link AssistedApplyInput}. */
export const assistedApplyInputSchema = z.strictObject({
  uprn: uprnSchema,
  reason: z.string().trim().min(1, 'Say why the resident needs help').max(1000),
  until: localDateSchema.optional(),
});

/** zod schema for {@link AssistedDecisionInput}. */
export const assistedDecisionInputSchema = z.strictObject({
  decidedBy: z.string().trim().min(1).max(100),
  note: freeTextSchema.optional(),
});

/** zod schema for {@link UpdatesInput}. */
export const updatesInputSchema = z.strictObject({
  since: z.string().regex(/^[0-9]{1,18}$/, 'Not a cursor').optional(),
  limit: z.int().min(1).max(500).optional(),
});

/** zod schema for a `reference` path parameter. */
export const referenceInputSchema = referenceSchema;

/** A property: UPRN, USRN, address, postcode, location, type and UK nation. */
export type Property = z.infer<typeof propertySchema>;
/** One waste service at a property: containers, round, schedule, last and next collection. */
export type WasteService = z.infer<typeof wasteServiceSchema>;
/** The last scheduled collection of a service and what the crew recorded. */
export type LastCollection = z.infer<typeof lastCollectionSchema>;
/** The services at a property. */
export type PropertyServices = z.infer<typeof propertyServicesSchema>;
/** A container type with its per-property limit and charges. */
export type ContainerType = z.infer<typeof containerTypeSchema>;
/** A service request of any type, with its Open311 status. */
export type ServiceRequest = z.infer<typeof serviceRequestSchema>;
/** A garden waste quote. */
export type GardenQuote = z.infer<typeof gardenQuoteSchema>;
/** A garden waste subscription. */
export type GardenSubscription = z.infer<typeof gardenSubscriptionSchema>;
/** A bulky waste catalogue item. */
export type BulkyItem = z.infer<typeof bulkyItemSchema>;
/** A bulky collection slot. */
export type BulkySlot = z.infer<typeof bulkySlotSchema>;
/** A time-limited hold on a bulky slot. */
export type BulkyReservation = z.infer<typeof bulkyReservationSchema>;
/** A bulky booking. */
export type BulkyBooking = z.infer<typeof bulkyBookingSchema>;
/** A cancelled bulky booking and the refund due. */
export type BulkyCancellation = z.infer<typeof bulkyCancellationSchema>;
/** An assisted collection application. */
export type AssistedCollection = z.infer<typeof assistedCollectionSchema>;
/** One status update from the back office. */
export type StatusUpdate = z.infer<typeof statusUpdateSchema>;
/** A page of status updates and the cursor to ask from next time. */
export type UpdatePage = z.infer<typeof updatePageSchema>;

/** Report a missed collection for one service at one property. */
export type MissedCollectionInput = z.input<typeof missedCollectionInputSchema>;
/** Request containers for a property. */
export type ContainerRequestInput = z.input<typeof containerRequestInputSchema>;
/** Why something is being cancelled (optional). */
export type CancelInput = z.input<typeof cancelInputSchema>;
/** Ask for a garden waste price. */
export type GardenQuoteInput = z.input<typeof gardenQuoteInputSchema>;
/** Subscribe to garden waste collection. */
export type GardenSubscribeInput = z.input<typeof gardenSubscribeInputSchema>;
/** Change the bins on a garden waste subscription. */
export type GardenModifyInput = z.input<typeof gardenModifyInputSchema>;
/** Renew a garden waste subscription. */
export type GardenRenewInput = z.input<typeof gardenRenewInputSchema>;
/** Which bulky slots to list. */
export type BulkySlotsInput = z.input<typeof bulkySlotsInputSchema>;
/** Hold a bulky slot. */
export type BulkyReserveInput = z.input<typeof bulkyReserveInputSchema>;
/** Book a bulky collection into a held slot. */
export type BulkyBookInput = z.input<typeof bulkyBookInputSchema>;
/** Amend a bulky booking. */
export type BulkyAmendInput = z.input<typeof bulkyAmendInputSchema>;
/** Apply for an assisted collection. */
export type AssistedApplyInput = z.input<typeof assistedApplyInputSchema>;
/** Approve or deny an assisted collection. */
export type AssistedDecisionInput = z.input<typeof assistedDecisionInputSchema>;
/** Poll for status updates since a cursor. */
export type UpdatesInput = z.input<typeof updatesInputSchema>;
