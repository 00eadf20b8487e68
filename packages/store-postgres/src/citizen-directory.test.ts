import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import type { Citizen } from '@councilkit/citizen';
import { createCitizenIndex, SearchError } from '@councilkit/citizen/search';
import { createResidentGenerator } from '@councilkit/citizen/synthetic';
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCitizenDirectory } from './citizen-directory.js';
import type { CitizenDirectory } from './citizen-directory.js';
import { createPgDriver, createPGliteDriver } from './driver.js';
import type { SqlDriver } from './driver.js';
import { dropSchema, randomSchema, serverUrl, testPool } from './test-support.js';

const residents: Citizen[] = createResidentGenerator({ seed: 7 }).residents(400);

function typo(word: string): string {
  // Drop a middle letter: one edit.
  const i = Math.floor(word.length / 2);
  return word.slice(0, i) + word.slice(i + 1);
}

function suite(label: string, open: () => Promise<{ driver: SqlDriver; schema: string; cleanup: () => Promise<void> }>, expectTrigram: boolean) {
  describe(label, () => {
    let directory: CitizenDirectory;
    let cleanup: () => Promise<void>;
    let driver: SqlDriver;
    let schema: string;
    const memory = createCitizenIndex({ citizens: residents });

    beforeAll(async () => {
      ({ driver, schema, cleanup } = await open());
      directory = await createCitizenDirectory({ driver, schema });
      await directory.putMany(residents);
    }, 60_000);
    afterAll(async () => cleanup());

    it('reports whether pg_trgm serves look-ups', () => {
      expect(directory.trigramIndex).toBe(expectTrigram);
    });

    it('holds every resident, reads one back and reopens without losing data', async () => {
      expect(await directory.count()).toBe(residents.length);
      const first = residents[0]!;
      expect(await directory.get(first.id)).toEqual(first);
      const firstPage = await directory.list({ limit: 150 });
      const rest = await directory.list({ afterId: firstPage.at(-1)!.id, limit: 10_000 });
      expect(new Set([...firstPage, ...rest].map((c) => c.id))).toEqual(new Set(residents.map((r) => r.id)));
      const again = await createCitizenDirectory({ driver, schema });
      expect(await again.count()).toBe(residents.length);
    });

    it('finds a resident by exact name, a typo, postcode, UPRN and identifier, ranking like the in-memory index', async () => {
      const sample = residents.filter((r) => r.addresses[0]?.address.postcode && r.addresses[0]?.address.uprn && r.identifiers.length > 0).slice(0, 12);
      expect(sample.length).toBeGreaterThan(5);
      for (const resident of sample) {
        const address = resident.addresses[0]!.address;
        const queries = [
          { name: `${resident.name.given} ${resident.name.family}`, postcode: address.postcode! },
          { text: `${typo((resident.name.family ?? '').toLowerCase())} ${address.postcode!.replace(' ', '')}` },
          { uprn: address.uprn! },
          { identifier: resident.identifiers[0]!.value },
        ];
        for (const query of queries) {
          const sql = await directory.search(query);
          const mem = await memory.search(query);
          expect(sql.hits.map((h) => h.citizen.id)).toContain(resident.id);
          expect(sql.hits[0]?.score).toBeCloseTo(mem.hits[0]?.score ?? -1, 6);
          expect(sql.terms).toEqual(mem.terms);
        }
      }
    });

    it('finds a typo in a name alone', async () => {
      const resident = residents.find((r) => (r.name.family ?? '').length >= 6)!;
      const { hits } = await directory.search({ name: `${resident.name.given} ${typo(resident.name.family ?? '')}` });
      const hit = hits.find((h) => h.citizen.id === resident.id);
      expect(hit).toBeDefined();
      expect(hit!.reasons.some((reason) => reason.kind === 'typo' || reason.kind === 'similar')).toBe(true);
    });

    it('updates and removes', async () => {
      const resident = residents[1]!;
      await directory.put({ ...resident, name: { ...resident.name, family: 'Quixotely' } });
      const { hits } = await directory.search({ name: 'Quixotely' });
      expect(hits[0]?.citizen.id).toBe(resident.id);
      expect(await directory.remove(resident.id)).toBe(true);
      expect(await directory.remove(resident.id)).toBe(false);
      expect((await directory.search({ name: 'Quixotely' })).hits).toEqual([]);
      await directory.put(resident);
    });

    it('refuses bad queries and bad citizens with SearchError, and treats injection text as data', async () => {
      await expect(directory.search({})).rejects.toMatchObject({ name: 'SearchError', reason: 'empty-query' });
      await expect(directory.search({ limit: -1, name: 'x' })).rejects.toBeInstanceOf(SearchError);
      await expect(directory.put({ id: '' } as unknown as Citizen)).rejects.toMatchObject({ reason: 'invalid-citizen' });
      const { hits } = await directory.search({ text: "'; DROP TABLE citizen_directory; --" });
      expect(Array.isArray(hits)).toBe(true);
      expect(await directory.count()).toBe(residents.length);
    });
  });
}

suite(
  'citizen directory on PGlite with pg_trgm',
  async () => {
    const db = await PGlite.create({ extensions: { pg_trgm } });
    return { driver: createPGliteDriver({ db, ownsDb: true }), schema: 'councilkit', cleanup: () => db.close() };
  },
  true,
);

suite(
  'citizen directory on PGlite without pg_trgm (portable fallback)',
  async () => {
    const db = await PGlite.create();
    return { driver: createPGliteDriver({ db, ownsDb: true }), schema: 'councilkit', cleanup: () => db.close() };
  },
  false,
);

describe.skipIf(!serverUrl)('on PostgreSQL', () => {
  let pool: pg.Pool;
  const schema = randomSchema('ck_dir');
  beforeAll(() => {
    pool = testPool();
  });
  suite(
    'citizen directory on PostgreSQL',
    async () => ({
      driver: createPgDriver({ pool }),
      schema,
      cleanup: async () => {
        await pool.end();
        await dropSchema(schema);
      },
    }),
    true,
  );
});
