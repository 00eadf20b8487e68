import { createInterfaceClient } from '@councilkit/connect';
import type { InterfaceClientDefinition, InterfaceClientOptions } from '@councilkit/connect';
import createClient from 'openapi-fetch';
import { z } from 'zod';
import { PARKING_PROBLEM_TYPES, ParkingError } from './errors.js';
import type { ParkingErrorReason } from './errors.js';
import type { paths } from './generated/parking.js';
import {
  challengeRequestSchema,
  challengeSchema,
  paymentReceiptSchema,
  paymentRequestSchema,
  pcnLookupSchema,
  pcnNumberSchema,
  pcnSchema,
  permitApplicationSchema,
  permitRenewalSchema,
  permitSchema,
  referenceSchema,
  timelineSchema,
  updatePageSchema,
  vehicleChangeSchema,
  visitorSessionRequestSchema,
  visitorSessionSchema,
  vrmSchema,
  zoneListSchema,
} from './schemas.js';
import type {
  Challenge,
  ChallengeRequest,
  ParkingProblem,
  PaymentReceipt,
  PaymentRequest,
  Pcn,
  PcnLookup,
  Permit,
  PermitApplication,
  PermitRenewal,
  Timeline,
  UpdatePage,
  VehicleChange,
  VisitorSession,
  VisitorSessionRequest,
  Zone,
} from './schemas.js';

/**
 * Options for {@link createParkingClient}.
 *
 * @example
 * ```ts
 * const options: ParkingClientOptions = { baseUrl: 'https://parking.example.gov.uk/v1', headers: { authorization: 'Bearer token' } };
 * ```
 */
export interface ParkingClientOptions extends InterfaceClientOptions {
  /** The back office's base URL, e.g. `https://parking.backoffice.example.gov.uk/v1`. Required. */
  baseUrl: string;
}

/**
 * Per-call options for reads.
 *
 * @example
 * ```ts
 * await client.findPcn({ pcnNumber, vrm }, { signal: AbortSignal.timeout(2000) });
 * ```
 */
export interface ParkingReadOptions {
  /** Abort the call early. */
  signal?: AbortSignal;
}

/**
 * Per-call options for writes.
 *
 * @example
 * ```ts
 * await client.payPcn(pcnNumber, payment, { idempotencyKey: payment.paymentReference });
 * ```
 */
export interface ParkingWriteOptions extends ParkingReadOptions {
  /**
   * The Idempotency-Key for this logical write. Pass the outbox message's key
   * (or the payment provider's id) so a retry cannot record it twice. Default: a fresh random UUID.
   */
  idempotencyKey?: string;
}

/**
 * A typed client for the parking enforcement standard interface. Every
 * method is named after the OpenAPI `operationId`, validates its input and
 * the response with zod, and throws {@link ParkingError} (never a raw error).
  *
  * @example
  * ```ts
  * const client: ParkingClient = createParkingClient({ baseUrl });
  * const pcn = await client.findPcn({ pcnNumber: 'AT10000001', vrm: 'AB12CDE' });
  * ```
 */
export interface ParkingClient {
  /** A PCN by number plus VRM, with the stage and amount due now as the back office derives them. */
  findPcn(lookup: PcnLookup, options?: ParkingReadOptions): Promise<Pcn>;
  /** Letters, stage changes, challenges and payments, oldest first. */
  getPcnTimeline(lookup: PcnLookup, options?: ParkingReadOptions): Promise<Timeline>;
  /** Record a payment for exactly the amount due now (`amount-mismatch` otherwise). */
  payPcn(pcnNumber: string, input: PaymentRequest, options?: ParkingWriteOptions): Promise<PaymentReceipt>;
  /** Make an informal challenge or a formal representation. */
  challengePcn(pcnNumber: string, input: ChallengeRequest, options?: ParkingWriteOptions): Promise<Challenge>;
  /** The status of a challenge. */
  getChallenge(input: PcnLookup & { challengeId: string }, options?: ParkingReadOptions): Promise<Challenge>;
  /** Controlled parking zones with prices. */
  listPermitZones(options?: ParkingReadOptions): Promise<Zone[]>;
  /** Apply for a resident permit. */
  applyForPermit(input: PermitApplication, options?: ParkingWriteOptions): Promise<Permit>;
  /** One permit. */
  getPermit(permitId: string, options?: ParkingReadOptions): Promise<Permit>;
  /** Renew a permit (from 28 days before it ends). */
  renewPermit(permitId: string, input?: PermitRenewal, options?: ParkingWriteOptions): Promise<Permit>;
  /** Change the vehicle on a permit. */
  changePermitVehicle(permitId: string, input: VehicleChange, options?: ParkingWriteOptions): Promise<Permit>;
  /** Start a visitor session on a resident's permit. */
  startVisitorSession(input: VisitorSessionRequest, options?: ParkingWriteOptions): Promise<VisitorSession>;
  /** Status updates after a cursor. */
  listUpdates(input?: { since?: string }, options?: ParkingReadOptions): Promise<UpdatePage>;
}

const sinceSchema = z.strictObject({ since: z.string().max(64).optional() });
const challengeLookupSchema = z.strictObject({ pcnNumber: pcnNumberSchema, vrm: vrmSchema, challengeId: referenceSchema });

const MESSAGES: Record<ParkingErrorReason, string> = {
  'invalid-input': 'The parking system could not accept those details.',
  'not-found': 'No PCN matches that number and registration. Check both against the notice.',
  'not-allowed-at-stage': 'That cannot be done at this stage of the PCN.',
  'amount-mismatch': 'That is not the amount due now.',
  ineligible: 'The parking system cannot accept that request.',
  'idempotency-conflict': 'This request reused a key from a different request.',
  conflict: 'That changed in the parking system while we were working on it. Check and try again.',
  unavailable: 'The parking system is not available at the moment.',
  timeout: 'The parking system took too long to answer.',
  'malformed-response': 'The parking system sent an answer we could not understand.',
  unauthorised: 'The parking system refused our credentials.',
  'rate-limited': 'The parking system is busy. Try again shortly.',
  'invalid-options': 'The parking client is not configured correctly.',
};

function reasonFor(status: number, problem: ParkingProblem | undefined): ParkingErrorReason {
  if (status === 400 || status === 413) return 'invalid-input';
  if (status === 401 || status === 403) return 'unauthorised';
  if (status === 404) return 'not-found';
  if (status === 409) {
    if (problem?.type === PARKING_PROBLEM_TYPES['amount-mismatch']) return 'amount-mismatch';
    if (problem?.type === PARKING_PROBLEM_TYPES['not-allowed-at-stage']) return 'not-allowed-at-stage';
    return 'conflict';
  }
  if (status === 422) return problem?.type === PARKING_PROBLEM_TYPES['idempotency-key-reuse'] ? 'idempotency-conflict' : 'ineligible';
  if (status === 429) return 'rate-limited';
  if (status >= 500) return 'unavailable';
  return 'malformed-response';
}

const PARKING_CLIENT: InterfaceClientDefinition<ParkingErrorReason, ParkingError> = { name: 'parking', error: ParkingError, messages: MESSAGES, reasonFor };

/**
 * Create a typed client for a parking back office that implements the
 * councilkit parking OpenAPI contract (`openapi/parking.yaml`).
 *
 * Inputs are checked before anything is sent; every answer is validated
 * with zod into councilkit's own types; every failure is a
 * {@link ParkingError} with a `reason` you can switch on.
 *
 * @example
 * ```ts
 * import { createParkingClient } from '@councilkit/parking';
 *
 * const parking = createParkingClient({ baseUrl: 'https://parking.example.gov.uk/v1' });
 * const pcn = await parking.findPcn({ pcnNumber: 'AT10000001', vrm: 'AB12 CDE' });
 * console.log(pcn.stage, pcn.amountDue, pcn.dueBy); // "discount" 3500 "2026-12-04"
 * await parking.payPcn(pcn.pcnNumber, { vrm: pcn.vrm, amount: pcn.amountDue, paymentReference: 'pay_8f2k' }, { idempotencyKey: 'pay_8f2k' });
 * ```
 */
export function createParkingClient(options: ParkingClientOptions): ParkingClient {
  const { check: checkInput, run, idempotencyKey, ...connection } = createInterfaceClient(PARKING_CLIENT, options);
  const api = createClient<paths>(connection);
  const keyFor = (operation: string, writeOptions: ParkingWriteOptions | undefined) => idempotencyKey(operation, writeOptions?.idempotencyKey);

  return {
    async findPcn(lookup, readOptions) {
      const { pcnNumber, vrm } = checkInput('findPcn', pcnLookupSchema, lookup);
      return run('findPcn', pcnSchema, (signal) => api.GET('/pcns/{pcnNumber}', { params: { path: { pcnNumber }, query: { vrm } }, signal }), readOptions?.signal);
    },
    async getPcnTimeline(lookup, readOptions) {
      const { pcnNumber, vrm } = checkInput('getPcnTimeline', pcnLookupSchema, lookup);
      return run('getPcnTimeline', timelineSchema, (signal) => api.GET('/pcns/{pcnNumber}/timeline', { params: { path: { pcnNumber }, query: { vrm } }, signal }), readOptions?.signal);
    },
    async payPcn(pcnNumber, input, writeOptions) {
      const number = checkInput('payPcn', pcnNumberSchema, pcnNumber);
      const body = checkInput('payPcn', paymentRequestSchema, input);
      const key = keyFor('payPcn', writeOptions);
      return run(
        'payPcn',
        paymentReceiptSchema,
        (signal) => api.POST('/pcns/{pcnNumber}/payments', { params: { path: { pcnNumber: number }, header: { 'Idempotency-Key': key } }, body, signal }),
        writeOptions?.signal,
      );
    },
    async challengePcn(pcnNumber, input, writeOptions) {
      const number = checkInput('challengePcn', pcnNumberSchema, pcnNumber);
      const body = checkInput('challengePcn', challengeRequestSchema, input);
      const key = keyFor('challengePcn', writeOptions);
      return run(
        'challengePcn',
        challengeSchema,
        (signal) => api.POST('/pcns/{pcnNumber}/challenges', { params: { path: { pcnNumber: number }, header: { 'Idempotency-Key': key } }, body, signal }),
        writeOptions?.signal,
      );
    },
    async getChallenge(input, readOptions) {
      const { pcnNumber, vrm, challengeId } = checkInput('getChallenge', challengeLookupSchema, input);
      return run(
        'getChallenge',
        challengeSchema,
        (signal) => api.GET('/pcns/{pcnNumber}/challenges/{challengeId}', { params: { path: { pcnNumber, challengeId }, query: { vrm } }, signal }),
        readOptions?.signal,
      );
    },
    async listPermitZones(readOptions) {
      const list = await run('listPermitZones', zoneListSchema, (signal) => api.GET('/permit-zones', { signal }), readOptions?.signal);
      return list.zones;
    },
    async applyForPermit(input, writeOptions) {
      const body = checkInput('applyForPermit', permitApplicationSchema, input);
      const key = keyFor('applyForPermit', writeOptions);
      return run('applyForPermit', permitSchema, (signal) => api.POST('/permits', { params: { header: { 'Idempotency-Key': key } }, body, signal }), writeOptions?.signal);
    },
    async getPermit(permitId, readOptions) {
      const id = checkInput('getPermit', referenceSchema, permitId);
      return run('getPermit', permitSchema, (signal) => api.GET('/permits/{permitId}', { params: { path: { permitId: id } }, signal }), readOptions?.signal);
    },
    async renewPermit(permitId, input = {}, writeOptions) {
      const id = checkInput('renewPermit', referenceSchema, permitId);
      const body = checkInput('renewPermit', permitRenewalSchema, input);
      const key = keyFor('renewPermit', writeOptions);
      return run(
        'renewPermit',
        permitSchema,
        (signal) => api.POST('/permits/{permitId}/renewal', { params: { path: { permitId: id }, header: { 'Idempotency-Key': key } }, body, signal }),
        writeOptions?.signal,
      );
    },
    async changePermitVehicle(permitId, input, writeOptions) {
      const id = checkInput('changePermitVehicle', referenceSchema, permitId);
      const body = checkInput('changePermitVehicle', vehicleChangeSchema, input);
      const key = keyFor('changePermitVehicle', writeOptions);
      return run(
        'changePermitVehicle',
        permitSchema,
        (signal) => api.POST('/permits/{permitId}/vehicle', { params: { path: { permitId: id }, header: { 'Idempotency-Key': key } }, body, signal }),
        writeOptions?.signal,
      );
    },
    async startVisitorSession(input, writeOptions) {
      const body = checkInput('startVisitorSession', visitorSessionRequestSchema, input);
      const key = keyFor('startVisitorSession', writeOptions);
      return run(
        'startVisitorSession',
        visitorSessionSchema,
        (signal) => api.POST('/visitor-sessions', { params: { header: { 'Idempotency-Key': key } }, body, signal }),
        writeOptions?.signal,
      );
    },
    async listUpdates(input = {}, readOptions) {
      const query = checkInput('listUpdates', sinceSchema, input);
      return run('listUpdates', updatePageSchema, (signal) => api.GET('/updates', { params: { query }, signal }), readOptions?.signal);
    },
  };
}
