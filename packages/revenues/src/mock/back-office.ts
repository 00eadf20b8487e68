import { createWorkingDayCalendar } from '@councilkit/cases';
import type { Nation } from '@councilkit/cases';
import { createMockBackOffice, createWebhookPusher, json, validationProblem as validationProblemOf } from '@councilkit/connect/mock';
import type { MockFaultControls, MockHandler, MockRoute, MockWebhookTarget } from '@councilkit/connect/mock';
import { z } from 'zod';
import { RevenuesError } from '../errors.js';
import { apportionCharge, financialYearOf } from '../rules/apportionment.js';
import { checkBankDetails } from '../rules/bank-details.js';
import { addDays, londonDate } from '../rules/dates.js';
import { assessMoveDate } from '../rules/move-date.js';
import { createSecondFactorGuard } from '../rules/second-factor.js';
import type { SecondFactorAuditEvent } from '../rules/second-factor.js';
import { checkSinglePersonDiscount } from '../rules/single-person-discount.js';
import {
  accountIdSchema,
  accountLookupSchema,
  benefitEnquirySchema,
  claimIdSchema,
  claimLookupSchema,
  directDebitInstructionSchema,
  discountApplicationSchema,
  discountCancellationSchema,
  discountReviewSchema,
  moveRequestSchema,
} from '../schemas.js';
import type { Account, ApportionmentPart, Claim, Instalment, Payment, RequestStatus, StatusUpdate } from '../schemas.js';
import { seedAccounts, seedClaims } from './fixtures.js';
import { buildSeededAccounts } from './seeds.js';
import type { MockAccountSeed } from './seeds.js';
import { problem } from './problem.js';

/**
 * Options for {@link createMockRevenuesBackOffice}. Every option has a default.
 *
 * @example
 * ```ts
 * const backOffice = createMockRevenuesBackOffice({ now: () => new Date('2026-11-24T10:00:00Z'), allowedPastDays: 30 });
 * ```
 */
export interface MockRevenuesOptions {
  /** Where the mock answers. Default: `https://revenues.mock.councilkit.test/v1`. */
  baseUrl?: string;
  /** The clock. Default: `() => new Date()`. */
  now?: () => Date;
  /** The band D annual charge in pence; other bands follow the statutory ratios. Default: `228000` (£2,280.00). */
  bandDCharge?: number;
  /** Days of the month direct debits are collected on. Default: `[1, 15, 28]`. */
  paymentDays?: number[];
  /** A move further in the past than this many days goes to review. Default: `60`. */
  allowedPastDays?: number;
  /** A move further ahead than this many days is refused. Default: `90`. */
  allowedFutureDays?: number;
  /** Second-factor rate limit. Default: 5 failures in 15 minutes lock for 15 minutes. */
  secondFactor?: { maxFailures?: number; windowMs?: number; lockoutMs?: number };
  /** Working days for direct debit notice. Default: `'england-and-wales'`. */
  nation?: Nation;
  /** Randomness for fault probabilities. Default: `Math.random`. */
  random?: () => number;
  /** Also push every status update, HMAC-signed, to a CRM's webhook. Default: polling only. */
  webhook?: MockWebhookTarget;
  /**
   * Extra accounts to hold beside the fixtures, such as a demo borough's.
   * Each is checked here: a bad one throws a `RevenuesError` (reason
   * `invalid-options`) naming the record. Default: none.
   */
  accounts?: readonly MockAccountSeed[];
}

/**
 * A stateful mock revenues back office implementing the councilkit revenues contract.
 *
 * @example
 * ```ts
 * const backOffice: MockRevenuesBackOffice = createMockRevenuesBackOffice();
 * backOffice.advance('MV-000001', 'closed', 'Final bill sent');
 * ```
 */
export interface MockRevenuesBackOffice {
  /** The base URL it answers on. */
  readonly baseUrl: string;
  /** Answer one request, with the same signature as `fetch`: pass it wherever a fetch is expected. */
  fetch(input: RequestInfo | URL, init?: RequestInit): Promise<Response>;
  /** The same as {@link MockRevenuesBackOffice.fetch}, as a standalone function. */
  toFetchHandler(): (request: Request) => Promise<Response>;
  /** Inject errors, timeouts, slow answers and malformed bodies. */
  readonly faults: MockFaultControls;
  /** Wait until every status update has been pushed to the webhook (retrying any that failed). */
  flushWebhooks(): Promise<void>;
  /** Move a request on (as the back office's staff would), adding an entry to `/updates`. */
  advance(reference: string, status: RequestStatus, description?: string): void;
  /** The current state of an account, as `getAccount` would answer. */
  account(accountId: string): Account | undefined;
  /** Second-factor audit events: passes, failures, locks (never the attempted values). */
  auditTrail(): SecondFactorAuditEvent[];
}

const ROUTES: MockRoute[] = [
  { method: 'POST', pattern: '/accounts/lookup', operation: 'findAccount', write: false },
  { method: 'GET', pattern: '/accounts/{accountId}', operation: 'getAccount' },
  { method: 'GET', pattern: '/accounts/{accountId}/statements', operation: 'listStatements' },
  { method: 'GET', pattern: '/accounts/{accountId}/payments', operation: 'listPayments' },
  { method: 'POST', pattern: '/accounts/{accountId}/moves', operation: 'reportMove' },
  { method: 'POST', pattern: '/accounts/{accountId}/single-person-discount', operation: 'applySinglePersonDiscount' },
  { method: 'POST', pattern: '/accounts/{accountId}/single-person-discount/cancellation', operation: 'cancelSinglePersonDiscount' },
  { method: 'POST', pattern: '/accounts/{accountId}/single-person-discount/review', operation: 'reviewSinglePersonDiscount' },
  { method: 'PUT', pattern: '/accounts/{accountId}/direct-debit', operation: 'setDirectDebit' },
  { method: 'GET', pattern: '/direct-debit/payment-days', operation: 'listPaymentDays' },
  { method: 'POST', pattern: '/claims/lookup', operation: 'findClaim', write: false },
  { method: 'POST', pattern: '/claims/{claimId}/enquiries', operation: 'raiseBenefitEnquiry' },
  { method: 'GET', pattern: '/updates', operation: 'listUpdates' },
];

const PAGE_SIZE = 100;
/** The benefits team's target for answering an enquiry. */
const ENQUIRY_RESPONSE_WORKING_DAYS = 5;
/** Bacs needs advance notice before the first collection. */
const DIRECT_DEBIT_NOTICE_WORKING_DAYS = 10;

const optionsSchema = z.object({
  baseUrl: z.url().default('https://revenues.mock.councilkit.test/v1'),
  bandDCharge: z.int().min(0).max(10_000_000).default(228_000),
  paymentDays: z.array(z.int().min(1).max(28)).min(1).max(28).default([1, 15, 28]),
  allowedPastDays: z.int().min(0).max(3650).default(60),
  allowedFutureDays: z.int().min(0).max(3650).default(90),
  nation: z.enum(['england-and-wales', 'scotland', 'northern-ireland']).default('england-and-wales'),
});

/**
 * Create a stateful mock revenues back office: seeded accounts and a claim
 * (see {@link MOCK_REVENUES_FIXTURES}) plus any `accounts` you seed, the rules of the contract (second
 * factor with lockout, daily apportionment, move window, single person
 * discount, direct debit checks), `Idempotency-Key` honoured, `/updates`
 * paged by cursor, and fault injection.
 *
 * @example
 * ```ts
 * import { createRevenuesClient } from '@councilkit/revenues';
 * import { createMockRevenuesBackOffice, MOCK_REVENUES_FIXTURES } from '@councilkit/revenues/mock';
 *
 * const backOffice = createMockRevenuesBackOffice();
 * const client = createRevenuesClient({ baseUrl: backOffice.baseUrl, fetch: backOffice.toFetchHandler() });
 * const { reference, postcode } = MOCK_REVENUES_FIXTURES.singleAdult;
 * const account = await client.findAccount({ reference, postcode });
 * backOffice.faults.inject({ operation: 'getAccount', kind: 'error', status: 503, times: 1 });
 * ```
 */
export function createMockRevenuesBackOffice(options: MockRevenuesOptions = {}): MockRevenuesBackOffice {
  const parsed = optionsSchema.safeParse(options);
  if (!parsed.success) throw new RevenuesError('invalid-options', `Invalid mock options: ${parsed.error.issues.map((i) => i.message).join('; ')}`);
  const config = parsed.data;
  const now = options.now ?? (() => new Date());
  const calendar = createWorkingDayCalendar({ nation: config.nation });
  const guard = createSecondFactorGuard({ ...options.secondFactor, now });
  const today = () => londonDate(now());
  const financialYear = financialYearOf(today());

  const accounts = new Map(seedAccounts(financialYear, config.bandDCharge).map((account) => [account.accountId, account]));
  const taken = { ids: new Set(accounts.keys()), references: new Set([...accounts.values()].map((account) => account.reference)) };
  // Instalments missed by seeded accounts: the most recent ones that fell due stay unpaid.
  const missed = new Map<string, number>();
  for (const seeded of buildSeededAccounts(options.accounts ?? [], taken, financialYear, config.bandDCharge)) {
    accounts.set(seeded.account.accountId, seeded.account);
    if (seeded.missedInstalments > 0) missed.set(seeded.account.accountId, seeded.missedInstalments);
  }
  // References never change, so a borough of thousands is looked up without a scan.
  const idByReference = new Map([...accounts.values()].map((account) => [account.reference, account.accountId]));
  const claims = seedClaims(financialYear);
  const requests = new Map<string, RequestStatus>();
  const updates: StatusUpdate[] = [];
  const counters: Record<string, number> = {};

  const nextReference = (prefix: string) => {
    counters[prefix] = (counters[prefix] ?? 0) + 1;
    return `${prefix}-${String(counters[prefix]).padStart(6, '0')}`;
  };
  const webhook = createWebhookPusher(options.webhook, 'revenues');
  const record = (reference: string, status: RequestStatus, description: string) => {
    requests.set(reference, status);
    const entry: StatusUpdate = { id: `u-${updates.length + 1}`, reference, status, description, updatedAt: now().toISOString() };
    updates.push(entry);
    webhook.push(entry);
  };

  // Instalments, balance, statements and payments follow from the charge and discounts, so they never drift apart.
  function netCharge(account: Account): number {
    const relief = account.discounts
      .filter((discount) => discount.from <= today() && (discount.to === undefined || discount.to >= today()))
      .reduce((sum, discount) => sum + discount.percent, 0);
    return Math.max(0, account.annualCharge - Math.round((account.annualCharge * Math.min(100, relief)) / 100));
  }
  function instalmentsOf(account: Account): Instalment[] {
    const net = netCharge(account);
    const day = account.paymentMethod.paymentDay ?? 1;
    const each = Math.floor(net / 10);
    const plan = Array.from({ length: 10 }, (_unused, index) => {
      const month = ((3 + index) % 12) + 1;
      const year = month >= 4 ? account.financialYear : account.financialYear + 1;
      const due = `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
      const amount = index === 0 ? net - each * 9 : each;
      return { due, amount, status: due < today() ? ('paid' as const) : ('due' as const) };
    });
    const fallenDue = plan.filter((instalment) => instalment.status === 'paid').length;
    const unpaidFrom = fallenDue - Math.min(fallenDue, missed.get(account.accountId) ?? 0);
    return plan.map((instalment, index) => (index >= unpaidFrom && index < fallenDue ? { ...instalment, status: 'overdue' as const } : instalment));
  }
  function view(account: Account): Account {
    const instalments = instalmentsOf(account);
    const paid = instalments.filter((instalment) => instalment.status === 'paid').reduce((sum, instalment) => sum + instalment.amount, 0);
    return structuredClone({ ...account, instalments, balance: netCharge(account) - paid });
  }
  function paymentsOf(account: Account): Payment[] {
    const method: Payment['method'] = account.paymentMethod.kind === 'direct-debit' ? 'direct-debit' : 'card';
    return instalmentsOf(account)
      .filter((instalment) => instalment.status === 'paid')
      .reverse()
      .map((instalment, index) => ({ id: `pay-${account.reference}-${index + 1}`, receivedOn: instalment.due, amount: instalment.amount, method, reference: `CT${account.reference}` }));
  }

  function secondFactorRecord(account: Account | undefined) {
    return account
      ? { postcode: account.propertyAddress.postcode, surnames: account.liableParties.filter((party) => party.liableTo === undefined).map((party) => party.surname) }
      : { postcode: '', surnames: [] };
  }
  function lockedProblem(retryAt: string): Response {
    const seconds = Math.max(1, Math.ceil((Date.parse(retryAt) - now().getTime()) / 1000));
    return problem('account-locked', 429, `Too many attempts for this reference. Try again after ${retryAt}.`, { headers: { 'retry-after': String(seconds) } });
  }
  const notFound = (what = 'account') => problem('not-found', 404, `No ${what} matches those details.`);

  const validationProblem = (issues: Parameters<typeof validationProblemOf>[1]) => validationProblemOf(problem, issues);

  function withAccount(params: Record<string, string>, work: (account: Account) => Response): Response {
    const id = accountIdSchema.safeParse(params.accountId);
    const account = id.success ? accounts.get(id.data) : undefined;
    return account ? work(account) : notFound();
  }

  const handlers: Record<string, MockHandler> = {
    findAccount(_params, body) {
      const input = accountLookupSchema.safeParse(body);
      if (!input.success) return validationProblem(input.error.issues);
      const id = idByReference.get(input.data.reference);
      const account = id === undefined ? undefined : accounts.get(id);
      const given = 'postcode' in input.data ? { postcode: input.data.postcode } : { surname: input.data.surname };
      const result = guard.verify({ accountReference: input.data.reference, given, record: secondFactorRecord(account) });
      if (result.outcome === 'locked') return lockedProblem(result.retryAt);
      if (result.outcome === 'failed' || !account) return notFound();
      return json(200, view(account));
    },
    getAccount: (params) => withAccount(params, (account) => json(200, view(account))),
    listStatements: (params) =>
      withAccount(params, (account) => {
        const net = netCharge(account);
        return json(200, {
          statements: [
            {
              id: `st-${account.reference}-${account.financialYear}`,
              financialYear: account.financialYear,
              issuedOn: `${account.financialYear}-03-10`,
              annualCharge: account.annualCharge,
              reductions: account.annualCharge - net,
              netCharge: net,
              instalments: instalmentsOf(account),
            },
          ],
        });
      }),
    listPayments: (params) => withAccount(params, (account) => json(200, { payments: paymentsOf(account) })),
    reportMove: (params, body) =>
      withAccount(params, (account) => {
        const input = moveRequestSchema.safeParse(body);
        if (!input.success) return validationProblem(input.error.issues);
        const move = input.data;
        const assessment = assessMoveDate({ moveDate: move.moveDate, today: today(), allowedPastDays: config.allowedPastDays, allowedFutureDays: config.allowedFutureDays });
        if (assessment.decision === 'refuse') return problem('not-eligible', 422, assessment.message, { code: assessment.reason });
        const year = financialYearOf(move.moveDate);
        // The mock keeps one annual charge; a real back office uses the charge for the move date's year.
        const annual = account.annualCharge;
        const part = (from: string | undefined, to: string | undefined, uprn: number): ApportionmentPart => {
          const apportioned = apportionCharge({ annualCharge: annual, ...(from ? { from } : {}), ...(to ? { to } : {}) });
          return { financialYear: apportioned.financialYear, from: apportioned.from, to: apportioned.to, days: apportioned.days, daysInYear: apportioned.daysInYear as 365 | 366, amount: apportioned.amount, uprn };
        };
        // Liability at the old address starts on 1 April or when the earliest current liable party moved in, if later.
        const liableSince = account.liableParties
          .filter((party) => party.liableTo === undefined)
          .map((party) => party.liableFrom)
          .sort()[0];
        const yearStart = `${year}-04-01`;
        const oldFrom = liableSince !== undefined && liableSince > yearStart ? liableSince : yearStart;
        const charges: ApportionmentPart[] = [];
        if (move.kind === 'in') {
          charges.push(part(move.moveDate, undefined, account.uprn));
        } else {
          if (move.moveDate > oldFrom) charges.push(part(oldFrom, move.moveDate, account.uprn));
          if (move.kind === 'within') charges.push(part(move.moveDate, undefined, move.newAddress?.uprn ?? account.uprn));
        }
        const review = assessment.decision === 'review';
        const reference = nextReference('MV');
        if (!review) {
          if (move.kind === 'out') {
            account.liableParties = account.liableParties.map((party) => (party.liableTo === undefined ? { ...party, liableTo: addDays(move.moveDate, -1) } : party));
            if (move.forwardingAddress) account.forwardingAddress = move.forwardingAddress;
          } else if (move.kind === 'within' && move.newAddress) {
            account.propertyAddress = move.newAddress;
            if (move.newAddress.uprn !== undefined) account.uprn = move.newAddress.uprn;
          } else if (move.kind === 'in') {
            account.liableParties = account.liableParties.map((party) => ({ ...party, liableFrom: move.moveDate }));
          }
        }
        const status: RequestStatus = review ? 'for_triage' : 'fixed';
        const description = review ? assessment.message : `Move ${move.kind} on ${move.moveDate} applied; bill recalculated from that date.`;
        record(reference, status, description);
        return json(201, { reference, status, decision: review ? 'review' : 'applied', ...(review ? { reviewReason: assessment.message } : {}), charges });
      }),
    applySinglePersonDiscount: (params, body) =>
      withAccount(params, (account) => {
        const input = discountApplicationSchema.safeParse(body);
        if (!input.success) return validationProblem(input.error.issues);
        const current = account.liableParties.filter((party) => party.liableTo === undefined);
        const decision = checkSinglePersonDiscount({
          alreadyApplied: account.discounts.some((discount) => discount.code === 'single-person' && (discount.to === undefined || discount.to >= today())),
          residents: current.map((party) => ({ name: party.name, adult: true, ...(party.disregardedBecause ? { disregardedBecause: party.disregardedBecause } : {}) })),
        });
        if (!decision.eligible) return problem('not-eligible', 422, decision.message, { code: decision.reason });
        if (input.data.livingAloneSince > today()) return problem('not-eligible', 422, 'The date living alone started cannot be in the future.', { code: 'future-date' });
        const discount = {
          code: 'single-person' as const,
          description: 'Single person discount',
          percent: 25,
          from: input.data.livingAloneSince,
          reviewDue: addDays(today(), 365),
        };
        account.discounts.push(discount);
        const reference = nextReference('SPD');
        record(reference, 'fixed', 'Single person discount applied; a new bill will follow.');
        return json(201, { reference, status: 'fixed', discount, message: 'Single person discount applied; a new bill will follow.' });
      }),
    cancelSinglePersonDiscount: (params, body) =>
      withAccount(params, (account) => {
        const input = discountCancellationSchema.safeParse(body);
        if (!input.success) return validationProblem(input.error.issues);
        const discount = account.discounts.find((candidate) => candidate.code === 'single-person' && candidate.to === undefined);
        if (!discount) return problem('not-eligible', 422, 'This account has no single person discount to end.', { code: 'no-discount' });
        if (input.data.endDate < discount.from) return problem('not-eligible', 422, `The end date must be on or after ${discount.from}, when the discount started.`, { code: 'before-start' });
        discount.to = input.data.endDate;
        const reference = nextReference('SPD');
        record(reference, 'fixed', `Single person discount ended on ${input.data.endDate}.`);
        return json(201, { reference, status: 'fixed', discount, message: `Single person discount ended on ${input.data.endDate}; a new bill will follow.` });
      }),
    reviewSinglePersonDiscount: (params, body) =>
      withAccount(params, (account) => {
        const input = discountReviewSchema.safeParse(body);
        if (!input.success) return validationProblem(input.error.issues);
        const discount = account.discounts.find((candidate) => candidate.code === 'single-person' && candidate.to === undefined);
        if (!discount) return problem('not-eligible', 422, 'This account has no single person discount to review.', { code: 'no-discount' });
        const reference = nextReference('SPD');
        if (input.data.stillLivingAlone) {
          discount.reviewDue = addDays(today(), 365);
          record(reference, 'closed', 'Review answered: still living alone; discount continues.');
          return json(201, { reference, status: 'closed', discount, message: 'Thank you. The discount continues.' });
        }
        const end = addDays(input.data.otherAdultSince ?? today(), -1);
        discount.to = end < discount.from ? discount.from : end;
        record(reference, 'fixed', `Review answered: another adult since ${input.data.otherAdultSince}; discount ended.`);
        return json(201, { reference, status: 'fixed', discount, message: 'The discount has ended; a new bill will follow.' });
      }),
    setDirectDebit: (params, body) =>
      withAccount(params, (account) => {
        const input = directDebitInstructionSchema.safeParse(body);
        if (!input.success) return validationProblem(input.error.issues);
        const checked = checkBankDetails({ ...input.data, paymentDays: config.paymentDays });
        if (!checked.ok) {
          const first = checked.problems[0];
          return problem('not-eligible', 422, first?.message ?? 'Check the bank details.', {
            code: first?.field === 'paymentDay' ? 'payment-day-not-offered' : 'invalid-bank-details',
            errors: checked.problems.map((entry) => ({ pointer: `/${entry.field}`, detail: entry.message })),
          });
        }
        const earliest = calendar.addWorkingDays(today(), DIRECT_DEBIT_NOTICE_WORKING_DAYS);
        let firstCollection = `${earliest.slice(0, 8)}${String(checked.value.paymentDay).padStart(2, '0')}`;
        if (firstCollection < earliest) {
          const [year, month] = earliest.split('-').map(Number) as [number, number];
          const next = month === 12 ? `${year + 1}-01` : `${year}-${String(month + 1).padStart(2, '0')}`;
          firstCollection = `${next}-${String(checked.value.paymentDay).padStart(2, '0')}`;
        }
        account.paymentMethod = { kind: 'direct-debit', paymentDay: checked.value.paymentDay, accountEnding: checked.value.accountNumber.slice(-4) };
        const reference = nextReference('DD');
        record(reference, 'action_scheduled', `Direct debit set up; first collection on ${firstCollection}.`);
        return json(201, { reference, status: 'action_scheduled', paymentMethod: account.paymentMethod, firstCollection });
      }),
    listPaymentDays: () => json(200, { paymentDays: config.paymentDays }),
    findClaim(_params, body) {
      const input = claimLookupSchema.safeParse(body);
      if (!input.success) return validationProblem(input.error.issues);
      const claim = claims.find((candidate) => candidate.claimReference === input.data.claimReference);
      const given = 'postcode' in input.data ? { postcode: input.data.postcode } : { surname: input.data.surname };
      const result = guard.verify({
        accountReference: `claim:${input.data.claimReference}`,
        given,
        record: claim ? { postcode: claim.postcode, surnames: [claim.surname] } : { postcode: '', surnames: [] },
      });
      if (result.outcome === 'locked') return lockedProblem(result.retryAt);
      if (result.outcome === 'failed' || !claim) return notFound('claim');
      const { postcode: _postcode, surname: _surname, ...visible } = claim;
      return json(200, visible satisfies Claim);
    },
    raiseBenefitEnquiry(params, body) {
      const id = claimIdSchema.safeParse(params.claimId);
      const found = id.success ? claims.find((candidate) => candidate.claimId === id.data) : undefined;
      if (!found) return notFound('claim');
      const input = benefitEnquirySchema.safeParse(body);
      if (!input.success) return validationProblem(input.error.issues);
      const reference = nextReference('BEN');
      const respondBy = calendar.addWorkingDays(today(), ENQUIRY_RESPONSE_WORKING_DAYS);
      record(reference, 'open', `Enquiry about ${input.data.topic} on claim ${found.claimReference} received.`);
      return json(201, { reference, status: 'open', respondBy });
    },
    listUpdates(_params, _body, url) {
      const since = url.searchParams.get('since');
      if (since !== null && !/^\d{1,12}$/.test(since)) return problem('validation', 400, 'since must be a cursor from a previous page.');
      const start = since === null ? 0 : Number(since);
      const page = updates.slice(start, start + PAGE_SIZE);
      return json(200, { updates: page, cursor: String(start + page.length) });
    },
  };

  const server = createMockBackOffice({
    baseUrl: config.baseUrl,
    routes: ROUTES,
    handlers,
    problem,
    malformedBody: '{"accountId":"ac-',
    random: options.random,
  });
  return {
    ...server,
    flushWebhooks: () => webhook.flush(),
    advance(reference, status, description) {
      if (!requests.has(reference)) throw new RevenuesError('not-found', `The mock has no request ${reference}`);
      record(reference, status, description ?? `Status changed to ${status}.`);
    },
    account(accountId) {
      const account = accounts.get(accountId);
      return account ? view(account) : undefined;
    },
    auditTrail: () => guard.auditTrail(),
  };
}
