import type { BackOfficeHandle } from '@councilkit/connect';
import { type WasteClient, createWasteClient, defineWasteBackOffice } from '@councilkit/waste';
import { type WasteBackOffice, createWasteBackOffice } from '@councilkit/waste/mock';
import type { BoroughProperty } from '../residents/resident-directory.js';

/** How the waste back office is reached: the client for lookups, the handle for the outbox and status sync. */
export interface WasteWiring {
  baseUrl: string;
  client: WasteClient;
  handle: BackOfficeHandle;
  /** The in-process mock, when no real back office is configured. */
  mock: WasteBackOffice | undefined;
  /** The borough's properties as the back office holds them (mock only). */
  properties: BoroughProperty[];
}

/** Where the in-process mock answers. Nothing listens here: requests never leave the process. */
export const wasteMockUrl = 'http://waste.mock.invalid/v1';

/**
 * The waste back office: a real one at `baseUrl`, or by default the stateful
 * mock from `@councilkit/waste/mock`, served in-process through a fetch
 * handler so no port is opened.
 */
export function createWasteWiring(options: { baseUrl?: string; mockProperties?: number; seed?: number } = {}): WasteWiring {
  if (options.baseUrl) {
    return {
      baseUrl: options.baseUrl,
      client: createWasteClient({ baseUrl: options.baseUrl }),
      handle: defineWasteBackOffice({ baseUrl: options.baseUrl }),
      mock: undefined,
      properties: [],
    };
  }
  const mock = createWasteBackOffice({ seed: options.seed ?? 1, properties: options.mockProperties ?? 800 });
  const handler = mock.toFetchHandler({ basePath: '/v1' });
  const inProcess = ((input: RequestInfo | URL, init?: RequestInit) => handler(new Request(input, init))) as typeof fetch;
  return {
    baseUrl: wasteMockUrl,
    client: createWasteClient({ baseUrl: wasteMockUrl, fetch: inProcess }),
    handle: defineWasteBackOffice({ baseUrl: wasteMockUrl, fetch: inProcess, title: 'the waste system (mock)' }),
    mock,
    properties: mock.properties().map((p) => ({
      uprn: String(p.uprn),
      usrn: String(p.usrn),
      lines: p.address.lines,
      town: p.address.town,
      postcode: p.postcode,
      type: p.type,
    })),
  };
}
