import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { CaseDefinitionError, defineCaseType } from './define-case-type.js';
import type { CaseTypeConfig } from './define-case-type.js';
import { toMermaid } from './mermaid.js';

const schema = z.object({ note: z.string() });

function base(overrides: Partial<CaseTypeConfig<typeof schema>> = {}): CaseTypeConfig<typeof schema> {
  return {
    name: 'test.case',
    version: 1,
    schema,
    initial: 'new',
    states: { new: {}, 'in-progress': { title: 'In progress: "busy"' }, done: { terminal: true } },
    transitions: { start: { from: 'new', to: 'in-progress', guards: ['ok'] }, finish: { from: ['new', 'in-progress'], to: 'done' } },
    guards: { ok: () => true },
    ...overrides,
  };
}

function reasonOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (error) {
    if (error instanceof CaseDefinitionError) return error.reason;
    throw error;
  }
  return undefined;
}

describe('defineCaseType', () => {
  it('returns a frozen case type with lookups', () => {
    const caseType = defineCaseType(base());
    expect(caseType.transitionsFrom('new')).toEqual(['start', 'finish']);
    expect(caseType.transitionsFrom('done')).toEqual([]);
    expect(caseType.reopenTo).toBe('new');
    expect(Object.isFrozen(caseType)).toBe(true);
  });

  it.each([
    ['invalid-definition', { version: 0 }],
    ['invalid-definition', { name: 'Has Spaces' }],
    ['invalid-definition', { schema: {} as never }],
    ['unknown-initial-state', { initial: 'nowhere' }],
    ['unknown-state', { transitions: { go: { from: 'new', to: 'mars' } } }],
    ['unknown-state', { transitions: { go: { from: 'mars', to: 'done' } } }],
    ['unknown-state', { reopenTo: 'mars' }],
    ['unreachable-state', { transitions: { finish: { from: 'new', to: 'done' } } }],
    ['terminal-state-has-exits', { transitions: { start: { from: 'new', to: 'in-progress' }, finish: { from: 'in-progress', to: 'done' }, undo: { from: 'done', to: 'new' } } }],
    ['unknown-guard', { guards: {} }],
    ['unknown-effect', { transitions: { start: { from: 'new', to: 'in-progress', effects: ['ghost'] }, finish: { from: 'in-progress', to: 'done' } } }],
  ] as const)('refuses with %s', (reason, overrides) => {
    expect(reasonOf(() => defineCaseType(base(overrides as Partial<CaseTypeConfig<typeof schema>>)))).toBe(reason);
  });

  it('names the case type and the problem in the message', () => {
    expect(() => defineCaseType(base({ initial: 'nowhere' }))).toThrow(/test\.case v1: initial state "nowhere"/);
  });
});

describe('toMermaid', () => {
  it('draws states, transitions with guards, start, ends and pauses', () => {
    const caseType = defineCaseType(
      base({ states: { new: { pausesSla: true }, 'in-progress': { title: 'In progress: "busy"' }, done: { terminal: true } } }),
    );
    expect(toMermaid(caseType)).toBe(
      [
        'stateDiagram-v2',
        '  %% test.case (test.case v1)',
        `  state "In progress  'busy'" as in_progress`,
        '  [*] --> new',
        '  new --> in_progress : start [ok]',
        '  new --> done : finish',
        '  in_progress --> done : finish',
        '  done --> [*]',
        '  note right of new : SLA clock paused',
        '',
      ].join('\n'),
    );
  });
});
