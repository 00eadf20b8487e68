import { signWebhook } from '@councilkit/connect';

/**
 * Where a mock back office pushes status updates: a CRM's signed webhook (see connect's `createWebhookHandler`).
 *
 * @example
 * ```ts
 * const backOffice = createMockParkingBackOffice({ webhook: { url: 'https://crm.example.gov.uk/hooks', secret: process.env.WEBHOOK_SECRET! } });
 * await backOffice.flushWebhooks();
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

/** Internal: pushes updates in order, keeping any that fail for the next flush. */
export interface WebhookPusher {
  push(update: { id: string }): void;
  flush(): Promise<void>;
}

// Generic: belongs in @councilkit/connect once it offers a mock kit (revenues has the same).
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
