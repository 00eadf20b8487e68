import { http } from 'msw';
import type { HttpHandler } from 'msw';

/**
 * msw handlers that send every request under `baseUrl` to a mock's fetch
 * handler, for tests that intercept `fetch` with `setupServer`. Requests
 * anywhere else stay unhandled, so `onUnhandledRequest: 'error'` still
 * catches them.
 *
 * @example
 * ```ts
 * import { setupServer } from 'msw/node';
 *
 * const server = setupServer(...mswHandlers(backOffice.baseUrl, backOffice.toFetchHandler()));
 * server.listen({ onUnhandledRequest: 'error' });
 * ```
 */
export function mswHandlers(baseUrl: string, handle: (request: Request) => Promise<Response>): HttpHandler[] {
  return [http.all(`${baseUrl.replace(/\/+$/, '')}/*`, ({ request }) => handle(request))];
}
