import type { BackOfficeHandle } from '@councilkit/connect';
import { type ParkingClient, createParkingClient, defineParkingBackOffice } from '@councilkit/parking';
import { type MockParkingBackOffice, type MockPcnSeed, createMockParkingBackOffice } from '@councilkit/parking/mock';
import { type RevenuesClient, createRevenuesClient, defineRevenuesBackOffice } from '@councilkit/revenues';
import { type MockAccountSeed, type MockRevenuesBackOffice, createMockRevenuesBackOffice } from '@councilkit/revenues/mock';

/** The revenues back office: client for lookups, handle for the outbox and status sync. */
export interface RevenuesWiring {
  baseUrl: string;
  client: RevenuesClient;
  handle: BackOfficeHandle;
  mock: MockRevenuesBackOffice | undefined;
}

/** The parking back office: client for lookups, handle for the outbox and status sync. */
export interface ParkingWiring {
  baseUrl: string;
  client: ParkingClient;
  handle: BackOfficeHandle;
  mock: MockParkingBackOffice | undefined;
}

/**
 * A real revenues back office at `baseUrl`, or by default the stateful mock,
 * answering in-process and holding `accounts` beside its fixtures (ignored
 * with a real back office, which holds its own).
 */
export function createRevenuesWiring(options: { baseUrl?: string; accounts?: MockAccountSeed[] } = {}): RevenuesWiring {
  if (options.baseUrl) {
    return { baseUrl: options.baseUrl, client: createRevenuesClient({ baseUrl: options.baseUrl }), handle: defineRevenuesBackOffice({ baseUrl: options.baseUrl }), mock: undefined };
  }
  const mock = createMockRevenuesBackOffice(options.accounts ? { accounts: options.accounts } : {});
  const inProcess = ((input: RequestInfo | URL, init?: RequestInit) => mock.fetch(input, init)) as typeof fetch;
  return {
    baseUrl: mock.baseUrl,
    client: createRevenuesClient({ baseUrl: mock.baseUrl, fetch: inProcess }),
    handle: defineRevenuesBackOffice({ baseUrl: mock.baseUrl, fetch: inProcess, title: 'the revenues system (mock)' }),
    mock,
  };
}

/**
 * A real parking back office at `baseUrl`, or by default the stateful mock,
 * answering in-process and holding `pcns` beside its fixtures (ignored with
 * a real back office, which holds its own).
 */
export function createParkingWiring(options: { baseUrl?: string; pcns?: MockPcnSeed[] } = {}): ParkingWiring {
  if (options.baseUrl) {
    return { baseUrl: options.baseUrl, client: createParkingClient({ baseUrl: options.baseUrl }), handle: defineParkingBackOffice({ baseUrl: options.baseUrl }), mock: undefined };
  }
  const mock = createMockParkingBackOffice(options.pcns ? { pcns: options.pcns } : {});
  const inProcess = ((input: RequestInfo | URL, init?: RequestInit) => mock.fetch(input, init)) as typeof fetch;
  return {
    baseUrl: mock.baseUrl,
    client: createParkingClient({ baseUrl: mock.baseUrl, fetch: inProcess }),
    handle: defineParkingBackOffice({ baseUrl: mock.baseUrl, fetch: inProcess, title: 'the parking system (mock)' }),
    mock,
  };
}
