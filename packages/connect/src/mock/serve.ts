import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * Options for {@link serveFetchHandler}.
 *
 * @example
 * ```ts
 * const options: ServeOptions = { port: 8080, hostname: '0.0.0.0' };
 * ```
 */
export interface ServeOptions {
  /** The port to listen on. Default: `0` (any free port; read it from `origin`). */
  port?: number;
  /** The interface to listen on. Default: `'127.0.0.1'`. */
  hostname?: string;
}

/**
 * A running HTTP server made by {@link serveFetchHandler}.
 *
 * @example
 * ```ts
 * const served: ServedHandler = await serveFetchHandler(backOffice.toFetchHandler());
 * await served.close();
 * ```
 */
export interface ServedHandler {
  /** Where it listens, e.g. `http://127.0.0.1:53124` (no trailing slash). */
  readonly origin: string;
  /** Stop listening. */
  close(): Promise<void>;
}

// Set by node from the connection itself, so they must not be copied into the Request.
const HOP_BY_HOP = new Set(['connection', 'content-length', 'host', 'keep-alive', 'transfer-encoding', 'upgrade']);

/**
 * Serve a fetch handler, such as a mock back office's `toFetchHandler()`,
 * over real HTTP with `node:http`: to run the conformance suite against it
 * over the network, or to give a supplier's developers a mock to point their
 * own code at.
 *
 * @example
 * ```ts
 * import { runConformance } from '@councilkit/connect/conformance';
 * import { serveFetchHandler } from '@councilkit/connect/mock';
 *
 * let handle: (request: Request) => Promise<Response> = async () => new Response(null, { status: 503 });
 * const served = await serveFetchHandler((request) => handle(request));
 * const backOffice = createMockRevenuesBackOffice({ baseUrl: `${served.origin}/v1` });
 * handle = backOffice.toFetchHandler();
 * const report = await runConformance({ baseUrl: backOffice.baseUrl, interface: revenuesInterface });
 * await served.close();
 * ```
 */
export async function serveFetchHandler(handle: (request: Request) => Promise<Response>, options: ServeOptions = {}): Promise<ServedHandler> {
  const server = createServer(async (incoming, outgoing) => {
    try {
      const chunks: Buffer[] = [];
      for await (const chunk of incoming) chunks.push(chunk as Buffer);
      const method = incoming.method ?? 'GET';
      const headers = new Headers();
      for (const [name, value] of Object.entries(incoming.headers)) {
        if (HOP_BY_HOP.has(name) || value === undefined) continue;
        headers.set(name, Array.isArray(value) ? value.join(', ') : value);
      }
      const hasBody = method !== 'GET' && method !== 'HEAD';
      const request = new Request(`http://${incoming.headers.host ?? 'localhost'}${incoming.url ?? '/'}`, { method, headers, ...(hasBody ? { body: Buffer.concat(chunks) } : {}) });
      const response = await handle(request);
      outgoing.writeHead(response.status, Object.fromEntries(response.headers));
      outgoing.end(Buffer.from(await response.arrayBuffer()));
    } catch {
      // A handler that throws is a bug in the mock; answer 500 rather than leave the caller hanging.
      if (!outgoing.headersSent) outgoing.writeHead(500);
      outgoing.end();
    }
  });
  const hostname = options.hostname ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, hostname, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://${hostname.includes(':') ? `[${hostname}]` : hostname}:${port}`,
    close: () => new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve()))),
  };
}
