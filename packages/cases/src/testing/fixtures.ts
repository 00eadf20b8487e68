import type { CaseRecord, JsonObject } from '../records.js';

/**
 * A clock tests can move by hand.
 *
 * @example
 * ```ts
 * const clock = createTestClock('2026-11-23T09:00:00Z');
 * clock.advance({ hours: 25 });
 * ```
 */
export interface TestClock {
  /** The clock's now. */
  now(): Date;
  /** Jump to an instant. */
  set(instant: string | Date): void;
  /** Move forward. */
  advance(by: { ms?: number; minutes?: number; hours?: number; days?: number }): void;
}

/**
 * Create a {@link TestClock} starting at `start`.
 *
 * @example
 * ```ts
 * const clock = createTestClock('2026-11-23T09:00:00Z');
 * const engine = createCaseEngine({ store, caseTypes, clock });
 * ```
 */
export function createTestClock(start: string | Date = '2026-11-23T09:00:00.000Z'): TestClock {
  let current = new Date(start).getTime();
  return {
    now: () => new Date(current),
    set(instant) {
      current = new Date(instant).getTime();
    },
    advance({ ms = 0, minutes = 0, hours = 0, days = 0 }) {
      current += ms + minutes * 60_000 + hours * 3_600_000 + days * 86_400_000;
    },
  };
}

/**
 * A valid case record for store tests, with overrides.
 *
 * @example
 * ```ts
 * const record = sampleCaseRecord({ id: 'case-1', citizenId: 'cit-1' });
 * await store.commit({ case: record, expectedVersion: 0, events: [] });
 * ```
 */
export function sampleCaseRecord(overrides: Partial<CaseRecord> & { data?: JsonObject } = {}): CaseRecord {
  const openedAt = overrides.openedAt ?? '2026-11-23T09:00:00.000Z';
  return {
    id: 'case-1',
    caseType: 'test.case',
    caseTypeVersion: 1,
    state: 'received',
    status: 'open',
    version: 1,
    data: { subject: 'test' },
    channel: 'phone',
    team: 'contact-centre',
    queue: 'general',
    openedAt,
    updatedAt: openedAt,
    reopenCount: 0,
    externalReferences: [],
    attachments: [],
    ...overrides,
  };
}
