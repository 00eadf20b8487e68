/**
 * conformance entry point of @councilkit/connect.
 *
 * @packageDocumentation
 */
export {};
