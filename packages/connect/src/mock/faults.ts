/**
 * One fault to inject into a mock back office.
 *
 * @example
 * ```ts
 * backOffice.faults.inject({ operation: 'reportMissedCollection', kind: 'error', status: 503, times: 2 });
 * backOffice.faults.inject({ kind: 'timeout', probability: 0.1 });
 * ```
 */
export interface MockFault {
  /** The operationId to affect (e.g. `getAccount`). Default: every operation. */
  operation?: string;
  /**
   * - `error`: answer with a problem+json error (`status`, default 503, with `Retry-After: 1`).
   * - `timeout`: never answer (until the caller aborts, or `delayMs` passes, then 504).
   * - `slow`: wait `delayMs`, then answer normally.
   * - `malformed`: answer 200 with a truncated JSON body.
   */
  kind: 'error' | 'timeout' | 'slow' | 'malformed';
  /** HTTP status for `error`. Default: `503`. */
  status?: number;
  /** How many requests it affects before it is used up. Default: unlimited. */
  times?: number;
  /** Chance (0..1) each matching request is affected. Default: `1`. */
  probability?: number;
  /** Delay for `slow` (default 200 ms) and the longest a `timeout` hangs (default 30 000 ms). */
  delayMs?: number;
}

/**
 * Fault injection controls on a mock back office.
 *
 * @example
 * ```ts
 * const remove = backOffice.faults.inject({ kind: 'slow', delayMs: 500 });
 * remove();
 * backOffice.faults.clear();
 * ```
 */
export interface MockFaultControls {
  /** Add a fault. Returns a function that removes it. */
  inject(fault: MockFault): () => void;
  /** Remove every fault. */
  clear(): void;
  /** The faults still active, in the order they are checked. */
  active(): MockFault[];
}

/**
 * The fault controls plus the lookup a mock's HTTP layer makes for each request.
 *
 * @example
 * ```ts
 * const faults: MockFaultRegistry = createFaultRegistry();
 * const fault = faults.take('getAccount'); // undefined unless one was injected
 * ```
 */
export interface MockFaultRegistry extends MockFaultControls {
  /** The first active fault that applies to this operation, used up by one; `undefined` when none applies. */
  take(operation: string): MockFault | undefined;
}

/**
 * Create a fault registry: faults are checked in the order they were
 * injected, and one with `times` is removed once used up.
 *
 * @param random - Randomness for `probability`. Default: `Math.random`.
 *
 * @example
 * ```ts
 * const faults = createFaultRegistry();
 * faults.inject({ operation: 'getAccount', kind: 'error', status: 503, times: 1 });
 * faults.take('getAccount'); // the fault
 * faults.take('getAccount'); // undefined: it was used up
 * ```
 */
export function createFaultRegistry(random: () => number = Math.random): MockFaultRegistry {
  let faults: { fault: MockFault; remaining: number }[] = [];
  return {
    inject(fault) {
      const entry = { fault: { ...fault }, remaining: fault.times ?? Number.POSITIVE_INFINITY };
      faults.push(entry);
      return () => {
        faults = faults.filter((candidate) => candidate !== entry);
      };
    },
    clear() {
      faults = [];
    },
    active: () => faults.map((entry) => ({ ...entry.fault })),
    take(operation) {
      for (const entry of faults) {
        if (entry.fault.operation !== undefined && entry.fault.operation !== operation) continue;
        if (entry.remaining <= 0) continue;
        if (entry.fault.probability !== undefined && random() >= entry.fault.probability) continue;
        entry.remaining -= 1;
        if (entry.remaining <= 0) faults = faults.filter((candidate) => candidate !== entry);
        return entry.fault;
      }
      return undefined;
    },
  };
}

/**
 * Wait `ms`, or until `signal` aborts, whichever comes first. Resolves
 * `true` when it was aborted. A mock uses it for `slow` and `timeout`
 * faults, so a caller that gives up is not kept waiting.
 *
 * @example
 * ```ts
 * const aborted = await wait(200, request.signal);
 * ```
 */
export function wait(ms: number, signal: AbortSignal | undefined): Promise<boolean> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve(true);
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve(false);
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      resolve(true);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
