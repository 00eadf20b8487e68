/**
 * The parking enforcement standard interface: OpenAPI contract, typed client, PCN lifecycle, case types and a mock back office.
 *
 * @packageDocumentation
 */
export {};
