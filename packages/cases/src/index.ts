/**
 * The case workflow engine: case types as data, an append-only audit trail, SLA timers in UK working days, metrics and a storage port.
 *
 * @packageDocumentation
 */
export {};
