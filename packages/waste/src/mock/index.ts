/**
 * A stateful mock waste back office for tests and demos: seeded realistic
 * data, state that changes with each write, Idempotency-Key handling, status
 * updates, fault injection, msw handlers and a plain fetch handler.
 *
 * @packageDocumentation
 */
export { createWasteBackOffice } from './back-office.js';
export type { FetchHandlerOptions, RecordCollectionInput, WasteBackOffice, WasteBackOfficeOptions } from './back-office.js';
export type { MockFaultControls as FaultControls, MockFault as FaultSpec } from '@councilkit/connect/mock';
export { wasteHandlers } from './msw.js';
export type { WasteHandlersOptions } from './msw.js';
// Also here, because a council testing against the mock usually wants the conformance description beside it.
export { WASTE_FIXTURES } from '../fixtures.js';
export { wasteInterface } from '../interface.js';
