import { z } from 'zod';
import { ConnectError, describeIssues } from './errors.js';
import { problemToError } from './problem.js';
import { updatesPageSchema } from './status.js';
import type { UpdatesPage } from './status.js';

/**
 * HTTP methods an operation can use.
 *
 * @example
 * ```ts
 * const method: HttpMethod = 'POST';
 * ```
 */
export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/**
 * One operation a back office offers: where it lives and what goes in and out.
 * Path placeholders such as `/properties/{uprn}` are filled from the request
 * field of the same name; for GET and DELETE the remaining fields become the
 * query string, otherwise they are the JSON body.
 *
 * @example
 * ```ts
 * const report: BackOfficeOperation = {
 *   method: 'POST',
 *   path: '/missed-collections',
 *   request: z.object({ uprn: z.number(), serviceId: z.string() }),
 *   response: z.object({ reference: z.string() }),
 * };
 * ```
 */
export interface BackOfficeOperation<Request extends z.ZodType = z.ZodType, Response extends z.ZodType = z.ZodType> {
  /** HTTP method. */
  method: HttpMethod;
  /** Path under the back office's base URL, starting with `/`; `{field}` placeholders come from the request. */
  path: string;
  /** Schema of the request. Validated before anything is sent. */
  request: Request;
  /** Schema of a successful response body. A response that does not match is `malformed-response`. */
  response: Response;
  /** One line on what the operation does, for docs and reports. */
  summary?: string;
}

/**
 * The operations of a back office, by name.
 *
 * @example
 * ```ts
 * const operations: BackOfficeOperations = { binDays: { method: 'GET', path: '/properties/{uprn}/services', request: z.object({ uprn: z.number() }), response: z.object({}) } };
 * ```
 */
export type BackOfficeOperations = Record<string, BackOfficeOperation>;

/**
 * What the dispatcher hands a back office for one outbox message.
 *
 * @example
 * ```ts
 * const result = await waste.deliver({ messageId: 'm-1', caseId: 'case-1', caseType: 'waste.missed-collection', operation: 'reportMissedCollection', payload: { uprn: 100023336956, serviceId: 'refuse' }, idempotencyKey: 'case-1:2:tellCrew' });
 * ```
 */
export interface BackOfficeDelivery {
  /** Outbox message id. */
  messageId: string;
  /** The case the message belongs to. */
  caseId: string;
  /** The case type name, e.g. `waste.missed-collection`. */
  caseType: string;
  /** The outbox operation, as the case type's effect named it. */
  operation: string;
  /** The payload the engine wrote with the message. */
  payload: unknown;
  /** The message's idempotency key: sent as `Idempotency-Key`, so a redelivery has no second effect. */
  idempotencyKey: string;
}

/**
 * How one outbox operation becomes a client call: which declared operation,
 * how to build its request from the outbox message (default: the payload as
 * is), and where the back office's reference is in the response.
 *
 * @example
 * ```ts
 * outbox: {
 *   reportMissedCollection: {
 *     operation: 'report',
 *     request: (message) => ({ ...(message.payload as { uprn: number; serviceId: string }), crmCaseId: message.caseId }),
 *     reference: (response) => response.reference,
 *   },
 * }
 * ```
 */
export type OutboxRoute<Operations extends BackOfficeOperations> = {
  [Name in keyof Operations & string]: {
    /** The declared operation to call. */
    operation: Name;
    /** Build the request from the message. Default: `message.payload`. */
    request?(message: BackOfficeDelivery): z.input<Operations[Name]['request']>;
    /** Read the back office's reference for the new service request from the response. */
    reference?(response: z.output<Operations[Name]['response']>): string | undefined;
  };
}[keyof Operations & string];

/**
 * How a back office reports status changes back. At least one of the two.
 *
 * @example
 * ```ts
 * const statusSync: StatusSyncDeclaration = { polling: { path: '/updates' }, push: true };
 * ```
 */
export interface StatusSyncDeclaration {
  /** The back office answers `GET <path>?since=<cursor>` with an {@link UpdatesPage}. */
  polling?: { /** Default `/updates`. */ path?: string };
  /** The back office pushes updates to our signed webhook (see `createWebhookHandler`). */
  push?: boolean;
}

/**
 * Everything {@link defineBackOffice} needs.
 *
 * @example
 * ```ts
 * const definition: BackOfficeDefinition = { name: 'waste', baseUrl: 'https://waste.example.gov.uk/api/v1', caseTypes: ['waste.missed-collection'], operations: {} };
 * const waste = defineBackOffice(definition);
 * ```
 */
export interface BackOfficeDefinition<Operations extends BackOfficeOperations = BackOfficeOperations> {
  /** Short machine name, also the outbox `destination` and the external-reference `system`, e.g. `waste`. */
  name: string;
  /** Human name for reports and agent messages, e.g. `the waste system`. Default: the name. */
  title?: string;
  /** Base URL the paths hang off, e.g. `https://waste.example.gov.uk/api/v1`. */
  baseUrl: string;
  /** Case types this back office serves, e.g. `['waste.missed-collection']`. */
  caseTypes: readonly string[];
  /** The operations offered. */
  operations: Operations;
  /** Outbox operation name -> client call. */
  outbox?: Record<string, OutboxRoute<Operations>>;
  /** How status comes back. Omit for a back office that is only read from. */
  statusSync?: StatusSyncDeclaration;
  /** Headers added to every request, e.g. authorisation. Called per request so tokens can rotate. */
  headers?: () => Record<string, string> | Promise<Record<string, string>>;
  /** The fetch to use. Default: `globalThis.fetch`, looked up at call time. */
  fetch?: typeof fetch;
  /** Per-call timeout in milliseconds. Default `10000`. */
  timeoutMs?: number;
  /** The clock used for `Retry-After` dates. Default `Date.now`. */
  now?: () => number;
}

/**
 * Options for one {@link BackOffice.call}.
 *
 * @example
 * ```ts
 * await waste.call('reportMissedCollection', request, { idempotencyKey: 'case-1:2:tellCrew', timeoutMs: 5000 });
 * ```
 */
export interface CallOptions {
  /** Sent as the `Idempotency-Key` header. Every write should have one. */
  idempotencyKey?: string;
  /** Cancel the call. */
  signal?: AbortSignal;
  /** Overrides the back office's default timeout for this call, in milliseconds. */
  timeoutMs?: number;
}

/**
 * The result of delivering one outbox message.
 *
 * @example
 * ```ts
 * const { reference } = await waste.deliver(message);
 * reference; // 'WM-1001'
 * ```
 */
export interface DeliveryResult {
  /** The back office's reference for the service request, when the route says where to find it. */
  reference: string | undefined;
  /** The parsed response. */
  response: unknown;
}

/**
 * What the dispatcher and status sync need from any back office, whatever
 * its operations: every {@link BackOffice} is one. A hand-written adapter
 * (for a system that is not HTTP) can implement just this.
 *
 * @example
 * ```ts
 * const handles: BackOfficeHandle[] = [waste, revenues, parking];
 * createDispatcher({ store, engine, backOffices: handles, workerId: 'dispatcher-1' });
 * ```
 */
export interface BackOfficeHandle {
  /** Machine name (outbox destination, external-reference system). */
  readonly name: string;
  /** Human name. */
  readonly title: string;
  /** Case types served. */
  readonly caseTypes: readonly string[];
  /** Declared status sync. */
  readonly statusSync: StatusSyncDeclaration;
  /** Deliver one outbox message through its route, with its idempotency key. */
  deliver(message: BackOfficeDelivery, options?: Omit<CallOptions, 'idempotencyKey'>): Promise<DeliveryResult>;
  /** Fetch status updates after `since` (polling). Throws `unknown-operation` when polling is not declared. */
  updates(since: string | undefined, options?: Omit<CallOptions, 'idempotencyKey'>): Promise<UpdatesPage>;
}

/**
 * A defined back office: its declaration plus the verbs the dispatcher, the
 * status sync and lookups call. Every failure is a {@link ConnectError}.
 *
 * @example
 * ```ts
 * const services = await waste.call('binDays', { uprn: 100023336956 });
 * ```
 */
export interface BackOffice<Operations extends BackOfficeOperations = BackOfficeOperations> extends BackOfficeHandle {
  /** Declared operations. */
  readonly operations: Operations;
  /** Declared outbox routes. */
  readonly outbox: Readonly<Record<string, OutboxRoute<Operations>>>;
  /** Call one operation: validates the request, sends it, validates the answer. */
  call<Name extends keyof Operations & string>(
    operation: Name,
    request: z.input<Operations[Name]['request']>,
    options?: CallOptions,
  ): Promise<z.output<Operations[Name]['response']>>;
}

const methods = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const;

const isSchema = (value: unknown): value is z.ZodType =>
  typeof value === 'object' && value !== null && typeof (value as { safeParse?: unknown }).safeParse === 'function';

const definitionSchema = z.object({
  name: z.string().regex(/^[a-z][a-z0-9-]*$/, 'name must be lower-case letters, digits and hyphens, starting with a letter'),
  title: z.string().min(1).optional(),
  baseUrl: z.url({ message: 'baseUrl must be an absolute URL' }),
  caseTypes: z.array(z.string().min(1)),
  operations: z.record(
    z.string(),
    z.object({
      method: z.enum(methods),
      path: z.string().startsWith('/', 'path must start with /'),
      request: z.custom<z.ZodType>(isSchema, 'request must be a zod schema'),
      response: z.custom<z.ZodType>(isSchema, 'response must be a zod schema'),
      summary: z.string().optional(),
    }),
  ),
  outbox: z
    .record(
      z.string(),
      z.object({
        operation: z.string(),
        request: z.function().optional(),
        reference: z.function().optional(),
      }),
    )
    .optional(),
  statusSync: z
    .object({ polling: z.object({ path: z.string().startsWith('/').optional() }).optional(), push: z.boolean().optional() })
    .refine((value) => value.polling !== undefined || value.push === true, 'statusSync must declare polling, push or both')
    .optional(),
  headers: z.function().optional(),
  fetch: z.function().optional(),
  timeoutMs: z.number().int().positive().optional(),
  now: z.function().optional(),
});

const placeholderPattern = /\{([A-Za-z_][A-Za-z0-9_]*)\}/g;

/**
 * Define a back office: validate the declaration at once (so a mistake fails
 * at start-up, not on the first referral) and get back a typed client the
 * dispatcher, status sync and lookups use. A new interface for another
 * service is a small package that calls this.
 *
 * @throws {@link ConnectError} with reason `invalid-definition` when the declaration is wrong.
 * @example
 * ```ts
 * import { z } from 'zod';
 * import { defineBackOffice } from '@councilkit/connect';
 *
 * const waste = defineBackOffice({
 *   name: 'waste',
 *   title: 'the waste system',
 *   baseUrl: 'https://waste.example.gov.uk/api/v1',
 *   caseTypes: ['waste.missed-collection'],
 *   operations: {
 *     reportMissedCollection: {
 *       method: 'POST',
 *       path: '/missed-collections',
 *       request: z.object({ uprn: z.number(), serviceId: z.string() }),
 *       response: z.object({ reference: z.string(), status: z.string() }),
 *     },
 *     binDays: {
 *       method: 'GET',
 *       path: '/properties/{uprn}/services',
 *       request: z.object({ uprn: z.number() }),
 *       response: z.object({ services: z.array(z.object({ id: z.string(), next: z.string() })) }),
 *     },
 *   },
 *   outbox: {
 *     reportMissedCollection: { operation: 'reportMissedCollection', reference: (response) => response.reference },
 *   },
 *   statusSync: { polling: { path: '/updates' }, push: true },
 * });
 * ```
 */
export function defineBackOffice<const Operations extends BackOfficeOperations>(
  definition: BackOfficeDefinition<Operations>,
): BackOffice<Operations> {
  const checked = definitionSchema.safeParse(definition);
  if (!checked.success) {
    throw new ConnectError('invalid-definition', `Back office "${String(definition?.name)}" is not valid: ${describeIssues(checked.error.issues)}`);
  }
  for (const [name, operation] of Object.entries(definition.operations)) {
    const shape = (operation.request as unknown as { shape?: Record<string, unknown> }).shape;
    for (const match of operation.path.matchAll(placeholderPattern)) {
      const field = match[1] as string;
      if (shape && !(field in shape)) {
        throw new ConnectError(
          'invalid-definition',
          `Back office "${definition.name}": operation "${name}" has path placeholder {${field}} but its request schema has no field "${field}"`,
        );
      }
    }
  }
  for (const [outboxOperation, route] of Object.entries(definition.outbox ?? {})) {
    if (!(route.operation in definition.operations)) {
      throw new ConnectError(
        'invalid-definition',
        `Back office "${definition.name}": outbox operation "${outboxOperation}" maps to "${route.operation}", which is not a declared operation`,
      );
    }
  }

  const title = definition.title ?? definition.name;
  const baseUrl = definition.baseUrl.replace(/\/+$/, '');
  const defaultTimeout = definition.timeoutMs ?? 10_000;
  const now = definition.now ?? Date.now;
  const outbox = { ...(definition.outbox ?? {}) } as Record<string, OutboxRoute<Operations>>;
  const statusSync: StatusSyncDeclaration = definition.statusSync ?? {};

  async function send(
    method: HttpMethod,
    path: string,
    fields: Record<string, unknown> | undefined,
    options: CallOptions,
  ): Promise<{ body: unknown }> {
    const used = new Set<string>();
    const filled = path.replace(placeholderPattern, (_whole, field: string) => {
      used.add(field);
      return encodeURIComponent(String(fields?.[field] ?? ''));
    });
    const url = new URL(baseUrl + filled);
    const rest = Object.fromEntries(Object.entries(fields ?? {}).filter(([key]) => !used.has(key)));
    const hasBody = method !== 'GET' && method !== 'DELETE';
    if (!hasBody) {
      for (const [key, value] of Object.entries(rest)) {
        if (value !== undefined && value !== null) url.searchParams.set(key, String(value));
      }
    }
    const headers: Record<string, string> = { accept: 'application/json, application/problem+json', ...(await definition.headers?.()) };
    if (hasBody) headers['content-type'] = 'application/json';
    if (options.idempotencyKey) headers['idempotency-key'] = options.idempotencyKey;

    const timeoutMs = options.timeoutMs ?? defaultTimeout;
    const timer = AbortSignal.timeout(timeoutMs);
    const signal = options.signal ? AbortSignal.any([options.signal, timer]) : timer;
    const doFetch = definition.fetch ?? globalThis.fetch;
    let response: Response;
    try {
      response = await doFetch(url, { method, headers, signal, ...(hasBody ? { body: JSON.stringify(rest) } : {}) });
    } catch (error) {
      if (signal.aborted) {
        throw new ConnectError('timeout', `${title} did not answer within ${timeoutMs} ms`, { cause: error });
      }
      throw new ConnectError('unavailable', `${title} could not be reached: ${(error as Error)?.message ?? String(error)}`, { cause: error });
    }
    if (!response.ok) throw await problemToError(response, { now: now(), what: capitalise(title) });
    if (response.status === 204) return { body: undefined };
    let text: string;
    try {
      text = await response.text();
    } catch (error) {
      if (signal.aborted) throw new ConnectError('timeout', `${title} did not finish answering within ${timeoutMs} ms`, { cause: error });
      throw new ConnectError('unavailable', `${title} dropped the connection while answering`, { cause: error });
    }
    if (text.trim() === '') return { body: undefined };
    try {
      return { body: JSON.parse(text) as unknown };
    } catch (error) {
      throw new ConnectError('malformed-response', `${title} answered with something that is not JSON`, { status: response.status, cause: error });
    }
  }

  const backOffice: BackOffice<Operations> = {
    name: definition.name,
    title,
    caseTypes: [...definition.caseTypes],
    operations: definition.operations,
    outbox,
    statusSync,
    async call(name, request, options = {}) {
      const operation = definition.operations[name];
      if (!operation) throw new ConnectError('unknown-operation', `${title} has no operation "${String(name)}"`);
      const input = operation.request.safeParse(request);
      if (!input.success) {
        throw new ConnectError('invalid-request', `The request for ${title} "${name}" is not valid: ${describeIssues(input.error.issues)}`);
      }
      const fields = (typeof input.data === 'object' && input.data !== null ? input.data : {}) as Record<string, unknown>;
      const { body } = await send(operation.method, operation.path, fields, options);
      const output = operation.response.safeParse(body);
      if (!output.success) {
        throw new ConnectError('malformed-response', `${title} answered "${name}" with a body that does not match the contract: ${describeIssues(output.error.issues)}`);
      }
      return output.data as z.output<Operations[typeof name]['response']>;
    },
    async deliver(message, options = {}) {
      const route = outbox[message.operation];
      if (!route) throw new ConnectError('unknown-operation', `${title} has no outbox route for "${message.operation}"`);
      const request = route.request ? route.request(message) : message.payload;
      const response = await backOffice.call(route.operation, request as never, { ...options, idempotencyKey: message.idempotencyKey });
      const reference = route.reference ? route.reference(response as never) : undefined;
      return { reference, response };
    },
    async updates(since, options = {}) {
      if (!statusSync.polling) throw new ConnectError('unknown-operation', `${title} does not declare status polling`);
      const { body } = await send('GET', statusSync.polling.path ?? '/updates', since === undefined ? {} : { since }, options);
      const page = updatesPageSchema.safeParse(body);
      if (!page.success) {
        throw new ConnectError('malformed-response', `${title} answered the updates feed with a body that does not match the contract: ${describeIssues(page.error.issues)}`);
      }
      return page.data;
    },
  };
  return backOffice;
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
