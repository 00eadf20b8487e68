import { mswHandlers } from '@councilkit/connect/mock';
import type { RequestHandler } from 'msw';

/**
 * msw handlers that send every request under `baseUrl` to a mock back office,
 * for tests that intercept `fetch` with `setupServer`.
 *
 * @example
 * ```ts
 * import { setupServer } from 'msw/node';
 * import { createMockParkingBackOffice, parkingHandlers } from '@councilkit/parking/mock';
 *
 * const backOffice = createMockParkingBackOffice();
 * const server = setupServer(...parkingHandlers(backOffice));
 * server.listen({ onUnhandledRequest: 'error' });
 * ```
 */
export function parkingHandlers(backOffice: { baseUrl: string; toFetchHandler(): (request: Request) => Promise<Response> }): RequestHandler[] {
  return mswHandlers(backOffice.baseUrl, backOffice.toFetchHandler());
}
