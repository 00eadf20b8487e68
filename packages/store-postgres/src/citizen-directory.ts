import { citizenSchema } from '@councilkit/citizen';
import type { Citizen } from '@councilkit/citizen';
import { createAliasSets, ukNicknames } from '@councilkit/citizen/matching';
import type { AliasSets } from '@councilkit/citizen/matching';
import { citizenSearchDocument, parseSearchQuery, scoreCitizen, SearchError } from '@councilkit/citizen/search';
import type { CitizenSearch, CitizenSearchHit, CitizenSearchQuery, CitizenSearchResult, SearchTerm } from '@councilkit/citizen/search';
import type { SqlDriver, SqlExecutor } from './driver.js';
import { StoreError } from './errors.js';
import { DEFAULT_SCHEMA, quoteSchema } from './schema-name.js';

/**
 * Options for {@link createCitizenDirectory}.
 *
 * @example
 * ```ts
 * const options: CitizenDirectoryOptions = { driver: createPGliteDriver({ db }), schema: 'councilkit' };
 * ```
 */
export interface CitizenDirectoryOptions {
  /** Where the directory lives: a PostgreSQL or PGlite driver (`store.driver` of a SQL case store works). */
  driver: SqlDriver;
  /** Schema holding the `citizen_directory` table. Default `councilkit`. */
  schema?: string;
  /** Most candidates fetched from SQL and scored per search, those matching the most query terms first. Default `100`. */
  maxCandidates?: number;
  /** Nickname sets, so `Bob` finds Robert. Default: the UK nickname sets; `null` for none. */
  aliases?: AliasSets | null;
}

/**
 * A resident directory in SQL: the citizen search contract from
 * `@councilkit/citizen/search` plus upkeep. Ranks exactly as the in-memory
 * index does (candidates come from SQL, scoring from `scoreCitizen`).
 *
 * @example
 * ```ts
 * const directory: CitizenDirectory = await createCitizenDirectory({ driver });
 * await directory.putMany(citizens);
 * const { hits } = await directory.search({ text: 'smyth ls14ap' });
 * ```
 */
export interface CitizenDirectory extends CitizenSearch {
  /** Add or replace citizens (validated; one transaction; batched inserts). Rejects with `SearchError` `invalid-citizen`. */
  putMany(citizens: readonly Citizen[]): Promise<void>;
  /** Add or replace one citizen. */
  put(citizen: Citizen): Promise<void>;
  /** The citizen with this id, if any. */
  get(citizenId: string): Promise<Citizen | undefined>;
  /** Remove a citizen; `false` when it was not there. */
  remove(citizenId: string): Promise<boolean>;
  /** Remove the citizen under `citizenId` and add `replacement` (under its own id) in one transaction; erasure uses it to put a pseudonymised record in place of a real one. */
  replace(citizenId: string, replacement: Citizen): Promise<void>;
  /** How many citizens are held. */
  count(): Promise<number>;
  /** A page of citizens in id order, after `afterId` (default: from the start); `limit` default 1000, at most 10000. */
  list(options?: { afterId?: string; limit?: number }): Promise<Citizen[]>;
  /**
   * Mark a citizen restricted (UK GDPR Article 18) or not: a restricted
   * citizen is kept but left out of searches unless the query sets
   * `includeRestricted`. `false` when the citizen is not held.
   */
  setRestricted(citizenId: string, restricted: boolean): Promise<boolean>;
  /** Whether the citizen is marked restricted. */
  isRestricted(citizenId: string): Promise<boolean>;
  /** Whether `pg_trgm` serves typo-tolerant candidate look-ups (otherwise whole words, prefixes and a trigram-key fallback do). */
  readonly trigramIndex: boolean;
}

const BATCH = 500;
// word_similarity of a one-letter typo in a five-letter name is about 0.5; lower brings noise, higher loses typos.
const WORD_SIMILARITY = '0.45';

interface Row {
  citizen: Citizen | string;
}

function parseJson(value: Citizen | string): Citizen {
  return typeof value === 'string' ? (JSON.parse(value) as Citizen) : value;
}

/**
 * Open (and create if missing) a SQL resident directory on PostgreSQL or
 * PGlite. Uses `pg_trgm` with GIN trigram indexes when the extension can be
 * enabled (on PGlite, create the database with
 * `extensions: { pg_trgm }` from `@electric-sql/pglite/contrib/pg_trgm`);
 * otherwise falls back to portable trigram keys in a GIN-indexed `text[]`.
 *
 * @example
 * ```ts
 * import { PGlite } from '@electric-sql/pglite';
 * import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
 * import { createCitizenDirectory, createPGliteDriver } from '@councilkit/store-postgres';
 *
 * const db = await PGlite.create({ extensions: { pg_trgm } });
 * const directory = await createCitizenDirectory({ driver: createPGliteDriver({ db }) });
 * const { hits } = await directory.search({ name: 'Jon Smyth', postcode: 'LS1 4AP' });
 * ```
 */
export async function createCitizenDirectory(options: CitizenDirectoryOptions): Promise<CitizenDirectory> {
  const { driver, schema = DEFAULT_SCHEMA, maxCandidates = 100 } = options;
  if (!Number.isInteger(maxCandidates) || maxCandidates < 1 || maxCandidates > 10_000) {
    throw new StoreError('invalid-options', 'maxCandidates must be a whole number from 1 to 10000');
  }
  const aliases = options.aliases === null ? undefined : (options.aliases ?? createAliasSets(ukNicknames));
  const s = quoteSchema(schema);
  const table = `${s}.citizen_directory`;

  let trigramIndex = false;
  try {
    await driver.query('CREATE EXTENSION IF NOT EXISTS pg_trgm');
    trigramIndex = true;
  } catch {
    // Two starts creating the extension at once can collide, and a role without CREATE may still find it installed.
    const { rows } = await driver.query<{ present: boolean }>(`SELECT EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'pg_trgm') AS present`);
    trigramIndex = rows[0]?.present === true;
  }
  await driver.transaction(async (tx) => {
    await tx.query(`CREATE SCHEMA IF NOT EXISTS ${s}`);
    await tx.query(`CREATE TABLE IF NOT EXISTS ${table} (
      id text PRIMARY KEY,
      citizen jsonb NOT NULL,
      names text NOT NULL,
      name_words text[] NOT NULL,
      address text NOT NULL,
      postcodes text[] NOT NULL,
      districts text[] NOT NULL,
      uprns text[] NOT NULL,
      identifiers text[] NOT NULL,
      date_of_birth text,
      gram_keys text[] NOT NULL,
      updated_at timestamptz NOT NULL DEFAULT now()
    )`);
    // Directories made before restriction was enforced gain the column on their next start.
    await tx.query(`ALTER TABLE ${table} ADD COLUMN IF NOT EXISTS restricted boolean NOT NULL DEFAULT false`);
    for (const column of ['name_words', 'postcodes', 'districts', 'uprns', 'identifiers']) {
      await tx.query(`CREATE INDEX IF NOT EXISTS citizen_directory_${column} ON ${table} USING gin (${column})`);
    }
    if (trigramIndex) {
      await tx.query(`CREATE INDEX IF NOT EXISTS citizen_directory_names_trgm ON ${table} USING gin (names gin_trgm_ops)`);
      await tx.query(`CREATE INDEX IF NOT EXISTS citizen_directory_address_trgm ON ${table} USING gin (address gin_trgm_ops)`);
    } else {
      await tx.query(`CREATE INDEX IF NOT EXISTS citizen_directory_gram_keys ON ${table} USING gin (gram_keys)`);
    }
  });

  function validate(citizen: Citizen): Citizen {
    const parsed = citizenSchema.safeParse(citizen);
    if (!parsed.success) {
      throw new SearchError('invalid-citizen', `Citizen is not valid: ${parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ')}`);
    }
    return parsed.data as Citizen;
  }

  async function insertBatch(tx: SqlExecutor, batch: readonly Citizen[]): Promise<void> {
    const rows = batch.map((citizen) => {
      const doc = citizenSearchDocument(citizen);
      return {
        id: citizen.id,
        citizen: JSON.stringify(citizen),
        names: doc.name.join(' '),
        name_words: doc.name,
        address: doc.address.join(' '),
        postcodes: doc.postcodes,
        districts: doc.postcodes.map((postcode) => postcode.slice(0, -3)),
        uprns: doc.uprns,
        identifiers: doc.identifiers,
        date_of_birth: doc.dateOfBirth,
        gram_keys: trigramIndex ? [] : [...new Set([...doc.name.flatMap(grams), ...doc.address.flatMap(grams)])],
      };
    });
    // One jsonb parameter per batch keeps the statement text fixed and the parameter count small.
    await tx.query(
      `INSERT INTO ${table} (id, citizen, names, name_words, address, postcodes, districts, uprns, identifiers, date_of_birth, gram_keys, updated_at)
       SELECT r.id, r.citizen::jsonb, r.names, r.name_words, r.address, r.postcodes, r.districts, r.uprns, r.identifiers, r.date_of_birth, r.gram_keys, now()
       FROM jsonb_to_recordset($1::jsonb) AS r(id text, citizen text, names text, name_words text[], address text, postcodes text[], districts text[], uprns text[], identifiers text[], date_of_birth text, gram_keys text[])
       ON CONFLICT (id) DO UPDATE SET citizen = EXCLUDED.citizen, names = EXCLUDED.names, name_words = EXCLUDED.name_words, address = EXCLUDED.address,
         postcodes = EXCLUDED.postcodes, districts = EXCLUDED.districts, uprns = EXCLUDED.uprns, identifiers = EXCLUDED.identifiers,
         date_of_birth = EXCLUDED.date_of_birth, gram_keys = EXCLUDED.gram_keys, updated_at = now()`,
      [JSON.stringify(rows)],
    );
  }

  async function putMany(citizens: readonly Citizen[]): Promise<void> {
    const valid = citizens.map(validate);
    if (valid.length === 0) return;
    await driver.transaction(async (tx) => {
      for (let i = 0; i < valid.length; i += BATCH) await insertBatch(tx, valid.slice(i, i + BATCH));
    });
  }

  function candidateSql(terms: readonly SearchTerm[], includeRestricted: boolean): { text: string; params: unknown[] } {
    // Restricted residents are left out before the candidate limit, so they cannot crowd others out.
    const from = includeRestricted ? `${table} WHERE` : `${table} WHERE NOT restricted AND`;
    const params: unknown[] = [];
    const param = (value: unknown) => {
      params.push(value);
      return `$${params.length}`;
    };
    const branches: string[] = [];
    for (const term of terms) {
      const weight = term.weight;
      for (const field of term.fields) {
        if (field === 'name') {
          const value = term.term.toLowerCase();
          const names = [value, ...(aliases ? (aliases.setsOf(value) ?? []).flatMap((set) => aliases.sets[set] ?? []) : [])];
          branches.push(`SELECT id, ${Number(weight)}::float8 AS w FROM ${from} name_words && ${param(names)}::text[]`);
          branches.push(trigramIndex ? trigramBranch('names', value, weight) : gramBranch(value, weight));
        } else if (field === 'address') {
          const value = term.term.toLowerCase();
          branches.push(trigramIndex ? trigramBranch('address', value, weight) : gramBranch(value, weight));
        } else if (field === 'postcode') {
          const value = term.term.toUpperCase().replace(/\s+/g, '');
          branches.push(`SELECT id, ${Number(weight)}::float8 AS w FROM ${from} postcodes && ${param([value])}::text[]`);
          const district = value.length >= 5 ? value.slice(0, -3) : value;
          branches.push(`SELECT id, ${Number(weight) / 2}::float8 AS w FROM ${from} districts && ${param([district])}::text[]`);
        } else if (field === 'uprn') {
          branches.push(`SELECT id, ${Number(weight)}::float8 AS w FROM ${from} uprns && ${param([term.term.replace(/^0+/, '')])}::text[]`);
        } else if (field === 'identifier') {
          branches.push(`SELECT id, ${Number(weight)}::float8 AS w FROM ${from} identifiers && ${param([term.term])}::text[]`);
        }
        // Dates of birth alone are too unselective to fetch by; they still count in scoring.
      }
    }
    function trigramBranch(column: 'names' | 'address', value: string, weight: number): string {
      const p = param(value);
      return `SELECT id, ${Number(weight)} * word_similarity(${p}, ${column}) AS w FROM ${from} ${p} <% ${column}`;
    }
    function gramBranch(value: string, weight: number): string {
      const list = grams(value);
      const p = param(list);
      // Portable fallback: share at least half the query word's trigrams.
      return `SELECT id, ${Number(weight)}::float8 AS w FROM ${from} gram_keys && ${p}::text[]
        AND cardinality(ARRAY(SELECT unnest(gram_keys) INTERSECT SELECT unnest(${p}::text[]))) * 2 >= ${Number(list.length)}`;
    }
    if (branches.length === 0) return { text: '', params };
    const text = `SELECT d.citizen FROM (
        SELECT id, sum(w) AS score FROM (${branches.join('\n UNION ALL ')}) AS hits GROUP BY id ORDER BY score DESC, id LIMIT ${Number(maxCandidates)}
      ) AS c JOIN ${table} AS d ON d.id = c.id`;
    return { text, params };
  }

  async function search(query: CitizenSearchQuery): Promise<CitizenSearchResult> {
    const parsed = parseSearchQuery(query);
    if (!parsed.ok) {
      throw new SearchError(parsed.empty ? 'empty-query' : 'invalid-query', parsed.errors.join('; ') || 'Enter a name, postcode, address or reference');
    }
    const { terms, limit, minScore, includeRestricted } = parsed.query;
    const { text, params } = candidateSql(terms, includeRestricted);
    if (text === '') return { hits: [], terms };
    const rows = await driver.transaction(async (tx) => {
      if (trigramIndex) await tx.query(`SELECT set_config('pg_trgm.word_similarity_threshold', $1, true)`, [WORD_SIMILARITY]);
      return (await tx.query<Row>(text, params)).rows;
    });
    const hits: CitizenSearchHit[] = [];
    for (const row of rows) {
      const citizen = parseJson(row.citizen);
      const { score, reasons } = scoreCitizen(citizenSearchDocument(citizen), terms, aliases ? { aliases } : {});
      if (score >= minScore) hits.push({ citizen, score, reasons });
    }
    hits.sort((a, b) => b.score - a.score || (a.citizen.id < b.citizen.id ? -1 : a.citizen.id > b.citizen.id ? 1 : 0));
    return { hits: hits.slice(0, limit), terms };
  }

  return {
    get trigramIndex() {
      return trigramIndex;
    },
    search,
    putMany,
    put: (citizen) => putMany([citizen]),
    async get(citizenId) {
      const { rows } = await driver.query<Row>(`SELECT citizen FROM ${table} WHERE id = $1`, [citizenId]);
      return rows[0] ? parseJson(rows[0].citizen) : undefined;
    },
    async remove(citizenId) {
      const { rowCount } = await driver.query(`DELETE FROM ${table} WHERE id = $1`, [citizenId]);
      return rowCount > 0;
    },
    async setRestricted(citizenId, restricted) {
      const { rowCount } = await driver.query(`UPDATE ${table} SET restricted = $2 WHERE id = $1`, [citizenId, restricted]);
      return rowCount > 0;
    },
    async isRestricted(citizenId) {
      const { rows } = await driver.query<{ restricted: boolean }>(`SELECT restricted FROM ${table} WHERE id = $1`, [citizenId]);
      return rows[0]?.restricted === true;
    },
    async replace(citizenId, replacement) {
      const valid = validate(replacement);
      await driver.transaction(async (tx) => {
        await tx.query(`DELETE FROM ${table} WHERE id = $1`, [citizenId]);
        await insertBatch(tx, [valid]);
      });
    },
    async list(page = {}) {
      const limit = Math.min(Math.max(Math.trunc(page.limit ?? 1000), 1), 10_000);
      const { rows } = await driver.query<Row>(`SELECT citizen FROM ${table} WHERE id > $1 ORDER BY id LIMIT $2`, [page.afterId ?? '', limit]);
      return rows.map((row) => parseJson(row.citizen));
    },
    async count() {
      const { rows } = await driver.query<{ n: number | string }>(`SELECT count(*)::int AS n FROM ${table}`);
      return Number(rows[0]?.n ?? 0);
    },
  };
}

function grams(word: string): string[] {
  const padded = `  ${word.toLowerCase()} `;
  const out = new Set<string>();
  for (let i = 0; i + 3 <= padded.length; i += 1) out.add(padded.slice(i, i + 3));
  return [...out];
}
