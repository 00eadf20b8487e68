/** A back-office answer for a page: the data, or a sentence saying why it is missing. */
export type ReadThrough<T> = { status: 'ok'; data: T } | { status: 'degraded'; reason: 'not-found' | 'unavailable'; message: string };

/**
 * Ask a back office for something a page shows, with a time limit. A slow or
 * failing back office gives a notice the agent can read, never an error page,
 * so they can still raise the case.
 */
export async function readThrough<T>(what: string, system: string, call: (signal: AbortSignal) => Promise<T>, timeoutMs = 2500): Promise<ReadThrough<T>> {
  const controller = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<ReadThrough<T>>((resolve) => {
    timer = setTimeout(() => {
      controller.abort();
      resolve({ status: 'degraded', reason: 'unavailable', message: `${system} did not answer in time, so ${what} cannot be shown. You can still raise a case.` });
    }, timeoutMs);
  });
  try {
    return await Promise.race([
      call(controller.signal).then((data) => ({ status: 'ok' as const, data })),
      timeout,
    ]);
  } catch (error) {
    const reason = (error as { reason?: unknown }).reason;
    if (reason === 'not-found') return { status: 'degraded', reason: 'not-found', message: `${system} has no record of ${what} for these details.` };
    return { status: 'degraded', reason: 'unavailable', message: `${system} is not answering just now, so ${what} cannot be shown. You can still raise a case.` };
  } finally {
    clearTimeout(timer);
  }
}
