import { z } from 'zod';
import { createWorkingDayCalendar } from '../calendar/calendar.js';
import { defineCaseType } from '../define-case-type.js';
import { createMemoryStore } from '../memory-store.js';
import type { Actor } from '../records.js';
import { createTestClock } from '../testing/fixtures.js';
import { createCaseEngine } from './engine.js';
import type { CaseEngineOptions } from './engine.js';

export const missedBin = defineCaseType({
  name: 'waste.missed-collection',
  version: 1,
  title: 'Missed bin collection',
  schema: z.object({ uprn: z.string().min(1), bins: z.array(z.string()), referredAt: z.string().optional() }),
  initial: 'received',
  states: {
    received: { title: 'Received', owner: { team: 'contact-centre', queue: 'triage' } },
    'waiting-for-resident': { title: 'Waiting for the resident', pausesSla: true },
    referred: { title: 'With the crew', owner: { team: 'waste', queue: 'missed' } },
    resolved: { title: 'Resolved', resolved: true },
    closed: { title: 'Closed', terminal: true },
  },
  transitions: {
    'ask-resident': { from: 'received', to: 'waiting-for-resident' },
    'resident-replied': { from: 'waiting-for-resident', to: 'received' },
    refer: { from: 'received', to: 'referred', guards: ['hasBins', 'notTooEarly'], effects: ['stamp', 'tellCrew'] },
    'resolve-on-call': { from: 'received', to: 'resolved', resolvesAtFirstContact: true },
    collected: { from: 'referred', to: 'resolved' },
    close: { from: 'resolved', to: 'closed' },
    withdraw: { from: ['received', 'referred'], to: 'closed' },
  },
  guards: {
    hasBins: (ctx) => ctx.data.bins.length > 0 || 'Choose at least one bin',
    notTooEarly: (ctx) => ctx.payload.tooEarly !== true || 'Collections run until 7pm; ask the resident to wait',
  },
  effects: {
    stamp: { kind: 'update-data', update: (ctx) => ({ referredAt: ctx.now.toISOString() }) },
    tellCrew: { kind: 'refer', destination: 'waste', operation: 'reportMissedCollection' },
  },
  sla: { warning: { workingDays: 1 }, breach: { workingDays: 2 } },
  escalation: [{ after: { workingDays: 3 }, title: 'Team leader review', moveTo: { team: 'waste', queue: 'escalations' } }],
});

export const socialCare = defineCaseType({
  name: 'social-care.referral',
  version: 1,
  schema: z.object({ concern: z.string() }),
  initial: 'new',
  states: { new: { owner: { team: 'social-care' } }, done: { terminal: true } },
  transitions: { finish: { from: 'new', to: 'done' } },
  access: { teams: ['social-care'] },
});

export const agent: Actor = { id: 'agent-1', teams: ['contact-centre'] };
export const otherAgent: Actor = { id: 'agent-2', teams: ['contact-centre'] };
export const socialWorker: Actor = { id: 'sw-1', teams: ['social-care'] };

export function setup(overrides: Partial<CaseEngineOptions> = {}) {
  const store = createMemoryStore();
  // Monday 23 November 2026, 09:00 GMT.
  const clock = createTestClock('2026-11-23T09:00:00.000Z');
  const calendar = createWorkingDayCalendar();
  let counter = 0;
  const engine = createCaseEngine({
    store,
    caseTypes: [missedBin, socialCare],
    calendar,
    clock,
    newId: () => `id-${(counter += 1)}`,
    ...overrides,
  });
  return { store, clock, calendar, engine };
}

export const binData = { uprn: '100023336956', bins: ['green'] };
