/**
 * The conformance suite for councilkit standard interfaces: run it against a
 * back office (or a mock) to check that it honours the contract.
 *
 * @packageDocumentation
 */
export { runConformance } from './run-conformance.js';
export type { ConformanceCheck, ConformanceOptions, ConformanceReport } from './run-conformance.js';
export { formatConformanceReport } from './format-report.js';
export { defineStandardInterface } from '../standard-interface.js';
export type { SampleValues, StandardInterface, StandardOperation } from '../standard-interface.js';
