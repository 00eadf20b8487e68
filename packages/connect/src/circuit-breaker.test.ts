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
