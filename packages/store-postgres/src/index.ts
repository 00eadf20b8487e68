/**
 * The production case store on PostgreSQL and the embedded default on PGlite: one SQL dialect.
 *
 * @packageDocumentation
 */
export {};
