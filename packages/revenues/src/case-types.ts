import { defineCaseType } from '@councilkit/cases';
import type { CaseType } from '@councilkit/cases';
import { z } from 'zod';
import { checkBankDetails } from './rules/bank-details.js';
import { londonDate } from './rules/dates.js';
import { assessMoveDate } from './rules/move-date.js';
import { checkSinglePersonDiscount } from './rules/single-person-discount.js';
import { accountIdSchema, addressSchema, claimIdSchema, localDateSchema } from './schemas.js';

// Guards are pure, so each case carries the facts its rule needs (captured
// from the back office when the agent looked the account up), and the rule
// re-runs against the engine clock at the moment of referral.

/**
 * The outbox destination (and external-reference system) of every revenues referral.
 *
 * @example
 * ```ts
 * const messages = await store.listOutbox({}); // destination === REVENUES_DESTINATION
 * ```
 */
export const REVENUES_DESTINATION = 'revenues';

/**
 * zod schema of a `revenues.moving-home` case's data.
 *
 * @example
 * ```ts
 * const checked = movingHomeCaseDataSchema.safeParse(input);
 * if (!checked.success) console.log(checked.error.issues);
 * ```
 */
export const movingHomeCaseDataSchema = z
  .object({
    accountId: accountIdSchema,
    accountReference: z.string().min(6).max(12),
    kind: z.enum(['in', 'out', 'within']),
    moveDate: localDateSchema,
    newAddress: addressSchema.optional(),
    forwardingAddress: addressSchema.optional(),
    notes: z.string().max(1000).optional(),
    /** Set at referral when the move date is outside the window and the back office will review it. */
    reviewExpected: z.boolean().optional(),
  })
  .superRefine((value, context) => {
    if (value.kind === 'within' && value.newAddress === undefined) context.addIssue({ code: 'custom', path: ['newAddress'], message: 'Enter the new address in the area' });
    if (value.kind === 'out' && value.forwardingAddress === undefined) context.addIssue({ code: 'custom', path: ['forwardingAddress'], message: 'Enter a forwarding address for the final bill' });
  });
/**
 * Data of a `revenues.moving-home` case.
 *
 * @example
 * ```ts
 * const value: MovingHomeCaseData = movingHomeCaseDataSchema.parse(input);
 * ```
 */
export type MovingHomeCaseData = z.infer<typeof movingHomeCaseDataSchema>;

/**
 * zod schema of a `revenues.single-person-discount` case's data.
 *
 * @example
 * ```ts
 * const checked = singlePersonDiscountCaseDataSchema.safeParse(input);
 * if (!checked.success) console.log(checked.error.issues);
 * ```
 */
export const singlePersonDiscountCaseDataSchema = z
  .object({
    accountId: accountIdSchema,
    action: z.enum(['apply', 'cancel', 'review']),
    /** The liable parties (and other adults) on the account when it was looked up. */
    residents: z.array(z.object({ name: z.string().min(1).max(200), adult: z.boolean(), disregardedBecause: z.string().max(200).optional() })).max(50),
    /** Whether the account already has a single person discount. */
    hasDiscount: z.boolean(),
    livingAloneSince: localDateSchema.optional(),
    endDate: localDateSchema.optional(),
    reason: z.string().trim().min(1).max(500).optional(),
    stillLivingAlone: z.boolean().optional(),
    otherAdultSince: localDateSchema.optional(),
  })
  .superRefine((value, context) => {
    const need = (field: keyof typeof value, message: string) => {
      if (value[field] === undefined) context.addIssue({ code: 'custom', path: [field], message });
    };
    if (value.action === 'apply') need('livingAloneSince', 'Enter the date the resident started living alone');
    if (value.action === 'cancel') {
      need('endDate', 'Enter the date the discount should end');
      need('reason', 'Say why the discount is ending');
    }
    if (value.action === 'review') {
      need('stillLivingAlone', 'Say whether the resident still lives alone');
      if (value.stillLivingAlone === false) need('otherAdultSince', 'Enter the date another adult moved in');
    }
  });
/**
 * Data of a `revenues.single-person-discount` case.
 *
 * @example
 * ```ts
 * const value: SinglePersonDiscountCaseData = singlePersonDiscountCaseDataSchema.parse(input);
 * ```
 */
export type SinglePersonDiscountCaseData = z.infer<typeof singlePersonDiscountCaseDataSchema>;

/**
 * zod schema of a `revenues.direct-debit-change` case's data. The bank
 * details stay in the case and its outbox message until delivered; set the
 * store's retention accordingly.
  *
  * @example
  * ```ts
  * const checked = directDebitChangeCaseDataSchema.safeParse(input);
  * if (!checked.success) console.log(checked.error.issues);
  * ```
 */
export const directDebitChangeCaseDataSchema = z.object({
  accountId: accountIdSchema,
  sortCode: z.string().max(20),
  accountNumber: z.string().max(20),
  accountHolder: z.string().max(100),
  paymentDay: z.int(),
  /** The payment days the council offers. Default `[1, 15, 28]`. */
  paymentDays: z.array(z.int().min(1).max(28)).min(1).max(28).default([1, 15, 28]),
});
/**
 * Data of a `revenues.direct-debit-change` case.
 *
 * @example
 * ```ts
 * const value: DirectDebitChangeCaseData = directDebitChangeCaseDataSchema.parse(input);
 * ```
 */
export type DirectDebitChangeCaseData = z.infer<typeof directDebitChangeCaseDataSchema>;

/**
 * zod schema of a `revenues.benefit-enquiry` case's data.
 *
 * @example
 * ```ts
 * const checked = benefitEnquiryCaseDataSchema.safeParse(input);
 * if (!checked.success) console.log(checked.error.issues);
 * ```
 */
export const benefitEnquiryCaseDataSchema = z.object({
  claimId: claimIdSchema,
  claimReference: z.string().max(16),
  topic: z.enum(['evidence', 'payment', 'decision', 'change-of-circumstances', 'other']),
  question: z.string().trim().min(1).max(2000),
  evidenceSent: z.array(z.string().trim().min(1).max(200)).max(20).optional(),
  /** Evidence the claim was waiting for when the agent looked it up. */
  outstandingEvidence: z.array(z.string().max(200)).max(20),
});
/**
 * Data of a `revenues.benefit-enquiry` case.
 *
 * @example
 * ```ts
 * const value: BenefitEnquiryCaseData = benefitEnquiryCaseDataSchema.parse(input);
 * ```
 */
export type BenefitEnquiryCaseData = z.infer<typeof benefitEnquiryCaseDataSchema>;

/**
 * Options for {@link createRevenuesCaseTypes}.
 *
 * @example
 * ```ts
 * const revenues = createRevenuesCaseTypes({ allowedPastDays: 30, team: 'council-tax' });
 * ```
 */
export interface RevenuesCaseTypesOptions {
  /** A move further in the past than this goes to back-office review. Default: `60`. */
  allowedPastDays?: number;
  /** A move further ahead than this is refused. Default: `90`. */
  allowedFutureDays?: number;
  /** Team that works referred revenues cases. Default: `'revenues'`. */
  team?: string;
  /** Team that works benefit enquiries. Default: `'benefits'`. */
  benefitsTeam?: string;
  /** Team that takes contacts first. Default: `'contact-centre'`. */
  frontOfficeTeam?: string;
}

/**
 * The four revenues case types, and all of them as a list for `createCaseEngine({ caseTypes })`.
 *
 * @example
 * ```ts
 * const { movingHome, all } = createRevenuesCaseTypes();
 * movingHome.transitionsFrom('received'); // ['refer', 'resolve-on-call', 'withdrawn']
 * ```
 */
export interface RevenuesCaseTypes {
  /** `revenues.moving-home`: guard `moveDateAcceptable`, referral `reportMove`. */
  movingHome: CaseType<MovingHomeCaseData>;
  /** `revenues.single-person-discount`: transitions `apply`, `cancel`, `review`, each referred. */
  singlePersonDiscount: CaseType<SinglePersonDiscountCaseData>;
  /** `revenues.direct-debit-change`: guard `bankDetailsValid`, referral `setDirectDebit`. */
  directDebitChange: CaseType<DirectDebitChangeCaseData>;
  /** `revenues.benefit-enquiry`: guard `needsBenefitsTeam`, referral `raiseBenefitEnquiry`. */
  benefitEnquiry: CaseType<BenefitEnquiryCaseData>;
  /** All four. */
  all: readonly CaseType[];
}

const standardStates = (front: string, team: string, queue: string) => ({
  received: { title: 'Received', owner: { team: front, queue: 'revenues' } },
  referred: { title: 'With the revenues service', owner: { team, queue } },
  resolved: { title: 'Resolved', resolved: true },
  closed: { title: 'Closed', terminal: true },
});

const followUp = {
  'resolve-on-call': { from: 'received', to: 'resolved', title: 'Resolved on the call', resolvesAtFirstContact: true },
  complete: { from: 'referred', to: 'resolved', title: 'Done by the revenues service' },
  decline: { from: 'referred', to: 'resolved', title: 'Not taken further by the revenues service' },
  withdrawn: { from: ['received', 'referred'], to: 'closed', title: 'Withdrawn' },
  close: { from: 'resolved', to: 'closed' },
} as const;

/**
 * Create the revenues case types with `defineCaseType` from
 * `@councilkit/cases`: moving home, single person discount, direct debit
 * change and benefit enquiry. Each referral is an outbox effect (`kind:
 * 'refer'`, destination `revenues`, operation named after the client method)
 * whose payload is that operation's request (with `accountId` or `claimId`
 * for the path); each rule is a guard, so an ineligible request is refused
 * with a sentence the agent can read out before anything is sent.
 *
 * @example
 * ```ts
 * import { createCaseEngine, createMemoryStore } from '@councilkit/cases';
 * import { createRevenuesCaseTypes } from '@councilkit/revenues';
 *
 * const revenues = createRevenuesCaseTypes({ allowedPastDays: 30 });
 * const engine = createCaseEngine({ store: createMemoryStore(), caseTypes: revenues.all });
 * const { caseId } = await engine.open({
 *   actor, idempotencyKey: 'call-7-open', caseType: 'revenues.moving-home', channel: 'phone',
 *   data: { accountId: account.accountId, accountReference: account.reference, kind: 'in', moveDate: '2026-11-20' },
 * });
 * await engine.transition({ actor, idempotencyKey: 'call-7-refer', caseId, transition: 'refer' });
 * ```
 */
export function createRevenuesCaseTypes(options: RevenuesCaseTypesOptions = {}): RevenuesCaseTypes {
  const team = options.team ?? 'revenues';
  const benefitsTeam = options.benefitsTeam ?? 'benefits';
  const front = options.frontOfficeTeam ?? 'contact-centre';
  const windows = {
    ...(options.allowedPastDays === undefined ? {} : { allowedPastDays: options.allowedPastDays }),
    ...(options.allowedFutureDays === undefined ? {} : { allowedFutureDays: options.allowedFutureDays }),
  };

  const movingHome = defineCaseType({
    name: 'revenues.moving-home',
    version: 1,
    title: 'Council tax: moving home',
    schema: movingHomeCaseDataSchema,
    initial: 'received',
    states: standardStates(front, team, 'moves'),
    transitions: {
      refer: { from: 'received', to: 'referred', title: 'Send the move to council tax', guards: ['moveDateAcceptable'], effects: ['noteReview', 'referToBackOffice'] },
      ...followUp,
    },
    guards: {
      moveDateAcceptable: (ctx) => {
        const decision = assessMoveDate({ moveDate: ctx.data.moveDate, today: londonDate(ctx.now), ...windows });
        return decision.decision === 'refuse' ? decision.message : true;
      },
    },
    effects: {
      noteReview: {
        kind: 'update-data',
        update: (ctx) => ({ reviewExpected: assessMoveDate({ moveDate: ctx.data.moveDate, today: londonDate(ctx.now), ...windows }).decision === 'review' }),
      },
      referToBackOffice: {
        kind: 'refer',
        destination: REVENUES_DESTINATION,
        operation: 'reportMove',
        payload: (ctx) => ({
          accountId: ctx.data.accountId,
          kind: ctx.data.kind,
          moveDate: ctx.data.moveDate,
          ...(ctx.data.newAddress ? { newAddress: ctx.data.newAddress } : {}),
          ...(ctx.data.forwardingAddress ? { forwardingAddress: ctx.data.forwardingAddress } : {}),
          ...(ctx.data.notes ? { notes: ctx.data.notes } : {}),
        }),
      },
    },
    sla: { warning: { workingDays: 5 }, breach: { workingDays: 10 } },
  });

  const actionIs = (action: SinglePersonDiscountCaseData['action'], words: string) => (ctx: { data: SinglePersonDiscountCaseData }) =>
    ctx.data.action === action || `This case is to ${ctx.data.action} the discount, not to ${words} it.`;
  const singlePersonDiscount = defineCaseType({
    name: 'revenues.single-person-discount',
    version: 1,
    title: 'Council tax: single person discount',
    schema: singlePersonDiscountCaseDataSchema,
    initial: 'received',
    states: standardStates(front, team, 'discounts'),
    transitions: {
      apply: { from: 'received', to: 'referred', title: 'Apply for the discount', guards: ['isApplication', 'eligible'], effects: ['applyAtBackOffice'] },
      cancel: { from: 'received', to: 'referred', title: 'End the discount', guards: ['isCancellation', 'hasDiscount'], effects: ['cancelAtBackOffice'] },
      review: { from: 'received', to: 'referred', title: 'Answer the annual review', guards: ['isReview', 'hasDiscount'], effects: ['reviewAtBackOffice'] },
      ...followUp,
    },
    guards: {
      isApplication: actionIs('apply', 'apply for'),
      isCancellation: actionIs('cancel', 'end'),
      isReview: actionIs('review', 'review'),
      eligible: (ctx) => {
        const decision = checkSinglePersonDiscount({ residents: ctx.data.residents, alreadyApplied: ctx.data.hasDiscount });
        return decision.eligible || decision.message;
      },
      hasDiscount: (ctx) => ctx.data.hasDiscount || 'This account has no single person discount.',
    },
    effects: {
      applyAtBackOffice: {
        kind: 'refer',
        destination: REVENUES_DESTINATION,
        operation: 'applySinglePersonDiscount',
        payload: (ctx) => ({ accountId: ctx.data.accountId, livingAloneSince: ctx.data.livingAloneSince ?? '', declaration: true }),
      },
      cancelAtBackOffice: {
        kind: 'refer',
        destination: REVENUES_DESTINATION,
        operation: 'cancelSinglePersonDiscount',
        payload: (ctx) => ({ accountId: ctx.data.accountId, endDate: ctx.data.endDate ?? '', reason: ctx.data.reason ?? '' }),
      },
      reviewAtBackOffice: {
        kind: 'refer',
        destination: REVENUES_DESTINATION,
        operation: 'reviewSinglePersonDiscount',
        payload: (ctx) => ({
          accountId: ctx.data.accountId,
          stillLivingAlone: ctx.data.stillLivingAlone ?? true,
          ...(ctx.data.otherAdultSince ? { otherAdultSince: ctx.data.otherAdultSince } : {}),
        }),
      },
    },
    sla: { warning: { workingDays: 5 }, breach: { workingDays: 10 } },
  });

  const bankDetailsOf = (data: DirectDebitChangeCaseData) => checkBankDetails({ ...data, paymentDays: data.paymentDays });
  const directDebitChange = defineCaseType({
    name: 'revenues.direct-debit-change',
    version: 1,
    title: 'Council tax: set up or change a direct debit',
    schema: directDebitChangeCaseDataSchema,
    initial: 'received',
    states: standardStates(front, team, 'direct-debits'),
    transitions: {
      refer: { from: 'received', to: 'referred', title: 'Send the mandate', guards: ['bankDetailsValid'], effects: ['referToBackOffice'] },
      ...followUp,
    },
    guards: {
      bankDetailsValid: (ctx) => {
        const checked = bankDetailsOf(ctx.data);
        return checked.ok || checked.problems.map((problem) => problem.message).join('. ');
      },
    },
    effects: {
      referToBackOffice: {
        kind: 'refer',
        destination: REVENUES_DESTINATION,
        operation: 'setDirectDebit',
        payload: (ctx) => {
          const checked = bankDetailsOf(ctx.data);
          // The guard has already refused anything else; this keeps the payload exactly the checked, normalised details.
          if (!checked.ok) return { accountId: ctx.data.accountId };
          return { accountId: ctx.data.accountId, ...checked.value };
        },
      },
    },
    sla: { warning: { workingDays: 3 }, breach: { workingDays: 5 } },
  });

  const benefitEnquiry = defineCaseType({
    name: 'revenues.benefit-enquiry',
    version: 1,
    title: 'Benefits: claim enquiry',
    schema: benefitEnquiryCaseDataSchema,
    initial: 'received',
    states: {
      received: { title: 'Received', owner: { team: front, queue: 'benefits' } },
      referred: { title: 'With the benefits team', owner: { team: benefitsTeam, queue: 'enquiries' } },
      resolved: { title: 'Answered', resolved: true },
      closed: { title: 'Closed', terminal: true },
    },
    transitions: {
      refer: { from: 'received', to: 'referred', title: 'Refer to the benefits team', guards: ['needsBenefitsTeam'], effects: ['referToBackOffice'] },
      ...followUp,
      complete: { from: 'referred', to: 'resolved', title: 'Answered by the benefits team' },
      decline: { from: 'referred', to: 'resolved', title: 'Not taken further by the benefits team' },
    },
    guards: {
      // An evidence question with nothing outstanding is answered on the call: it is the commonest avoidable referral.
      needsBenefitsTeam: (ctx) =>
        ctx.data.topic !== 'evidence' ||
        ctx.data.outstandingEvidence.length > 0 ||
        'Nothing is outstanding on this claim, so no evidence is needed. Tell the resident on the call and resolve the case.',
    },
    effects: {
      referToBackOffice: {
        kind: 'refer',
        destination: REVENUES_DESTINATION,
        operation: 'raiseBenefitEnquiry',
        payload: (ctx) => ({
          claimId: ctx.data.claimId,
          topic: ctx.data.topic,
          question: ctx.data.question,
          ...(ctx.data.evidenceSent ? { evidenceSent: ctx.data.evidenceSent } : {}),
        }),
      },
    },
    sla: { warning: { workingDays: 3 }, breach: { workingDays: 5 } },
  });

  return {
    movingHome,
    singlePersonDiscount,
    directDebitChange,
    benefitEnquiry,
    all: [movingHome, singlePersonDiscount, directDebitChange, benefitEnquiry] as unknown as readonly CaseType[],
  };
}

const standardMap = {
  open: null,
  investigating: null,
  for_triage: null,
  internal_referral: null,
  action_scheduled: null,
  in_progress: null,
  reopen: null,
  fixed: 'complete',
  closed: 'complete',
  duplicate: 'decline',
  not_councils_responsibility: 'decline',
  no_further_action: 'decline',
  cancelled: 'withdrawn',
} as const;

/**
 * How revenues status updates move revenues cases: a status mapped to a
 * transition moves the case; `null` notes it on the case. Hand it to
 * connect's `createStatusSync`.
 *
 * @example
 * ```ts
 * import { createStatusSync } from '@councilkit/connect';
 * import { defineRevenuesBackOffice, revenuesStatusMap } from '@councilkit/revenues';
 *
 * const sync = createStatusSync({ store, engine, backOffices: [defineRevenuesBackOffice({ baseUrl })], statusMap: { ...revenuesStatusMap } });
 * ```
 */
export const revenuesStatusMap: Readonly<Record<string, Readonly<Partial<Record<string, string | null>>>>> = {
  'revenues.moving-home': standardMap,
  'revenues.single-person-discount': standardMap,
  'revenues.direct-debit-change': { ...standardMap, action_scheduled: 'complete' },
  'revenues.benefit-enquiry': standardMap,
};
