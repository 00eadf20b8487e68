/**
 * One fault to inject into a mock back office.
 *
 * @example
 * ```ts
 * backOffice.faults.inject({ operation: 'challengePcn', kind: 'error', status: 503, times: 2 });
 * backOffice.faults.inject({ kind: 'timeout', probability: 0.1 });
 * ```
 */
export interface MockFault {
  /** The operationId to affect (e.g. `findPcn`). Default: every operation. */
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

/** Internal: the controls plus the lookup the HTTP layer uses. */
export interface FaultRegistry extends MockFaultControls {
  take(operation: string): MockFault | undefined;
}

// Generic: belongs in @councilkit/connect once it offers a mock kit (waste and revenues keep their own until then).
export function createFaultRegistry(random: () => number = Math.random): FaultRegistry {
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
        if (entry.fault.probability !== undefined && random() >= entry.fault.probability) continue;
        entry.remaining -= 1;
        if (entry.remaining <= 0) faults = faults.filter((candidate) => candidate !== entry);
        return entry.fault;
      }
      return undefined;
    },
  };
}

/** Wait `ms`, or until `signal` aborts. Resolves `true` when it was aborted. */
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
