/**
 * The production case store on PostgreSQL and the embedded default on PGlite: one SQL dialect.
 *
 * - {@link createPostgresStore}: PostgreSQL through `pg` (production).
 * - {@link createPGliteStore}: PGlite in memory or in a data directory (laptops, demos, small sites).
 * - {@link createStore}: `DATABASE_URL` set means PostgreSQL, otherwise PGlite.
 * - {@link createCitizenDirectory}: a resident directory with typo-tolerant, ranked citizen search (pg_trgm where available).
 * - {@link createSqlErasureStore} and {@link scanStore}: UK GDPR erasure and restriction on the case store and directory, and a scan of every table for what is left.
 *
 * @packageDocumentation
 */
export { createStore } from './create-store.js';
export type { CreateStoreOptions } from './create-store.js';
export { createPostgresStore } from './postgres-store.js';
export type { PostgresStoreOptions } from './postgres-store.js';
export { createPGliteStore } from './pglite-store.js';
export type { PGliteStoreOptions } from './pglite-store.js';
export { createSqlStore } from './sql-store.js';
export type { SqlCaseStore, SqlStoreHandles, SqlStoreOptions } from './sql-store.js';
export { createPgDriver, createPGliteDriver } from './driver.js';
export type { PgDriverOptions, PGliteDriverOptions, PGliteVacuumOptions, SqlDriver, SqlExecutor, SqlResult } from './driver.js';
export { migrate, storeMigrations } from './migrations.js';
export type { Migration, MigrationReport } from './migrations.js';
export { createCitizenDirectory } from './citizen-directory.js';
export type { CitizenDirectory, CitizenDirectoryOptions } from './citizen-directory.js';
export { createSqlErasureStore } from './erasure-store.js';
export type { ErasureRestriction, SqlErasureStore, SqlErasureStoreOptions } from './erasure-store.js';
export { createSqlDataProtectionRecords } from './data-protection-records.js';
export type { SqlDataProtectionRecords, SqlDataProtectionRecordsOptions } from './data-protection-records.js';
export { scanStore } from './store-scan.js';
export type { ScanStoreOptions } from './store-scan.js';
export { StoreError } from './errors.js';
export type { StoreErrorReason } from './errors.js';
export { DEFAULT_SCHEMA } from './schema-name.js';
