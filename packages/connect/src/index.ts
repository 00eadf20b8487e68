/**
 * The back-office connector kit: the adapter contract, the transactional
 * outbox dispatcher, status sync (polling and signed webhooks), read-through
 * lookups, the shared plumbing of the standard interface clients
 * (`createInterfaceClient`), the conformance suite (at
 * `@councilkit/connect/conformance`) and the mock kit (at
 * `@councilkit/connect/mock`).
 *
 * @packageDocumentation
 */
export { ConnectError, isRetryableReason } from './errors.js';
export type { ConnectErrorDetails, ConnectErrorReason } from './errors.js';
export {
  PROBLEM_CONTENT_TYPE,
  isProblemResponse,
  parseProblem,
  parseRetryAfter,
  problemDetailsSchema,
  problemResponse,
  problemToError,
} from './problem.js';
export type { ProblemDetails, ProblemInit } from './problem.js';
export { backoffCeiling, backoffDelay, defaultRetryPolicy, planRetry } from './backoff.js';
export type { RetryDecision, RetryPolicy } from './backoff.js';
export { circuitOnFailure, circuitOnSuccess, circuitPermits, closedCircuit, defaultCircuitBreakerPolicy } from './circuit-breaker.js';
export type { CircuitBreakerPolicy, CircuitState } from './circuit-breaker.js';
export { backOfficeStatuses, isBackOfficeStatus, statusUpdateSchema, updatesPageSchema } from './status.js';
export type { BackOfficeStatus, StatusUpdate, UpdatesPage } from './status.js';
export { defineBackOffice } from './back-office.js';
export type {
  BackOffice,
  BackOfficeDefinition,
  BackOfficeDelivery,
  BackOfficeHandle,
  BackOfficeOperation,
  BackOfficeOperations,
  CallOptions,
  DeliveryResult,
  HttpMethod,
  OutboxRoute,
  StatusSyncDeclaration,
} from './back-office.js';
export { defineStandardInterface } from './standard-interface.js';
export type { SampleValues, StandardInterface, StandardOperation } from './standard-interface.js';
export { systemClock } from './engine-port.js';
export type { Clock, ConnectEngine } from './engine-port.js';
export { createDispatcher } from './dispatcher.js';
export type { DispatchEvent, DispatchReport, Dispatcher, DispatcherOptions, DispatcherStore, Incident } from './dispatcher.js';
export { createStatusSync } from './status-sync.js';
export type { PollResult, StatusMap, StatusSync, StatusSyncOptions, StatusSyncStore, UpdateOutcome } from './status-sync.js';
export {
  WEBHOOK_DELIVERY_HEADER,
  WEBHOOK_SIGNATURE_HEADER,
  WEBHOOK_TIMESTAMP_HEADER,
  createMemoryDeliveryLog,
  createWebhookHandler,
  signWebhook,
  webhookProblemTypes,
} from './webhook.js';
export type { DeliveryLog, WebhookHandlerOptions } from './webhook.js';
export { createLookup } from './lookup.js';
export type { Lookup, LookupOptions, LookupResult } from './lookup.js';
export { createCallTimeout } from './timeout.js';
export type { CallTimeout, CallTimeoutOptions } from './timeout.js';
export { createInterfaceClient, interfaceProblemSchema } from './interface-client.js';
export type {
  InterfaceBaseReason,
  InterfaceCallResult,
  InterfaceClient,
  InterfaceClientDefinition,
  InterfaceClientOptions,
  InterfaceErrorDetails,
  InterfaceIssue,
  InterfaceProblem,
} from './interface-client.js';
