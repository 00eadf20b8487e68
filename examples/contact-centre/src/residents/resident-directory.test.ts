import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
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
    expect(directory.search('AT1 1AD').length).toBeGreaterThan(0);
  });

  it('seeds once, then keeps the same residents on the next start', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'cc-residents-'));
    try {
      const file = join(dir, 'residents.json');
      const first = await createResidentDirectory({ file, seedCount: 30, seed: 'first' });
      expect(first.seeded).toBe(true);
      const second = await createResidentDirectory({ file, seedCount: 99, seed: 'other' });
      expect(second.seeded).toBe(false);
      expect(second.all()).toEqual(first.all());
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
