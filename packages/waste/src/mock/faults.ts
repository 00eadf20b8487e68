/**
 * One fault to inject into the mock back office.
 *
 * @example
 * ```ts
 * backOffice.faults.inject({ operation: 'reportMissedCollection', kind: 'error', status: 503, times: 2 });
 * backOffice.faults.inject({ kind: 'timeout', probability: 0.1 });
 * ```
 */
export interface FaultSpec {
  /** The operationId to affect (e.g. `getPropertyServices`). Default: every operation. */
  operation?: string;
  /**
   * - `error`: answer with a problem+json error (`status`, default 503, with `Retry-After: 1`).
   * - `timeout`: never answer (until the caller gives up and aborts, or `delayMs` passes, then 504).
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
 * ```
 */
export interface FaultControls {
  /** Add a fault. Returns a function that removes it. */
  inject(spec: FaultSpec): () => void;
  /** Remove every fault. */
  clear(): void;
  /** The faults still active, in the order they are checked. */
  active(): FaultSpec[];
}

interface ActiveFault {
  spec: FaultSpec;
  remaining: number;
}

/** Internal: the registry plus the lookup the HTTP layer uses. */
export interface FaultRegistry extends FaultControls {
  take(operation: string): FaultSpec | undefined;
}

export function createFaultRegistry(random: () => number = Math.random): FaultRegistry {
  let faults: ActiveFault[] = [];
  return {
    inject(spec) {
      const entry: ActiveFault = { spec: { ...spec }, remaining: spec.times ?? Number.POSITIVE_INFINITY };
      faults.push(entry);
      return () => {
        faults = faults.filter((f) => f !== entry);
      };
    },
    clear() {
      faults = [];
    },
    active() {
      return faults.map((f) => ({ ...f.spec }));
    },
    take(operation) {
      for (const fault of faults) {
        if (fault.spec.operation !== undefined && fault.spec.operation !== operation) continue;
        if (fault.remaining <= 0) continue;
        if (fault.spec.probability !== undefined && random() >= fault.spec.probability) continue;
        fault.remaining -= 1;
        if (fault.remaining <= 0) faults = faults.filter((f) => f !== fault);
        return fault.spec;
      }
      return undefined;
    },
  };
}
