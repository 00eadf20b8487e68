import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { Pool, PoolConfig } from 'pg';

/** A constructor for `pg` pools. */
export type PgPoolConstructor = new (config?: PoolConfig) => Pool;

let cached: PgPoolConstructor | undefined;

function fromParts(): PgPoolConstructor {
  // Some runners (Vitest configured with the `import` export condition) start
  // Node with `--conditions=import`. pg's CommonJS entry then receives pg-pool's
  // ES module namespace from require() and fails to load. The parts themselves
  // load fine, so assemble the same pool pg would build.
  const require = createRequire(import.meta.url);
  const pgEntry = require.resolve('pg');
  const fromPg = createRequire(pgEntry);
  const poolModule = fromPg('pg-pool') as { default?: unknown };
  const BasePool = (poolModule.default ?? poolModule) as new (config: Record<string, unknown>) => Pool;
  const clientModule = fromPg(join(dirname(pgEntry), '..', 'lib', 'client.js')) as { default?: unknown };
  const Client = clientModule.default ?? clientModule;
  return class extends BasePool {
    constructor(config: PoolConfig = {}) {
      super({ ...config, Client } as Record<string, unknown>);
    }
  } as unknown as PgPoolConstructor;
}

/** Load `pg`'s Pool lazily, so importing this package never loads `pg` for PGlite-only users. */
export function loadPgPool(): PgPoolConstructor {
  if (cached) return cached;
  const require = createRequire(import.meta.url);
  try {
    const pg = require('pg') as { default?: { Pool?: unknown }; Pool?: unknown };
    const Pool = pg.Pool ?? pg.default?.Pool;
    if (typeof Pool === 'function') {
      cached = Pool as PgPoolConstructor;
      return cached;
    }
  } catch {
    // Fall through to assembling the pool from its parts.
  }
  cached = fromParts();
  return cached;
}
