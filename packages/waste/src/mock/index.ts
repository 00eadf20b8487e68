/**
 * mock entry point of @councilkit/waste.
 *
 * @packageDocumentation
 */
export {};
