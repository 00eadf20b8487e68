import type { ScanRow } from '@councilkit/citizen/gdpr';
import type { SqlExecutor } from './driver.js';
import { StoreError } from './errors.js';
import { DEFAULT_SCHEMA, quoteSchema } from './schema-name.js';

/**
 * Options for {@link scanStore}.
 *
 * @example
 * ```ts
 * const options: ScanStoreOptions = { driver: store.driver, schema: store.schema, batchSize: 500 };
 * ```
 */
export interface ScanStoreOptions {
  /** The database: a {@link SqlDriver} (`store.driver`) or any executor. */
  driver: SqlExecutor;
  /** The schema to read every table of. Default: `"councilkit"`. */
  schema?: string;
  /** Rows read per query. Default `1000`. */
  batchSize?: number;
}

interface TableShape {
  name: string;
  keys: string[];
  bytea: string[];
}

function quoteIdentifier(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

/**
 * Every row of every table in a schema, as `ScanRow`s for
 * `scanForPersonalData` from `@councilkit/citizen/gdpr`: cases, case events,
 * idempotency records, timers, outbox, access-denied rows, cursors,
 * restrictions and the resident directory when it shares the schema. Tables
 * are found in `information_schema` when the scan starts, so a table added by
 * a later migration (or by the council) is scanned too. A row's location is
 * `table/primary key`; its value is the row as JSON, with `bytea` columns
 * (idempotency fingerprints) read as UTF-8 text so what they hold can be
 * found. Rows are read in primary-key order, a batch at a time.
 *
 * @example
 * ```ts
 * import { scanForPersonalData } from '@councilkit/citizen/gdpr';
 * import { scanStore } from '@councilkit/store-postgres';
 *
 * const subject = person.sources.map((s) => s.citizen); // taken before erasing
 * await erasure.execute(request, createSqlErasureStore({ store, directory }));
 * const findings = await scanForPersonalData({ subject, extraIds: [person.id] }, scanStore({ driver: store.driver, schema: store.schema }));
 * if (findings.length > 0) throw new Error(`Erasure left data in ${findings.map((f) => f.location).join(', ')}`);
 * ```
 */
export async function* scanStore(options: ScanStoreOptions): AsyncGenerator<ScanRow> {
  const { driver, schema = DEFAULT_SCHEMA, batchSize = 1000 } = options ?? ({} as ScanStoreOptions);
  if (!driver || typeof driver.query !== 'function') throw new StoreError('invalid-options', 'Give the database as `driver`');
  if (!Number.isInteger(batchSize) || batchSize < 1) throw new StoreError('invalid-options', 'batchSize must be a whole number of 1 or more');
  const s = quoteSchema(schema);
  const { rows: tables } = await driver.query<{ name: string; keys: string[] | null; bytea: string[] | null }>(
    `SELECT t.table_name AS name,
       (SELECT array_agg(k.column_name::text ORDER BY k.ordinal_position)
          FROM information_schema.table_constraints c
          JOIN information_schema.key_column_usage k
            ON k.constraint_schema = c.constraint_schema AND k.constraint_name = c.constraint_name AND k.table_name = c.table_name
         WHERE c.table_schema = t.table_schema AND c.table_name = t.table_name AND c.constraint_type = 'PRIMARY KEY') AS keys,
       (SELECT array_agg(col.column_name::text)
          FROM information_schema.columns col
         WHERE col.table_schema = t.table_schema AND col.table_name = t.table_name AND col.data_type = 'bytea') AS bytea
     FROM information_schema.tables t
     WHERE t.table_schema = $1::text AND t.table_type = 'BASE TABLE'
     ORDER BY t.table_name`,
    [schema],
  );
  const shapes: TableShape[] = tables.map((t) => ({ name: t.name, keys: t.keys ?? [], bytea: t.bytea ?? [] }));
  for (const table of shapes) {
    const from = `${s}.${quoteIdentifier(table.name)}`;
    const keys = table.keys.map(quoteIdentifier);
    let after: unknown[] | undefined;
    let page = 0;
    for (;;) {
      // Keyset paging on the primary key; a table without one is read a page at a time by offset.
      const order = keys.length > 0 ? `ORDER BY ${keys.join(', ')}` : '';
      const where = keys.length > 0 && after ? `WHERE (${keys.join(', ')}) > (${keys.map((_, i) => `$${i + 2}`).join(', ')})` : '';
      const offset = keys.length === 0 ? ` OFFSET ${page * batchSize}` : '';
      const { rows } = await driver.query<{ row: Record<string, unknown>; key: unknown[] }>(
        `SELECT to_jsonb(t) AS row, ${keys.length > 0 ? `jsonb_build_array(${keys.map((k) => `t.${k}`).join(', ')})` : `'[]'::jsonb`} AS key
         FROM ${from} t ${where} ${order} LIMIT $1::integer${offset}`,
        [batchSize, ...(after ?? [])],
      );
      for (const [index, { row, key }] of rows.entries()) {
        const value = typeof row === 'string' ? (JSON.parse(row) as Record<string, unknown>) : row;
        for (const column of table.bytea) {
          const hex = value[column];
          if (typeof hex === 'string' && hex.startsWith('\\x')) value[column] = Buffer.from(hex.slice(2), 'hex').toString('utf8');
        }
        const keyValues = typeof key === 'string' ? (JSON.parse(key) as unknown[]) : key;
        yield { location: `${table.name}/${keyValues.length > 0 ? keyValues.map(String).join('/') : page * batchSize + index}`, value };
      }
      if (rows.length < batchSize) break;
      const last = rows[rows.length - 1]!;
      after = typeof last.key === 'string' ? (JSON.parse(last.key) as unknown[]) : last.key;
      page += 1;
    }
  }
}
