import { mswHandlers } from '@councilkit/connect/mock';
import type { HttpHandler } from 'msw';
import type { WasteBackOffice } from './back-office.js';

/**
 * Options for {@link wasteHandlers}.
 *
 * @example
 * ```ts
 * server.use(...wasteHandlers(backOffice, { baseUrl: 'https://waste.test/v1' } satisfies WasteHandlersOptions));
 * ```
 */
export interface WasteHandlersOptions {
  /** The base URL your client is configured with, e.g. `https://waste.test/v1`. Required. */
  baseUrl: string;
}

/**
 * msw 2 request handlers that serve a mock waste back office at `baseUrl`.
 * Every request under `baseUrl` is answered by the back office (unknown paths
 * get a 404 problem), so `onUnhandledRequest: 'error'` still catches calls to
 * anywhere else.
 *
 * @example
 * ```ts
 * import { setupServer } from 'msw/node';
 * import { createWasteBackOffice, wasteHandlers } from '@councilkit/waste/mock';
 *
 * const backOffice = createWasteBackOffice({ seed: 1 });
 * const server = setupServer(...wasteHandlers(backOffice, { baseUrl: 'https://waste.test/v1' }));
 * server.listen({ onUnhandledRequest: 'error' });
 * ```
 */
export function wasteHandlers(backOffice: WasteBackOffice, options: WasteHandlersOptions): HttpHandler[] {
  const base = options.baseUrl.replace(/\/+$/, '');
  return mswHandlers(base, backOffice.toFetchHandler({ basePath: new URL(base).pathname }));
}
