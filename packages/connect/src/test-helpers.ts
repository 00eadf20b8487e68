// Test-only helpers (not exported, not published): seed a store with cases
// and outbox rows by hand, and a small engine fake that writes through the
// store the way the real engine does.
import type { Actor, CaseRecord, CaseStore, JsonObject, OutboxMessage } from '@councilkit/cases';
import { createMemoryStore } from '@councilkit/cases';
import type { ConnectEngine } from './engine-port.js';

export { createMemoryStore };

export const T0 = Date.parse('2026-11-24T09:00:00.000Z');

/** A clock tests move by hand. */
export function manualClock(start = T0) {
  let now = start;
  return {
    now: () => new Date(now),
    ms: () => now,
    set: (ms: number) => {
      now = ms;
    },
    advance: (ms: number) => {
      now += ms;
    },
  };
}

export async function seedCase(store: CaseStore, id: string, options: { caseType?: string; state?: string } = {}): Promise<CaseRecord> {
  const at = new Date(T0).toISOString();
  const record: CaseRecord = {
    id,
    caseType: options.caseType ?? 'waste.missed-collection',
    caseTypeVersion: 1,
    state: options.state ?? 'referred',
    status: 'open',
    version: 1,
    data: {},
    channel: 'phone',
    openedAt: at,
    updatedAt: at,
    reopenCount: 0,
    externalReferences: [],
    attachments: [],
  };
  await store.commit({ case: record, expectedVersion: 0, events: [] });
  return record;
}

export function outboxMessage(caseId: string, overrides: Partial<OutboxMessage> = {}): OutboxMessage {
  const id = overrides.id ?? `msg-${caseId}`;
  return {
    id,
    caseId,
    caseType: 'waste.missed-collection',
    destination: 'waste',
    operation: 'reportMissedCollection',
    payload: { uprn: 100023336956, serviceId: 'refuse' },
    idempotencyKey: `${caseId}:refer`,
    createdAt: new Date(T0).toISOString(),
    attempts: 0,
    status: 'pending',
    nextAttemptAt: new Date(T0).toISOString(),
    ...overrides,
  };
}

/** Write outbox rows with a case commit, as the engine's refer effect does. */
export async function addOutbox(store: CaseStore, caseId: string, messages: OutboxMessage[]): Promise<void> {
  const current = await store.getCase(caseId);
  if (!current) throw new Error(`no case ${caseId}`);
  await store.commit({ case: { ...current, version: current.version + 1 }, expectedVersion: current.version, events: [], outbox: messages });
}

export interface EngineCall {
  command: 'recordExternalReference' | 'transition' | 'addNote';
  input: JsonObject;
}

/**
 * A fake engine over the store: commands are idempotent by key, transitions
 * follow `moves` (transition name -> { from, to }), and refusals throw an
 * error shaped like the engine's CaseError.
 */
export function createFakeEngine(store: CaseStore, moves: Record<string, { from: string; to: string }> = {}) {
  const calls: EngineCall[] = [];
  const refuse = (reason: string, message: string) => Object.assign(new Error(message), { name: 'CaseError', reason });

  async function write(key: string, caseId: string, change: (current: CaseRecord) => CaseRecord, type: 'external-reference-recorded' | 'transitioned' | 'note-added', payload: JsonObject) {
    if (await store.getIdempotency(key)) return;
    const current = await store.getCase(caseId);
    if (!current) throw refuse('case-not-found', `No case ${caseId}`);
    const next = { ...change(current), version: current.version + 1 };
    const events = await store.listEvents(caseId);
    await store.commit({
      case: next,
      expectedVersion: current.version,
      events: [
        {
          id: `${key}:event`,
          caseId,
          sequence: events.length + 1,
          caseVersion: next.version,
          type,
          actorId: 'system',
          actorTeams: ['system'],
          at: new Date(T0).toISOString(),
          payload,
          idempotencyKey: key,
          ...(type === 'transitioned' ? { from: current.state, to: next.state } : {}),
        },
      ],
      idempotency: { key, fingerprint: type, caseId, outcome: {}, createdAt: new Date(T0).toISOString() },
    });
  }

  const engine: ConnectEngine & { calls: EngineCall[] } = {
    calls,
    async recordExternalReference(input: { actor: Actor; idempotencyKey: string; caseId: string; system: string; reference: string }) {
      calls.push({ command: 'recordExternalReference', input: { ...input } });
      await write(
        input.idempotencyKey,
        input.caseId,
        (current) => ({ ...current, externalReferences: [...current.externalReferences, { system: input.system, reference: input.reference, recordedAt: new Date(T0).toISOString() }] }),
        'external-reference-recorded',
        { system: input.system, reference: input.reference },
      );
    },
    async transition(input: { actor: Actor; idempotencyKey: string; caseId: string; transition: string; payload?: JsonObject }) {
      calls.push({ command: 'transition', input: { ...input } });
      const move = moves[input.transition];
      if (!move) throw refuse('unknown-transition', `No transition ${input.transition}`);
      if (await store.getIdempotency(input.idempotencyKey)) return;
      const current = await store.getCase(input.caseId);
      if (current && current.state !== move.from) throw refuse('transition-not-allowed', `Cannot ${input.transition} from ${current.state}`);
      await write(input.idempotencyKey, input.caseId, (c) => ({ ...c, state: move.to }), 'transitioned', { transition: input.transition, ...input.payload });
    },
    async addNote(input: { actor: Actor; idempotencyKey: string; caseId: string; text: string }) {
      calls.push({ command: 'addNote', input: { ...input } });
      await write(input.idempotencyKey, input.caseId, (c) => c, 'note-added', { text: input.text });
    },
  };
  return engine;
}
