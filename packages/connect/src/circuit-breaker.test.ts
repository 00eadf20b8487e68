import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { circuitOnFailure, circuitOnSuccess, circuitPermits, closedCircuit } from './circuit-breaker.js';
import type { CircuitState } from './circuit-breaker.js';

const policy = { failureThreshold: 3, openMs: 1000 };

describe('circuit breaker', () => {
  it('stays closed below the threshold and opens at it', () => {
    let state: CircuitState = closedCircuit;
    state = circuitOnFailure(state, 10, policy);
    state = circuitOnFailure(state, 20, policy);
    expect(state).toEqual({ state: 'closed', failures: 2 });
    expect(circuitPermits(state, 30).allowed).toBe(true);
    state = circuitOnFailure(state, 30, policy);
    expect(state).toEqual({ state: 'open', openedAt: 30, until: 1030, failures: 3 });
  });

  it('a success resets the count', () => {
    const state = circuitOnSuccess(circuitOnFailure(circuitOnFailure(closedCircuit, 0, policy), 0, policy));
    expect(circuitOnFailure(state, 0, policy)).toEqual({ state: 'closed', failures: 1 });
  });

  it('refuses while open, then lets one trial through half-open', () => {
    const open: CircuitState = { state: 'open', openedAt: 0, until: 1000, failures: 3 };
    expect(circuitPermits(open, 999)).toEqual({ allowed: false, state: open, retryAt: 1000 });
    const trial = circuitPermits(open, 1000);
    expect(trial).toEqual({ allowed: true, state: { state: 'half-open', failures: 3 } });
    expect(circuitPermits(trial.state, 1001).allowed).toBe(false);
  });

  it('closes after a good trial and re-opens after a bad one', () => {
    const halfOpen: CircuitState = { state: 'half-open', failures: 3 };
    expect(circuitOnSuccess(halfOpen)).toEqual(closedCircuit);
    expect(circuitOnFailure(halfOpen, 5000, policy)).toEqual({ state: 'open', openedAt: 5000, until: 6000, failures: 4 });
  });
});

describe('circuit breaker properties', () => {
  it('never refuses while closed, never lets two trials through, and only opens after the threshold', () => {
    const step = fc.oneof(
      fc.record({ kind: fc.constant('ask' as const), after: fc.integer({ min: 0, max: 1500 }) }),
      fc.record({ kind: fc.constant('success' as const), after: fc.integer({ min: 0, max: 1500 }) }),
      fc.record({ kind: fc.constant('failure' as const), after: fc.integer({ min: 0, max: 1500 }) }),
    );
    fc.assert(
      fc.property(fc.array(step, { maxLength: 60 }), (steps) => {
        let state: CircuitState = closedCircuit;
        let now = 0;
        let consecutive = 0;
        for (const { kind, after } of steps) {
          now += after;
          if (kind === 'ask') {
            const permit = circuitPermits(state, now);
            if (state.state === 'closed' && !permit.allowed) return false;
            if (state.state === 'half-open' && permit.allowed) return false;
            if (permit.allowed && permit.state.state === 'half-open' && circuitPermits(permit.state, now).allowed) return false;
            state = permit.state;
          } else if (kind === 'success') {
            state = circuitOnSuccess(state);
            consecutive = 0;
          } else {
            const next = circuitOnFailure(state, now, policy);
            consecutive += 1;
            if (state.state === 'closed' && next.state === 'open' && consecutive < policy.failureThreshold) return false;
            state = next;
          }
          if (state.state === 'closed' && state.failures >= policy.failureThreshold) return false;
        }
        return true;
      }),
    );
  });
});
