/**
 * The pattern an `Idempotency-Key` header must match in every councilkit
 * standard interface: 1 to 128 printable ASCII characters.
 *
 * @example
 * ```ts
 * IDEMPOTENCY_KEY_PATTERN.test('outbox-42'); // true
 * ```
 */
export const IDEMPOTENCY_KEY_PATTERN = /^[\x21-\x7E]{1,128}$/;

/**
 * Options for {@link createIdempotencyStore}.
 *
 * @example
 * ```ts
 * const options: IdempotencyStoreOptions = {
 *   reused: () => problem('idempotency-key-reuse', 422, 'Use a new key for a new request.'),
 * };
 * ```
 */
export interface IdempotencyStoreOptions {
  /** The answer when a key comes back with a different request. Required: a problem in your interface's vocabulary (usually 422). */
  reused: () => Response;
  /**
   * The answer when a key comes back with the same request while the first
   * is still being worked on (usually 409 with `Retry-After`). Default: none,
   * so the second request waits for the first and gets its answer.
   */
  inFlight?: () => Response;
  /** How many answers to keep; the oldest is forgotten first. Default: `10000`. */
  limit?: number;
}

/**
 * Remembers the answer to each write by its `Idempotency-Key`: the same key
 * with the same request gives the first answer again (with
 * `Idempotency-Replayed: true`); the same key with a different request is
 * refused.
 *
 * @example
 * ```ts
 * return store.run(key, fingerprintOf(request.method, url.pathname, body), async () => handler(body));
 * ```
 */
export interface IdempotencyStore {
  /** Run `work` once per key and request; replays the stored answer or refuses a different request. */
  run(key: string, fingerprint: string, work: () => Promise<Response>): Promise<Response>;
}

interface StoredAnswer {
  status: number;
  body: string;
  headers: [string, string][];
}

interface Entry {
  fingerprint: string;
  /** Settles with the answer to replay, or `undefined` when there is none to keep (5xx, or the work threw). */
  answer: Promise<StoredAnswer | undefined>;
  settled: boolean;
}

const NULL_BODY_STATUSES = new Set([101, 204, 205, 304]);

function replay(stored: StoredAnswer): Response {
  const body = stored.body === '' && NULL_BODY_STATUSES.has(stored.status) ? null : stored.body;
  return new Response(body, { status: stored.status, headers: [...stored.headers, ['idempotency-replayed', 'true']] });
}

/**
 * Create an in-memory idempotency store. 5xx answers and work that throws
 * are not kept, so a retry can still succeed. The key is claimed before the
 * work starts, so two copies of one write sent at once apply it once.
 *
 * @example
 * ```ts
 * const store = createIdempotencyStore({ reused: () => new Response(null, { status: 422 }) });
 * const first = await store.run('key-1', 'POST /moves {"a":1}', async () => new Response('{"reference":"MV-1"}', { status: 201 }));
 * const again = await store.run('key-1', 'POST /moves {"a":1}', async () => new Response('{"reference":"MV-2"}', { status: 201 }));
 * again.headers.get('idempotency-replayed'); // 'true', and the body is MV-1's
 * ```
 */
export function createIdempotencyStore(options: IdempotencyStoreOptions): IdempotencyStore {
  const limit = options.limit ?? 10_000;
  const entries = new Map<string, Entry>();

  async function run(key: string, fingerprint: string, work: () => Promise<Response>): Promise<Response> {
    const existing = entries.get(key);
    if (existing) {
      if (existing.fingerprint !== fingerprint) return options.reused();
      if (!existing.settled && options.inFlight) return options.inFlight();
      const stored = await existing.answer;
      // The first attempt left nothing to replay, so this one is worked on afresh.
      return stored ? replay(stored) : run(key, fingerprint, work);
    }
    let settle: (stored: StoredAnswer | undefined) => void = () => undefined;
    const entry: Entry = { fingerprint, answer: new Promise((resolve) => (settle = resolve)), settled: false };
    entries.set(key, entry);
    if (entries.size > limit) entries.delete(entries.keys().next().value as string);
    const finish = (stored: StoredAnswer | undefined) => {
      if (!stored && entries.get(key) === entry) entries.delete(key);
      entry.settled = true;
      settle(stored);
    };
    let response: Response;
    try {
      response = await work();
    } catch (error) {
      finish(undefined);
      throw error;
    }
    if (response.status >= 500) {
      finish(undefined);
      return response;
    }
    finish({ status: response.status, body: await response.clone().text(), headers: [...response.headers.entries()] });
    return response;
  }

  return { run };
}

/**
 * A stable fingerprint of a request for an {@link IdempotencyStore}: the
 * method, the path and the JSON body with object keys sorted, so the same
 * request always gives the same fingerprint however its keys were ordered.
 *
 * @example
 * ```ts
 * fingerprintOf('POST', '/moves', { b: 1, a: 2 }) === fingerprintOf('POST', '/moves', { a: 2, b: 1 }); // true
 * ```
 */
export function fingerprintOf(method: string, path: string, body: unknown): string {
  return `${method} ${path} ${JSON.stringify(body, (_key, value: unknown) =>
    value && typeof value === 'object' && !Array.isArray(value)
      ? Object.fromEntries(Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : value,
  )}`;
}
