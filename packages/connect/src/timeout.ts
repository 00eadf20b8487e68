import { ConnectError } from './errors.js';

/**
 * Options for {@link createCallTimeout}.
 *
 * @example
 * ```ts
 * const options: CallTimeoutOptions = { timeoutMs: 5000, windowMs: 25 };
 * ```
 */
export interface CallTimeoutOptions {
  /** No call is aborted before this many milliseconds have passed since it started. Required: an integer from 1 to 600000. */
  timeoutMs: number;
  /**
   * Calls starting within this many milliseconds of each other share one
   * signal, so a call may run up to `timeoutMs + windowMs` before it is
   * aborted. Default: `25`. An integer from 0 (one signal per call) to 1000.
   */
  windowMs?: number | undefined;
}

/**
 * Per-call timeout signals made by {@link createCallTimeout}.
 *
 * @example
 * ```ts
 * const timeouts: CallTimeout = createCallTimeout({ timeoutMs: 5000 });
 * const response = await fetch(url, { signal: timeouts.signal() });
 * ```
 */
export interface CallTimeout {
  /** The least time a call is given, in milliseconds. */
  readonly timeoutMs: number;
  /** The width of the window whose calls share a signal, in milliseconds. */
  readonly windowMs: number;
  /**
   * The signal for a call starting now. It aborts with a `TimeoutError`
   * DOMException (as `AbortSignal.timeout` does) no sooner than `timeoutMs`
   * from now and, timers permitting, no later than `timeoutMs + windowMs`.
   * Test `signal.aborted` after a failure to tell a timeout from other errors.
   */
  signal(): AbortSignal;
}

// undici raises the listener limit of a signal handed to fetch to 1500 and
// only drops a finished request's listener when it is garbage collected; a
// fresh signal well before that keeps very busy clients free of leak warnings.
const MAX_CALLS_PER_SIGNAL = 1000;

function fire(controller: AbortController, deadline: number): void {
  // Timers can run a little early against the monotonic clock (libuv's loop
  // time is cached); wait out the rest rather than cut a call short.
  const left = deadline - performance.now();
  if (left > 0) {
    unref(setTimeout(fire, Math.ceil(left), controller, deadline));
    return;
  }
  controller.abort(new DOMException('The operation was aborted due to timeout', 'TimeoutError'));
}

function unref(timer: unknown): void {
  // A pending timeout must not keep the process alive on its own, as with AbortSignal.timeout.
  (timer as { unref?: () => void }).unref?.();
}

/**
 * Timeout signals for many calls at a fraction of the cost of
 * `AbortSignal.timeout` per call: calls that start within the same short
 * window share one signal (and one timer) that fires at the window's start
 * plus `timeoutMs + windowMs`, so no call is aborted before `timeoutMs` and
 * none waits more than `timeoutMs + windowMs`. Options out of range throw a
 * {@link ConnectError} with reason `invalid-options`.
 *
 * @example
 * ```ts
 * import { createCallTimeout } from '@councilkit/connect';
 *
 * const timeouts = createCallTimeout({ timeoutMs: 5000 });
 * const signal = timeouts.signal();
 * try {
 *   await fetch('https://backoffice.example.gov.uk/v1/ping', { signal });
 * } catch (error) {
 *   if (signal.aborted) console.log('no answer within 5 s');
 * }
 * ```
 */
export function createCallTimeout(options: CallTimeoutOptions): CallTimeout {
  const timeoutMs = options?.timeoutMs;
  const windowMs = options?.windowMs ?? 25;
  if (!Number.isInteger(timeoutMs) || timeoutMs < 1 || timeoutMs > 600_000) {
    throw new ConnectError('invalid-options', `timeoutMs must be an integer from 1 to 600000, got ${String(timeoutMs)}`);
  }
  if (!Number.isInteger(windowMs) || windowMs < 0 || windowMs > 1000) {
    throw new ConnectError('invalid-options', `windowMs must be an integer from 0 to 1000, got ${String(windowMs)}`);
  }
  let current: AbortSignal | undefined;
  let openUntil = 0;
  let calls = 0;

  return {
    timeoutMs,
    windowMs,
    signal() {
      const now = performance.now();
      if (current === undefined || now >= openUntil || calls >= MAX_CALLS_PER_SIGNAL) {
        const controller = new AbortController();
        // Every call joining this signal starts before now + windowMs, so firing at now + timeoutMs + windowMs gives each at least timeoutMs.
        const deadline = now + timeoutMs + windowMs;
        unref(setTimeout(fire, timeoutMs + windowMs, controller, deadline));
        current = controller.signal;
        openUntil = now + windowMs;
        calls = 0;
      }
      calls += 1;
      return current;
    },
  };
}
