import { http } from 'msw';
import type { RequestHandler } from 'msw';

/**
 * msw handlers that send every request under `baseUrl` to a mock back office,
 * for tests that intercept `fetch` with `setupServer`.
 *
 * @example
 * ```ts
 * import { setupServer } from 'msw/node';
 * import { createMockRevenuesBackOffice, revenuesHandlers } from '@councilkit/revenues/mock';
 *
 * const backOffice = createMockRevenuesBackOffice();
 * const server = setupServer(...revenuesHandlers(backOffice));
 * server.listen({ onUnhandledRequest: 'error' });
 * ```
 */
export function revenuesHandlers(backOffice: { baseUrl: string; toFetchHandler(): (request: Request) => Promise<Response> }): RequestHandler[] {
  const handle = backOffice.toFetchHandler();
  return [http.all(`${backOffice.baseUrl}/*`, ({ request }) => handle(request))];
}
