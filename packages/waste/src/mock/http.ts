import { z } from 'zod';
import {
  assistedApplyInputSchema,
  assistedDecisionInputSchema,
  bulkyAmendInputSchema,
  bulkyBookInputSchema,
  bulkyReserveInputSchema,
  bulkySlotsInputSchema,
  cancelInputSchema,
  containerRequestInputSchema,
  gardenModifyInputSchema,
  gardenQuoteInputSchema,
  gardenRenewInputSchema,
  gardenSubscribeInputSchema,
  missedCollectionInputSchema,
  postcodeSchema,
  referenceInputSchema,
  updatesInputSchema,
  uprnSchema,
} from '../schemas.js';
import type { FetchHandlerOptions, MockInternals, MockOperations } from './back-office.js';
import { problemReply } from './reply.js';
import type { Reply } from './reply.js';

const MAX_BODY_BYTES = 32 * 1024;
const IDEMPOTENCY_KEY = /^[\x21-\x7E]{1,128}$/;

class RequestRejected extends Error {
  constructor(readonly reply: Reply) {
    super('rejected');
  }
}

interface RouteContext {
  params: Record<string, string>;
  query: URLSearchParams;
  body: unknown;
}

interface Route {
  operation: keyof MockOperations;
  method: 'GET' | 'POST' | 'PATCH';
  path: string;
  pattern: RegExp;
  names: string[];
  /** Whether an empty body counts as `{}` (cancel operations). */
  optionalBody?: boolean;
  run(ops: MockOperations, ctx: RouteContext): Reply;
}

function check<S extends z.ZodType>(schema: S, value: unknown, where: string): z.output<S> {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const errors = parsed.error.issues.slice(0, 20).map((issue) => ({
    pointer: `${where}${issue.path.length ? `/${issue.path.map(String).join('/')}` : ''}`,
    detail: issue.message,
  }));
  throw new RequestRejected(
    problemReply('validation', 400, 'Invalid request', `The request was not valid: ${errors.map((e) => `${e.pointer} ${e.detail}`).join('; ')}`, { errors }),
  );
}

/** Digits become numbers, so zod can check ranges; anything else stays a string and fails the number schema. */
function numeric(value: string | null): string | number | undefined {
  if (value === null) return undefined;
  return /^\d{1,15}$/.test(value) ? Number(value) : value;
}

const uprnParam = (ctx: RouteContext) => check(uprnSchema, numeric(ctx.params.uprn ?? null), '#/path/uprn');
const referenceParam = (ctx: RouteContext) => check(referenceInputSchema, ctx.params.reference, '#/path/reference');
const queryOf = (ctx: RouteContext, names: string[], numbers: string[] = []) => {
  const out: Record<string, unknown> = {};
  for (const name of names) {
    const value = ctx.query.get(name);
    if (value !== null) out[name] = numbers.includes(name) ? numeric(value) : value;
  }
  return out;
};

function route(
  operation: keyof MockOperations,
  method: Route['method'],
  path: string,
  run: Route['run'],
  extra: { optionalBody?: boolean } = {},
): Route {
  const names: string[] = [];
  const source = path.replace(/[.]/g, '\\.').replace(/\{([a-z]+)\}/g, (_all, name: string) => {
    names.push(name);
    return '([^/]+)';
  });
  return { operation, method, path, pattern: new RegExp(`^${source}$`), names, run, ...extra };
}

const routes: Route[] = [
  route('findPropertiesByPostcode', 'GET', '/properties', (ops, ctx) =>
    ops.findPropertiesByPostcode(check(postcodeSchema, ctx.query.get('postcode') ?? undefined, '#/query/postcode')),
  ),
  route('getProperty', 'GET', '/properties/{uprn}', (ops, ctx) => ops.getProperty(uprnParam(ctx))),
  route('getPropertyServices', 'GET', '/properties/{uprn}/services', (ops, ctx) => ops.getPropertyServices(uprnParam(ctx))),
  route('getCollectionCalendar', 'GET', '/properties/{uprn}/calendar.ics', (ops, ctx) => {
    const { weeks } = check(z.object({ weeks: z.int().min(1).max(52).default(8) }), queryOf(ctx, ['weeks'], ['weeks']), '#/query');
    return ops.getCollectionCalendar(uprnParam(ctx), weeks);
  }),
  route('listContainerTypes', 'GET', '/container-types', (ops) => ops.listContainerTypes()),
  route('reportMissedCollection', 'POST', '/missed-collections', (ops, ctx) => ops.reportMissedCollection(check(missedCollectionInputSchema, ctx.body, '#'))),
  route('requestContainer', 'POST', '/container-requests', (ops, ctx) => ops.requestContainer(check(containerRequestInputSchema, ctx.body, '#'))),
  route(
    'cancelContainerRequest',
    'POST',
    '/container-requests/{reference}/cancel',
    (ops, ctx) => ops.cancelContainerRequest(referenceParam(ctx), check(cancelInputSchema, ctx.body, '#')),
    { optionalBody: true },
  ),
  route('getServiceRequest', 'GET', '/requests/{reference}', (ops, ctx) => ops.getServiceRequest(referenceParam(ctx))),
  route('listUpdates', 'GET', '/updates', (ops, ctx) => ops.listUpdates(check(updatesInputSchema, queryOf(ctx, ['since', 'limit'], ['limit']), '#/query'))),
  route('quoteGardenSubscription', 'GET', '/garden-subscriptions/quote', (ops, ctx) =>
    ops.quoteGardenSubscription(check(gardenQuoteInputSchema, queryOf(ctx, ['uprn', 'bins'], ['uprn', 'bins']), '#/query')),
  ),
  route('subscribeGardenWaste', 'POST', '/garden-subscriptions', (ops, ctx) => ops.subscribeGardenWaste(check(gardenSubscribeInputSchema, ctx.body, '#'))),
  route('getGardenSubscription', 'GET', '/garden-subscriptions/{reference}', (ops, ctx) => ops.getGardenSubscription(referenceParam(ctx))),
  route('modifyGardenSubscription', 'PATCH', '/garden-subscriptions/{reference}', (ops, ctx) =>
    ops.modifyGardenSubscription(referenceParam(ctx), check(gardenModifyInputSchema, ctx.body, '#')),
  ),
  route('renewGardenSubscription', 'POST', '/garden-subscriptions/{reference}/renew', (ops, ctx) =>
    ops.renewGardenSubscription(referenceParam(ctx), check(gardenRenewInputSchema, ctx.body, '#')),
  ),
  route(
    'cancelGardenSubscription',
    'POST',
    '/garden-subscriptions/{reference}/cancel',
    (ops, ctx) => ops.cancelGardenSubscription(referenceParam(ctx), check(cancelInputSchema, ctx.body, '#')),
    { optionalBody: true },
  ),
  route('listBulkyItems', 'GET', '/bulky/items', (ops) => ops.listBulkyItems()),
  route('listBulkySlots', 'GET', '/bulky/slots', (ops, ctx) =>
    ops.listBulkySlots(check(bulkySlotsInputSchema, queryOf(ctx, ['uprn', 'from', 'to'], ['uprn']), '#/query')),
  ),
  route('reserveBulkySlot', 'POST', '/bulky/reservations', (ops, ctx) => ops.reserveBulkySlot(check(bulkyReserveInputSchema, ctx.body, '#'))),
  route('bookBulkyCollection', 'POST', '/bulky/bookings', (ops, ctx) => ops.bookBulkyCollection(check(bulkyBookInputSchema, ctx.body, '#'))),
  route('getBulkyBooking', 'GET', '/bulky/bookings/{reference}', (ops, ctx) => ops.getBulkyBooking(referenceParam(ctx))),
  route('amendBulkyBooking', 'PATCH', '/bulky/bookings/{reference}', (ops, ctx) =>
    ops.amendBulkyBooking(referenceParam(ctx), check(bulkyAmendInputSchema, ctx.body, '#')),
  ),
  route(
    'cancelBulkyBooking',
    'POST',
    '/bulky/bookings/{reference}/cancel',
    (ops, ctx) => ops.cancelBulkyBooking(referenceParam(ctx), check(cancelInputSchema, ctx.body, '#')),
    { optionalBody: true },
  ),
  route('applyAssistedCollection', 'POST', '/assisted-collections', (ops, ctx) => ops.applyAssistedCollection(check(assistedApplyInputSchema, ctx.body, '#'))),
  route('getAssistedCollection', 'GET', '/assisted-collections/{reference}', (ops, ctx) => ops.getAssistedCollection(referenceParam(ctx))),
  route('approveAssistedCollection', 'POST', '/assisted-collections/{reference}/approve', (ops, ctx) =>
    ops.approveAssistedCollection(referenceParam(ctx), check(assistedDecisionInputSchema, ctx.body, '#')),
  ),
  route('denyAssistedCollection', 'POST', '/assisted-collections/{reference}/deny', (ops, ctx) =>
    ops.denyAssistedCollection(referenceParam(ctx), check(assistedDecisionInputSchema, ctx.body, '#')),
  ),
];

function stableStringify(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableStringify).join(',')}]`;
  if (value && typeof value === 'object') {
    return `{${Object.keys(value)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${stableStringify((value as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

function toResponse(reply: Reply, extraHeaders: Record<string, string> = {}): Response {
  const headers = new Headers({ 'cache-control': 'no-store', ...reply.headers, ...extraHeaders });
  if (reply.text !== undefined) {
    headers.set('content-type', reply.contentType ?? 'text/plain; charset=utf-8');
    return new Response(reply.text, { status: reply.status, headers });
  }
  if (reply.body === undefined) return new Response(null, { status: reply.status, headers });
  headers.set('content-type', reply.contentType ?? 'application/json');
  return new Response(JSON.stringify(reply.body), { status: reply.status, headers });
}

function wait(ms: number, signal: AbortSignal | undefined): Promise<'elapsed' | 'aborted'> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve('aborted');
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve('elapsed');
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      resolve('aborted');
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

async function readBody(request: Request, optional: boolean): Promise<unknown> {
  const declared = Number(request.headers.get('content-length') ?? '0');
  if (declared > MAX_BODY_BYTES) throw new RequestRejected(problemReply('payload-too-large', 413, 'Request too large', `Send at most ${MAX_BODY_BYTES} bytes.`));
  const text = await request.text();
  if (new TextEncoder().encode(text).length > MAX_BODY_BYTES) {
    throw new RequestRejected(problemReply('payload-too-large', 413, 'Request too large', `Send at most ${MAX_BODY_BYTES} bytes.`));
  }
  if (text.trim() === '') {
    if (optional) return {};
    throw new RequestRejected(problemReply('validation', 400, 'Invalid request', 'This operation needs a JSON body.'));
  }
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new RequestRejected(problemReply('validation', 400, 'Invalid request', 'The body is not valid JSON.'));
  }
}

/** Build the `(Request) => Promise<Response>` for a mock back office (internal; use `backOffice.toFetchHandler()`). */
export function createFetchHandler(internals: MockInternals, options: FetchHandlerOptions = {}): (request: Request) => Promise<Response> {
  const basePath = (options.basePath ?? '').replace(/\/+$/, '');

  return async function handle(request: Request): Promise<Response> {
    const url = new URL(request.url);
    if (basePath && url.pathname !== basePath && !url.pathname.startsWith(`${basePath}/`)) {
      return toResponse(problemReply('not-found', 404, 'Not found', 'There is nothing at that address.'));
    }
    const path = url.pathname.slice(basePath.length) || '/';
    const matching = routes.filter((r) => r.pattern.test(path));
    if (matching.length === 0) return toResponse(problemReply('not-found', 404, 'Not found', 'There is nothing at that address.'));
    const found = matching.find((r) => r.method === request.method);
    if (!found) {
      return toResponse(problemReply('method-not-allowed', 405, 'Method not allowed', `Use ${matching.map((r) => r.method).join(' or ')}.`), {
        allow: matching.map((r) => r.method).join(', '),
      });
    }

    const fault = internals.faults.take(found.operation);
    if (fault?.kind === 'error') {
      const status = fault.status ?? 503;
      return toResponse(problemReply('unavailable', status, 'Service unavailable', 'The waste system is having problems. Try again shortly.'), { 'retry-after': '1' });
    }
    if (fault?.kind === 'timeout') {
      await wait(fault.delayMs ?? 30_000, request.signal);
      return toResponse(problemReply('unavailable', 504, 'Gateway timeout', 'The waste system did not answer in time.'));
    }
    if (fault?.kind === 'slow') await wait(fault.delayMs ?? 200, request.signal);
    if (fault?.kind === 'malformed') {
      return new Response('{"reference":"MC-1","status":"op', { status: 200, headers: { 'content-type': 'application/json' } });
    }

    const params: Record<string, string> = {};
    const match = found.pattern.exec(path);
    found.names.forEach((name, i) => {
      const raw = match?.[i + 1] ?? '';
      let decoded = raw;
      try {
        decoded = decodeURIComponent(raw);
      } catch {
        decoded = raw;
      }
      params[name] = decoded;
    });

    const write = found.method !== 'GET';
    let key: string | null = null;
    try {
      let body: unknown;
      if (write) {
        key = request.headers.get('idempotency-key');
        if (key === null || key === '') {
          return toResponse(problemReply('idempotency-key-missing', 400, 'Idempotency-Key required', 'Every write needs an Idempotency-Key header.'));
        }
        if (!IDEMPOTENCY_KEY.test(key)) {
          return toResponse(problemReply('validation', 400, 'Invalid Idempotency-Key', 'An Idempotency-Key is 1-128 printable ASCII characters.'));
        }
        body = await readBody(request, found.optionalBody === true);
      }
      const ctx: RouteContext = { params, query: url.searchParams, body };
      if (!write || key === null) return toResponse(found.run(internals.operations, ctx));

      const fingerprint = `${found.method} ${path} ${stableStringify(body)}`;
      const stored = internals.idempotency.get(key);
      if (stored) {
        if (stored.fingerprint !== fingerprint) {
          return toResponse(
            problemReply('idempotency-key-reuse', 422, 'Idempotency-Key reused', 'This Idempotency-Key was already used for a different request. Use a new key for a new request.'),
          );
        }
        return toResponse(stored.reply, { 'idempotency-replayed': 'true' });
      }
      if (internals.inflight.has(key)) {
        return toResponse(problemReply('idempotency-key-in-flight', 409, 'Request in progress', 'A request with this Idempotency-Key is still being processed.'), { 'retry-after': '1' });
      }
      internals.inflight.add(key);
      try {
        const reply = found.run(internals.operations, ctx);
        if (reply.status < 500) internals.idempotency.set(key, { fingerprint, reply });
        return toResponse(reply);
      } finally {
        internals.inflight.delete(key);
      }
    } catch (error) {
      if (error instanceof RequestRejected) return toResponse(error.reply);
      return toResponse(problemReply('unavailable', 500, 'Internal error', 'The mock waste back office failed unexpectedly.'));
    }
  };
}
