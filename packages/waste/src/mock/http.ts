import { IDEMPOTENCY_KEY_PATTERN, createIdempotencyStore, fingerprintOf, matchRoute, readBodyText, wait } from '@councilkit/connect/mock';
import type { IdempotencyStore } from '@councilkit/connect/mock';
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
  /** The path, with `{name}` for each path parameter. */
  pattern: string;
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
  return { operation, method, pattern: path, run, ...extra };
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

async function readBody(request: Request, optional: boolean): Promise<unknown> {
  const text = await readBodyText(request, MAX_BODY_BYTES);
  if (text === undefined) throw new RequestRejected(problemReply('payload-too-large', 413, 'Request too large', `Send at most ${MAX_BODY_BYTES} bytes.`));
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

/** The mock's Idempotency-Key store (internal): shared by every fetch handler of one back office. */
export function createWasteIdempotencyStore(): IdempotencyStore {
  return createIdempotencyStore({
    limit: Number.POSITIVE_INFINITY,
    reused: () =>
      toResponse(
        problemReply('idempotency-key-reuse', 422, 'Idempotency-Key reused', 'This Idempotency-Key was already used for a different request. Use a new key for a new request.'),
      ),
  });
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
    const matched = matchRoute(routes, request.method, path);
    if (matched === undefined) return toResponse(problemReply('not-found', 404, 'Not found', 'There is nothing at that address.'));
    if ('allowed' in matched) {
      return toResponse(problemReply('method-not-allowed', 405, 'Method not allowed', `Use ${matched.allowed.join(' or ')}.`), {
        allow: matched.allowed.join(', '),
      });
    }
    const { route: found, params } = matched;

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

    const write = found.method !== 'GET';
    let key: string | null = null;
    try {
      let body: unknown;
      if (write) {
        key = request.headers.get('idempotency-key');
        if (key === null || key === '') {
          return toResponse(problemReply('idempotency-key-missing', 400, 'Idempotency-Key required', 'Every write needs an Idempotency-Key header.'));
        }
        if (!IDEMPOTENCY_KEY_PATTERN.test(key)) {
          return toResponse(problemReply('validation', 400, 'Invalid Idempotency-Key', 'An Idempotency-Key is 1-128 printable ASCII characters.'));
        }
        body = await readBody(request, found.optionalBody === true);
      }
      const ctx: RouteContext = { params, query: url.searchParams, body };
      if (!write || key === null) return toResponse(found.run(internals.operations, ctx));

      return await internals.idempotency.run(key, fingerprintOf(found.method, path, body), async () => toResponse(found.run(internals.operations, ctx)));
    } catch (error) {
      if (error instanceof RequestRejected) return toResponse(error.reply);
      return toResponse(problemReply('unavailable', 500, 'Internal error', 'The mock waste back office failed unexpectedly.'));
    }
  };
}
