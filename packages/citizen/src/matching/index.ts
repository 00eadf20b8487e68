/**
 * matching entry point of @councilkit/citizen.
 *
 * @packageDocumentation
 */
export {};
