/**
 * Circuit breaker settings, per back office.
 *
 * @example
 * ```ts
 * const circuitBreaker: CircuitBreakerPolicy = { failureThreshold: 5, openMs: 30_000 };
 * ```
 */
export interface CircuitBreakerPolicy {
  /** Consecutive retryable failures that open the circuit. Default `5`. */
  failureThreshold: number;
  /** How long the circuit stays open before one trial call is let through, in milliseconds. Default `30000`. */
  openMs: number;
}

/**
 * The breaker policy used when the dispatcher is given none.
 *
 * @example
 * ```ts
 * circuitOnFailure(closedCircuit, Date.now(), defaultCircuitBreakerPolicy);
 * ```
 */
export const defaultCircuitBreakerPolicy: CircuitBreakerPolicy = { failureThreshold: 5, openMs: 30_000 };

/**
 * A circuit breaker's state, as plain data:
 * - `closed`: calls flow; `failures` counts consecutive failures.
 * - `open`: calls are refused until `until` (epoch ms).
 * - `half-open`: one trial call is in flight; its outcome closes or re-opens the circuit.
 *
 * @example
 * ```ts
 * const state: CircuitState = dispatcher.circuits().waste ?? closedCircuit;
 * if (state.state === 'open') console.log(`waste paused until ${new Date(state.until).toISOString()}`);
 * ```
 */
export type CircuitState =
  | { state: 'closed'; failures: number }
  | { state: 'open'; openedAt: number; until: number; failures: number }
  | { state: 'half-open'; failures: number };

/**
 * A fresh, closed circuit.
 *
 * @example
 * ```ts
 * let state: CircuitState = closedCircuit;
 * ```
 */
export const closedCircuit: CircuitState = { state: 'closed', failures: 0 };

/**
 * Ask the breaker whether a call may go now. An open circuit whose time is up
 * moves to `half-open` and lets exactly one trial through; further calls wait
 * until the trial settles.
 *
 * Pure: returns the next state; store it.
 *
 * @example
 * ```ts
 * const { allowed, state } = circuitPermits(current, Date.now());
 * if (!allowed) return; // try again later
 * ```
 */
export function circuitPermits(current: CircuitState, now: number): { allowed: boolean; state: CircuitState; retryAt?: number } {
  switch (current.state) {
    case 'closed':
      return { allowed: true, state: current };
    case 'open':
      if (now >= current.until) return { allowed: true, state: { state: 'half-open', failures: current.failures } };
      return { allowed: false, state: current, retryAt: current.until };
    case 'half-open':
      return { allowed: false, state: current };
  }
}

/**
 * Record a successful call: the circuit closes and the failure count resets.
 *
 * @example
 * ```ts
 * circuitOnSuccess({ state: 'half-open', failures: 5 }); // { state: 'closed', failures: 0 }
 * ```
 */
export function circuitOnSuccess(_current: CircuitState): CircuitState {
  return closedCircuit;
}

/**
 * Record a failed call that says the back office is unwell (timeout, network,
 * 5xx, 429). A failed half-open trial re-opens at once; a closed circuit opens
 * when consecutive failures reach the threshold. A rejection (4xx) proves the
 * back office is answering, so record it with {@link circuitOnSuccess}.
 *
 * @example
 * ```ts
 * let state = closedCircuit;
 * for (let i = 0; i < 5; i++) state = circuitOnFailure(state, now, defaultCircuitBreakerPolicy);
 * state.state; // 'open'
 * ```
 */
export function circuitOnFailure(current: CircuitState, now: number, policy: CircuitBreakerPolicy): CircuitState {
  const failures = current.failures + 1;
  if (current.state === 'half-open' || failures >= policy.failureThreshold) {
    return { state: 'open', openedAt: now, until: now + policy.openMs, failures };
  }
  if (current.state === 'open') return { ...current, failures };
  return { state: 'closed', failures };
}
