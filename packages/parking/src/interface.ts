import { defineStandardInterface } from '@councilkit/connect';
import type { StandardInterface } from '@councilkit/connect';
import { MOCK_PARKING_FIXTURES } from './mock/fixtures.js';
import {
  challengeSchema,
  paymentReceiptSchema,
  pcnSchema,
  permitSchema,
  timelineSchema,
  visitorSessionSchema,
  zoneListSchema,
} from './schemas.js';

/**
 * The fixtures a conformance run names: PCNs and permits that exist in the implementation under test.
 *
 * @example
 * ```ts
 * const samples: ParkingConformanceSamples = { ...MOCK_PARKING_FIXTURES, today: '2026-11-24' };
 * ```
 */
export interface ParkingConformanceSamples {
  /** A PCN in its discount period (it is paid during the run). */
  discount: { pcnNumber: string; vrm: string };
  /** The amount due now on `discount`, in pence. Default: `3500`. */
  discountAmountDue?: number;
  /** A PCN an informal challenge can be made on. */
  challengeable: { pcnNumber: string; vrm: string };
  /** A PCN with a challenge on it. */
  challenged: { pcnNumber: string; vrm: string; challengeId: string };
  /** A resident permit within 28 days of its end. */
  renewablePermit: { permitId: string };
  /** An active resident permit (its vehicle is changed and a visitor session started). */
  activePermit: { permitId: string };
  /** A property in a zone with room for another permit. */
  propertyInZone: { uprn: number; zone: string };
  /** Today in Europe/London, for dates in sample writes. Default: now. */
  today?: string;
}

const statusOf = (response: unknown) => [(response as { requestStatus: string }).requestStatus];

function londonToday(): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
}

/**
 * Describe the parking interface for the conformance suite in
 * `@councilkit/connect/conformance`, naming fixtures that exist in the
 * implementation under test. Defaults name the mock back office's fixtures.
 *
 * @example
 * ```ts
 * import { runConformance } from '@councilkit/connect/conformance';
 * import { describeParkingInterface } from '@councilkit/parking';
 *
 * const report = await runConformance({
 *   baseUrl: 'https://parking.supplier.example/v1',
 *   interface: describeParkingInterface({ ...mySupplierFixtures }),
 * });
 * console.log(report.text);
 * ```
 */
export function describeParkingInterface(samples: ParkingConformanceSamples = MOCK_PARKING_FIXTURES): StandardInterface {
  const today = samples.today ?? londonToday();
  const { discount, challengeable, challenged } = samples;
  return defineStandardInterface({
    name: 'parking',
    version: '1.0.0',
    title: 'Parking enforcement',
    operations: {
      findPcn: { method: 'GET', path: '/pcns/{pcnNumber}', params: { pcnNumber: discount.pcnNumber }, query: { vrm: discount.vrm }, response: pcnSchema },
      getPcnTimeline: { method: 'GET', path: '/pcns/{pcnNumber}/timeline', params: { pcnNumber: discount.pcnNumber }, query: { vrm: discount.vrm }, response: timelineSchema },
      payPcn: {
        method: 'POST',
        path: '/pcns/{pcnNumber}/payments',
        params: { pcnNumber: discount.pcnNumber },
        body: { vrm: discount.vrm, amount: samples.discountAmountDue ?? 3500, paymentReference: 'conformance-payment-1' },
        alternateBody: { vrm: discount.vrm, amount: samples.discountAmountDue ?? 3500, paymentReference: 'conformance-payment-2' },
        response: paymentReceiptSchema,
      },
      challengePcn: {
        method: 'POST',
        path: '/pcns/{pcnNumber}/challenges',
        params: { pcnNumber: challengeable.pcnNumber },
        body: { vrm: challengeable.vrm, kind: 'informal', statement: 'My permit was on display; photo attached.', evidence: [{ filename: 'dashboard.jpg', contentType: 'image/jpeg', sizeBytes: 48_213, sha256: 'a'.repeat(64) }] },
        alternateBody: { vrm: challengeable.vrm, kind: 'informal', statement: 'The signs were covered by scaffolding.' },
        response: challengeSchema,
        statuses: statusOf,
      },
      getChallenge: {
        method: 'GET',
        path: '/pcns/{pcnNumber}/challenges/{challengeId}',
        params: { pcnNumber: challenged.pcnNumber, challengeId: challenged.challengeId },
        query: { vrm: challenged.vrm },
        response: challengeSchema,
        statuses: statusOf,
      },
      listPermitZones: { method: 'GET', path: '/permit-zones', response: zoneListSchema },
      applyForPermit: {
        method: 'POST',
        path: '/permits',
        body: { zone: samples.propertyInZone.zone, vrm: 'ZX99ABC', uprn: samples.propertyInZone.uprn, holderName: 'Grace Hopper', startDate: today },
        alternateBody: { zone: samples.propertyInZone.zone, vrm: 'ZX99ABD', uprn: samples.propertyInZone.uprn, holderName: 'Grace Hopper', startDate: today },
        response: permitSchema,
        statuses: statusOf,
      },
      getPermit: { method: 'GET', path: '/permits/{permitId}', params: { permitId: samples.activePermit.permitId }, response: permitSchema, statuses: statusOf },
      renewPermit: {
        method: 'POST',
        path: '/permits/{permitId}/renewal',
        params: { permitId: samples.renewablePermit.permitId },
        body: {},
        alternateBody: { vrm: 'AB12CDF' },
        invalidBody: { vrm: 'not a registration!' },
        response: permitSchema,
        statuses: statusOf,
      },
      changePermitVehicle: {
        method: 'POST',
        path: '/permits/{permitId}/vehicle',
        params: { permitId: samples.activePermit.permitId },
        body: { vrm: 'YY11ZZZ', from: today },
        alternateBody: { vrm: 'YY11ZZY', from: today },
        response: permitSchema,
        statuses: statusOf,
      },
      startVisitorSession: {
        method: 'POST',
        path: '/visitor-sessions',
        body: { permitId: samples.activePermit.permitId, vrm: 'VV11AAA', start: `${today}T18:00:00+00:00`, durationMinutes: 120 },
        alternateBody: { permitId: samples.activePermit.permitId, vrm: 'VV11AAA', start: `${today}T18:00:00+00:00`, durationMinutes: 60 },
        response: visitorSessionSchema,
      },
    },
    updates: { path: '/updates' },
  });
}

/**
 * The parking interface described for the conformance suite, naming the
 * mock back office's fixtures. Use {@link describeParkingInterface} to name
 * your own.
 *
 * @example
 * ```ts
 * import { runConformance } from '@councilkit/connect/conformance';
 * import { parkingInterface } from '@councilkit/parking';
 * import { createMockParkingBackOffice } from '@councilkit/parking/mock';
 *
 * const backOffice = createMockParkingBackOffice();
 * const report = await runConformance({ baseUrl: backOffice.baseUrl, interface: parkingInterface, fetch: backOffice.fetch });
 * ```
 */
export const parkingInterface: StandardInterface = describeParkingInterface();
