/**
 * testing entry point of @councilkit/cases.
 *
 * @packageDocumentation
 */
export {};
