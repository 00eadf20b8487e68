import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseCitizen } from './parse-citizen.js';
import { createRedactor, redactCitizen } from './redact.js';
import type { Citizen } from './schemas/types.js';
import { createResidentGenerator } from './synthetic/index.js';

// Values that describe the record's shape, not the person: allowed to survive.
const SHAPE_KEYS = new Set(['kind', 'use', 'preferred', 'verified', 'precision', 'scheme', 'purpose', 'lawfulBasis', 'status', 'preferredChannel', 'relationship', 'condition', 'interpreter', 'britishSignLanguage', 'textRelay', 'system']);

/** Every personal value in a citizen: all leaf values except those under shape keys. */
function personalValues(value: unknown, key = ''): string[] {
  if (value === null || value === undefined || typeof value === 'boolean') return [];
  if (typeof value === 'string' || typeof value === 'number') return SHAPE_KEYS.has(key) ? [] : [String(value)];
  if (Array.isArray(value)) return value.flatMap((item) => personalValues(item, key));
  return Object.entries(value as Record<string, unknown>).flatMap(([k, v]) => personalValues(v, k));
}

function leaves(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (value === null || typeof value !== 'object') return [];
  return Object.values(value as Record<string, unknown>).flatMap(leaves);
}

function expectNoneSurvive(original: unknown, redacted: unknown, { extra = [] as string[] } = {}): void {
  const out = leaves(redacted);
  const json = JSON.stringify(redacted);
  for (const personal of [...personalValues(original), ...extra]) {
    // Short values (a house number "2", a language "cy") are checked as whole values; longer ones anywhere in the text.
    const leaked = personal.length >= 4 ? json.includes(personal) : out.includes(personal);
    if (leaked) throw new Error(`personal value ${JSON.stringify(personal)} survived in ${json}`);
  }
}

describe('redactCitizen', { timeout: 60_000 }, () => {
  it('leaves no personal value of any synthetic resident anywhere in the output', () => {
    const generator = createResidentGenerator({ seed: 'redact' });
    for (const citizen of generator.residents(1000)) expectNoneSurvive(citizen, redactCitizen(citizen));
  });

  it('keeps the shape of the record for logs and drops special category data without trace', () => {
    const result = parseCitizen({
      id: 'c-9',
      name: { given: 'Ada', family: 'Lovelace' },
      dateOfBirth: '1985',
      addresses: [
        { address: { pao: '2', street: 'High Street', town: 'Leeds', postcode: 'LS1 1AA' } },
        { address: { pao: '3', street: 'Low Street', town: 'Leeds', postcode: 'LS2 1AA' }, from: '2001-01-01', to: '2010-01-01' },
      ],
      contactPoints: [{ kind: 'email', value: 'ada@example.com', preferred: true }],
      preferredChannel: 'email',
      identifiers: [{ scheme: 'nino', value: 'AB123456C' }],
      consents: [{ purpose: 'case-management', lawfulBasis: 'public-task', recordedAt: '2025-01-01T00:00:00Z' }],
      accessibilityNeeds: ['wheelchair-user'],
      communicationNeeds: { language: 'cy', interpreter: true },
      vulnerabilities: [{ kind: 'mental-health', condition: 'substantial-public-interest', recordedAt: '2025-01-01T00:00:00Z', note: 'Anxious on the phone' }],
    });
    if (!result.success) throw new Error(JSON.stringify(result.errors));
    const redacted = redactCitizen(result.citizen);
    expect(redacted).toEqual({
      id: '[redacted]',
      redacted: true,
      dateOfBirthPrecision: 'year',
      addresses: [
        { use: 'home', current: true },
        { use: 'home', current: false },
      ],
      contactPoints: [{ kind: 'email', use: 'home', preferred: true, verified: false }],
      preferredChannel: 'email',
      identifiers: [{ scheme: 'nino' }],
      consents: [{ purpose: 'case-management', lawfulBasis: 'public-task', status: 'given' }],
      householdLinks: 0,
    });
    const json = JSON.stringify(redacted);
    for (const word of ['wheelchair', 'mental', 'Anxious', 'interpreter', 'vulnerab', 'accessib']) expect(json).not.toContain(word);
    expect(redactCitizen(result.citizen, { keepId: true }).id).toBe('c-9');
  });
});

describe('createRedactor', { timeout: 60_000 }, () => {
  const redactor = createRedactor();

  it('removes personal data from a nested log object by key and from free text by pattern', () => {
    const citizen = createResidentGenerator({ seed: 'log' }).resident();
    const log = {
      level: 'info',
      msg: 'Resident ada.lovelace@example.com called from 0113 496 0000 about SW1A 1AA, NI AB 12 34 56 C, NHS 943 476 5919',
      caseId: 'WST-42',
      durationMs: 1520,
      request: { body: { resident: citizen, first_name: 'Grace', 'Post-Code': 'M1 1AE' } },
      error: new Error('No match for +44 20 7946 0000 or gir 0aa or BFPO 57'),
      detail: `UPRN ${citizen.addresses[0]?.address.uprn ?? ''} at ${Date.UTC(2025, 0, 1)}`,
    };
    const out = redactor.redact(log) as Record<string, unknown>;
    expectNoneSurvive(citizen, out, {
      extra: ['ada.lovelace@example.com', '0113 496 0000', 'SW1A 1AA', 'AB 12 34 56 C', '943 476 5919', 'Grace', 'M1 1AE', '+44 20 7946 0000', 'gir 0aa', 'BFPO 57'],
    });
    expect(out).toMatchObject({ level: 'info', caseId: 'WST-42', durationMs: 1520 });
    expect(out.detail).toBe('UPRN [redacted:number] at 1735689600000');
    expect(out.msg).toBe('Resident [redacted:email] called from [redacted:phone] about [redacted:postcode], NI [redacted:nino], NHS [redacted:number]');
    expect(out.error).toMatchObject({ name: 'Error', message: 'No match for [redacted:phone] or [redacted:postcode] or [redacted:postcode]' });
  });

  it('takes extra keys, allowed keys, its own replacement, and can leave text alone', () => {
    const custom = createRedactor({ keys: ['caseNotes'], allowKeys: ['town'], replacement: '***', scanText: false });
    expect(custom.redact({ caseNotes: 'x', town: 'Leeds', email: 'a@b.com', msg: 'a@b.com' })).toEqual({ caseNotes: '***', town: 'Leeds', email: '***', msg: 'a@b.com' });
  });

  it('copes with cycles, depth, maps, sets, dates, binary and throwing getters without throwing', () => {
    const cyclic: Record<string, unknown> = { id: 1 };
    cyclic.self = cyclic;
    const throwing = Object.defineProperty({}, 'boom', {
      enumerable: true,
      get() {
        throw new Error('nope');
      },
    });
    const out = redactor.redact({
      cyclic,
      deep: { a: { b: { c: { d: 1 } } } },
      map: new Map([['email', 'x@y.com']]),
      set: new Set(['x@y.com']),
      when: new Date('2025-01-01T00:00:00Z'),
      bytes: new Uint8Array([1, 2]),
      throwing,
      big: 10n,
    });
    expect(out).toEqual({
      cyclic: { id: 1, self: '[circular]' },
      deep: { a: { b: { c: { d: 1 } } } },
      map: { email: '[redacted]' },
      set: ['[redacted:email]'],
      when: '2025-01-01T00:00:00.000Z',
      bytes: '[binary]',
      throwing: { boom: '[unreadable]' },
      big: '10',
    });
    expect(createRedactor({ maxDepth: 2 }).redact({ a: { b: { c: 1 } } })).toEqual({ a: { b: '[truncated]' } });
  });

  it('never throws for any input (fuzzed)', () => {
    fc.assert(
      fc.property(fc.anything({ maxDepth: 5, withBigInt: true, withDate: true, withMap: true, withSet: true, withNullPrototype: true, withObjectString: true, withTypedArray: true, withSparseArray: true, withBoxedValues: true }), (input) => {
        const out = redactor.redact(input);
        expect(() => JSON.stringify(out)).not.toThrow();
      }),
      { numRuns: 1000 },
    );
    fc.assert(
      fc.property(fc.anything({ maxDepth: 3 }), (input) => {
        expect(() => redactCitizen(input as Citizen)).not.toThrow();
      }),
      { numRuns: 500 },
    );
    fc.assert(
      fc.property(fc.anything({ maxDepth: 2 }), fc.anything({ maxDepth: 2 }), (options, input) => {
        expect(() => createRedactor(options as never).redact(input)).not.toThrow();
        expect(() => redactCitizen(input as Citizen, options as never)).not.toThrow();
      }),
      { numRuns: 500 },
    );
  });
});
