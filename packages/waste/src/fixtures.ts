/**
 * The fixed records every conforming waste back office holds for the
 * conformance suite, and that the mock holds whatever its seed. A supplier
 * loads equivalent records into a test instance before running the suite.
 *
 * - `uprn` (1 Conformance Close, `postcode`): a house with weekly refuse,
 *   recycling and food collections on the day of the most recent working day
 *   (so a missed collection is reportable whenever the suite runs), recorded
 *   as collected, and an active garden subscription `gardenSubscription`.
 * - `neighbourUprn` (3 Conformance Close): a house with no garden waste and no
 *   assisted collection application.
 * - `missedCollection`: a closed missed collection report.
 * - `containerRequest`: an open container request (a replacement kitchen caddy).
 * - `bulkyBooking`: a bulky booking in `bulkySlot`, at least three weeks ahead.
 * - `bulkyReservation`: an unused hold on `bulkySlot` for `uprn`.
 * - `assistedToApprove`, `assistedToDeny`: pending assisted collection applications.
 *
 * @example
 * ```ts
 * const services = await waste.getPropertyServices(WASTE_FIXTURES.uprn);
 * ```
 */
export const WASTE_FIXTURES = {
  uprn: 100023336956,
  neighbourUprn: 100023336957,
  postcode: 'AT1 1AA',
  missedCollection: 'MC-FIXTURE',
  containerRequest: 'CR-FIXTURE',
  gardenSubscription: 'GW-FIXTURE',
  bulkyBooking: 'BK-FIXTURE',
  bulkyReservation: 'RES-FIXTURE',
  bulkySlot: 'slot-fixture',
  assistedToApprove: 'AC-FIXTURE-1',
  assistedToDeny: 'AC-FIXTURE-2',
} as const;
