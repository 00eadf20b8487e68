import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { citizenSchema } from '../schemas/citizen.js';
import type { Citizen } from '../schemas/types.js';
import { createResidentGenerator } from '../synthetic/generator.js';
import { createCitizenIndex } from './citizen-index.js';
import { SearchError } from './contract.js';
import { parseSearchQuery } from './query.js';
import { trigramSimilarity } from './trigram.js';

const residents = createResidentGenerator({ seed: 'search' }).residents(2000);
const index = createCitizenIndex({ citizens: residents });

function homeOf(citizen: Citizen) {
  return citizen.addresses.find((entry) => entry.use === 'home' && entry.to === undefined)?.address ?? citizen.addresses[0]?.address;
}

function typo(word: string): string {
  // Swap two middle letters: one Damerau-Levenshtein edit.
  const i = Math.floor(word.length / 2);
  return word.slice(0, i - 1) + word.charAt(i) + word.charAt(i - 1) + word.slice(i + 1);
}

function rankOf(hits: ReadonlyArray<{ citizen: Citizen }>, id: string): number {
  return hits.findIndex((hit) => hit.citizen.id === id);
}

// Residents with a long given name, a long surname, a postcode and a NINO make queries with something to get wrong.
const targets = residents
  .filter((r) => (r.name.given?.length ?? 0) >= 5 && (r.name.family?.length ?? 0) >= 5 && homeOf(r)?.postcode && r.identifiers.some((i) => i.scheme === 'nino'))
  .slice(0, 25);

describe('createCitizenIndex', () => {
  it('has targets to search for', () => {
    expect(targets.length).toBe(25);
    expect(index.size).toBe(2000);
  });

  it('finds exact name + postcode at the top with reasons', async () => {
    for (const target of targets) {
      const { hits } = await index.search({ name: `${target.name.given} ${target.name.family}`, postcode: homeOf(target)?.postcode });
      expect(hits[0]?.citizen.id, target.id).toBe(target.id);
      expect(hits[0]?.score).toBe(1);
      expect(hits[0]?.reasons.map((r) => r.field).sort()).toEqual(['name', 'name', 'postcode']);
      expect(hits[0]?.reasons.every((r) => r.kind === 'exact')).toBe(true);
    }
  });

  it('finds typo’d names with a postcode without its space, from the one search box', async () => {
    let top = 0;
    for (const target of targets) {
      const postcode = (homeOf(target)?.postcode ?? '').replace(' ', '').toLowerCase();
      const { hits } = await index.search({ text: `${typo(target.name.given ?? '')} ${typo(target.name.family ?? '')} ${postcode}` });
      const rank = rankOf(hits, target.id);
      expect(rank, target.id).toBeGreaterThanOrEqual(0);
      if (rank === 0) top += 1;
      expect(hits[rank]?.reasons.some((r) => r.kind === 'typo')).toBe(true);
    }
    // Household members share the postcode and often the surname, so allow a few where another resident ties.
    expect(top).toBeGreaterThanOrEqual(22);
  });

  it('finds partial names: the start of each name and the outward code', async () => {
    for (const target of targets.slice(0, 10)) {
      const outward = (homeOf(target)?.postcode ?? '').split(' ')[0] as string;
      const { hits } = await index.search({ name: `${target.name.given?.slice(0, 3)} ${target.name.family?.slice(0, 4)}`, postcode: outward, limit: 200 });
      const rank = rankOf(hits, target.id);
      expect(rank, target.id).toBeGreaterThanOrEqual(0);
      expect(hits[rank]?.reasons.some((r) => r.kind === 'prefix' && r.field === 'postcode')).toBe(true);
    }
  });

  it('finds by identifier: NINO with or without suffix and spaces, council tax account, UPRN', async () => {
    for (const target of targets) {
      const nino = target.identifiers.find((i) => i.scheme === 'nino')?.value as string;
      const spaced = `${nino.slice(0, 2)} ${nino.slice(2, 4)} ${nino.slice(4, 6)} ${nino.slice(6)} C`.toLowerCase();
      const byNino = await index.search({ text: spaced });
      expect(byNino.hits[0]?.citizen.id).toBe(target.id);
      expect(byNino.hits[0]?.reasons[0]).toMatchObject({ field: 'identifier', kind: 'exact' });
      const ctax = target.identifiers.find((i) => i.scheme === 'council-tax-account')?.value;
      if (ctax) expect((await index.search({ identifier: ctax })).hits.map((h) => h.citizen.id)).toContain(target.id);
      const uprn = homeOf(target)?.uprn;
      if (uprn) {
        const byUprn = await index.search({ text: uprn });
        expect(byUprn.hits.map((h) => h.citizen.id)).toContain(target.id);
        expect(byUprn.hits.every((h) => h.reasons.some((r) => r.field === 'uprn' || r.field === 'identifier'))).toBe(true);
      }
    }
  });

  it('ranks exact above typo above unrelated, and a mistyped NINO still finds the person', async () => {
    const target = targets[0] as Citizen;
    const family = target.name.family as string;
    const exact = await index.search({ name: family, limit: 200 });
    const typoed = await index.search({ name: typo(family), limit: 200 });
    const exactRank = rankOf(exact.hits, target.id);
    expect(exactRank).toBeGreaterThanOrEqual(0);
    expect(exact.hits[exactRank]?.score).toBeGreaterThan(typoed.hits[rankOf(typoed.hits, target.id)]?.score ?? 1);
    for (let i = 1; i < exact.hits.length; i += 1) expect(exact.hits[i - 1]!.score).toBeGreaterThanOrEqual(exact.hits[i]!.score);
    const nino = target.identifiers.find((i) => i.scheme === 'nino')?.value as string;
    const wrongDigit = nino.slice(0, 7) + ((Number(nino.charAt(7)) + 1) % 10);
    const byTypo = await index.search({ identifier: wrongDigit });
    expect(byTypo.hits[0]?.citizen.id).toBe(target.id);
    expect(byTypo.hits[0]?.reasons[0]?.kind).toBe('typo');
    expect((await index.search({ name: 'Qwxzvbnm Jjjjjjjj' })).hits).toEqual([]);
  });

  it('supports date of birth with a swapped day and month', async () => {
    const target = targets.find((t) => t.dateOfBirth?.precision === 'full' && Number(t.dateOfBirth.value.slice(8)) <= 12 && t.dateOfBirth.value.slice(5, 7) !== t.dateOfBirth.value.slice(8)) as Citizen;
    const [y, m, d] = (target.dateOfBirth?.value as string).split('-');
    const { hits } = await index.search({ name: target.name.family, dateOfBirth: `${y}-${d}-${m}`, limit: 200 });
    const hit = hits[rankOf(hits, target.id)];
    expect(hit?.reasons.find((r) => r.field === 'dateOfBirth')?.kind).toBe('swapped');
  });

  it('finds nicknames through the matching alias sets (Bob for Robert, not Robin for Robert)', async () => {
    const make = (id: string, given: string) => citizenSchema.parse({ id, name: { given, family: 'Quimby' } });
    const own = createCitizenIndex({ citizens: [make('r1', 'Robert'), make('r2', 'Robin'), make('r3', 'Margaret')] });
    const bob = await own.search({ name: 'Bob' });
    expect(bob.hits.map((h) => [h.citizen.id, h.reasons[0]?.kind])).toEqual([['r1', 'alias']]);
    expect((await own.search({ name: 'peggy quimby' })).hits[0]?.citizen.id).toBe('r3');
    const robin = (await own.search({ name: 'robin', minScore: 0 })).hits;
    expect(robin[0]?.citizen.id).toBe('r2');
    expect(robin.find((h) => h.citizen.id === 'r1')?.reasons[0]?.kind).not.toBe('alias');
    const rob = (await own.search({ name: 'rob' })).hits;
    expect(rob.find((h) => h.citizen.id === 'r1')?.reasons[0]?.kind).toBe('alias');
    expect(rob.find((h) => h.citizen.id === 'r2')?.reasons[0]?.kind).toBe('alias');
    const plain = createCitizenIndex({ citizens: [make('r1', 'Robert')], aliases: null });
    expect((await plain.search({ name: 'Bob' })).hits).toEqual([]);
  });

  it('adds, updates and removes', async () => {
    const own = createCitizenIndex();
    const [a] = createResidentGenerator({ seed: 'upkeep' }).residents(1) as [Citizen];
    own.add(a);
    expect(() => own.add(a)).toThrow(SearchError);
    expect((await own.search({ name: a.name.family })).hits).toHaveLength(1);
    own.update(citizenSchema.parse({ ...a, name: { given: 'Zebedee', family: 'Quimby' } }));
    expect((await own.search({ name: a.name.family })).hits).toHaveLength(0);
    expect((await own.search({ name: 'zebedee quimby' })).hits[0]?.citizen.id).toBe(a.id);
    expect(own.remove(a.id)).toBe(true);
    expect(own.remove(a.id)).toBe(false);
    expect(own.size).toBe(0);
    expect((await own.search({ name: 'quimby' })).hits).toEqual([]);
    expect(() => own.update(a)).toThrow(SearchError);
    expect(() => own.add({ id: 'x' } as unknown as Citizen)).toThrow(expect.objectContaining({ reason: 'invalid-citizen' }));
  });

  it('refuses empty and malformed queries with typed reasons', async () => {
    await expect(index.search({})).rejects.toMatchObject({ reason: 'empty-query' });
    await expect(index.search({ text: '  ,, ' })).rejects.toMatchObject({ reason: 'empty-query' });
    await expect(index.search({ limit: -1, name: 'x' })).rejects.toMatchObject({ reason: 'invalid-query' });
    await expect(index.search({ name: 'x'.repeat(501) })).rejects.toMatchObject({ reason: 'invalid-query' });
    await expect(index.search({ surname: 'x' } as never)).rejects.toMatchObject({ reason: 'invalid-query' });
    await expect(index.search({ dateOfBirth: 'last tuesday' })).rejects.toMatchObject({ reason: 'invalid-query' });
  });
});

describe('parseSearchQuery', () => {
  it('reads the search box', () => {
    const parsed = parseSearchQuery({ text: 'Ada Lovelace sw1y 4jh AB 12 34 56 C 100023336956 03/04/1980' });
    expect(parsed.ok && parsed.query.terms.map((t) => [t.fields.join('/'), t.term])).toEqual([
      ['name/address', 'ada'],
      ['name/address', 'lovelace'],
      ['postcode', 'SW1Y4JH'],
      ['identifier', 'AB123456'],
      ['uprn/identifier', '100023336956'],
      ['dateOfBirth', '1980-04-03'],
    ]);
  });

  it('never throws, whatever it is given', async () => {
    fc.assert(
      fc.property(fc.anything(), (input) => {
        const result = parseSearchQuery(input);
        expect(typeof result.ok).toBe('boolean');
      }),
      { numRuns: 500 },
    );
    await fc.assert(
      fc.asyncProperty(fc.record({ text: fc.string({ maxLength: 120 }), name: fc.string({ maxLength: 40 }), postcode: fc.string({ maxLength: 10 }), dateOfBirth: fc.string({ maxLength: 12 }) }, { requiredKeys: [] }), async (query) => {
        const result = parseSearchQuery(query);
        if (result.ok) {
          const found = await index.search(query);
          expect(found.hits.length).toBeLessThanOrEqual(20);
          for (const hit of found.hits) expect(hit.score).toBeGreaterThanOrEqual(0.35);
        } else {
          await expect(index.search(query)).rejects.toBeInstanceOf(SearchError);
        }
      }),
      { numRuns: 200 },
    );
  });

  it('trigram similarity agrees with pg_trgm on known values', () => {
    // Values from PostgreSQL 15 pg_trgm 1.6: similarity('smith','smyth') = 0.33333334, ('word','words') = 0.5714286, ('ls14ap','ls14pa') = 0.4.
    expect(trigramSimilarity('smith', 'smyth')).toBeCloseTo(0.33333334, 6);
    expect(trigramSimilarity('word', 'words')).toBeCloseTo(0.5714286, 6);
    expect(trigramSimilarity('ls14ap', 'ls14pa')).toBeCloseTo(0.4, 6);
    expect(trigramSimilarity('a', 'a')).toBe(1);
  });
});

describe('restricted residents (UK GDPR Article 18)', () => {
  it('are left out of searches unless asked for, kept through updates, and back once the restriction is lifted', async () => {
    const [target] = targets as [Citizen];
    const local = createCitizenIndex({ citizens: [...residents.slice(0, 200).filter((r) => r.id !== target.id), target] });
    const query = { name: `${target.name.given} ${target.name.family}`, postcode: homeOf(target)!.postcode! };
    const ids = async (includeRestricted?: boolean) => (await local.search({ ...query, ...(includeRestricted === undefined ? {} : { includeRestricted }) })).hits.map((h) => h.citizen.id);
    expect(await ids()).toContain(target.id);
    expect(local.setRestricted(target.id, true)).toBe(true);
    expect(local.isRestricted(target.id)).toBe(true);
    expect(await ids()).not.toContain(target.id);
    expect(await ids(true)).toContain(target.id);
    local.update(target);
    expect(await ids()).not.toContain(target.id);
    local.setRestricted(target.id, false);
    expect(await ids()).toContain(target.id);
    expect(local.setRestricted('nobody', true)).toBe(false);
    expect(parseSearchQuery({ text: 'smith', includeRestricted: 'yes' as never })).toMatchObject({ ok: false });
  });
});
