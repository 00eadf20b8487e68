/**
 * Test helpers for `@councilkit/cases`: the storage port contract suite every
 * `CaseStore` runs, a hand-moved clock, and a sample case record.
 *
 * @packageDocumentation
 */
export { defineStoreContractTests } from './contract.js';
export type { StoreContractOptions } from './contract.js';
export { createTestClock, sampleCaseRecord } from './fixtures.js';
export type { TestClock } from './fixtures.js';
