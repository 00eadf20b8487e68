import { backOfficeStatuses, interfaceProblemSchema } from '@councilkit/connect';
import { z } from 'zod';

// Response schemas use z.object (unknown members are dropped, so a back office
// adding fields does not break councils); request schemas are strict, so a
// caller's typo is refused rather than silently ignored.

const POSTCODE = /^[A-Z]{1,2}[0-9][A-Z0-9]? ?[0-9][A-Z]{2}$/i;

/**
 * zod schema for a UK postcode; normalises to upper case with one space.
 *
 * @example
 * ```ts
 * postcodeSchema.parse(' ab12cd '); // "AB1 2CD"
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

/**
 * zod schema for a UPRN: an integer 1..999 999 999 999.
 *
 * @example
 * ```ts
 * const checked = uprnSchema.safeParse(input);
 * if (!checked.success) console.log(checked.error.issues);
 * ```
 */
export const uprnSchema = z.int().min(1).max(999_999_999_999);
/**
 * zod schema for a `YYYY-MM-DD` date.
 *
 * @example
 * ```ts
 * const checked = localDateSchema.safeParse(input);
 * if (!checked.success) console.log(checked.error.issues);
 * ```
 */
export const localDateSchema = z.iso.date();
const dateTimeSchema = z.iso.datetime({ offset: true });
const referenceSchema = z.string().min(1).max(32).regex(/^[A-Z0-9][A-Z0-9-]{0,31}$/, 'Not a valid reference');
const pence = z.int().min(0).max(100_000_000);
const signedPence = z.int().min(-100_000_000).max(100_000_000);
const text = (max: number) => z.string().trim().min(1).max(max);

/**
 * zod schema for the opaque account id the lookup answers.
 *
 * @example
 * ```ts
 * const checked = accountIdSchema.safeParse(input);
 * if (!checked.success) console.log(checked.error.issues);
 * ```
 */
export const accountIdSchema = z.string().min(8).max(64).regex(/^[A-Za-z0-9-]+$/, 'Not a valid account id');
/**
 * zod schema for a council tax account reference as printed on bills.
 *
 * @example
 * ```ts
 * const checked = accountReferenceSchema.safeParse(input);
 * if (!checked.success) console.log(checked.error.issues);
 * ```
 */
export const accountReferenceSchema = z
  .string()
  .trim()
  .toUpperCase()
  .min(6, 'Enter the account reference from the bill')
  .max(12, 'Enter the account reference from the bill')
  .regex(/^[0-9A-Z]+$/, 'Enter the account reference from the bill');
/**
 * zod schema for a benefit or council tax reduction claim reference.
 *
 * @example
 * ```ts
 * const checked = claimReferenceSchema.safeParse(input);
 * if (!checked.success) console.log(checked.error.issues);
 * ```
 */
export const claimReferenceSchema = z.string().trim().toUpperCase().min(4).max(16).regex(/^[0-9A-Z-]+$/, 'Enter the claim reference');
const surnameSchema = z.string().trim().min(1, 'Enter a surname').max(100, 'Surname must be 100 characters or fewer');

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
 * zod schema for a postal address.
 *
 * @example
 * ```ts
 * const checked = addressSchema.safeParse(input);
 * if (!checked.success) console.log(checked.error.issues);
 * ```
 */
export const addressSchema = z.object({
  uprn: uprnSchema.optional(),
  lines: z.array(text(100)).min(1).max(6),
  postcode: postcodeSchema,
});
/**
 * A postal address, with a UPRN when known.
 *
 * @example
 * ```ts
 * const value: Address = addressSchema.parse(input);
 * ```
 */
export type Address = z.infer<typeof addressSchema>;

/**
 * zod schema for {@link AccountLookup}.
 *
 * @example
 * ```ts
 * const checked = accountLookupSchema.safeParse(input);
 * if (!checked.success) console.log(checked.error.issues);
 * ```
 */
export const accountLookupSchema = z.union(
  [
    z.strictObject({ reference: accountReferenceSchema, postcode: postcodeSchema }),
    z.strictObject({ reference: accountReferenceSchema, surname: surnameSchema }),
  ],
  { error: 'Give the account reference and exactly one of postcode or surname' },
);
/**
 * An account reference with exactly one second factor.
 *
 * @example
 * ```ts
 * const request: AccountLookup = input;
 * accountLookupSchema.parse(request);
 * ```
 */
export type AccountLookup = z.input<typeof accountLookupSchema>;

/**
 * zod schema for {@link ClaimLookup}.
 *
 * @example
 * ```ts
 * const checked = claimLookupSchema.safeParse(input);
 * if (!checked.success) console.log(checked.error.issues);
 * ```
 */
export const claimLookupSchema = z.union(
  [
    z.strictObject({ claimReference: claimReferenceSchema, postcode: postcodeSchema }),
    z.strictObject({ claimReference: claimReferenceSchema, surname: surnameSchema }),
  ],
  { error: 'Give the claim reference and exactly one of postcode or surname' },
);
/**
 * A claim reference with exactly one second factor.
 *
 * @example
 * ```ts
 * const request: ClaimLookup = input;
 * claimLookupSchema.parse(request);
 * ```
 */
export type ClaimLookup = z.input<typeof claimLookupSchema>;

/**
 * zod schema for {@link LiableParty}.
 *
 * @example
 * ```ts
 * const checked = liablePartySchema.safeParse(input);
 * if (!checked.success) console.log(checked.error.issues);
 * ```
 */
export const liablePartySchema = z.object({
  personRef: z.string().max(32),
  name: z.string().max(200),
  surname: z.string().max(100),
  liableFrom: localDateSchema,
  liableTo: localDateSchema.optional(),
  disregardedBecause: z.string().max(200).optional(),
});
/**
 * A person liable for council tax on the account.
 *
 * @example
 * ```ts
 * const value: LiableParty = liablePartySchema.parse(input);
 * ```
 */
export type LiableParty = z.infer<typeof liablePartySchema>;

/**
 * zod schema for {@link Discount}.
 *
 * @example
 * ```ts
 * const checked = discountSchema.safeParse(input);
 * if (!checked.success) console.log(checked.error.issues);
 * ```
 */
export const discountSchema = z.object({
  code: z.enum(['single-person', 'disregard', 'empty-property', 'council-tax-reduction', 'disabled-band-reduction', 'other']),
  description: z.string().max(200),
  percent: z.int().min(0).max(100),
  from: localDateSchema,
  to: localDateSchema.optional(),
  reviewDue: localDateSchema.optional(),
});
/**
 * A discount or reduction on the account.
 *
 * @example
 * ```ts
 * const value: Discount = discountSchema.parse(input);
 * ```
 */
export type Discount = z.infer<typeof discountSchema>;

/**
 * zod schema for {@link Exemption}.
 *
 * @example
 * ```ts
 * const checked = exemptionSchema.safeParse(input);
 * if (!checked.success) console.log(checked.error.issues);
 * ```
 */
export const exemptionSchema = z.object({
  class: z.string().regex(/^[A-W]$/),
  description: z.string().max(200),
  from: localDateSchema,
  to: localDateSchema.optional(),
});
/**
 * A council tax exemption (by class letter).
 *
 * @example
 * ```ts
 * const value: Exemption = exemptionSchema.parse(input);
 * ```
 */
export type Exemption = z.infer<typeof exemptionSchema>;

/**
 * zod schema for {@link Instalment}.
 *
 * @example
 * ```ts
 * const checked = instalmentSchema.safeParse(input);
 * if (!checked.success) console.log(checked.error.issues);
 * ```
 */
export const instalmentSchema = z.object({ due: localDateSchema, amount: pence, status: z.enum(['paid', 'due', 'overdue']) });
/**
 * One instalment of the year's plan.
 *
 * @example
 * ```ts
 * const value: Instalment = instalmentSchema.parse(input);
 * ```
 */
export type Instalment = z.infer<typeof instalmentSchema>;

/**
 * zod schema for {@link PaymentMethod}.
 *
 * @example
 * ```ts
 * const checked = paymentMethodSchema.safeParse(input);
 * if (!checked.success) console.log(checked.error.issues);
 * ```
 */
export const paymentMethodSchema = z.object({
  kind: z.enum(['direct-debit', 'card', 'cash', 'standing-order', 'bank-transfer']),
  paymentDay: z.int().min(1).max(28).optional(),
  accountEnding: z.string().regex(/^[0-9]{4}$/).optional(),
});
/**
 * How the account pays.
 *
 * @example
 * ```ts
 * const value: PaymentMethod = paymentMethodSchema.parse(input);
 * ```
 */
export type PaymentMethod = z.infer<typeof paymentMethodSchema>;

/**
 * zod schema for {@link Account}.
 *
 * @example
 * ```ts
 * const checked = accountSchema.safeParse(input);
 * if (!checked.success) console.log(checked.error.issues);
 * ```
 */
export const accountSchema = z.object({
  accountId: accountIdSchema,
  reference: z.string().min(6).max(12),
  checkDigit: z.string().max(2).optional(),
  uprn: uprnSchema,
  band: z.enum(['A', 'B', 'C', 'D', 'E', 'F', 'G', 'H', 'I']),
  propertyAddress: addressSchema,
  forwardingAddress: addressSchema.optional(),
  liableParties: z.array(liablePartySchema).max(20),
  financialYear: z.int().min(1993).max(2100),
  annualCharge: pence,
  balance: signedPence,
  instalments: z.array(instalmentSchema).max(24),
  paymentMethod: paymentMethodSchema,
  discounts: z.array(discountSchema).max(20),
  exemptions: z.array(exemptionSchema).max(20),
});
/**
 * A council tax account summary. Money is in pence; a negative balance is a credit.
 *
 * @example
 * ```ts
 * const value: Account = accountSchema.parse(input);
 * ```
 */
export type Account = z.infer<typeof accountSchema>;

/**
 * zod schema for {@link Statement}.
 *
 * @example
 * ```ts
 * const checked = statementSchema.safeParse(input);
 * if (!checked.success) console.log(checked.error.issues);
 * ```
 */
export const statementSchema = z.object({
  id: z.string().max(32),
  financialYear: z.int(),
  issuedOn: localDateSchema,
  annualCharge: pence,
  reductions: pence,
  netCharge: pence,
  instalments: z.array(instalmentSchema).max(24),
});
/**
 * A bill issued on the account.
 *
 * @example
 * ```ts
 * const value: Statement = statementSchema.parse(input);
 * ```
 */
export type Statement = z.infer<typeof statementSchema>;
/**
 * zod schema for the statements list.
 *
 * @example
 * ```ts
 * const checked = statementListSchema.safeParse(input);
 * if (!checked.success) console.log(checked.error.issues);
 * ```
 */
export const statementListSchema = z.object({ statements: z.array(statementSchema).max(100) });

/**
 * zod schema for {@link Payment}.
 *
 * @example
 * ```ts
 * const checked = paymentSchema.safeParse(input);
 * if (!checked.success) console.log(checked.error.issues);
 * ```
 */
export const paymentSchema = z.object({
  id: z.string().max(32),
  receivedOn: localDateSchema,
  amount: pence,
  method: z.enum(['direct-debit', 'card', 'cash', 'standing-order', 'bank-transfer', 'refund']),
  reference: z.string().max(64).optional(),
});
/**
 * A payment received on the account.
 *
 * @example
 * ```ts
 * const value: Payment = paymentSchema.parse(input);
 * ```
 */
export type Payment = z.infer<typeof paymentSchema>;
/**
 * zod schema for the payments list.
 *
 * @example
 * ```ts
 * const checked = paymentListSchema.safeParse(input);
 * if (!checked.success) console.log(checked.error.issues);
 * ```
 */
export const paymentListSchema = z.object({ payments: z.array(paymentSchema).max(200) });

/**
 * zod schema for {@link MoveRequest}; `within` needs `newAddress`, `out` needs `forwardingAddress`.
 *
 * @example
 * ```ts
 * const checked = moveRequestSchema.safeParse(input);
 * if (!checked.success) console.log(checked.error.issues);
 * ```
 */
export const moveRequestSchema = z
  .strictObject({
    kind: z.enum(['in', 'out', 'within']),
    moveDate: localDateSchema,
    newAddress: addressSchema.optional(),
    forwardingAddress: addressSchema.optional(),
    notes: z.string().max(1000).optional(),
  })
  .superRefine((value, context) => {
    if (value.kind === 'within' && value.newAddress === undefined) {
      context.addIssue({ code: 'custom', path: ['newAddress'], message: 'Enter the new address in the area' });
    }
    if (value.kind === 'out' && value.forwardingAddress === undefined) {
      context.addIssue({ code: 'custom', path: ['forwardingAddress'], message: 'Enter a forwarding address for the final bill' });
    }
  });
/**
 * Moving in, out of, or within the area.
 *
 * @example
 * ```ts
 * const request: MoveRequest = input;
 * moveRequestSchema.parse(request);
 * ```
 */
export type MoveRequest = z.input<typeof moveRequestSchema>;

/**
 * zod schema for {@link ApportionmentPart}.
 *
 * @example
 * ```ts
 * const checked = apportionmentPartSchema.safeParse(input);
 * if (!checked.success) console.log(checked.error.issues);
 * ```
 */
export const apportionmentPartSchema = z.object({
  financialYear: z.int(),
  from: localDateSchema,
  to: localDateSchema,
  days: z.int().min(0).max(366),
  daysInYear: z.union([z.literal(365), z.literal(366)]),
  amount: pence,
  uprn: uprnSchema.optional(),
});
/**
 * The charge for part of a year at one property. `to` is exclusive.
 *
 * @example
 * ```ts
 * const value: ApportionmentPart = apportionmentPartSchema.parse(input);
 * ```
 */
export type ApportionmentPart = z.infer<typeof apportionmentPartSchema>;

/**
 * zod schema for {@link MoveOutcome}.
 *
 * @example
 * ```ts
 * const checked = moveOutcomeSchema.safeParse(input);
 * if (!checked.success) console.log(checked.error.issues);
 * ```
 */
export const moveOutcomeSchema = z.object({
  reference: referenceSchema,
  status: requestStatusSchema,
  decision: z.enum(['applied', 'review']),
  reviewReason: z.string().max(500).optional(),
  charges: z.array(apportionmentPartSchema).max(10),
});
/**
 * What the back office did with a move.
 *
 * @example
 * ```ts
 * const value: MoveOutcome = moveOutcomeSchema.parse(input);
 * ```
 */
export type MoveOutcome = z.infer<typeof moveOutcomeSchema>;

/**
 * zod schema for {@link DiscountApplication}.
 *
 * @example
 * ```ts
 * const checked = discountApplicationSchema.safeParse(input);
 * if (!checked.success) console.log(checked.error.issues);
 * ```
 */
export const discountApplicationSchema = z.strictObject({
  livingAloneSince: localDateSchema,
  declaration: z.literal(true, 'The resident must confirm no other adult lives there'),
});
/**
 * A single person discount application.
 *
 * @example
 * ```ts
 * const request: DiscountApplication = input;
 * discountApplicationSchema.parse(request);
 * ```
 */
export type DiscountApplication = z.input<typeof discountApplicationSchema>;

/**
 * zod schema for {@link DiscountCancellation}.
 *
 * @example
 * ```ts
 * const checked = discountCancellationSchema.safeParse(input);
 * if (!checked.success) console.log(checked.error.issues);
 * ```
 */
export const discountCancellationSchema = z.strictObject({ endDate: localDateSchema, reason: text(500) });
/**
 * Ending a single person discount.
 *
 * @example
 * ```ts
 * const request: DiscountCancellation = input;
 * discountCancellationSchema.parse(request);
 * ```
 */
export type DiscountCancellation = z.input<typeof discountCancellationSchema>;

/**
 * zod schema for {@link DiscountReview}.
 *
 * @example
 * ```ts
 * const checked = discountReviewSchema.safeParse(input);
 * if (!checked.success) console.log(checked.error.issues);
 * ```
 */
export const discountReviewSchema = z
  .strictObject({ stillLivingAlone: z.boolean(), otherAdultSince: localDateSchema.optional() })
  .refine((value) => value.stillLivingAlone || value.otherAdultSince !== undefined, {
    path: ['otherAdultSince'],
    message: 'Enter the date another adult moved in',
  });
/**
 * An answer to the annual single person discount review.
 *
 * @example
 * ```ts
 * const request: DiscountReview = input;
 * discountReviewSchema.parse(request);
 * ```
 */
export type DiscountReview = z.input<typeof discountReviewSchema>;

/**
 * zod schema for {@link DiscountOutcome}.
 *
 * @example
 * ```ts
 * const checked = discountOutcomeSchema.safeParse(input);
 * if (!checked.success) console.log(checked.error.issues);
 * ```
 */
export const discountOutcomeSchema = z.object({
  reference: referenceSchema,
  status: requestStatusSchema,
  discount: discountSchema.optional(),
  message: z.string().max(500).optional(),
});
/**
 * What the back office did with a discount request.
 *
 * @example
 * ```ts
 * const value: DiscountOutcome = discountOutcomeSchema.parse(input);
 * ```
 */
export type DiscountOutcome = z.infer<typeof discountOutcomeSchema>;

/**
 * zod schema for {@link DirectDebitInstruction}: 6-digit sort code, 8-digit account number.
 *
 * @example
 * ```ts
 * const checked = directDebitInstructionSchema.safeParse(input);
 * if (!checked.success) console.log(checked.error.issues);
 * ```
 */
export const directDebitInstructionSchema = z.strictObject({
  sortCode: z.string().regex(/^[0-9]{6}$/, 'Enter a 6-digit sort code'),
  accountNumber: z.string().regex(/^[0-9]{8}$/, 'Enter an 8-digit account number'),
  accountHolder: z.string().trim().min(1).max(18).regex(/^[A-Za-z0-9 &'./-]+$/, 'Enter the name on the account'),
  paymentDay: z.int().min(1).max(28),
});
/**
 * A direct debit mandate, checked by `checkBankDetails` first.
 *
 * @example
 * ```ts
 * const request: DirectDebitInstruction = input;
 * directDebitInstructionSchema.parse(request);
 * ```
 */
export type DirectDebitInstruction = z.input<typeof directDebitInstructionSchema>;

/**
 * zod schema for {@link DirectDebitOutcome}.
 *
 * @example
 * ```ts
 * const checked = directDebitOutcomeSchema.safeParse(input);
 * if (!checked.success) console.log(checked.error.issues);
 * ```
 */
export const directDebitOutcomeSchema = z.object({
  reference: referenceSchema,
  status: requestStatusSchema,
  paymentMethod: paymentMethodSchema,
  firstCollection: localDateSchema,
});
/**
 * The accepted mandate and its first collection.
 *
 * @example
 * ```ts
 * const value: DirectDebitOutcome = directDebitOutcomeSchema.parse(input);
 * ```
 */
export type DirectDebitOutcome = z.infer<typeof directDebitOutcomeSchema>;

/**
 * zod schema for the payment days list.
 *
 * @example
 * ```ts
 * const checked = paymentDaysSchema.safeParse(input);
 * if (!checked.success) console.log(checked.error.issues);
 * ```
 */
export const paymentDaysSchema = z.object({ paymentDays: z.array(z.int().min(1).max(28)).min(1).max(28) });

/**
 * zod schema for {@link Award}.
 *
 * @example
 * ```ts
 * const checked = awardSchema.safeParse(input);
 * if (!checked.success) console.log(checked.error.issues);
 * ```
 */
export const awardSchema = z.object({
  kind: z.enum(['housing-benefit', 'council-tax-reduction']),
  amount: pence,
  frequency: z.enum(['weekly', 'fortnightly', 'four-weekly', 'monthly', 'annual']),
  from: localDateSchema,
  to: localDateSchema.optional(),
});
/**
 * A benefit or reduction award.
 *
 * @example
 * ```ts
 * const value: Award = awardSchema.parse(input);
 * ```
 */
export type Award = z.infer<typeof awardSchema>;

/**
 * zod schema for the opaque claim id the lookup answers.
 *
 * @example
 * ```ts
 * const checked = claimIdSchema.safeParse(input);
 * if (!checked.success) console.log(checked.error.issues);
 * ```
 */
export const claimIdSchema = z.string().min(6).max(64).regex(/^[A-Za-z0-9-]+$/, 'Not a valid claim id');

/**
 * zod schema for {@link BenefitEnquiry}.
 *
 * @example
 * ```ts
 * const checked = benefitEnquirySchema.safeParse(input);
 * if (!checked.success) console.log(checked.error.issues);
 * ```
 */
export const benefitEnquirySchema = z.strictObject({
  topic: z.enum(['evidence', 'payment', 'decision', 'change-of-circumstances', 'other']),
  question: text(2000),
  evidenceSent: z.array(text(200)).max(20).optional(),
});
/**
 * A question about a claim for the benefits team.
 *
 * @example
 * ```ts
 * const request: BenefitEnquiry = input;
 * benefitEnquirySchema.parse(request);
 * ```
 */
export type BenefitEnquiry = z.input<typeof benefitEnquirySchema>;

/**
 * zod schema for {@link EnquiryOutcome}.
 *
 * @example
 * ```ts
 * const checked = enquiryOutcomeSchema.safeParse(input);
 * if (!checked.success) console.log(checked.error.issues);
 * ```
 */
export const enquiryOutcomeSchema = z.object({ reference: referenceSchema, status: requestStatusSchema, respondBy: localDateSchema.optional() });
/**
 * The reference and target reply date of a benefit enquiry.
 *
 * @example
 * ```ts
 * const value: EnquiryOutcome = enquiryOutcomeSchema.parse(input);
 * ```
 */
export type EnquiryOutcome = z.infer<typeof enquiryOutcomeSchema>;

/**
 * zod schema for {@link Claim}.
 *
 * @example
 * ```ts
 * const checked = claimSchema.safeParse(input);
 * if (!checked.success) console.log(checked.error.issues);
 * ```
 */
export const claimSchema = z.object({
  claimId: z.string().max(64),
  claimReference: z.string().max(16),
  personRef: z.string().max(32),
  ninoMasked: z.string().max(9),
  kinds: z.array(z.enum(['housing-benefit', 'council-tax-reduction'])),
  status: z.enum(['received', 'assessing', 'awaiting-evidence', 'decided', 'suspended', 'closed']),
  receivedOn: localDateSchema,
  decidedOn: localDateSchema.optional(),
  awards: z.array(awardSchema).max(20),
  lastPayment: z.object({ paidOn: localDateSchema, amount: pence }).optional(),
  outstandingEvidence: z.array(z.object({ item: z.string().max(200), requestedOn: localDateSchema, dueBy: localDateSchema })).max(20),
});
/**
 * A housing benefit or council tax reduction claim with its awards and outstanding evidence.
 *
 * @example
 * ```ts
 * const value: Claim = claimSchema.parse(input);
 * ```
 */
export type Claim = z.infer<typeof claimSchema>;

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
  reference: referenceSchema,
  status: requestStatusSchema,
  description: z.string().max(1000).optional(),
  updatedAt: dateTimeSchema,
});
/**
 * One status change to a request.
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
 * zod schema for {@link RevenuesProblem}.
 *
 * @example
 * ```ts
 * const checked = problemSchema.safeParse(input);
 * if (!checked.success) console.log(checked.error.issues);
 * ```
 */
export const problemSchema = interfaceProblemSchema;
/**
 * An RFC 9457 problem from the revenues back office.
 *
 * @example
 * ```ts
 * const value: RevenuesProblem = problemSchema.parse(input);
 * ```
 */
export type RevenuesProblem = z.infer<typeof problemSchema>;
