import { describe, expect, it } from 'vitest';
import { RevenuesError } from '../errors.js';
import { createSecondFactorGuard, normalisePostcode, normaliseSurname, type SecondFactorAuditEvent } from './second-factor.js';

const record = { postcode: 'AB1 2CD', surnames: ["O'Brien", 'Lovelace'] };

function setup(options: Parameters<typeof createSecondFactorGuard>[0] = {}) {
  let now = Date.parse('2026-11-24T09:00:00Z');
  const events: SecondFactorAuditEvent[] = [];
  const guard = createSecondFactorGuard({ ...options, now: () => new Date(now), onAudit: (event) => events.push(event) });
  return {
    guard,
    events,
    advance: (ms: number) => {
      now += ms;
    },
  };
}

describe('second factor matching', () => {
  it('normalises postcodes and surnames', () => {
    expect(normalisePostcode(' ab1  2cd ')).toBe('AB12CD');
    expect(normaliseSurname("O'Brien")).toBe('obrien');
    expect(normaliseSurname('Brontë')).toBe('bronte');
  });

  it('passes a matching postcode or any liable party surname', () => {
    const { guard } = setup();
    expect(guard.verify({ accountReference: 'A1', given: { postcode: 'ab12cd' }, record })).toEqual({ outcome: 'passed' });
    expect(guard.verify({ accountReference: 'A1', given: { surname: 'OBRIEN' }, record })).toEqual({ outcome: 'passed' });
    expect(guard.verify({ accountReference: 'A1', given: { surname: 'lovelace' }, record })).toEqual({ outcome: 'passed' });
  });

  it('never passes an empty factor', () => {
    const { guard } = setup();
    expect(guard.verify({ accountReference: 'A1', given: { surname: "'-" }, record: { postcode: '', surnames: ["'"] } })).toMatchObject({ outcome: 'failed' });
    expect(guard.verify({ accountReference: 'A1', given: { postcode: '  ' }, record: { postcode: '', surnames: [] } })).toMatchObject({ outcome: 'failed' });
  });
});

describe('createSecondFactorGuard', () => {
  it('locks after 5 failures in 15 minutes, refuses even the right answer, then unlocks', () => {
    const { guard, advance, events } = setup();
    for (let attempt = 1; attempt <= 4; attempt += 1) {
      expect(guard.verify({ accountReference: 'A1', given: { postcode: 'ZZ9 9ZZ' }, record, actor: 'agent-7' })).toEqual({ outcome: 'failed', remainingAttempts: 5 - attempt });
      advance(60_000);
    }
    expect(guard.verify({ accountReference: 'A1', given: { surname: 'Smith' }, record })).toEqual({ outcome: 'locked', retryAt: '2026-11-24T09:19:00.000Z' });
    expect(guard.lockedUntil('A1')).toBe('2026-11-24T09:19:00.000Z');
    expect(guard.verify({ accountReference: 'A1', given: { postcode: 'AB1 2CD' }, record })).toMatchObject({ outcome: 'locked' });
    expect(guard.verify({ accountReference: 'B2', given: { postcode: 'AB1 2CD' }, record })).toEqual({ outcome: 'passed' });
    advance(15 * 60_000);
    expect(guard.lockedUntil('A1')).toBeUndefined();
    expect(guard.verify({ accountReference: 'A1', given: { postcode: 'AB1 2CD' }, record })).toEqual({ outcome: 'passed' });
    expect(events.map((event) => event.type)).toEqual([
      'second-factor.failed',
      'second-factor.failed',
      'second-factor.failed',
      'second-factor.failed',
      'second-factor.failed',
      'second-factor.locked',
      'second-factor.refused-while-locked',
      'second-factor.passed',
      'second-factor.passed',
    ]);
    expect(events[0]).toMatchObject({ accountReference: 'A1', factor: 'postcode', actor: 'agent-7', failures: 1 });
    expect(JSON.stringify(events)).not.toContain('ZZ9');
  });

  it('forgets failures older than the window', () => {
    const { guard, advance } = setup();
    for (let attempt = 0; attempt < 4; attempt += 1) guard.verify({ accountReference: 'A1', given: { postcode: 'X' }, record });
    advance(15 * 60_000 + 1);
    expect(guard.verify({ accountReference: 'A1', given: { postcode: 'X' }, record })).toEqual({ outcome: 'failed', remainingAttempts: 4 });
  });

  it('is configurable', () => {
    const { guard, advance } = setup({ maxFailures: 2, windowMs: 60_000, lockoutMs: 5_000 });
    guard.verify({ accountReference: 'A1', given: { postcode: 'X' }, record });
    expect(guard.verify({ accountReference: 'A1', given: { postcode: 'X' }, record })).toEqual({ outcome: 'locked', retryAt: '2026-11-24T09:00:05.000Z' });
    advance(5_000);
    expect(guard.verify({ accountReference: 'A1', given: { postcode: 'AB12CD' }, record })).toEqual({ outcome: 'passed' });
  });

  it('refuses bad options and malformed factors without counting them', () => {
    expect(() => createSecondFactorGuard({ maxFailures: 0 })).toThrow(RevenuesError);
    const { guard, events } = setup();
    expect(() => guard.verify({ accountReference: 'A1', given: { postcode: 'x'.repeat(5000) }, record })).toThrow(RevenuesError);
    expect(() => guard.verify({ accountReference: 'A1', given: { postcode: 1 } as unknown as { postcode: string }, record })).toThrow(RevenuesError);
    expect(events).toHaveLength(0);
  });
});
