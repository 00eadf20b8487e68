/**
 * mock entry point of @councilkit/parking.
 *
 * @packageDocumentation
 */
export {};
