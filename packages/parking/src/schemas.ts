import { backOfficeStatuses, interfaceProblemSchema } from '@councilkit/connect';
import { z } from 'zod';
import { PCN_STAGES } from './rules/pcn-lifecycle.js';

// Response schemas use z.object (unknown members are dropped, so a back office
// adding fields does not break councils); request schemas are strict, so a
// caller's typo is refused rather than silently ignored.

/**
 * The grounds for representations in the England regulations, plus
 * `compelling-reasons` (mitigation the council must consider, not a statutory ground).
  *
  * @example
  * ```ts
  * REPRESENTATION_GROUNDS.includes('procedural-impropriety'); // true
  * ```
 */
export const REPRESENTATION_GROUNDS = [
  'contravention-did-not-occur',
  'not-the-owner',
  'vehicle-taken-without-consent',
  'hire-firm',
  'penalty-exceeded-amount',
  'procedural-impropriety',
  'traffic-order-invalid',
  'penalty-already-paid',
  'compelling-reasons',
] as const;

/**
 * One ground from {@link REPRESENTATION_GROUNDS}.
 *
 * @example
 * ```ts
 * const ground: RepresentationGround = 'contravention-did-not-occur';
 * ```
 */
export type RepresentationGround = (typeof REPRESENTATION_GROUNDS)[number];

const localDateSchema = z.iso.date();
const dateTimeSchema = z.iso.datetime({ offset: true });
const pence = z.int().min(0).max(10_000_000);

/**
 * zod schema for a back-office reference (challenge, permit, session, receipt).
 *
 * @example
 * ```ts
 * const checked = referenceSchema.safeParse(input);
 * if (!checked.success) console.log(checked.error.issues);
 * ```
 */
export const referenceSchema = z.string().trim().min(1).max(32).regex(/^[A-Z0-9][A-Z0-9-]{0,31}$/, 'Not a valid reference');

/**
 * zod schema for a PCN number: 8-12 letters and digits, upper-cased.
 *
 * @example
 * ```ts
 * pcnNumberSchema.parse(' at10000001 '); // "AT10000001"
 * ```
 */
export const pcnNumberSchema = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^[A-Z0-9]{8,12}$/, 'Enter the PCN number as printed, 8 to 12 letters and numbers');

/**
 * zod schema for a vehicle registration mark: spaces removed, upper-cased, 2-8 characters.
 *
 * @example
 * ```ts
 * vrmSchema.parse('ab12 cde'); // "AB12CDE"
 * ```
 */
export const vrmSchema = z
  .string()
  .max(12, 'Enter a vehicle registration like AB12 CDE')
  .transform((value) => value.replace(/\s+/g, '').toUpperCase())
  .pipe(z.string().regex(/^[A-Z0-9]{2,8}$/, 'Enter a vehicle registration like AB12 CDE'));

/**
 * zod schema for a request status in mySociety's extended Open311 vocabulary.
 *
 * @example
 * ```ts
 * const checked = requestStatusSchema.safeParse(input);
 * if (!checked.success) console.log(checked.error.issues);
 * ```
 */
export const requestStatusSchema = z.enum(backOfficeStatuses);
/**
 * A request status in mySociety's extended Open311 vocabulary.
 *
 * @example
 * ```ts
 * const value: RequestStatus = requestStatusSchema.parse(input);
 * ```
 */
export type RequestStatus = z.infer<typeof requestStatusSchema>;

/**
 * zod schema for a PCN stage.
 *
 * @example
 * ```ts
 * const checked = pcnStageSchema.safeParse(input);
 * if (!checked.success) console.log(checked.error.issues);
 * ```
 */
export const pcnStageSchema = z.enum(PCN_STAGES);

/**
 * zod schema for {@link PcnLookup}.
 *
 * @example
 * ```ts
 * const checked = pcnLookupSchema.safeParse(input);
 * if (!checked.success) console.log(checked.error.issues);
 * ```
 */
export const pcnLookupSchema = z.strictObject({ pcnNumber: pcnNumberSchema, vrm: vrmSchema });
/**
 * A PCN number plus the vehicle registration: both are needed.
 *
 * @example
 * ```ts
 * const request: PcnLookup = input;
 * pcnLookupSchema.parse(request);
 * ```
 */
export type PcnLookup = z.input<typeof pcnLookupSchema>;

/**
 * zod schema for {@link Letter}.
 *
 * @example
 * ```ts
 * const checked = letterSchema.safeParse(input);
 * if (!checked.success) console.log(checked.error.issues);
 * ```
 */
export const letterSchema = z.object({
  kind: z.enum([
    'penalty-charge-notice',
    'notice-to-owner',
    'challenge-acceptance',
    'challenge-rejection',
    'notice-of-acceptance',
    'notice-of-rejection',
    'charge-certificate',
    'order-for-recovery',
    'payment-receipt',
  ]),
  sentOn: localDateSchema,
  servedOn: localDateSchema,
});
/**
 * A letter sent about a PCN, with the day it counts as served.
 *
 * @example
 * ```ts
 * const value: Letter = letterSchema.parse(input);
 * ```
 */
export type Letter = z.infer<typeof letterSchema>;

/**
 * zod schema for {@link Evidence}.
 *
 * @example
 * ```ts
 * const checked = evidenceSchema.safeParse(input);
 * if (!checked.success) console.log(checked.error.issues);
 * ```
 */
export const evidenceSchema = z.strictObject({
  filename: z.string().trim().min(1).max(200).regex(/^[^/\\]+$/, 'A file name cannot contain / or \\'),
  contentType: z.enum(['image/jpeg', 'image/png', 'application/pdf']),
  sizeBytes: z.int().min(1).max(10 * 1024 * 1024, 'Each file must be 10 MB or smaller'),
  sha256: z.string().regex(/^[0-9a-f]{64}$/, 'sha256 must be 64 lower-case hex characters'),
  url: z.url({ protocol: /^https$/ }).max(2000).optional(),
});
/**
 * A piece of evidence sent with a challenge: described and hashed, stored by the back office.
 *
 * @example
 * ```ts
 * const request: Evidence = input;
 * evidenceSchema.parse(request);
 * ```
 */
export type Evidence = z.input<typeof evidenceSchema>;

/**
 * zod schema for {@link ChallengeRequest}; a representation needs a ground.
 *
 * @example
 * ```ts
 * const checked = challengeRequestSchema.safeParse(input);
 * if (!checked.success) console.log(checked.error.issues);
 * ```
 */
export const challengeRequestSchema = z
  .strictObject({
    vrm: vrmSchema,
    kind: z.enum(['informal', 'representation']),
    ground: z.enum(REPRESENTATION_GROUNDS).optional(),
    statement: z.string().trim().min(1, 'Say why the PCN should be cancelled').max(5000, 'Keep the statement to 5,000 characters'),
    evidence: z.array(evidenceSchema).max(10, 'Send at most 10 files').optional(),
    contactEmail: z.email().max(254).optional(),
  })
  .refine((value) => value.kind === 'informal' || value.ground !== undefined, { path: ['ground'], message: 'Choose the ground for the representation' });
/**
 * An informal challenge or a formal representation, with evidence.
 *
 * @example
 * ```ts
 * const request: ChallengeRequest = input;
 * challengeRequestSchema.parse(request);
 * ```
 */
export type ChallengeRequest = z.input<typeof challengeRequestSchema>;

/**
 * zod schema for {@link Challenge}.
 *
 * @example
 * ```ts
 * const checked = challengeSchema.safeParse(input);
 * if (!checked.success) console.log(checked.error.issues);
 * ```
 */
export const challengeSchema = z.object({
  challengeId: z.string().max(32),
  pcnNumber: z.string().max(12),
  kind: z.enum(['informal', 'representation']),
  ground: z.enum(REPRESENTATION_GROUNDS).optional(),
  status: z.enum(['received', 'accepted', 'rejected']),
  requestStatus: requestStatusSchema,
  receivedOn: localDateSchema,
  decidedOn: localDateSchema.optional(),
  decisionReason: z.string().max(2000).optional(),
  evidenceCount: z.int().min(0),
});
/**
 * A challenge or representation and where it stands.
 *
 * @example
 * ```ts
 * const value: Challenge = challengeSchema.parse(input);
 * ```
 */
export type Challenge = z.infer<typeof challengeSchema>;

/**
 * zod schema for {@link Pcn}.
 *
 * @example
 * ```ts
 * const checked = pcnSchema.safeParse(input);
 * if (!checked.success) console.log(checked.error.issues);
 * ```
 */
export const pcnSchema = z.object({
  pcnNumber: z.string().max(12),
  vrm: z.string().max(8),
  contraventionCode: z.string().regex(/^[0-9]{2}[a-z]?$/),
  contravention: z.string().max(200),
  contravenedAt: dateTimeSchema,
  location: z.string().max(200),
  issuedOn: localDateSchema,
  servedOn: localDateSchema,
  serviceMethod: z.enum(['affixed', 'handed', 'postal']),
  stage: pcnStageSchema,
  onHold: z.boolean(),
  amountFull: pence,
  amountDiscounted: pence,
  discountUntil: localDateSchema.nullable(),
  amountDue: pence,
  dueBy: localDateSchema.nullable(),
  paid: pence,
  nextStep: z.object({ stage: pcnStageSchema, from: localDateSchema }).nullable(),
  letters: z.array(letterSchema).max(50),
  representations: z.array(challengeSchema).max(20),
});
/**
 * A PCN with its stage and the amount due now, as the back office derives them.
 *
 * @example
 * ```ts
 * const value: Pcn = pcnSchema.parse(input);
 * ```
 */
export type Pcn = z.infer<typeof pcnSchema>;

/**
 * zod schema for {@link TimelineEntry}.
 *
 * @example
 * ```ts
 * const checked = timelineEntrySchema.safeParse(input);
 * if (!checked.success) console.log(checked.error.issues);
 * ```
 */
export const timelineEntrySchema = z.object({
  on: localDateSchema,
  kind: z.enum(['letter', 'stage', 'challenge', 'payment']),
  title: z.string().max(200),
  stage: pcnStageSchema.optional(),
  letter: letterSchema.optional(),
  amount: pence.optional(),
});
/**
 * One entry on a PCN's timeline.
 *
 * @example
 * ```ts
 * const value: TimelineEntry = timelineEntrySchema.parse(input);
 * ```
 */
export type TimelineEntry = z.infer<typeof timelineEntrySchema>;
/**
 * zod schema for a PCN timeline.
 *
 * @example
 * ```ts
 * const checked = timelineSchema.safeParse(input);
 * if (!checked.success) console.log(checked.error.issues);
 * ```
 */
export const timelineSchema = z.object({ pcnNumber: z.string().max(12), entries: z.array(timelineEntrySchema).max(200) });
/**
 * A PCN's letters, stage changes, challenges and payments, oldest first.
 *
 * @example
 * ```ts
 * const value: Timeline = timelineSchema.parse(input);
 * ```
 */
export type Timeline = z.infer<typeof timelineSchema>;

/**
 * zod schema for {@link PaymentRequest}.
 *
 * @example
 * ```ts
 * const checked = paymentRequestSchema.safeParse(input);
 * if (!checked.success) console.log(checked.error.issues);
 * ```
 */
export const paymentRequestSchema = z.strictObject({
  vrm: vrmSchema,
  amount: z.int('Amounts are whole pence').min(1).max(10_000_000),
  paymentReference: z.string().min(1).max(64).regex(/^[A-Za-z0-9_-]+$/, 'Not a valid payment reference'),
});
/**
 * A payment taken by the council's payment provider, to record against a PCN.
 *
 * @example
 * ```ts
 * const request: PaymentRequest = input;
 * paymentRequestSchema.parse(request);
 * ```
 */
export type PaymentRequest = z.input<typeof paymentRequestSchema>;

/**
 * zod schema for {@link PaymentReceipt}.
 *
 * @example
 * ```ts
 * const checked = paymentReceiptSchema.safeParse(input);
 * if (!checked.success) console.log(checked.error.issues);
 * ```
 */
export const paymentReceiptSchema = z.object({
  receiptId: z.string().max(32),
  pcnNumber: z.string().max(12),
  amount: pence,
  paymentReference: z.string().max(64),
  receivedOn: localDateSchema,
  stage: pcnStageSchema,
  amountDue: pence,
});
/**
 * The recorded payment and where the PCN stands after it.
 *
 * @example
 * ```ts
 * const value: PaymentReceipt = paymentReceiptSchema.parse(input);
 * ```
 */
export type PaymentReceipt = z.infer<typeof paymentReceiptSchema>;

/**
 * zod schema for {@link Zone}.
 *
 * @example
 * ```ts
 * const checked = zoneSchema.safeParse(input);
 * if (!checked.success) console.log(checked.error.issues);
 * ```
 */
export const zoneSchema = z.object({
  code: z.string().regex(/^[A-Z0-9]{1,4}$/),
  name: z.string().max(100),
  residentPermitPrice: pence,
  visitorHourlyPrice: pence,
  maxPermitsPerProperty: z.int().min(1),
});
/**
 * A controlled parking zone.
 *
 * @example
 * ```ts
 * const value: Zone = zoneSchema.parse(input);
 * ```
 */
export type Zone = z.infer<typeof zoneSchema>;
/**
 * zod schema for the zone list.
 *
 * @example
 * ```ts
 * const checked = zoneListSchema.safeParse(input);
 * if (!checked.success) console.log(checked.error.issues);
 * ```
 */
export const zoneListSchema = z.object({ zones: z.array(zoneSchema).max(200) });

const zoneCodeSchema = z.string().trim().toUpperCase().regex(/^[A-Z0-9]{1,4}$/, 'Choose a zone');

/**
 * zod schema for {@link PermitApplication}.
 *
 * @example
 * ```ts
 * const checked = permitApplicationSchema.safeParse(input);
 * if (!checked.success) console.log(checked.error.issues);
 * ```
 */
export const permitApplicationSchema = z.strictObject({
  zone: zoneCodeSchema,
  vrm: vrmSchema,
  uprn: z.int().min(1).max(999_999_999_999),
  holderName: z.string().trim().min(1).max(200),
  startDate: localDateSchema,
});
/**
 * An application for a resident permit.
 *
 * @example
 * ```ts
 * const request: PermitApplication = input;
 * permitApplicationSchema.parse(request);
 * ```
 */
export type PermitApplication = z.input<typeof permitApplicationSchema>;

/**
 * zod schema for {@link PermitRenewal}.
 *
 * @example
 * ```ts
 * const checked = permitRenewalSchema.safeParse(input);
 * if (!checked.success) console.log(checked.error.issues);
 * ```
 */
export const permitRenewalSchema = z.strictObject({ vrm: vrmSchema.optional() });
/**
 * Renewing a permit, optionally for another vehicle.
 *
 * @example
 * ```ts
 * const request: PermitRenewal = input;
 * permitRenewalSchema.parse(request);
 * ```
 */
export type PermitRenewal = z.input<typeof permitRenewalSchema>;

/**
 * zod schema for {@link VehicleChange}.
 *
 * @example
 * ```ts
 * const checked = vehicleChangeSchema.safeParse(input);
 * if (!checked.success) console.log(checked.error.issues);
 * ```
 */
export const vehicleChangeSchema = z.strictObject({ vrm: vrmSchema, from: localDateSchema });
/**
 * Changing the vehicle on a permit from a date.
 *
 * @example
 * ```ts
 * const request: VehicleChange = input;
 * vehicleChangeSchema.parse(request);
 * ```
 */
export type VehicleChange = z.input<typeof vehicleChangeSchema>;

/**
 * zod schema for {@link Permit}.
 *
 * @example
 * ```ts
 * const checked = permitSchema.safeParse(input);
 * if (!checked.success) console.log(checked.error.issues);
 * ```
 */
export const permitSchema = z.object({
  permitId: z.string().max(32),
  zone: z.string().max(4),
  type: z.literal('resident'),
  vrm: z.string().max(8),
  uprn: z.int(),
  holderName: z.string().max(200),
  start: localDateSchema,
  end: localDateSchema,
  price: pence,
  status: z.enum(['pending', 'active', 'expired', 'cancelled']),
  requestStatus: requestStatusSchema,
});
/**
 * A resident permit.
 *
 * @example
 * ```ts
 * const value: Permit = permitSchema.parse(input);
 * ```
 */
export type Permit = z.infer<typeof permitSchema>;

/**
 * zod schema for {@link VisitorSessionRequest}.
 *
 * @example
 * ```ts
 * const checked = visitorSessionRequestSchema.safeParse(input);
 * if (!checked.success) console.log(checked.error.issues);
 * ```
 */
export const visitorSessionRequestSchema = z.strictObject({
  permitId: referenceSchema,
  vrm: vrmSchema,
  start: dateTimeSchema,
  durationMinutes: z.int().min(30).max(1440).multipleOf(30, 'Sessions are in steps of 30 minutes'),
});
/**
 * Starting a visitor session on a resident's permit.
 *
 * @example
 * ```ts
 * const request: VisitorSessionRequest = input;
 * visitorSessionRequestSchema.parse(request);
 * ```
 */
export type VisitorSessionRequest = z.input<typeof visitorSessionRequestSchema>;

/**
 * zod schema for {@link VisitorSession}.
 *
 * @example
 * ```ts
 * const checked = visitorSessionSchema.safeParse(input);
 * if (!checked.success) console.log(checked.error.issues);
 * ```
 */
export const visitorSessionSchema = z.object({
  sessionId: z.string().max(32),
  permitId: z.string().max(32),
  zone: z.string().max(4),
  vrm: z.string().max(8),
  start: dateTimeSchema,
  end: dateTimeSchema,
  price: pence,
});
/**
 * A visitor parking session.
 *
 * @example
 * ```ts
 * const value: VisitorSession = visitorSessionSchema.parse(input);
 * ```
 */
export type VisitorSession = z.infer<typeof visitorSessionSchema>;

/**
 * zod schema for {@link StatusUpdate}.
 *
 * @example
 * ```ts
 * const checked = statusUpdateSchema.safeParse(input);
 * if (!checked.success) console.log(checked.error.issues);
 * ```
 */
export const statusUpdateSchema = z.object({
  id: z.string().min(1).max(64),
  reference: z.string().max(32),
  status: requestStatusSchema,
  description: z.string().max(1000).optional(),
  updatedAt: dateTimeSchema,
});
/**
 * One status change to a challenge or permit application.
 *
 * @example
 * ```ts
 * const value: StatusUpdate = statusUpdateSchema.parse(input);
 * ```
 */
export type StatusUpdate = z.infer<typeof statusUpdateSchema>;
/**
 * zod schema for {@link UpdatePage}.
 *
 * @example
 * ```ts
 * const checked = updatePageSchema.safeParse(input);
 * if (!checked.success) console.log(checked.error.issues);
 * ```
 */
export const updatePageSchema = z.object({ updates: z.array(statusUpdateSchema).max(500), cursor: z.string().max(64) });
/**
 * A page of status updates and the cursor to pass next time.
 *
 * @example
 * ```ts
 * const value: UpdatePage = updatePageSchema.parse(input);
 * ```
 */
export type UpdatePage = z.infer<typeof updatePageSchema>;

/**
 * zod schema for {@link ParkingProblem}.
 *
 * @example
 * ```ts
 * const checked = problemSchema.safeParse(input);
 * if (!checked.success) console.log(checked.error.issues);
 * ```
 */
export const problemSchema = interfaceProblemSchema;
/**
 * An RFC 9457 problem from the parking back office.
 *
 * @example
 * ```ts
 * const value: ParkingProblem = problemSchema.parse(input);
 * ```
 */
export type ParkingProblem = z.infer<typeof problemSchema>;
