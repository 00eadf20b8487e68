import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { citizenSchema } from '../schemas/citizen.js';
import { createResidentGenerator } from '../synthetic/generator.js';
import { GdprError } from './errors.js';
import { createSpecialCategoryAccess } from './special-category.js';
import type { SpecialCategoryAccessEntry } from './special-category.js';

const actor = { id: 'agent-3', teams: ['social-care'] };
const citizen = citizenSchema.parse({
  ...createResidentGenerator({ seed: 'special' }).resident(),
  vulnerabilities: [{ kind: 'mental-health', condition: 'substantial-public-interest', recordedAt: '2025-02-01T10:00:00Z' }],
  accessibilityNeeds: ['hearing-loop'],
  communicationNeeds: { britishSignLanguage: true },
});

describe('createSpecialCategoryAccess', () => {
  it('audits every read before handing the data over', async () => {
    const entries: SpecialCategoryAccessEntry[] = [];
    const access = createSpecialCategoryAccess({ onAccess: (e) => void entries.push(e), now: () => new Date('2025-06-01T10:00:00Z') });
    const data = await access.read(citizen, { actor, purpose: 'safeguarding-referral', fields: ['vulnerabilities'] });
    expect(data).toEqual({ vulnerabilities: citizen.vulnerabilities, accessibilityNeeds: [] });
    const all = await access.read(citizen, { actor, purpose: 'reasonable-adjustments' });
    expect(all.accessibilityNeeds).toEqual(['hearing-loop']);
    expect(all.communicationNeeds?.britishSignLanguage).toBe(true);
    expect(entries).toEqual([
      { actorId: 'agent-3', citizenId: citizen.id, purpose: 'safeguarding-referral', at: '2025-06-01T10:00:00.000Z', fields: ['vulnerabilities'] },
      { actorId: 'agent-3', citizenId: citizen.id, purpose: 'reasonable-adjustments', at: '2025-06-01T10:00:00.000Z', fields: ['vulnerabilities', 'accessibilityNeeds', 'communicationNeeds'] },
    ]);
  });

  it('hands nothing over when the audit fails, and needs a purpose', async () => {
    const access = createSpecialCategoryAccess({ onAccess: () => Promise.reject(new Error('audit down')) });
    await expect(access.read(citizen, { actor, purpose: 'x' })).rejects.toThrow('audit down');
    const ok = createSpecialCategoryAccess({ onAccess: () => undefined });
    await expect(ok.read(citizen, { actor, purpose: '  ' })).rejects.toMatchObject({ reason: 'invalid-request' });
    await fc.assert(
      fc.asyncProperty(fc.anything(), async (request) => {
        await expect(ok.read(citizen, request as never)).rejects.toBeInstanceOf(GdprError);
      }),
      { numRuns: 200 },
    );
    expect(() => createSpecialCategoryAccess({} as never)).toThrow(GdprError);
  });

  it('strips special category data without touching the original', () => {
    const access = createSpecialCategoryAccess({ onAccess: () => undefined });
    const stripped = access.strip(citizen);
    expect(stripped.vulnerabilities).toEqual([]);
    expect(stripped.accessibilityNeeds).toEqual([]);
    expect(stripped.communicationNeeds).toBeUndefined();
    expect(stripped.name).toEqual(citizen.name);
    expect(citizen.vulnerabilities).toHaveLength(1);
    expect(citizenSchema.safeParse(stripped).success).toBe(true);
  });
});
