import type { z } from 'zod';
import type { BackOffice, BackOfficeOperations } from './back-office.js';
import { circuitOnFailure, circuitOnSuccess, circuitPermits, closedCircuit, defaultCircuitBreakerPolicy } from './circuit-breaker.js';
import type { CircuitBreakerPolicy, CircuitState } from './circuit-breaker.js';
import { ConnectError } from './errors.js';
import type { ConnectErrorReason } from './errors.js';

/**
 * The answer of a read-through lookup: the data, or a degraded answer whose
 * `message` an agent can read out, so they can still raise the case.
 *
 * @example
 * ```ts
 * const answer: LookupResult<{ balance: number }> = await balance({ account: '12345678', postcode: 'AB1 2CD' });
 * if (answer.status === 'degraded') console.log(answer.message);
 * ```
 */
export type LookupResult<Data> =
  | { status: 'ok'; data: Data }
  | { status: 'degraded'; reason: ConnectErrorReason; message: string };

/**
 * Options for {@link createLookup}.
 *
 * @example
 * ```ts
 * createLookup({ backOffice: revenues, operation: 'accountSummary', what: 'the council tax balance', timeoutMs: 2500 });
 * ```
 */
export interface LookupOptions<Operations extends BackOfficeOperations, Name extends keyof Operations & string> {
  /** The back office to ask. */
  backOffice: BackOffice<Operations>;
  /** The operation to call. */
  operation: Name;
  /** What the agent is looking up, in words, e.g. `bin days`. Used in messages. */
  what: string;
  /** How long the agent can wait, in milliseconds. Default `3000`. */
  timeoutMs?: number;
  /** Stop asking a failing back office for a while. Defaults: `failureThreshold` 5, `openMs` 30000. */
  circuitBreaker?: Partial<CircuitBreakerPolicy>;
  /** Epoch milliseconds now. Default `Date.now`. */
  now?: () => number;
}

/**
 * A read-through lookup: call it with the operation's request. Never throws for back-office trouble.
 *
 * @example
 * ```ts
 * const binDays = createLookup({ backOffice: waste, operation: 'binDays', what: 'bin days' });
 * await binDays({ uprn: 100023336956 }, { signal: request.signal });
 * binDays.circuit().state; // 'closed'
 * ```
 */
export type Lookup<Request, Data> = ((request: Request, options?: { signal?: AbortSignal }) => Promise<LookupResult<Data>>) & {
  /** The lookup's circuit state, as data. */
  circuit(): CircuitState;
};

/**
 * Create a read-through lookup for the agent or resident (bin days, balance,
 * PCN): a typed call with a timeout that answers `{ status: 'ok', data }`, or
 * `{ status: 'degraded', reason, message }` with a sentence the agent can
 * read, instead of an error page. A back office that keeps failing is not
 * asked for a while (its own circuit breaker), so nobody waits on a dead system.
 *
 * @example
 * ```ts
 * const binDays = createLookup({ backOffice: waste, operation: 'binDays', what: 'bin days', timeoutMs: 2000 });
 * const answer = await binDays({ uprn: 100023336956 });
 * if (answer.status === 'ok') render(answer.data);
 * else showBanner(answer.message); // "The waste system did not answer within 2 seconds, so bin days cannot be shown right now. ..."
 * ```
 */
export function createLookup<Operations extends BackOfficeOperations, Name extends keyof Operations & string>(
  options: LookupOptions<Operations, Name>,
): Lookup<z.input<Operations[Name]['request']>, z.output<Operations[Name]['response']>> {
  const { backOffice, operation, what } = options;
  if (!(operation in backOffice.operations)) throw new ConnectError('unknown-operation', `${backOffice.title} has no operation "${operation}"`);
  const timeoutMs = options.timeoutMs ?? 3000;
  const policy: CircuitBreakerPolicy = { ...defaultCircuitBreakerPolicy, ...options.circuitBreaker };
  const now = options.now ?? Date.now;
  let circuit: CircuitState = closedCircuit;
  const title = backOffice.title.charAt(0).toUpperCase() + backOffice.title.slice(1);
  const stillRaise = 'You can still raise the case; it will be sent on when the system is back.';

  const explain = (error: ConnectError): string => {
    switch (error.reason) {
      case 'timeout':
        return `${title} did not answer within ${formatSeconds(timeoutMs)}, so ${what} cannot be shown right now. ${stillRaise}`;
      case 'unavailable':
        return `${title} is not available at the moment, so ${what} cannot be shown right now. ${stillRaise}`;
      case 'circuit-open':
        return `${title} has been failing, so we are not asking it for ${what} for a short while. ${stillRaise}`;
      case 'malformed-response':
        return `${title} sent an answer about ${what} that we could not read. ${stillRaise}`;
      case 'rejected':
        return `${title} could not give ${what}: ${error.problem?.detail ?? error.problem?.title ?? 'it refused the request'}.`;
      case 'invalid-request':
        return `The details given are not enough to look up ${what}: ${error.message}`;
      default:
        return `${what} cannot be shown right now: ${error.message}`;
    }
  };

  const lookup = async (request: z.input<Operations[Name]['request']>, callOptions: { signal?: AbortSignal } = {}) => {
    const permit = circuitPermits(circuit, now());
    circuit = permit.state;
    if (!permit.allowed) {
      const error = new ConnectError('circuit-open', `${title} is paused`);
      return { status: 'degraded' as const, reason: error.reason, message: explain(error) };
    }
    try {
      const data = await backOffice.call(operation, request, { timeoutMs, ...(callOptions.signal ? { signal: callOptions.signal } : {}) });
      circuit = circuitOnSuccess(circuit);
      return { status: 'ok' as const, data };
    } catch (caught) {
      const error = caught instanceof ConnectError ? caught : new ConnectError('unavailable', String((caught as Error)?.message ?? caught), { cause: caught });
      circuit = error.retryable ? circuitOnFailure(circuit, now(), policy) : circuitOnSuccess(circuit);
      return { status: 'degraded' as const, reason: error.reason, message: explain(error) };
    }
  };
  return Object.assign(lookup, { circuit: () => circuit });
}

function formatSeconds(ms: number): string {
  const seconds = ms / 1000;
  return seconds === 1 ? '1 second' : `${Number.isInteger(seconds) ? seconds : seconds.toFixed(1)} seconds`;
}
