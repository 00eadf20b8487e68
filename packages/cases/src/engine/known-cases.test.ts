import { describe, expect, it } from 'vitest';
import { createMemoryStore } from '../memory-store.js';
import type { CaseStore } from '../store-port.js';
import { agent, binData, missedBin, setup, socialCare, socialWorker } from './test-support.js';

/** Count the store calls an engine makes, by method name. */
function counting(store: CaseStore, keep: { loadForCommand: boolean }) {
  const calls: string[] = [];
  const wrapped: CaseStore = { ...store };
  for (const name of ['commit', 'getCase', 'getIdempotency', 'recordAccessDenied'] as const) {
    const original = store[name].bind(store) as (...args: unknown[]) => Promise<unknown>;
    (wrapped as unknown as Record<string, unknown>)[name] = (...args: unknown[]) => {
      calls.push(name);
      return original(...args);
    };
  }
  if (keep.loadForCommand && store.loadForCommand) {
    const original = store.loadForCommand.bind(store);
    wrapped.loadForCommand = (input) => {
      calls.push('loadForCommand');
      return original(input);
    };
  } else {
    delete wrapped.loadForCommand;
  }
  return { store: wrapped, calls };
}

describe('reads before a command', () => {
  it('reads the case and the key in one call, then commits without reading when the case is remembered', async () => {
    const { store, calls } = counting(createMemoryStore(), { loadForCommand: true });
    const cold = setup({ store, knownCases: 0 }).engine;
    const { caseId } = await cold.open({ actor: agent, idempotencyKey: 'k1', caseType: missedBin.name, channel: 'phone', data: binData });
    calls.length = 0;
    await cold.addNote({ actor: agent, idempotencyKey: 'k2', caseId, text: 'one' });
    expect(calls).toEqual(['loadForCommand', 'commit']);

    const { engine } = setup({ store });
    calls.length = 0;
    await engine.addNote({ actor: agent, idempotencyKey: 'k3', caseId, text: 'two' });
    const moved = await engine.transition({ actor: agent, idempotencyKey: 'k4', caseId, transition: 'refer' });
    expect(calls).toEqual(['loadForCommand', 'commit', 'commit']);
    expect(moved).toMatchObject({ version: 4, state: 'referred', replayed: false });
    expect((await store.listEvents(caseId)).map((e) => e.sequence)).toEqual([1, 2, 3, 4]);
  });

  it('falls back to separate reads on a store without loadForCommand', async () => {
    const { store, calls } = counting(createMemoryStore(), { loadForCommand: false });
    const { engine } = setup({ store, knownCases: 0 });
    const { caseId } = await engine.open({ actor: agent, idempotencyKey: 'k1', caseType: missedBin.name, channel: 'phone', data: binData });
    calls.length = 0;
    const first = await engine.addNote({ actor: agent, idempotencyKey: 'k2', caseId, text: 'one' });
    expect(calls).toEqual(['getIdempotency', 'getCase', 'commit']);
    const again = await engine.addNote({ actor: agent, idempotencyKey: 'k2', caseId, text: 'one' });
    expect(again).toMatchObject({ version: first.version, eventId: first.eventId, replayed: true });
  });
});

describe('remembered cases never loosen the checks', () => {
  it('moves on from a copy another engine made stale, and still refuses a stale expected version', async () => {
    const store = createMemoryStore();
    const a = setup({ store }).engine;
    const b = setup({ store, newId: () => crypto.randomUUID() }).engine;
    const { caseId } = await a.open({ actor: agent, idempotencyKey: 'k1', caseType: missedBin.name, channel: 'phone', data: binData });
    await b.addNote({ actor: agent, idempotencyKey: 'k2', caseId, text: 'from b' });
    const next = await a.transition({ actor: agent, idempotencyKey: 'k3', caseId, transition: 'refer' });
    expect(next).toMatchObject({ version: 3, state: 'referred' });
    await b.addNote({ actor: agent, idempotencyKey: 'k4', caseId, text: 'b again' });
    await expect(a.addNote({ actor: agent, idempotencyKey: 'k5', caseId, text: 'stale', expectedVersion: 3 })).rejects.toMatchObject({
      name: 'ConflictError',
      reason: 'version-conflict',
      actualVersion: 4,
    });
    expect((await store.listEvents(caseId)).map((e) => e.sequence)).toEqual([1, 2, 3, 4]);
  });

  it('returns the first outcome for a repeated key even after the case moved on', async () => {
    const { engine, store } = setup();
    const { caseId } = await engine.open({ actor: agent, idempotencyKey: 'k1', caseType: missedBin.name, channel: 'phone', data: binData });
    const first = await engine.transition({ actor: agent, idempotencyKey: 'k2', caseId, transition: 'refer' });
    await engine.transition({ actor: agent, idempotencyKey: 'k3', caseId, transition: 'collected' });
    const repeat = await engine.transition({ actor: agent, idempotencyKey: 'k2', caseId, transition: 'refer' });
    expect(repeat).toMatchObject({ version: first.version, eventId: first.eventId, state: 'referred', replayed: true });
    await expect(engine.addNote({ actor: agent, idempotencyKey: 'k3', caseId, text: 'x' })).rejects.toMatchObject({ reason: 'idempotency-key-reused' });
    expect(await store.listEvents(caseId)).toHaveLength(3);
  });

  it('audits a refused actor once, and a guard refusal writes nothing', async () => {
    const { engine, store } = setup();
    const { caseId } = await engine.open({ actor: socialWorker, idempotencyKey: 'k1', caseType: socialCare.name, channel: 'phone', data: { concern: 'x' } });
    await expect(engine.addNote({ actor: agent, idempotencyKey: 'k2', caseId, text: 'nosy' })).rejects.toMatchObject({ name: 'AccessDeniedError' });
    expect(await store.listAccessDenied({ caseId })).toHaveLength(1);
    expect(await store.getIdempotency('k2')).toBeUndefined();
    const bin = await engine.open({ actor: agent, idempotencyKey: 'k3', caseType: missedBin.name, channel: 'phone', data: binData });
    await expect(engine.transition({ actor: agent, idempotencyKey: 'k4', caseId: bin.caseId, transition: 'refer', payload: { tooEarly: true } })).rejects.toMatchObject({
      reason: 'guard-refused',
    });
    expect((await store.getCase(bin.caseId))?.version).toBe(1);
    expect(await store.getIdempotency('k4')).toBeUndefined();
  });
});
