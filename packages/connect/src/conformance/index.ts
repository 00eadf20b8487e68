/**
 * The conformance suite for councilkit standard interfaces: run it against a
 * back office (or a mock) to check it honours the contract.
 *
 * @packageDocumentation
 */
export { defineStandardInterface } from '../standard-interface.js';
export type { SampleValues, StandardInterface, StandardOperation } from '../standard-interface.js';
