import { z } from 'zod';
import { ConnectError, describeIssues } from './errors.js';
import { problemResponse } from './problem.js';
import { statusUpdateSchema } from './status.js';
import type { StatusUpdate } from './status.js';
import type { StatusSync, UpdateOutcome } from './status-sync.js';

/**
 * Header carrying the signing time, in Unix seconds.
 *
 * @example
 * ```ts
 * request.headers.get(WEBHOOK_TIMESTAMP_HEADER); // '1795510800'
 * ```
 */
export const WEBHOOK_TIMESTAMP_HEADER = 'x-councilkit-timestamp';
/**
 * Header carrying `sha256=<hex HMAC-SHA256 of "<timestamp>.<body>">`.
 *
 * @example
 * ```ts
 * request.headers.get(WEBHOOK_SIGNATURE_HEADER); // 'sha256=9f86d0...'
 * ```
 */
export const WEBHOOK_SIGNATURE_HEADER = 'x-councilkit-signature';
/**
 * Header carrying the sender's unique id for this delivery.
 *
 * @example
 * ```ts
 * request.headers.get(WEBHOOK_DELIVERY_HEADER); // 'd-7'
 * ```
 */
export const WEBHOOK_DELIVERY_HEADER = 'x-councilkit-delivery';

/**
 * Problem `type` URIs the webhook answers with, stable so senders can branch on them.
 *
 * @example
 * ```ts
 * if (problem.type === webhookProblemTypes.replayed) markAsAlreadyDelivered();
 * ```
 */
export const webhookProblemTypes = {
  methodNotAllowed: 'https://councilkit.org/problems/webhook/method-not-allowed',
  missingHeaders: 'https://councilkit.org/problems/webhook/missing-headers',
  staleTimestamp: 'https://councilkit.org/problems/webhook/stale-timestamp',
  badSignature: 'https://councilkit.org/problems/webhook/bad-signature',
  replayed: 'https://councilkit.org/problems/webhook/replayed-delivery',
  tooLarge: 'https://councilkit.org/problems/webhook/too-large',
  invalidBody: 'https://councilkit.org/problems/webhook/invalid-body',
  unavailable: 'https://councilkit.org/problems/webhook/unavailable',
} as const;

/**
 * Remembers delivery ids until they expire. Swap in a shared one when several processes receive webhooks.
 *
 * @example
 * ```ts
 * const shared: DeliveryLog = {
 *   remember: async (id, expiresAt) => (await redis.set(`hook:${id}`, '1', { NX: true, PXAT: expiresAt })) === 'OK',
 *   forget: async (id) => void (await redis.del(`hook:${id}`)),
 * };
 * ```
 */
export interface DeliveryLog {
  /** Remember `id` until `expiresAt` (epoch ms). Returns false if it was already remembered (a replay). */
  remember(id: string, expiresAt: number): Promise<boolean>;
  /** Forget `id`, so the sender may retry a delivery we failed to apply. */
  forget(id: string): Promise<void>;
}

/**
 * Options for {@link createWebhookHandler}.
 *
 * @example
 * ```ts
 * const options: WebhookHandlerOptions = { secret: [newSecret, oldSecret], sync, backOffice: 'waste', toleranceSeconds: 120 };
 * ```
 */
export interface WebhookHandlerOptions {
  /** Shared secret(s). Several let you rotate: any one may sign. */
  secret: string | readonly string[];
  /** Status sync that applies the updates. */
  sync: Pick<StatusSync, 'apply'>;
  /** The back office this endpoint receives from (its name). */
  backOffice: string;
  /** How far the signing time may be from now, in seconds. Default `300`. */
  toleranceSeconds?: number;
  /** Largest body accepted, in bytes. Default `1000000`. */
  maxBodyBytes?: number;
  /** Where delivery ids are remembered. Default: in memory, pruned after the tolerance window (older deliveries fail the timestamp check anyway). */
  deliveries?: DeliveryLog;
  /** Epoch milliseconds now. Default `Date.now`. */
  now?: () => number;
}

const batchSchema = z.object({ updates: z.array(statusUpdateSchema).min(1) });

const encoder = new TextEncoder();

async function hmacHex(secret: string, message: string): Promise<string> {
  const key = await crypto.subtle.importKey('raw', encoder.encode(secret), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
  const signature = new Uint8Array(await crypto.subtle.sign('HMAC', key, encoder.encode(message)));
  return Array.from(signature, (byte) => byte.toString(16).padStart(2, '0')).join('');
}

/** Compare two strings in time that depends only on their length, so a forger learns nothing from timing. */
function constantTimeEqual(a: string, b: string): boolean {
  const left = encoder.encode(a);
  const right = encoder.encode(b);
  const length = Math.max(left.length, right.length);
  let difference = left.length ^ right.length;
  for (let index = 0; index < length; index += 1) difference |= (left[index] ?? 0) ^ (right[index] ?? 0);
  return difference === 0;
}

/**
 * Sign a webhook body the way {@link createWebhookHandler} checks it, giving
 * the headers to send. Back offices (and the councilkit mock back offices)
 * use it to push status updates.
 *
 * @example
 * ```ts
 * const body = JSON.stringify({ id: 'u-7', reference: 'WM-1', status: 'fixed', updatedAt: new Date().toISOString() });
 * const headers = await signWebhook({ secret: process.env.WASTE_WEBHOOK_SECRET!, body, deliveryId: 'd-7' });
 * await fetch('https://crm.example.gov.uk/hooks/waste', { method: 'POST', body, headers: { ...headers, 'content-type': 'application/json' } });
 * ```
 */
export async function signWebhook(input: { secret: string; body: string; deliveryId: string; timestamp?: number }): Promise<Record<string, string>> {
  const timestamp = String(input.timestamp ?? Math.floor(Date.now() / 1000));
  const signature = await hmacHex(input.secret, `${timestamp}.${input.body}`);
  return {
    [WEBHOOK_TIMESTAMP_HEADER]: timestamp,
    [WEBHOOK_SIGNATURE_HEADER]: `sha256=${signature}`,
    [WEBHOOK_DELIVERY_HEADER]: input.deliveryId,
  };
}

/**
 * An in-memory {@link DeliveryLog}: enough for one process, because a
 * replayed delivery older than the tolerance window fails the timestamp check.
 *
 * @example
 * ```ts
 * const handler = createWebhookHandler({ secret, sync, backOffice: 'waste', deliveries: createMemoryDeliveryLog() });
 * ```
 */
export function createMemoryDeliveryLog(now: () => number = Date.now): DeliveryLog {
  const seen = new Map<string, number>();
  return {
    async remember(id, expiresAt) {
      const at = now();
      for (const [known, expiry] of seen) if (expiry < at) seen.delete(known);
      if (seen.has(id)) return false;
      seen.set(id, expiresAt);
      return true;
    },
    async forget(id) {
      seen.delete(id);
    },
  };
}

/**
 * Create the webhook endpoint a back office pushes status updates to, as a
 * framework-neutral `(request: Request) => Promise<Response>` (mount it in
 * Hono, Express via an adapter, or `node:http`). It checks the HMAC-SHA256
 * signature over `"<timestamp>.<body>"` with a constant-time compare, refuses
 * timestamps outside the tolerance and delivery ids it has seen, and answers
 * every rejection with RFC 9457 problem+json. The body is one update or
 * `{ updates: [...] }`.
 *
 * @throws {@link ConnectError} with reason `invalid-options` for an empty secret.
 * @example
 * ```ts
 * import { Hono } from 'hono';
 * import { createWebhookHandler } from '@councilkit/connect';
 *
 * const handler = createWebhookHandler({ secret: process.env.WASTE_WEBHOOK_SECRET!, sync, backOffice: 'waste' });
 * const app = new Hono();
 * app.post('/hooks/waste', (c) => handler(c.req.raw));
 * ```
 */
export function createWebhookHandler(options: WebhookHandlerOptions): (request: Request) => Promise<Response> {
  const secrets = typeof options.secret === 'string' ? [options.secret] : [...options.secret];
  if (secrets.length === 0 || secrets.some((secret) => secret.length < 16)) {
    throw new ConnectError('invalid-options', 'Webhook secrets must be at least 16 characters');
  }
  const toleranceMs = (options.toleranceSeconds ?? 300) * 1000;
  const maxBodyBytes = options.maxBodyBytes ?? 1_000_000;
  const now = options.now ?? Date.now;
  const deliveries = options.deliveries ?? createMemoryDeliveryLog(now);

  return async (request) => {
    if (request.method !== 'POST') {
      return problemResponse({ status: 405, type: webhookProblemTypes.methodNotAllowed, title: 'Method not allowed', detail: 'Send status updates with POST' }, { allow: 'POST' });
    }
    const timestamp = request.headers.get(WEBHOOK_TIMESTAMP_HEADER);
    const signature = request.headers.get(WEBHOOK_SIGNATURE_HEADER);
    const deliveryId = request.headers.get(WEBHOOK_DELIVERY_HEADER);
    if (!timestamp || !signature || !deliveryId) {
      return problemResponse({
        status: 400,
        type: webhookProblemTypes.missingHeaders,
        title: 'Signature headers missing',
        detail: `Send ${WEBHOOK_TIMESTAMP_HEADER}, ${WEBHOOK_SIGNATURE_HEADER} and ${WEBHOOK_DELIVERY_HEADER}`,
      });
    }
    const declared = Number(request.headers.get('content-length') ?? '0');
    if (declared > maxBodyBytes) return tooLarge(maxBodyBytes);
    const body = await request.text();
    if (encoder.encode(body).length > maxBodyBytes) return tooLarge(maxBodyBytes);

    const at = now();
    const signedAt = /^\d{1,12}$/.test(timestamp) ? Number(timestamp) * 1000 : Number.NaN;
    if (!Number.isFinite(signedAt) || Math.abs(at - signedAt) > toleranceMs) {
      return problemResponse({
        status: 401,
        type: webhookProblemTypes.staleTimestamp,
        title: 'Timestamp outside tolerance',
        detail: `The signing time must be within ${toleranceMs / 1000} seconds of now`,
      });
    }
    let valid = false;
    for (const secret of secrets) {
      // Check every secret so the time taken does not say which one matched.
      if (constantTimeEqual(`sha256=${await hmacHex(secret, `${timestamp}.${body}`)}`, signature)) valid = true;
    }
    if (!valid) {
      return problemResponse({ status: 401, type: webhookProblemTypes.badSignature, title: 'Signature does not match', detail: 'The signature does not match the timestamp and body' });
    }

    let json: unknown;
    try {
      json = JSON.parse(body);
    } catch {
      return problemResponse({ status: 422, type: webhookProblemTypes.invalidBody, title: 'Body is not JSON', detail: 'Send one status update, or { "updates": [...] }, as JSON' });
    }
    // Pick the schema by shape so the error names the fields that are wrong.
    const isBatch = typeof json === 'object' && json !== null && 'updates' in json;
    const parsed = isBatch ? batchSchema.safeParse(json) : statusUpdateSchema.safeParse(json);
    if (!parsed.success) {
      return problemResponse({ status: 422, type: webhookProblemTypes.invalidBody, title: 'Body is not a status update', detail: describeIssues(parsed.error.issues) });
    }

    if (!(await deliveries.remember(deliveryId, signedAt + toleranceMs))) {
      return problemResponse({
        status: 409,
        type: webhookProblemTypes.replayed,
        title: 'Delivery already received',
        detail: `Delivery ${deliveryId} was already received; it is not applied twice`,
      });
    }

    const updates: StatusUpdate[] = 'updates' in parsed.data ? parsed.data.updates : [parsed.data as StatusUpdate];
    const outcomes: UpdateOutcome[] = [];
    try {
      for (const update of updates) outcomes.push(await options.sync.apply(options.backOffice, update));
    } catch {
      // Let the sender retry this delivery: applying is idempotent per update id.
      await deliveries.forget(deliveryId);
      return problemResponse(
        { status: 503, type: webhookProblemTypes.unavailable, title: 'Could not apply the update now', detail: 'Try the same delivery again later' },
        { 'retry-after': '30' },
      );
    }
    return Response.json({ received: updates.length, outcomes: outcomes.map(({ updateId, outcome, caseId }) => ({ updateId, outcome, caseId })) });
  };
}

function tooLarge(limit: number): Response {
  return problemResponse({ status: 413, type: webhookProblemTypes.tooLarge, title: 'Body too large', detail: `The body must be at most ${limit} bytes` });
}
