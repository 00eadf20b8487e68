/**
 * The back-office connector kit: the adapter contract, the transactional outbox, status sync and the conformance suite.
 *
 * @packageDocumentation
 */
export {};
