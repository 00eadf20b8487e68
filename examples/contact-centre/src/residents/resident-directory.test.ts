import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { createCitizenDirectory, createPGliteDriver } from '@councilkit/store-postgres';
import { describe, expect, it } from 'vitest';
import { createResidentDirectory, currentAddress } from './resident-directory.js';

const properties = [
  { uprn: '100023336956', lines: ['12 Acacia Avenue'], town: 'Anytown', postcode: 'AT1 1AA' },
  { uprn: '100023336957', lines: ['Flat 2', '14 Acacia Avenue'], town: 'Anytown', postcode: 'AT1 1AB' },
  { uprn: '100023336958', lines: ['Rose Cottage'], town: 'Anytown', postcode: 'AT1 1AD' },
];

describe('resident directory', () => {
  it('moves seeded households into the borough properties, members together', async () => {
    const directory = await createResidentDirectory({ seedCount: 40, properties });
    const uprns = new Set(properties.map((p) => p.uprn));
    for (const resident of directory.all()) {
      expect(uprns.has(currentAddress(resident)?.address.uprn ?? '')).toBe(true);
    }
    const byHousehold = new Map<string, Set<string>>();
    for (const r of directory.all()) {
      const h = r.households[0]?.householdId;
      if (!h) continue;
      byHousehold.set(h, (byHousehold.get(h) ?? new Set()).add(currentAddress(r)!.address.uprn!));
    }
    for (const places of byHousehold.values()) expect(places.size).toBe(1);
    const flat = directory.atUprn('100023336957')[0];
    expect(flat && currentAddress(flat)?.address).toMatchObject({ sao: 'Flat 2', pao: '14', street: 'Acacia Avenue' });
    expect((await directory.search('AT1 1AD')).length).toBeGreaterThan(0);
  });

  it('seeds the SQL directory once, then keeps the same residents on the next start and searches there', async () => {
    const db = await PGlite.create({ extensions: { pg_trgm } });
    try {
      const sql = await createCitizenDirectory({ driver: createPGliteDriver({ db }) });
      const first = await createResidentDirectory({ sql, seedCount: 30, seed: 'first', properties });
      expect(first.seeded).toBe(true);
      expect(await sql.count()).toBe(30);
      const second = await createResidentDirectory({ sql, seedCount: 99, seed: 'other', properties });
      expect(second.seeded).toBe(false);
      expect(new Set(second.all().map((r) => r.id))).toEqual(new Set(first.all().map((r) => r.id)));
      const someone = second.all()[0]!;
      const family = someone.name.family ?? '';
      const typo = family.slice(0, 2) + family.slice(3);
      const hits = await second.search(`${someone.name.given ?? ''} ${typo}`);
      expect(hits.map((h) => h.id)).toContain(someone.id);
      expect((await second.search('100023336958'))[0]).toMatchObject({ uprn: '100023336958', matchedOn: 'uprn' });
      expect(await second.search('   ')).toEqual([]);
    } finally {
      await db.close();
    }
  });
});
