import { z } from 'zod';
import { createCallTimeout } from './timeout.js';

/**
 * The reasons every standard interface client's error has, whatever else its
 * interface adds: the caller's input or the client's options were wrong, or
 * the back office did not answer, or answered something off-contract.
 *
 * @example
 * ```ts
 * const reason: InterfaceBaseReason = 'malformed-response';
 * ```
 */
export type InterfaceBaseReason = 'invalid-input' | 'invalid-options' | 'timeout' | 'unavailable' | 'malformed-response';

/**
 * One field-level problem: a dotted path (or JSON pointer) and what is wrong there.
 *
 * @example
 * ```ts
 * const issue: InterfaceIssue = { path: 'moveDate', message: 'Invalid ISO date' };
 * ```
 */
export interface InterfaceIssue {
  /** Where the problem is, e.g. `forwardingAddress.postcode` or `/moveDate`. */
  path: string;
  /** What is wrong. */
  message: string;
}

/**
 * The facts an interface client hands its error class. Each interface's
 * error details type accepts these (and may ignore ones it does not carry).
 *
 * @example
 * ```ts
 * const details: InterfaceErrorDetails = { status: 422, problemType: 'https://councilkit.org.uk/problems/revenues/not-eligible', code: 'more-than-one-adult', operation: 'applySinglePersonDiscount' };
 * ```
 */
export interface InterfaceErrorDetails {
  /** HTTP status, when the back office answered. */
  status?: number | undefined;
  /** RFC 9457 problem `type`. */
  problemType?: string | undefined;
  /** The business rule that refused the request (problem `code`). */
  code?: string | undefined;
  /** The client operation that failed. */
  operation?: string | undefined;
  /** Field-level problems. */
  issues?: InterfaceIssue[] | undefined;
  /** When the call may be tried again (ISO 8601), from `Retry-After`. */
  retryAt?: string | undefined;
  /** The underlying error, for logs. */
  cause?: unknown;
}

/**
 * zod schema of the problem+json body every councilkit standard interface
 * answers errors with: RFC 9457 plus the rule `code` and field `errors`.
 *
 * @example
 * ```ts
 * const problem = interfaceProblemSchema.safeParse(await response.json());
 * if (problem.success) console.log(problem.data.code);
 * ```
 */
export const interfaceProblemSchema = z.object({
  type: z.string(),
  title: z.string(),
  status: z.int(),
  detail: z.string().optional(),
  instance: z.string().optional(),
  code: z.string().optional(),
  errors: z.array(z.object({ pointer: z.string(), detail: z.string() })).optional(),
});

/**
 * A problem+json body from a standard interface. See {@link interfaceProblemSchema}.
 *
 * @example
 * ```ts
 * const problem: InterfaceProblem = { type: 'https://councilkit.org.uk/problems/parking/amount-mismatch', title: 'That is not the amount due', status: 409 };
 * ```
 */
export type InterfaceProblem = z.infer<typeof interfaceProblemSchema>;

/**
 * How one interface's client reports failures: its own error class, the
 * message for each reason, and how an HTTP status plus problem maps to a
 * reason. Each interface keeps its own error class; this only shares the
 * plumbing.
 *
 * @example
 * ```ts
 * const definition: InterfaceClientDefinition<RevenuesErrorReason, RevenuesError> = {
 *   name: 'revenues',
 *   error: RevenuesError,
 *   messages: MESSAGES,
 *   reasonFor: (status) => (status === 404 ? 'not-found' : 'unavailable'),
 *   retryAtReasons: ['locked', 'rate-limited'],
 * };
 * ```
 */
export interface InterfaceClientDefinition<R extends string, E extends Error> {
  /** The interface's name, as it reads in messages: `revenues` gives "Invalid revenues client options". */
  name: string;
  /** The interface's error class. */
  error: new (reason: R | InterfaceBaseReason, message: string, details?: InterfaceErrorDetails) => E;
  /** The message for each reason, used when the back office sends no `detail`. */
  messages: Readonly<Record<R | InterfaceBaseReason, string>>;
  /** The reason for a non-2xx answer, from its status and problem (when it sent a valid one). */
  reasonFor(status: number, problem: InterfaceProblem | undefined): R | InterfaceBaseReason;
  /** Reasons whose error carries `retryAt`, read from the `Retry-After` header. Default: none. */
  retryAtReasons?: readonly (R | InterfaceBaseReason)[];
  /** Rethrow an error of the interface's own class thrown while calling, instead of reporting it as `unavailable`. Default: `false`. */
  rethrowOwnErrors?: boolean;
}

/**
 * The connection options every standard interface client takes.
 *
 * @example
 * ```ts
 * const options: InterfaceClientOptions = { baseUrl: 'https://revenues.example.gov.uk/v1', timeoutMs: 5000 };
 * ```
 */
export interface InterfaceClientOptions {
  /** The back office's base URL. Required. */
  baseUrl: string;
  /**
   * The fetch to use. Default: `globalThis.fetch`, looked up at request time
   * so test interceptors (msw) installed later still see the calls.
   */
  fetch?: ((request: Request) => Promise<Response>) | undefined;
  /** Give up on a call after this many milliseconds (at most 25 ms more, as calls close together share one timer). Default: `10000`. */
  timeoutMs?: number | undefined;
  /** Headers sent with every call, e.g. `{ authorization: 'Bearer ...' }`. Default: none. */
  headers?: Record<string, string> | undefined;
}

/**
 * What a call made with an OpenAPI client (such as openapi-fetch) gives
 * back: the parsed success body or error body, and the response.
 *
 * @example
 * ```ts
 * const raw: InterfaceCallResult = await api.GET('/accounts/{accountId}', { params: { path: { accountId } }, signal });
 * ```
 */
export interface InterfaceCallResult {
  /** The parsed body of a 2xx answer. */
  data?: unknown;
  /** The parsed body of any other answer. */
  error?: unknown;
  /** The response. */
  response: Response;
}

/**
 * The shared plumbing of a typed interface client, made by
 * {@link createInterfaceClient}: checked options, a lazily bound fetch, and
 * the verbs each operation is written with.
 *
 * @example
 * ```ts
 * const kit: InterfaceClient = createInterfaceClient(definition, options);
 * const api = createClient<paths>({ baseUrl: kit.baseUrl, headers: kit.headers, fetch: kit.fetch });
 * ```
 */
export interface InterfaceClient {
  /** The base URL without a trailing slash. */
  readonly baseUrl: string;
  /** Headers to send with every call. */
  readonly headers: Record<string, string>;
  /** The fetch to call, looking up `globalThis.fetch` at request time unless one was given. */
  readonly fetch: (request: Request) => Promise<Response>;
  /** Check a caller's input: the parsed value, or an `invalid-input` error naming the first problem. */
  check<S extends z.ZodType>(operation: string, schema: S, value: unknown): z.output<S>;
  /** The `Idempotency-Key` for a write: the caller's (checked) or a fresh UUID. */
  idempotencyKey(operation: string, key: string | undefined): string;
  /**
   * Make one call with the client's timeout (and the caller's signal):
   * failures become the interface's error, a non-2xx answer is mapped by
   * its problem, and the body is validated with `schema` (`malformed-response`
   * when it does not match).
   */
  run<S extends z.ZodType>(operation: string, schema: S, call: (signal: AbortSignal) => Promise<InterfaceCallResult>, signal?: AbortSignal): Promise<z.output<S>>;
}

const optionsSchema = z.object({
  baseUrl: z.url({ protocol: /^https?$/ }),
  timeoutMs: z.int().min(1).max(600_000).default(10_000),
  headers: z.record(z.string(), z.string()).default({}),
});

const idempotencyKeySchema = z.string().regex(/^[\x21-\x7E]{1,128}$/, 'An Idempotency-Key is 1-128 printable ASCII characters');

function issuesOf(error: z.ZodError): InterfaceIssue[] {
  return error.issues.map((issue) => ({ path: issue.path.map(String).join('.'), message: issue.message }));
}

function retryAtFrom(header: string | null, now: number): string | undefined {
  if (!header) return undefined;
  const trimmed = header.trim();
  if (/^\d{1,7}$/.test(trimmed)) return new Date(now + Number(trimmed) * 1000).toISOString();
  const at = Date.parse(trimmed);
  return Number.isNaN(at) ? undefined : new Date(at).toISOString();
}

/**
 * Start a typed client for a standard interface: checks the connection
 * options (an `invalid-options` error otherwise) and returns the verbs each
 * operation is written with, so every interface's client maps timeouts,
 * outages, problem+json refusals and off-contract answers the same way,
 * each into its own error class.
 *
 * @example
 * ```ts
 * import createClient from 'openapi-fetch';
 * import { createInterfaceClient } from '@councilkit/connect';
 *
 * export function createPetsClient(options: InterfaceClientOptions) {
 *   const kit = createInterfaceClient({ name: 'pets', error: PetsError, messages: MESSAGES, reasonFor }, options);
 *   const api = createClient<paths>({ baseUrl: kit.baseUrl, headers: kit.headers, fetch: kit.fetch });
 *   return {
 *     getPet: (petId: string) =>
 *       kit.run('getPet', petSchema, (signal) => api.GET('/pets/{petId}', { params: { path: { petId: kit.check('getPet', petIdSchema, petId) } }, signal })),
 *   };
 * }
 * ```
 */
export function createInterfaceClient<R extends string, E extends Error>(definition: InterfaceClientDefinition<R, E>, options: InterfaceClientOptions): InterfaceClient {
  const { error: InterfaceError, messages } = definition;
  const parsedOptions = optionsSchema.safeParse(options ?? {});
  if (!parsedOptions.success) {
    throw new InterfaceError(
      'invalid-options',
      `Invalid ${definition.name} client options: ${parsedOptions.error.issues.map((i) => `${i.path.map(String).join('.')}: ${i.message}`).join('; ')}`,
    );
  }
  const { baseUrl, timeoutMs, headers } = parsedOptions.data;
  const customFetch = options.fetch;
  const retryAtReasons = new Set<string>(definition.retryAtReasons ?? []);
  // One signal per ~25 ms of calls instead of AbortSignal.timeout per call: each still gets at least timeoutMs.
  const timeouts = createCallTimeout({ timeoutMs });

  function check<S extends z.ZodType>(operation: string, schema: S, value: unknown): z.output<S> {
    const parsed = schema.safeParse(value);
    if (!parsed.success) {
      const issues = issuesOf(parsed.error);
      const first = issues[0];
      throw new InterfaceError('invalid-input', first ? `${first.path ? `${first.path}: ` : ''}${first.message}` : 'Invalid input', { operation, issues });
    }
    return parsed.data;
  }

  async function run<S extends z.ZodType>(
    operation: string,
    schema: S,
    call: (signal: AbortSignal) => Promise<InterfaceCallResult>,
    signal?: AbortSignal,
  ): Promise<z.output<S>> {
    const timer = timeouts.signal();
    const combined = signal ? AbortSignal.any([signal, timer]) : timer;
    let raw: InterfaceCallResult;
    try {
      raw = await call(combined);
    } catch (error) {
      if (definition.rethrowOwnErrors && error instanceof InterfaceError) throw error;
      if (timer.aborted) throw new InterfaceError('timeout', messages.timeout, { operation, cause: error });
      if (error instanceof SyntaxError) throw new InterfaceError('malformed-response', messages['malformed-response'], { operation, cause: error });
      throw new InterfaceError('unavailable', messages.unavailable, { operation, cause: error });
    }
    const { response } = raw;
    if (!response.ok) {
      const problem = interfaceProblemSchema.safeParse(raw.error);
      const parsedProblem = problem.success ? problem.data : undefined;
      const reason = definition.reasonFor(response.status, parsedProblem);
      throw new InterfaceError(reason, parsedProblem?.detail ?? messages[reason], {
        status: response.status,
        problemType: parsedProblem?.type,
        code: parsedProblem?.code,
        operation,
        issues: parsedProblem?.errors?.map((entry) => ({ path: entry.pointer, message: entry.detail })),
        ...(retryAtReasons.size > 0 ? { retryAt: retryAtReasons.has(reason) ? retryAtFrom(response.headers.get('retry-after'), Date.now()) : undefined } : {}),
      });
    }
    const parsed = schema.safeParse(raw.data);
    if (!parsed.success) {
      throw new InterfaceError('malformed-response', messages['malformed-response'], { status: response.status, operation, issues: issuesOf(parsed.error) });
    }
    return parsed.data;
  }

  return {
    baseUrl: baseUrl.replace(/\/+$/, ''),
    headers,
    // Looked up per request so msw (or any interceptor) installed later is honoured.
    fetch: (request: Request) => (customFetch ?? globalThis.fetch)(request),
    check,
    idempotencyKey: (operation, key) => check(operation, idempotencyKeySchema, key ?? globalThis.crypto.randomUUID()),
    run,
  };
}
