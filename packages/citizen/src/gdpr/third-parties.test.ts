import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { citizenSchema } from '../schemas/citizen.js';
import { createResidentGenerator } from '../synthetic/generator.js';
import { createThirdPartyRedactor, THIRD_PARTY } from './third-parties.js';

const ada = citizenSchema.parse({ id: 'c-1', name: { given: 'Ada', family: 'Lovelace' }, households: [{ householdId: 'hh-1', relationship: 'head' }] });
const liam = citizenSchema.parse({
  id: 'c-2',
  name: { given: 'Liam', family: 'Lovelace' },
  households: [{ householdId: 'hh-1', relationship: 'child' }],
  contactPoints: [{ kind: 'phone', value: '020 7946 0001' }, { kind: 'email', value: 'liam@example.com' }],
  identifiers: [{ scheme: 'nino', value: 'AB123456C' }],
});
const neighbour = citizenSchema.parse({ id: 'c-3', name: { given: 'Bob', family: 'Jones', title: 'Mr' } });

describe('createThirdPartyRedactor', () => {
  it('redacts other known people’s names, identifiers and contact details, never the subject’s', () => {
    const redactor = createThirdPartyRedactor({ subject: [ada], others: [ada, liam, neighbour] });
    expect(redactor.text('Ada Lovelace rang about LIAM lovelace (020 7946 0001, liam@example.com, NI ab 12 34 56). Liam was in. Mr Jones complained; Bob is fine')).toBe(
      `Ada Lovelace rang about ${THIRD_PARTY} (${THIRD_PARTY}, ${THIRD_PARTY}, NI ${THIRD_PARTY}). ${THIRD_PARTY} was in. ${THIRD_PARTY} complained; Bob is fine`,
    );
    // First names alone only for the subject's household; whole words only.
    expect(redactor.text('Bobby and Liamson')).toBe('Bobby and Liamson');
    expect(redactor.value({ notes: ['Lovelace, Liam called'], n: 1 })).toEqual({ notes: [`${THIRD_PARTY} called`], n: 1 });
    expect(redactor.count).toBe(7);
  });

  it('leaves a phone number the subject shares with a third party (a landline) in the subject’s export', () => {
    const adaWithLandline = citizenSchema.parse({ ...ada, contactPoints: [{ kind: 'phone', value: '020 7946 0001' }] });
    const redactor = createThirdPartyRedactor({ subject: [adaWithLandline], others: [liam] });
    expect(redactor.text('Home phone 020 7946 0001, Liam on liam@example.com')).toBe(`Home phone 020 7946 0001, ${THIRD_PARTY} on ${THIRD_PARTY}`);
  });

  it('works with a whole council’s directory of residents', () => {
    const people = createResidentGenerator({ seed: 'directory' }).residents(20_000);
    const [subject, ...others] = people as [(typeof people)[number], ...typeof people];
    const redactor = createThirdPartyRedactor({ subject: [subject], others });
    const named = others[12_345] as (typeof people)[number];
    const phone = named.contactPoints.find((p) => p.kind === 'phone')?.value;
    const out = redactor.text(`Neighbour ${named.name.given} ${named.name.family} complained${phone ? ` from ${phone}` : ''}.`);
    expect(out).toBe(`Neighbour ${THIRD_PARTY} complained${phone ? ` from ${THIRD_PARTY}` : ''}.`);
  });

  it('never throws and leaves no third-party full name in any text', () => {
    const redactor = createThirdPartyRedactor({ subject: [ada], others: [liam, neighbour] });
    fc.assert(
      fc.property(fc.string(), fc.string(), (before, after) => {
        const out = redactor.text(`${before} Liam Lovelace ${after}`);
        expect(out.toLowerCase()).not.toMatch(/(?<![\p{L}\p{N}])liam\s+lovelace(?![\p{L}\p{N}])/u);
      }),
      { numRuns: 500 },
    );
    fc.assert(fc.property(fc.anything(), (value) => void redactor.value(value)), { numRuns: 300 });
  });
});
