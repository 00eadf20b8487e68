/**
 * A stateful mock parking back office for tests, demos and supplier
 * development: seeded PCNs at each stage and resident permits (plus any
 * PCNs you seed), the contract's rules (stage and amount derived, payment
 * must match, challenge stage rules, permit rules), `Idempotency-Key`,
 * `/updates?since=`, fault injection, and msw handlers.
 *
 * @packageDocumentation
 */
export { createMockParkingBackOffice } from './back-office.js';
export type { MockChallengeDecision, MockParkingBackOffice, MockParkingOptions } from './back-office.js';
export { MOCK_PARKING_FIXTURES } from './fixtures.js';
export type { MockPcnSeed } from './seeds.js';
export type { MockFault, MockFaultControls, MockWebhookTarget } from '@councilkit/connect/mock';
export { parkingHandlers } from './msw.js';
