import { describe, expect, it } from 'vitest';
import { citizenSchema } from '../schemas/citizen.js';
import { householdSchema } from '../schemas/household.js';
import { createResidentGenerator, SyntheticOptionsError } from './index.js';

describe('createResidentGenerator', { timeout: 60_000 }, () => {
  it('gives the same residents for the same seed, and different ones for another seed', () => {
    const a = createResidentGenerator({ seed: 7 }).residents(50);
    const b = createResidentGenerator({ seed: 7 }).residents(50);
    const c = createResidentGenerator({ seed: 8 }).residents(50);
    expect(a).toEqual(b);
    expect(JSON.stringify(a)).toEqual(JSON.stringify(b));
    expect(c.map((r) => r.name)).not.toEqual(a.map((r) => r.name));
  });

  it('produces records that are already valid and normalised: parsing changes nothing', () => {
    const generator = createResidentGenerator({ seed: 'valid', today: new Date('2025-06-01T00:00:00Z') });
    for (const resident of generator.residents(2000)) {
      const parsed = citizenSchema.safeParse(resident);
      if (!parsed.success) throw new Error(`${resident.id}: ${JSON.stringify(parsed.error.issues)}`);
      expect(parsed.data).toEqual(resident);
    }
  });

  it('builds households whose members share the address and link back', () => {
    const generator = createResidentGenerator({ seed: 3 });
    for (let i = 0; i < 200; i += 1) {
      const { household, residents } = generator.household();
      expect(householdSchema.parse(household)).toEqual(household);
      expect(household.members.map((m) => m.citizenId)).toEqual(residents.map((r) => r.id));
      expect(residents[0]?.households[0]).toMatchObject({ householdId: household.id, relationship: 'head' });
      for (const resident of residents) {
        expect(resident.households[0]?.householdId).toBe(household.id);
        expect(resident.addresses[0]?.address).toEqual(household.address);
      }
    }
  });

  it('gives messy input that normalises back to the same resident', () => {
    const generator = createResidentGenerator({ seed: 'messy' });
    let changed = 0;
    for (const resident of generator.residents(1000)) {
      const input = generator.messy(resident);
      if (JSON.stringify(input) !== JSON.stringify(resident)) changed += 1;
      const parsed = citizenSchema.safeParse(input);
      if (!parsed.success) throw new Error(`${resident.id}: ${JSON.stringify(parsed.error.issues)}`);
      expect(parsed.data).toEqual(resident);
    }
    expect(changed).toBeGreaterThan(900);
  });

  it('uses reserved ranges for contact details and NHS numbers, and unique ids', () => {
    const residents = createResidentGenerator({ seed: 11, idPrefix: 'test-' }).residents(3000);
    const emails = residents.flatMap((r) => r.contactPoints.filter((p) => p.kind === 'email').map((p) => p.value));
    const nhs = residents.flatMap((r) => r.identifiers.filter((i) => i.scheme === 'nhs-number').map((i) => i.value));
    expect(emails.length).toBeGreaterThan(1000);
    expect(emails.every((e) => /@example\.(com|org|net)$/.test(e))).toBe(true);
    expect(nhs.every((n) => n.startsWith('999'))).toBe(true);
    expect(new Set(residents.map((r) => r.id)).size).toBe(3000);
    expect(residents[0]?.id).toMatch(/^test-r-\d{6}$/);
    const surnames = new Set(residents.map((r) => r.name.family));
    expect(surnames.size).toBeGreaterThan(100);
    const precisions = new Set(residents.map((r) => r.dateOfBirth?.precision));
    expect(precisions).toEqual(new Set(['full', 'year-month', 'year']));
  });

  it('copes with generating as at 29 February', () => {
    const generator = createResidentGenerator({ seed: 'leap', today: new Date('2024-02-29T12:00:00Z') });
    for (const resident of generator.residents(300)) {
      const parsed = citizenSchema.safeParse(resident);
      if (!parsed.success) throw new Error(`${resident.id}: ${JSON.stringify(parsed.error.issues)}`);
    }
  });

  it('refuses unusable options with a typed error', () => {
    expect(() => createResidentGenerator({ seed: Number.NaN })).toThrow(SyntheticOptionsError);
    expect(() => createResidentGenerator({ seed: 1, idPrefix: 'has space' })).toThrow(/idPrefix/);
    expect(() => createResidentGenerator({ seed: 1, today: new Date(Date.now() + 86_400_000) })).toThrow(/future/);
    expect(createResidentGenerator({ seed: 1 }).residents(0)).toEqual([]);
    expect(createResidentGenerator({ seed: 1 }).residents(-5)).toEqual([]);
  });
});
