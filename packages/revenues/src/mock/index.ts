/**
 * mock entry point of @councilkit/revenues.
 *
 * @packageDocumentation
 */
export {};
