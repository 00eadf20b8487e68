/**
 * The revenues and benefits standard interface: OpenAPI contract, typed client, case types and a mock back office.
 *
 * @packageDocumentation
 */
export {};
