import { createCallTimeout } from '@councilkit/connect';
import type { Client } from 'openapi-fetch';
import { z } from 'zod';
import { WASTE_PROBLEM_TYPES, WasteError } from './errors.js';
import type { WasteErrorReason, WasteProblem } from './errors.js';
import type { paths } from './generated/waste.js';
import {
  assistedApplyInputSchema,
  assistedCollectionSchema,
  assistedDecisionInputSchema,
  bulkyAmendInputSchema,
  bulkyBookInputSchema,
  bulkyBookingSchema,
  bulkyCancellationSchema,
  bulkyItemSchema,
  bulkyReservationSchema,
  bulkyReserveInputSchema,
  bulkySlotSchema,
  bulkySlotsInputSchema,
  cancelInputSchema,
  containerRequestInputSchema,
  containerTypeSchema,
  gardenModifyInputSchema,
  gardenQuoteInputSchema,
  gardenQuoteSchema,
  gardenRenewInputSchema,
  gardenSubscribeInputSchema,
  gardenSubscriptionSchema,
  missedCollectionInputSchema,
  postcodeSchema,
  problemSchema,
  propertySchema,
  propertyServicesSchema,
  referenceInputSchema,
  serviceRequestSchema,
  updatePageSchema,
  updatesInputSchema,
  uprnSchema,
} from './schemas.js';
import type {
  AssistedApplyInput,
  AssistedCollection,
  AssistedDecisionInput,
  BulkyAmendInput,
  BulkyBookInput,
  BulkyBooking,
  BulkyCancellation,
  BulkyItem,
  BulkyReservation,
  BulkyReserveInput,
  BulkySlot,
  BulkySlotsInput,
  CancelInput,
  ContainerRequestInput,
  ContainerType,
  GardenModifyInput,
  GardenQuote,
  GardenQuoteInput,
  GardenRenewInput,
  GardenSubscribeInput,
  GardenSubscription,
  MissedCollectionInput,
  Property,
  PropertyServices,
  ServiceRequest,
  UpdatePage,
  UpdatesInput,
} from './schemas.js';

/**
 * Options for {@link createWasteClient}.
 *
 * @example
 * ```ts
 * const options: WasteClientOptions = { baseUrl: 'https://waste.example.gov.uk/v1', timeoutMs: 5000, headers: { authorization: `Bearer ${token}` } };
 * ```
 */
export interface WasteClientOptions {
  /** The back office's base URL, e.g. `https://waste.backoffice.example.gov.uk/v1`. Required. */
  baseUrl: string;
  /**
   * The fetch to use. Default: `globalThis.fetch`, looked up at request time
   * so test interceptors (msw) installed later still see the calls.
   */
  fetch?: typeof fetch;
  /** Give up on a call after this many milliseconds (at most 25 ms more, as calls close together share one timer). Default: `10000`. */
  timeoutMs?: number;
  /** Headers sent with every call, e.g. `{ authorization: 'Bearer ...' }`. Default: none. */
  headers?: Record<string, string>;
}

/**
 * Per-call options for writes.
 *
 * @example
 * ```ts
 * await waste.reportMissedCollection(input, { idempotencyKey: message.idempotencyKey } satisfies WriteOptions);
 * ```
 */
export interface WriteOptions {
  /**
   * The Idempotency-Key for this logical write. Pass the outbox message's key
   * so a retry cannot create a second job. Default: a fresh random UUID.
   */
  idempotencyKey?: string;
  /** Abort the call early. */
  signal?: AbortSignal;
}

/**
 * Per-call options for reads.
 *
 * @example
 * ```ts
 * await waste.getProperty(uprn, { signal: AbortSignal.timeout(2000) } satisfies ReadOptions);
 * ```
 */
export interface ReadOptions {
  /** Abort the call early. */
  signal?: AbortSignal;
}

/**
 * The bulky waste catalogue.
 *
 * @example
 * ```ts
 * const { items, maxItemsPerBooking }: BulkyCatalogue = await waste.listBulkyItems();
 * ```
 */
export interface BulkyCatalogue {
  /** Items the council collects, with prices in pence. */
  items: BulkyItem[];
  /** Most items in one booking (counting quantities). */
  maxItemsPerBooking: number;
}

/**
 * A typed client for the waste and recycling standard interface. Every method
 * is named after the OpenAPI `operationId`, validates its input and the
 * response with zod, and throws {@link WasteError} (never a raw error).
 *
 * @example
 * ```ts
 * const waste: WasteClient = createWasteClient({ baseUrl: 'https://waste.example.gov.uk/v1' });
 * ```
 */
export interface WasteClient {
  /** Properties at a postcode (possibly none). */
  findPropertiesByPostcode(postcode: string, options?: ReadOptions): Promise<Property[]>;
  /** One property by UPRN. */
  getProperty(uprn: number, options?: ReadOptions): Promise<Property>;
  /** The services at a property with schedule, last collection outcome and next collection. */
  getPropertyServices(uprn: number, options?: ReadOptions): Promise<PropertyServices>;
  /** Upcoming collections as iCalendar text. */
  getCollectionCalendar(uprn: number, options?: ReadOptions & { weeks?: number }): Promise<string>;
  /** Container types with per-property limits and charges. */
  listContainerTypes(options?: ReadOptions): Promise<ContainerType[]>;
  /** Report a missed collection. Refusals come back as `not-eligible` with a `code`. */
  reportMissedCollection(input: MissedCollectionInput, options?: WriteOptions): Promise<ServiceRequest>;
  /** Request containers. */
  requestContainer(input: ContainerRequestInput, options?: WriteOptions): Promise<ServiceRequest>;
  /** Cancel a container request. */
  cancelContainerRequest(reference: string, input?: CancelInput, options?: WriteOptions): Promise<ServiceRequest>;
  /** Any service request by reference. */
  getServiceRequest(reference: string, options?: ReadOptions): Promise<ServiceRequest>;
  /** Status updates since a cursor. */
  listUpdates(input?: UpdatesInput, options?: ReadOptions): Promise<UpdatePage>;
  /** Price a garden waste subscription. */
  quoteGardenSubscription(input: GardenQuoteInput, options?: ReadOptions): Promise<GardenQuote>;
  /** Subscribe to garden waste. */
  subscribeGardenWaste(input: GardenSubscribeInput, options?: WriteOptions): Promise<GardenSubscription>;
  /** One garden waste subscription. */
  getGardenSubscription(reference: string, options?: ReadOptions): Promise<GardenSubscription>;
  /** Change the bins on a subscription. */
  modifyGardenSubscription(reference: string, input: GardenModifyInput, options?: WriteOptions): Promise<GardenSubscription>;
  /** Renew a subscription for the next year. */
  renewGardenSubscription(reference: string, input: GardenRenewInput, options?: WriteOptions): Promise<GardenSubscription>;
  /** Cancel a subscription. */
  cancelGardenSubscription(reference: string, input?: CancelInput, options?: WriteOptions): Promise<GardenSubscription>;
  /** The bulky waste item catalogue. */
  listBulkyItems(options?: ReadOptions): Promise<BulkyCatalogue>;
  /** Bulky slots with space for a property. */
  listBulkySlots(input: BulkySlotsInput, options?: ReadOptions): Promise<BulkySlot[]>;
  /** Hold a bulky slot for a short time. */
  reserveBulkySlot(input: BulkyReserveInput, options?: WriteOptions): Promise<BulkyReservation>;
  /** Book a bulky collection into a held slot. */
  bookBulkyCollection(input: BulkyBookInput, options?: WriteOptions): Promise<BulkyBooking>;
  /** One bulky booking. */
  getBulkyBooking(reference: string, options?: ReadOptions): Promise<BulkyBooking>;
  /** Amend a bulky booking. */
  amendBulkyBooking(reference: string, input: BulkyAmendInput, options?: WriteOptions): Promise<BulkyBooking>;
  /** Cancel a bulky booking; the answer says what refund is due. */
  cancelBulkyBooking(reference: string, input?: CancelInput, options?: WriteOptions): Promise<BulkyCancellation>;
  /** Apply for an assisted collection. */
  applyAssistedCollection(input: AssistedApplyInput, options?: WriteOptions): Promise<AssistedCollection>;
  /** One assisted collection application. */
  getAssistedCollection(reference: string, options?: ReadOptions): Promise<AssistedCollection>;
  /** Approve an assisted collection application. */
  approveAssistedCollection(reference: string, input: AssistedDecisionInput, options?: WriteOptions): Promise<AssistedCollection>;
  /** Deny an assisted collection application. */
  denyAssistedCollection(reference: string, input: AssistedDecisionInput, options?: WriteOptions): Promise<AssistedCollection>;
}

const optionsSchema = z.object({
  baseUrl: z.url({ protocol: /^https?$/ }),
  timeoutMs: z.int().min(1).max(600_000).default(10_000),
  headers: z.record(z.string(), z.string()).default({}),
});

const idempotencyKeySchema = z.string().regex(/^[\x21-\x7E]{1,128}$/, 'An Idempotency-Key is 1-128 printable ASCII characters');

type Raw = { data?: unknown; error?: unknown; response: Response };

const DEFAULT_MESSAGES: Record<WasteErrorReason, string> = {
  validation: 'The waste system could not accept those details.',
  'not-found': 'The waste system has no record of that.',
  conflict: 'That changed in the waste system while we were working on it. Check and try again.',
  gone: 'The hold on that slot has run out. Choose a slot again.',
  'not-eligible': 'The waste system cannot accept that request.',
  'idempotency-mismatch': 'This request reused a key from a different request.',
  unauthorised: 'The waste system refused our credentials.',
  'rate-limited': 'The waste system is busy. Try again shortly.',
  unavailable: 'The waste system is not available at the moment.',
  timeout: 'The waste system took too long to answer.',
  'malformed-response': 'The waste system sent an answer we could not understand.',
  'invalid-options': 'The waste client is not configured correctly.',
};

function reasonForStatus(status: number, problem: WasteProblem | undefined): WasteErrorReason {
  if (status === 400 || status === 413) return 'validation';
  if (status === 401 || status === 403) return 'unauthorised';
  if (status === 404) return 'not-found';
  if (status === 409) return 'conflict';
  if (status === 410) return 'gone';
  if (status === 422) return problem?.type === WASTE_PROBLEM_TYPES['idempotency-key-reuse'] ? 'idempotency-mismatch' : 'not-eligible';
  if (status === 429) return 'rate-limited';
  if (status >= 500) return 'unavailable';
  return 'malformed-response';
}

function parseRetryAfter(value: string | null, now: number): number | undefined {
  if (!value) return undefined;
  if (/^\d{1,7}$/.test(value.trim())) return Number(value.trim());
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, Math.ceil((at - now) / 1000));
}

function issuesOf(error: z.ZodError): { path: string; message: string }[] {
  return error.issues.map((issue) => ({ path: issue.path.map(String).join('.'), message: issue.message }));
}

/** The three openapi-fetch methods the client uses, with openapi-fetch's types for our generated `paths`. */
type PathsApi = Pick<Client<paths>, 'GET' | 'POST' | 'PATCH'>;

interface DirectInit {
  params?: { path?: Record<string, unknown>; query?: Record<string, unknown>; header?: Record<string, unknown> };
  body?: unknown;
  signal?: AbortSignal;
}

/**
 * openapi-fetch's request surface, typed by its `Client<paths>` so every path,
 * parameter and body is still checked against the generated OpenAPI types at
 * compile time, but sent as one plain `fetch(url, init)`. openapi-fetch builds
 * a `Request` per call, which undici then takes apart again; that alone cost
 * about as much as input checking and zod validation together
 * (packages/waste/bench/client-overhead.ts). Same wire format: path and query
 * values with encodeURIComponent, undefined query values left out, JSON bodies,
 * error bodies parsed as JSON when they are JSON.
 */
function directApi(baseUrl: string, headers: Record<string, string>, getFetch: () => typeof fetch): PathsApi {
  const root = baseUrl.replace(/\/+$/, '');
  // Each path template split once into literal parts and parameter names (odd indexes), not re-scanned with a regex per call.
  const templates = new Map<string, string[]>();
  const partsOf = (path: string): string[] => {
    let parts = templates.get(path);
    if (!parts) {
      parts = path.split(/\{([^}]+)\}/);
      templates.set(path, parts);
    }
    return parts;
  };
  const send = (method: string) => async (path: string, init: DirectInit = {}) => {
    const pathParams = init.params?.path;
    let url = root;
    if (pathParams) {
      const parts = partsOf(path);
      for (let index = 0; index < parts.length; index += 1) {
        url += index % 2 === 0 ? (parts[index] ?? '') : encodeURIComponent(String(pathParams[parts[index] ?? '']));
      }
    } else {
      url += path;
    }
    const query = init.params?.query;
    if (query) {
      const pairs: string[] = [];
      for (const [name, value] of Object.entries(query)) {
        if (value !== undefined && value !== null) pairs.push(`${encodeURIComponent(name)}=${encodeURIComponent(String(value))}`);
      }
      if (pairs.length > 0) url += `?${pairs.join('&')}`;
    }
    const requestHeaders: Record<string, string> = { ...headers };
    const headerParams = init.params?.header;
    if (headerParams) for (const [name, value] of Object.entries(headerParams)) if (value !== undefined && value !== null) requestHeaders[name] = String(value);
    const requestInit: RequestInit = { method, headers: requestHeaders };
    if (init.signal) requestInit.signal = init.signal;
    if (init.body !== undefined) {
      requestHeaders['content-type'] = 'application/json';
      requestInit.body = JSON.stringify(init.body);
    }
    const response = await getFetch()(url, requestInit);
    const text = await response.text();
    if (response.ok) return { data: text, response };
    let error: unknown = text;
    try {
      error = JSON.parse(text);
    } catch {
      // Not JSON: keep the text; the caller reports it by status.
    }
    return { error, response };
  };
  return { GET: send('GET'), POST: send('POST'), PATCH: send('PATCH') } as unknown as PathsApi;
}

function checkInput<S extends z.ZodType>(operation: string, schema: S, value: unknown): z.output<S> {
  const parsed = schema.safeParse(value);
  if (!parsed.success) {
    const issues = issuesOf(parsed.error);
    const first = issues[0];
    throw new WasteError('validation', first ? `${first.path ? `${first.path}: ` : ''}${first.message}` : 'Invalid input', {
      operation,
      issues,
    });
  }
  return parsed.data;
}

/**
 * Create a typed client for a waste back office that implements the
 * councilkit waste OpenAPI contract.
 *
 * Inputs are checked before anything is sent (a bad UPRN never leaves the
 * building); every answer is validated with zod into councilkit's own types;
 * every failure is a {@link WasteError} with a `reason` you can switch on.
 *
 * @example
 * ```ts
 * import { createWasteClient } from '@councilkit/waste';
 *
 * const waste = createWasteClient({ baseUrl: 'https://waste.example.gov.uk/v1', timeoutMs: 5000 });
 * const [home] = await waste.findPropertiesByPostcode('AT1 1AA');
 * const { services } = await waste.getPropertyServices(home!.uprn);
 * const request = await waste.reportMissedCollection(
 *   { uprn: home!.uprn, serviceId: services[0]!.id },
 *   { idempotencyKey: 'outbox-message-42' },
 * );
 * console.log(request.reference, request.status); // "MC-000001" "open"
 * ```
 */
export function createWasteClient(options: WasteClientOptions): WasteClient {
  const parsedOptions = optionsSchema.safeParse(options ?? {});
  if (!parsedOptions.success) {
    throw new WasteError('invalid-options', `Invalid waste client options: ${parsedOptions.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  }
  const { baseUrl, timeoutMs, headers } = parsedOptions.data;
  const customFetch = options.fetch;
  // Looked up per call so msw (or any interceptor) installed after the client was created still sees it.
  const api = directApi(baseUrl, { accept: 'application/json, application/problem+json', ...headers }, () => customFetch ?? globalThis.fetch);

  // Calls starting within ~25 ms share one timeout signal: AbortSignal.timeout (or a timer) per call was the largest part of the client's overhead.
  const timeouts = createCallTimeout({ timeoutMs });

  async function run(operation: string, signal: AbortSignal | undefined, send: (signal: AbortSignal) => Promise<Raw>): Promise<{ text: string; response: Response }> {
    const timer = timeouts.signal();
    let raw: Raw;
    try {
      raw = await send(signal ? AbortSignal.any([signal, timer]) : timer);
    } catch (cause) {
      if (timer.aborted) {
        throw new WasteError('timeout', `${DEFAULT_MESSAGES.timeout} (${operation}, ${timeoutMs} ms)`, { operation, cause });
      }
      if (cause instanceof SyntaxError) {
        throw new WasteError('malformed-response', DEFAULT_MESSAGES['malformed-response'], { operation, cause });
      }
      throw new WasteError('unavailable', DEFAULT_MESSAGES.unavailable, { operation, cause });
    }
    const { response } = raw;
    if (response.ok) {
      return { text: typeof raw.data === 'string' ? raw.data : '', response };
    }
    const checked = problemSchema.safeParse(raw.error);
    const problem: WasteProblem | undefined = checked.success ? checked.data : undefined;
    const reason = reasonForStatus(response.status, problem);
    throw new WasteError(reason, problem?.detail ?? problem?.title ?? DEFAULT_MESSAGES[reason], {
      operation,
      status: response.status,
      problem,
      retryAfterSeconds: parseRetryAfter(response.headers.get('retry-after'), Date.now()),
      issues: problem?.errors?.map((e) => ({ path: e.pointer, message: e.detail })),
    });
  }

  async function json<S extends z.ZodType>(
    operation: string,
    schema: S,
    signal: AbortSignal | undefined,
    send: (signal: AbortSignal) => Promise<Raw>,
  ): Promise<z.output<S>> {
    const { text } = await run(operation, signal, send);
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch (cause) {
      throw new WasteError('malformed-response', DEFAULT_MESSAGES['malformed-response'], { operation, cause });
    }
    const parsed = schema.safeParse(body);
    if (!parsed.success) {
      throw new WasteError('malformed-response', DEFAULT_MESSAGES['malformed-response'], {
        operation,
        issues: issuesOf(parsed.error),
        cause: parsed.error,
      });
    }
    return parsed.data;
  }

  function key(operation: string, options: WriteOptions | undefined): string {
    return checkInput(operation, idempotencyKeySchema, options?.idempotencyKey ?? globalThis.crypto.randomUUID());
  }

  const propertyListSchema = z.object({ properties: z.array(propertySchema).max(1000) });
  const containerTypeListSchema = z.object({ containerTypes: z.array(containerTypeSchema).max(100) });
  const bulkyItemListSchema = z.object({ items: z.array(bulkyItemSchema).max(500), maxItemsPerBooking: z.int().min(1).max(50) });
  const bulkySlotListSchema = z.object({ uprn: uprnSchema, slots: z.array(bulkySlotSchema).max(500) });

  return {
    async findPropertiesByPostcode(postcode, options) {
      const op = 'findPropertiesByPostcode';
      const checked = checkInput(op, postcodeSchema, postcode);
      const body = await json(op, propertyListSchema, options?.signal, (signal) =>
        api.GET('/properties', { params: { query: { postcode: checked } }, parseAs: 'text', signal }),
      );
      return body.properties;
    },

    async getProperty(uprn, options) {
      const op = 'getProperty';
      const checked = checkInput(op, uprnSchema, uprn);
      return json(op, propertySchema, options?.signal, (signal) =>
        api.GET('/properties/{uprn}', { params: { path: { uprn: checked } }, parseAs: 'text', signal }),
      );
    },

    async getPropertyServices(uprn, options) {
      const op = 'getPropertyServices';
      const checked = checkInput(op, uprnSchema, uprn);
      return json(op, propertyServicesSchema, options?.signal, (signal) =>
        api.GET('/properties/{uprn}/services', { params: { path: { uprn: checked } }, parseAs: 'text', signal }),
      );
    },

    async getCollectionCalendar(uprn, options) {
      const op = 'getCollectionCalendar';
      const checked = checkInput(op, z.object({ uprn: uprnSchema, weeks: z.int().min(1).max(52).optional() }), { uprn, weeks: options?.weeks });
      const query = checked.weeks === undefined ? {} : { weeks: checked.weeks };
      const { text } = await run(op, options?.signal, (signal) =>
        api.GET('/properties/{uprn}/calendar.ics', { params: { path: { uprn: checked.uprn }, query }, parseAs: 'text', signal }),
      );
      if (!/^BEGIN:VCALENDAR\r?\n/.test(text) || !/END:VCALENDAR\s*$/.test(text)) {
        throw new WasteError('malformed-response', DEFAULT_MESSAGES['malformed-response'], { operation: op });
      }
      return text;
    },

    async listContainerTypes(options) {
      const body = await json('listContainerTypes', containerTypeListSchema, options?.signal, (signal) =>
        api.GET('/container-types', { parseAs: 'text', signal }),
      );
      return body.containerTypes;
    },

    async reportMissedCollection(input, options) {
      const op = 'reportMissedCollection';
      const body = checkInput(op, missedCollectionInputSchema, input);
      const idempotencyKey = key(op, options);
      return json(op, serviceRequestSchema, options?.signal, (signal) =>
        api.POST('/missed-collections', { params: { header: { 'Idempotency-Key': idempotencyKey } }, body, parseAs: 'text', signal }),
      );
    },

    async requestContainer(input, options) {
      const op = 'requestContainer';
      const body = checkInput(op, containerRequestInputSchema, input);
      const idempotencyKey = key(op, options);
      return json(op, serviceRequestSchema, options?.signal, (signal) =>
        api.POST('/container-requests', { params: { header: { 'Idempotency-Key': idempotencyKey } }, body, parseAs: 'text', signal }),
      );
    },

    async cancelContainerRequest(reference, input = {}, options) {
      const op = 'cancelContainerRequest';
      const ref = checkInput(op, referenceInputSchema, reference);
      const body = checkInput(op, cancelInputSchema, input);
      const idempotencyKey = key(op, options);
      return json(op, serviceRequestSchema, options?.signal, (signal) =>
        api.POST('/container-requests/{reference}/cancel', {
          params: { path: { reference: ref }, header: { 'Idempotency-Key': idempotencyKey } },
          body,
          parseAs: 'text',
          signal,
        }),
      );
    },

    async getServiceRequest(reference, options) {
      const op = 'getServiceRequest';
      const ref = checkInput(op, referenceInputSchema, reference);
      return json(op, serviceRequestSchema, options?.signal, (signal) =>
        api.GET('/requests/{reference}', { params: { path: { reference: ref } }, parseAs: 'text', signal }),
      );
    },

    async listUpdates(input = {}, options) {
      const op = 'listUpdates';
      const query = checkInput(op, updatesInputSchema, input);
      return json(op, updatePageSchema, options?.signal, (signal) => api.GET('/updates', { params: { query }, parseAs: 'text', signal }));
    },

    async quoteGardenSubscription(input, options) {
      const op = 'quoteGardenSubscription';
      const query = checkInput(op, gardenQuoteInputSchema, input);
      return json(op, gardenQuoteSchema, options?.signal, (signal) =>
        api.GET('/garden-subscriptions/quote', { params: { query }, parseAs: 'text', signal }),
      );
    },

    async subscribeGardenWaste(input, options) {
      const op = 'subscribeGardenWaste';
      const body = checkInput(op, gardenSubscribeInputSchema, input);
      const idempotencyKey = key(op, options);
      return json(op, gardenSubscriptionSchema, options?.signal, (signal) =>
        api.POST('/garden-subscriptions', { params: { header: { 'Idempotency-Key': idempotencyKey } }, body, parseAs: 'text', signal }),
      );
    },

    async getGardenSubscription(reference, options) {
      const op = 'getGardenSubscription';
      const ref = checkInput(op, referenceInputSchema, reference);
      return json(op, gardenSubscriptionSchema, options?.signal, (signal) =>
        api.GET('/garden-subscriptions/{reference}', { params: { path: { reference: ref } }, parseAs: 'text', signal }),
      );
    },

    async modifyGardenSubscription(reference, input, options) {
      const op = 'modifyGardenSubscription';
      const ref = checkInput(op, referenceInputSchema, reference);
      const body = checkInput(op, gardenModifyInputSchema, input);
      const idempotencyKey = key(op, options);
      return json(op, gardenSubscriptionSchema, options?.signal, (signal) =>
        api.PATCH('/garden-subscriptions/{reference}', {
          params: { path: { reference: ref }, header: { 'Idempotency-Key': idempotencyKey } },
          body,
          parseAs: 'text',
          signal,
        }),
      );
    },

    async renewGardenSubscription(reference, input, options) {
      const op = 'renewGardenSubscription';
      const ref = checkInput(op, referenceInputSchema, reference);
      const body = checkInput(op, gardenRenewInputSchema, input);
      const idempotencyKey = key(op, options);
      return json(op, gardenSubscriptionSchema, options?.signal, (signal) =>
        api.POST('/garden-subscriptions/{reference}/renew', {
          params: { path: { reference: ref }, header: { 'Idempotency-Key': idempotencyKey } },
          body,
          parseAs: 'text',
          signal,
        }),
      );
    },

    async cancelGardenSubscription(reference, input = {}, options) {
      const op = 'cancelGardenSubscription';
      const ref = checkInput(op, referenceInputSchema, reference);
      const body = checkInput(op, cancelInputSchema, input);
      const idempotencyKey = key(op, options);
      return json(op, gardenSubscriptionSchema, options?.signal, (signal) =>
        api.POST('/garden-subscriptions/{reference}/cancel', {
          params: { path: { reference: ref }, header: { 'Idempotency-Key': idempotencyKey } },
          body,
          parseAs: 'text',
          signal,
        }),
      );
    },

    async listBulkyItems(options) {
      return json('listBulkyItems', bulkyItemListSchema, options?.signal, (signal) => api.GET('/bulky/items', { parseAs: 'text', signal }));
    },

    async listBulkySlots(input, options) {
      const op = 'listBulkySlots';
      const query = checkInput(op, bulkySlotsInputSchema, input);
      const body = await json(op, bulkySlotListSchema, options?.signal, (signal) =>
        api.GET('/bulky/slots', { params: { query }, parseAs: 'text', signal }),
      );
      return body.slots;
    },

    async reserveBulkySlot(input, options) {
      const op = 'reserveBulkySlot';
      const body = checkInput(op, bulkyReserveInputSchema, input);
      const idempotencyKey = key(op, options);
      return json(op, bulkyReservationSchema, options?.signal, (signal) =>
        api.POST('/bulky/reservations', { params: { header: { 'Idempotency-Key': idempotencyKey } }, body, parseAs: 'text', signal }),
      );
    },

    async bookBulkyCollection(input, options) {
      const op = 'bookBulkyCollection';
      const body = checkInput(op, bulkyBookInputSchema, input);
      const idempotencyKey = key(op, options);
      return json(op, bulkyBookingSchema, options?.signal, (signal) =>
        api.POST('/bulky/bookings', { params: { header: { 'Idempotency-Key': idempotencyKey } }, body, parseAs: 'text', signal }),
      );
    },

    async getBulkyBooking(reference, options) {
      const op = 'getBulkyBooking';
      const ref = checkInput(op, referenceInputSchema, reference);
      return json(op, bulkyBookingSchema, options?.signal, (signal) =>
        api.GET('/bulky/bookings/{reference}', { params: { path: { reference: ref } }, parseAs: 'text', signal }),
      );
    },

    async amendBulkyBooking(reference, input, options) {
      const op = 'amendBulkyBooking';
      const ref = checkInput(op, referenceInputSchema, reference);
      const body = checkInput(op, bulkyAmendInputSchema, input);
      const idempotencyKey = key(op, options);
      return json(op, bulkyBookingSchema, options?.signal, (signal) =>
        api.PATCH('/bulky/bookings/{reference}', {
          params: { path: { reference: ref }, header: { 'Idempotency-Key': idempotencyKey } },
          body,
          parseAs: 'text',
          signal,
        }),
      );
    },

    async cancelBulkyBooking(reference, input = {}, options) {
      const op = 'cancelBulkyBooking';
      const ref = checkInput(op, referenceInputSchema, reference);
      const body = checkInput(op, cancelInputSchema, input);
      const idempotencyKey = key(op, options);
      return json(op, bulkyCancellationSchema, options?.signal, (signal) =>
        api.POST('/bulky/bookings/{reference}/cancel', {
          params: { path: { reference: ref }, header: { 'Idempotency-Key': idempotencyKey } },
          body,
          parseAs: 'text',
          signal,
        }),
      );
    },

    async applyAssistedCollection(input, options) {
      const op = 'applyAssistedCollection';
      const body = checkInput(op, assistedApplyInputSchema, input);
      const idempotencyKey = key(op, options);
      return json(op, assistedCollectionSchema, options?.signal, (signal) =>
        api.POST('/assisted-collections', { params: { header: { 'Idempotency-Key': idempotencyKey } }, body, parseAs: 'text', signal }),
      );
    },

    async getAssistedCollection(reference, options) {
      const op = 'getAssistedCollection';
      const ref = checkInput(op, referenceInputSchema, reference);
      return json(op, assistedCollectionSchema, options?.signal, (signal) =>
        api.GET('/assisted-collections/{reference}', { params: { path: { reference: ref } }, parseAs: 'text', signal }),
      );
    },

    async approveAssistedCollection(reference, input, options) {
      const op = 'approveAssistedCollection';
      const ref = checkInput(op, referenceInputSchema, reference);
      const body = checkInput(op, assistedDecisionInputSchema, input);
      const idempotencyKey = key(op, options);
      return json(op, assistedCollectionSchema, options?.signal, (signal) =>
        api.POST('/assisted-collections/{reference}/approve', {
          params: { path: { reference: ref }, header: { 'Idempotency-Key': idempotencyKey } },
          body,
          parseAs: 'text',
          signal,
        }),
      );
    },

    async denyAssistedCollection(reference, input, options) {
      const op = 'denyAssistedCollection';
      const ref = checkInput(op, referenceInputSchema, reference);
      const body = checkInput(op, assistedDecisionInputSchema, input);
      const idempotencyKey = key(op, options);
      return json(op, assistedCollectionSchema, options?.signal, (signal) =>
        api.POST('/assisted-collections/{reference}/deny', {
          params: { path: { reference: ref }, header: { 'Idempotency-Key': idempotencyKey } },
          body,
          parseAs: 'text',
          signal,
        }),
      );
    },
  };
}
