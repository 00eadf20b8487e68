/**
 * A stateful mock revenues back office for tests, demos and supplier
 * development: seeded accounts and a claim (plus any accounts you seed), the contract's rules,
 * `Idempotency-Key`, `/updates?since=`, fault injection, and msw handlers.
 *
 * @packageDocumentation
 */
export { createMockRevenuesBackOffice } from './back-office.js';
export type { MockRevenuesBackOffice, MockRevenuesOptions } from './back-office.js';
export { MOCK_REVENUES_FIXTURES } from './fixtures.js';
export type { MockAccountSeed } from './seeds.js';
export type { MockFault, MockFaultControls, MockWebhookTarget } from '@councilkit/connect/mock';
export { revenuesHandlers } from './msw.js';
