import { StoreError } from './errors.js';

/**
 * The default PostgreSQL schema the store keeps its tables in.
 *
 * @example
 * ```ts
 * await store.driver.query(`SELECT count(*) FROM ${DEFAULT_SCHEMA}.cases`);
 * ```
 */
export const DEFAULT_SCHEMA = 'councilkit';

// Identifiers cannot be bound as parameters, so the schema name is the one
// piece of text spliced into SQL: it is held to a strict shape and quoted.
const SCHEMA_PATTERN = /^[a-z_][a-z0-9_]{0,62}$/;

/** Check a schema name and return it double-quoted for splicing into SQL. */
export function quoteSchema(schema: string): string {
  if (!SCHEMA_PATTERN.test(schema) || schema.startsWith('pg_')) {
    throw new StoreError(
      'invalid-options',
      `Schema name "${schema}" must be 1-63 lower-case letters, digits or underscores, start with a letter or underscore, and not start with "pg_"`,
    );
  }
  return `"${schema}"`;
}
