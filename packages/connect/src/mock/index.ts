/**
 * The mock kit: everything a member needs to build an in-process mock of its
 * own standard interface in a few lines, as the waste, revenues and parking
 * mocks are built. `createMockBackOffice` routes requests to your handlers
 * with problem+json errors, `Idempotency-Key` replay and fault injection;
 * the pieces it is made of (fault registry, idempotency store, router, body
 * reader, webhook pusher, msw handlers) are here too for mocks that need
 * their own HTTP layer. `serveFetchHandler` puts a mock on a real port (for
 * the conformance suite over the network, or for a supplier to develop
 * against). `mswHandlers` needs the optional peer dependency `msw`.
 *
 * @packageDocumentation
 */
export { createMockBackOffice } from './back-office.js';
export type { MockBackOffice, MockBackOfficeOptions, MockHandler } from './back-office.js';
export { createFaultRegistry, wait } from './faults.js';
export type { MockFault, MockFaultControls, MockFaultRegistry } from './faults.js';
export { IDEMPOTENCY_KEY_PATTERN, createIdempotencyStore, fingerprintOf } from './idempotency.js';
export type { IdempotencyStore, IdempotencyStoreOptions } from './idempotency.js';
export { createProblemFactory, json, matchRoute, readBodyText, readJson, validationProblem } from './http.js';
export type { MockProblemExtra, MockProblemFactory, MockProblemKind, MockRoute, ProblemVocabulary, ReadJsonResult, RouteMatch } from './http.js';
export { createWebhookPusher } from './webhook.js';
export type { MockWebhookTarget, WebhookPusher } from './webhook.js';
export { mswHandlers } from './msw.js';
export { serveFetchHandler } from './serve.js';
export type { ServeOptions, ServedHandler } from './serve.js';
