import { describe, expect, it } from 'vitest';
import { createFaultRegistry, wait } from './faults.js';

describe('createFaultRegistry', () => {
  it('applies faults in the order they were injected, to their operation only', () => {
    const faults = createFaultRegistry();
    faults.inject({ operation: 'getPet', kind: 'slow', delayMs: 5 });
    faults.inject({ kind: 'error', status: 502 });
    expect(faults.take('getPet')?.kind).toBe('slow');
    expect(faults.take('listPets')).toEqual({ kind: 'error', status: 502 });
  });

  it('uses a fault up after `times` requests, and one with times 0 never applies', () => {
    const faults = createFaultRegistry();
    faults.inject({ kind: 'error', times: 0 });
    faults.inject({ kind: 'timeout', times: 2 });
    expect(faults.take('a')?.kind).toBe('timeout');
    expect(faults.take('a')?.kind).toBe('timeout');
    expect(faults.take('a')).toBeUndefined();
    expect(faults.active()).toEqual([{ kind: 'error', times: 0 }]);
  });

  it('draws against probability with the given randomness', () => {
    const draws = [0.9, 0.1];
    const faults = createFaultRegistry(() => draws.shift() ?? 1);
    faults.inject({ kind: 'malformed', probability: 0.5 });
    expect(faults.take('a')).toBeUndefined();
    expect(faults.take('a')?.kind).toBe('malformed');
  });

  it('removes one fault or all, and hands out copies', () => {
    const faults = createFaultRegistry();
    const remove = faults.inject({ kind: 'error' });
    faults.inject({ kind: 'slow' });
    faults.active()[0]!.kind = 'timeout';
    expect(faults.active().map((fault) => fault.kind)).toEqual(['error', 'slow']);
    remove();
    expect(faults.active().map((fault) => fault.kind)).toEqual(['slow']);
    faults.clear();
    expect(faults.take('a')).toBeUndefined();
  });
});

describe('wait', () => {
  it('resolves false when the time passes and true as soon as the signal aborts', async () => {
    await expect(wait(1, undefined)).resolves.toBe(false);
    const controller = new AbortController();
    const waiting = wait(60_000, controller.signal);
    controller.abort();
    await expect(waiting).resolves.toBe(true);
    await expect(wait(60_000, AbortSignal.abort())).resolves.toBe(true);
  });
});
