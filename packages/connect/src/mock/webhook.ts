import { signWebhook } from '../webhook.js';

/**
 * Where a mock back office pushes status updates: a CRM's signed webhook
 * (see `createWebhookHandler`).
 *
 * @example
 * ```ts
 * const target: MockWebhookTarget = { url: 'https://crm.example.gov.uk/hooks', secret: process.env.WEBHOOK_SECRET! };
 * ```
 */
export interface MockWebhookTarget {
  /** The CRM's webhook URL. */
  url: string;
  /** The shared secret, at least 16 characters. */
  secret: string;
  /** The fetch to push with. Default: `globalThis.fetch`, looked up at push time. */
  fetch?: (input: string, init: RequestInit) => Promise<Response>;
}

/**
 * Pushes status updates to a {@link MockWebhookTarget} in order, keeping
 * any that fail for the next flush.
 *
 * @example
 * ```ts
 * const webhook: WebhookPusher = createWebhookPusher(options.webhook, 'revenues');
 * webhook.push(update);
 * await webhook.flush();
 * ```
 */
export interface WebhookPusher {
  /** Queue an update and start pushing. Does nothing without a target. */
  push(update: { id: string }): void;
  /** Wait until the queue is pushed (or the first failure, which stays queued). */
  flush(): Promise<void>;
}

/**
 * Create a webhook pusher. Each update is signed with `signWebhook`, with
 * delivery id `<deliveryPrefix>-<update id>`; a 409 answer (the CRM already
 * has it) counts as delivered.
 *
 * @example
 * ```ts
 * const webhook = createWebhookPusher({ url: 'https://crm.example.gov.uk/hooks', secret: 'a-long-shared-secret' }, 'parking');
 * webhook.push({ id: 'u-1', reference: 'CH-000001', status: 'fixed' });
 * await webhook.flush();
 * ```
 */
export function createWebhookPusher(target: MockWebhookTarget | undefined, deliveryPrefix: string): WebhookPusher {
  const queue: { id: string }[] = [];
  let running: Promise<void> = Promise.resolve();
  const drain = async () => {
    while (target && queue.length > 0) {
      const update = queue[0] as { id: string };
      const body = JSON.stringify(update);
      const headers = await signWebhook({ secret: target.secret, body, deliveryId: `${deliveryPrefix}-${update.id}` });
      try {
        const response = await (target.fetch ?? globalThis.fetch)(target.url, { method: 'POST', headers: { ...headers, 'content-type': 'application/json' }, body });
        // 409 means the CRM already has it (a replay), which is as good as delivered.
        if (!response.ok && response.status !== 409) return;
      } catch {
        return;
      }
      queue.shift();
    }
  };
  const schedule = () => {
    running = running.then(drain);
    return running;
  };
  return {
    push(update) {
      if (!target) return;
      queue.push(update);
      void schedule();
    },
    flush: () => schedule(),
  };
}
