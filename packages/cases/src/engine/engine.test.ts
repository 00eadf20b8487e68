import { describe, expect, it } from 'vitest';
import { ConflictError } from '../store-port.js';
import { AccessDeniedError, CaseError } from './errors.js';
import { agent, binData, missedBin, otherAgent, setup, socialCare, socialWorker } from './test-support.js';

describe('open', () => {
  it('opens a case on the newest version with owner, SLA timers and an audit event', async () => {
    const { engine, store } = setup();
    const result = await engine.open({ actor: agent, idempotencyKey: 'k1', caseType: missedBin.name, channel: 'phone', data: binData, citizenId: 'cit-1' });
    expect(result).toMatchObject({ version: 1, state: 'received', status: 'open', replayed: false });
    const stored = await store.getCase(result.caseId);
    expect(stored).toMatchObject({ team: 'contact-centre', queue: 'triage', channel: 'phone', citizenId: 'cit-1', caseTypeVersion: 1 });
    // Monday 09:00 + 1 working day = Tuesday 09:00; + 2 = Wednesday 09:00.
    expect(stored?.sla).toMatchObject({ warningAt: '2026-11-24T09:00:00.000Z', breachAt: '2026-11-25T09:00:00.000Z' });
    const timers = await store.listTimers({ caseId: result.caseId });
    expect(timers.map((t) => [t.kind, t.dueAt])).toEqual([
      ['sla-warning', '2026-11-24T09:00:00.000Z'],
      ['sla-breach', '2026-11-25T09:00:00.000Z'],
      ['escalation', '2026-11-26T09:00:00.000Z'],
    ]);
    const [event] = await store.listEvents(result.caseId);
    expect(event).toMatchObject({ type: 'opened', actorId: 'agent-1', channel: 'phone', to: 'received', sequence: 1, at: '2026-11-23T09:00:00.000Z' });
  });

  it('refuses bad data and unknown case types with typed errors, writing nothing', async () => {
    const { engine, store } = setup();
    await expect(engine.open({ actor: agent, idempotencyKey: 'k1', caseType: missedBin.name, channel: 'phone', data: { uprn: '' } })).rejects.toMatchObject({
      reason: 'invalid-data',
    });
    await expect(engine.open({ actor: agent, idempotencyKey: 'k2', caseType: 'nope', channel: 'phone', data: {} })).rejects.toMatchObject({
      reason: 'unknown-case-type',
    });
    await expect(engine.open({ actor: agent, idempotencyKey: 'k3', caseType: missedBin.name, channel: 'fax' as never, data: binData })).rejects.toMatchObject({
      reason: 'invalid-command',
    });
    expect(await store.findCases({})).toEqual([]);
  });
});

describe('transition', () => {
  it('runs guards and effects and writes the outbox message in the same commit', async () => {
    const { engine, store } = setup();
    const { caseId } = await engine.open({ actor: agent, idempotencyKey: 'k1', caseType: missedBin.name, channel: 'web', data: binData });
    const moved = await engine.transition({ actor: agent, idempotencyKey: 'k2', caseId, transition: 'refer', expectedVersion: 1 });
    expect(moved).toMatchObject({ version: 2, state: 'referred' });
    expect(moved.case).toMatchObject({ team: 'waste', queue: 'missed', data: { referredAt: '2026-11-23T09:00:00.000Z' } });
    const outbox = await store.listOutbox({ caseId });
    expect(outbox).toHaveLength(1);
    expect(outbox[0]).toMatchObject({ destination: 'waste', operation: 'reportMissedCollection', status: 'pending', attempts: 0, idempotencyKey: `${caseId}:2:tellCrew` });
    expect(outbox[0]?.payload).toMatchObject({ caseId, data: { uprn: binData.uprn } });
    const history = await store.listEvents(caseId);
    expect(history[1]).toMatchObject({ type: 'transitioned', from: 'received', to: 'referred', payload: { transition: 'refer', effects: ['stamp', 'tellCrew'] } });
  });

  it('refuses through a named guard and keeps nothing', async () => {
    const { engine, store } = setup();
    const { caseId } = await engine.open({ actor: agent, idempotencyKey: 'k1', caseType: missedBin.name, channel: 'web', data: { uprn: '1', bins: [] } });
    const refusal = engine.transition({ actor: agent, idempotencyKey: 'k2', caseId, transition: 'refer' });
    await expect(refusal).rejects.toBeInstanceOf(CaseError);
    await expect(refusal).rejects.toMatchObject({ reason: 'guard-refused', guard: 'hasBins', message: 'Choose at least one bin' });
    const second = engine.transition({ actor: agent, idempotencyKey: 'k3', caseId, transition: 'refer', payload: { tooEarly: true } });
    await expect(second).rejects.toMatchObject({ reason: 'guard-refused', guard: 'hasBins' });
    expect((await store.getCase(caseId))?.version).toBe(1);
    expect(await store.listOutbox({ caseId })).toEqual([]);
    expect(await store.getIdempotency('k2')).toBeUndefined();
  });

  it('checks the second guard once the first allows', async () => {
    const { engine } = setup();
    const { caseId } = await engine.open({ actor: agent, idempotencyKey: 'k1', caseType: missedBin.name, channel: 'web', data: binData });
    await expect(engine.transition({ actor: agent, idempotencyKey: 'k2', caseId, transition: 'refer', payload: { tooEarly: true } })).rejects.toMatchObject({
      guard: 'notTooEarly',
    });
  });

  it('refuses unknown transitions and transitions from the wrong state', async () => {
    const { engine } = setup();
    const { caseId } = await engine.open({ actor: agent, idempotencyKey: 'k1', caseType: missedBin.name, channel: 'web', data: binData });
    await expect(engine.transition({ actor: agent, idempotencyKey: 'k2', caseId, transition: 'teleport' })).rejects.toMatchObject({ reason: 'unknown-transition' });
    await expect(engine.transition({ actor: agent, idempotencyKey: 'k3', caseId, transition: 'collected' })).rejects.toMatchObject({ reason: 'transition-not-allowed' });
    await expect(engine.transition({ actor: agent, idempotencyKey: 'k4', caseId: 'missing', transition: 'refer' })).rejects.toMatchObject({ reason: 'case-not-found' });
  });
});

describe('idempotency', () => {
  it('returns the first outcome for a repeated key and refuses the key for a different command', async () => {
    const { engine, store } = setup();
    const first = await engine.open({ actor: agent, idempotencyKey: 'k1', caseType: missedBin.name, channel: 'phone', data: binData });
    const again = await engine.open({ actor: agent, idempotencyKey: 'k1', caseType: missedBin.name, channel: 'phone', data: binData });
    expect(again).toMatchObject({ caseId: first.caseId, version: 1, eventId: first.eventId, replayed: true });
    expect(await store.findCases({})).toHaveLength(1);

    const moved = await engine.transition({ actor: agent, idempotencyKey: 'k2', caseId: first.caseId, transition: 'refer' });
    const repeat = await engine.transition({ actor: agent, idempotencyKey: 'k2', caseId: first.caseId, transition: 'refer' });
    expect(repeat).toMatchObject({ version: moved.version, state: 'referred', replayed: true });
    expect(await store.listOutbox({ caseId: first.caseId })).toHaveLength(1);
    expect(await store.listEvents(first.caseId)).toHaveLength(2);

    const reused = engine.addNote({ actor: agent, idempotencyKey: 'k2', caseId: first.caseId, text: 'different' });
    await expect(reused).rejects.toMatchObject({ reason: 'idempotency-key-reused' });
  });

  it('collapses concurrent repeats of one command to one write', async () => {
    const { engine, store } = setup();
    const { caseId } = await engine.open({ actor: agent, idempotencyKey: 'k1', caseType: missedBin.name, channel: 'phone', data: binData });
    const results = await Promise.allSettled(
      Array.from({ length: 5 }, () => engine.addNote({ actor: agent, idempotencyKey: 'note-1', caseId, text: 'hello' })),
    );
    const ok = results.filter((r) => r.status === 'fulfilled');
    expect(ok.length).toBeGreaterThanOrEqual(1);
    for (const r of results) if (r.status === 'rejected') expect(r.reason).toBeInstanceOf(ConflictError);
    expect((await store.listEvents(caseId)).filter((e) => e.type === 'note-added')).toHaveLength(1);
  });
});

describe('concurrency', () => {
  it('refuses a stale expected version', async () => {
    const { engine } = setup();
    const { caseId } = await engine.open({ actor: agent, idempotencyKey: 'k1', caseType: missedBin.name, channel: 'phone', data: binData });
    await engine.addNote({ actor: agent, idempotencyKey: 'k2', caseId, text: 'first' });
    const stale = engine.transition({ actor: agent, idempotencyKey: 'k3', caseId, transition: 'refer', expectedVersion: 1 });
    await expect(stale).rejects.toBeInstanceOf(ConflictError);
    await expect(stale).rejects.toMatchObject({ reason: 'version-conflict', expectedVersion: 1, actualVersion: 2 });
  });

  it('never lets two agents both move a case from the same state', async () => {
    const { engine, store } = setup();
    const { caseId } = await engine.open({ actor: agent, idempotencyKey: 'k1', caseType: missedBin.name, channel: 'phone', data: binData });
    const [a, b] = await Promise.allSettled([
      engine.transition({ actor: agent, idempotencyKey: 'a', caseId, transition: 'refer' }),
      engine.transition({ actor: otherAgent, idempotencyKey: 'b', caseId, transition: 'resolve-on-call' }),
    ]);
    const outcomes = [a, b].map((r) => r?.status);
    expect(outcomes.sort()).toEqual(['fulfilled', 'rejected']);
    const rejected = [a, b].find((r) => r?.status === 'rejected') as PromiseRejectedResult;
    expect(rejected.reason).toBeInstanceOf(ConflictError);
    const history = await store.listEvents(caseId);
    expect(history.filter((e) => e.from === 'received')).toHaveLength(1);
  });
});

describe('assignment', () => {
  it('assigns, claims and releases', async () => {
    const { engine } = setup();
    const { caseId } = await engine.open({ actor: agent, idempotencyKey: 'k1', caseType: missedBin.name, channel: 'phone', data: binData });
    expect((await engine.claim({ actor: agent, idempotencyKey: 'k2', caseId })).case.assignee).toBe('agent-1');
    await expect(engine.claim({ actor: otherAgent, idempotencyKey: 'k3', caseId })).rejects.toMatchObject({ reason: 'already-claimed' });
    await expect(engine.release({ actor: otherAgent, idempotencyKey: 'k4', caseId })).rejects.toMatchObject({ reason: 'not-assigned' });
    expect((await engine.release({ actor: agent, idempotencyKey: 'k5', caseId })).case.assignee).toBeUndefined();
    expect((await engine.assign({ actor: agent, idempotencyKey: 'k6', caseId, assignee: 'agent-2' })).case.assignee).toBe('agent-2');
    const view = await engine.getCase({ actor: agent, caseId });
    expect(view.history.map((e) => e.type)).toEqual(['opened', 'claimed', 'released', 'assigned']);
  });
});

describe('notes, attachments, citizens and references', () => {
  it('records each in the case and the audit trail', async () => {
    const { engine } = setup();
    const { caseId } = await engine.open({ actor: agent, idempotencyKey: 'k1', caseType: missedBin.name, channel: 'email', data: binData });
    await engine.addNote({ actor: agent, idempotencyKey: 'k2', caseId, text: 'Bin was out at 6:30', channel: 'phone', handlingSeconds: 120 });
    await engine.attach({ actor: agent, idempotencyKey: 'k3', caseId, attachment: { name: 'bin.jpg', contentType: 'image/jpeg', uri: 's3://e/bin.jpg' } });
    await engine.linkCitizen({ actor: agent, idempotencyKey: 'k4', caseId, citizenId: 'cit-9' });
    const last = await engine.recordExternalReference({ actor: agent, idempotencyKey: 'k5', caseId, system: 'waste', reference: 'JOB-1' });
    expect(last.case).toMatchObject({ citizenId: 'cit-9', handlingSeconds: 120, externalReferences: [{ system: 'waste', reference: 'JOB-1' }] });
    expect(last.case.attachments[0]).toMatchObject({ name: 'bin.jpg', addedBy: 'agent-1' });
    const found = await engine.findByExternalReference({ actor: agent, system: 'waste', reference: 'JOB-1' });
    expect(found?.id).toBe(caseId);
    expect(await engine.findByExternalReference({ actor: agent, system: 'waste', reference: 'JOB-2' })).toBeUndefined();
    const view = await engine.getCase({ actor: agent, caseId });
    expect(view.history.map((e) => e.type)).toEqual(['opened', 'note-added', 'attached', 'citizen-linked', 'external-reference-recorded']);
    expect(view.history[1]).toMatchObject({ channel: 'phone', payload: { text: 'Bin was out at 6:30' } });
    await expect(engine.addNote({ actor: agent, idempotencyKey: 'k6', caseId, text: '   ' })).rejects.toMatchObject({ reason: 'invalid-command' });
  });
});

describe('SLA clock', () => {
  it('pauses and resumes, moving due times by the working time paused', async () => {
    const { engine, store, clock } = setup();
    const { caseId } = await engine.open({ actor: agent, idempotencyKey: 'k1', caseType: missedBin.name, channel: 'phone', data: binData });
    clock.advance({ hours: 3 }); // Monday 12:00
    const paused = await engine.pause({ actor: agent, idempotencyKey: 'k2', caseId, reason: 'Waiting for photos' });
    expect(paused.case.sla?.pausedAt).toBe('2026-11-23T12:00:00.000Z');
    expect(await store.listTimers({ caseId, statuses: ['pending'] })).toEqual([]);
    await expect(engine.pause({ actor: agent, idempotencyKey: 'k3', caseId })).rejects.toMatchObject({ reason: 'already-paused' });
    clock.advance({ days: 1 }); // Tuesday 12:00: one working day paused
    const resumed = await engine.resume({ actor: agent, idempotencyKey: 'k4', caseId });
    expect(resumed.case.sla).toMatchObject({ warningAt: '2026-11-25T09:00:00.000Z', breachAt: '2026-11-26T09:00:00.000Z' });
    const pending = await store.listTimers({ caseId, statuses: ['pending'] });
    expect(pending.map((t) => t.dueAt)).toEqual(['2026-11-25T09:00:00.000Z', '2026-11-26T09:00:00.000Z', '2026-11-27T09:00:00.000Z']);
    await expect(engine.resume({ actor: agent, idempotencyKey: 'k5', caseId })).rejects.toMatchObject({ reason: 'not-paused' });
  });

  it('pauses on entering a pausing state and resumes on leaving it', async () => {
    const { engine, clock } = setup();
    const { caseId } = await engine.open({ actor: agent, idempotencyKey: 'k1', caseType: missedBin.name, channel: 'phone', data: binData });
    const waiting = await engine.transition({ actor: agent, idempotencyKey: 'k2', caseId, transition: 'ask-resident' });
    expect(waiting.case.sla?.pausedAt).toBeDefined();
    expect((await engine.getCase({ actor: agent, caseId })).slaState).toBe('paused');
    clock.advance({ days: 7 }); // a whole working week paused
    const back = await engine.transition({ actor: agent, idempotencyKey: 'k3', caseId, transition: 'resident-replied' });
    expect(back.case.sla?.pausedAt).toBeUndefined();
    expect(back.case.sla?.breachAt).toBe('2026-12-02T09:00:00.000Z');
  });
});

describe('resolve, close and reopen', () => {
  it('resolves at first contact, closes, reopens and restarts the clock', async () => {
    const { engine, store, clock } = setup();
    const { caseId } = await engine.open({ actor: agent, idempotencyKey: 'k1', caseType: missedBin.name, channel: 'phone', data: binData });
    await expect(engine.resolve({ actor: agent, idempotencyKey: 'k0', caseId, transition: 'refer' })).rejects.toMatchObject({ reason: 'transition-not-allowed' });
    const resolved = await engine.resolve({ actor: agent, idempotencyKey: 'k2', caseId });
    expect(resolved).toMatchObject({ state: 'resolved', status: 'resolved' });
    expect(resolved.case).toMatchObject({ resolvedAtFirstContact: true, slaMet: true, resolvedAt: '2026-11-23T09:00:00.000Z' });
    expect(await store.listTimers({ caseId, statuses: ['pending'] })).toEqual([]);
    await expect(engine.pause({ actor: agent, idempotencyKey: 'k3', caseId })).rejects.toMatchObject({ reason: 'case-closed' });
    const closed = await engine.close({ actor: agent, idempotencyKey: 'k4', caseId });
    expect(closed).toMatchObject({ state: 'closed', status: 'closed' });
    await expect(engine.transition({ actor: agent, idempotencyKey: 'k5', caseId, transition: 'refer' })).rejects.toMatchObject({ reason: 'case-closed' });
    clock.advance({ days: 1 });
    const reopened = await engine.reopen({ actor: agent, idempotencyKey: 'k6', caseId, reason: 'Bin still full' });
    expect(reopened).toMatchObject({ state: 'received', status: 'open' });
    expect(reopened.case).toMatchObject({ reopenCount: 1, team: 'contact-centre' });
    expect(reopened.case.resolvedAt).toBeUndefined();
    expect(reopened.case.sla?.breachAt).toBe('2026-11-26T09:00:00.000Z');
    expect((await store.listTimers({ caseId, statuses: ['pending'] })).length).toBe(3);
    await expect(engine.reopen({ actor: agent, idempotencyKey: 'k7', caseId, reason: 'again' })).rejects.toMatchObject({ reason: 'not-resolved' });
    const types = (await store.listEvents(caseId)).map((e) => e.type);
    expect(types).toEqual(['opened', 'resolved', 'closed', 'reopened']);
  });

  it('marks a late resolution as a missed SLA and asks for a name when several transitions fit', async () => {
    const { engine, clock } = setup();
    const { caseId } = await engine.open({ actor: agent, idempotencyKey: 'k1', caseType: missedBin.name, channel: 'phone', data: binData });
    await engine.transition({ actor: agent, idempotencyKey: 'k2', caseId, transition: 'refer' });
    clock.advance({ days: 3 });
    const done = await engine.resolve({ actor: agent, idempotencyKey: 'k3', caseId });
    expect(done.case).toMatchObject({ slaMet: false, resolvedAtFirstContact: false });
    const other = await engine.open({ actor: agent, idempotencyKey: 'k4', caseType: missedBin.name, channel: 'phone', data: binData });
    await expect(engine.close({ actor: agent, idempotencyKey: 'k5', caseId: other.caseId })).resolves.toMatchObject({ state: 'closed' });
  });
});

describe('access policies', () => {
  it('refuses and audits reads and commands by other teams', async () => {
    const { engine, store } = setup();
    const { caseId } = await engine.open({ actor: socialWorker, idempotencyKey: 'k1', caseType: socialCare.name, channel: 'phone', data: { concern: 'x' }, citizenId: 'cit-1' });
    await expect(engine.getCase({ actor: agent, caseId })).rejects.toBeInstanceOf(AccessDeniedError);
    await expect(engine.addNote({ actor: agent, idempotencyKey: 'k2', caseId, text: 'peek' })).rejects.toMatchObject({ reason: 'access-denied', action: 'addNote' });
    await expect(engine.open({ actor: agent, idempotencyKey: 'k3', caseType: socialCare.name, channel: 'phone', data: { concern: 'y' } })).rejects.toMatchObject({ reason: 'access-denied' });
    const audit = await store.listAccessDenied({ actorId: 'agent-1' });
    expect(audit.map((a) => a.action)).toEqual(['getCase', 'addNote', 'open']);
    expect(audit[0]).toMatchObject({ caseId, caseType: socialCare.name, actorTeams: ['contact-centre'] });
    expect((await engine.getCase({ actor: socialWorker, caseId })).case.id).toBe(caseId);
  });

  it('withholds restricted cases from a citizen timeline and applies council policies', async () => {
    const noWeekendAgents = ({ actor }: { actor: { roles?: readonly string[] } }) => !actor.roles?.includes('temp') || 'Temporary staff cannot see cases';
    const { engine, store } = setup({ policies: { access: [noWeekendAgents] } });
    await engine.open({ actor: socialWorker, idempotencyKey: 'k1', caseType: socialCare.name, channel: 'phone', data: { concern: 'x' }, citizenId: 'cit-1' });
    await engine.open({ actor: agent, idempotencyKey: 'k2', caseType: missedBin.name, channel: 'web', data: binData, citizenId: 'cit-1' });
    const timeline = await engine.casesByCitizen({ actor: agent, citizenId: 'cit-1' });
    expect(timeline.cases.map((c) => c.case.caseType)).toEqual([missedBin.name]);
    expect(timeline.withheld).toBe(1);
    expect((await engine.casesByCitizen({ actor: socialWorker, citizenId: 'cit-1' })).cases).toHaveLength(2);
    await expect(engine.casesByCitizen({ actor: { id: 't', teams: ['contact-centre'], roles: ['temp'] }, citizenId: 'cit-1' })).resolves.toMatchObject({ withheld: 2 });
    expect((await store.listAccessDenied()).length).toBe(3);
  });
});

describe('queries', () => {
  it('lists work queues with SLA state and finds breaching cases', async () => {
    const { engine, clock } = setup();
    const a = await engine.open({ actor: agent, idempotencyKey: 'k1', caseType: missedBin.name, channel: 'phone', data: binData });
    clock.advance({ days: 1, hours: 1 }); // Tuesday 10:00
    const b = await engine.open({ actor: agent, idempotencyKey: 'k2', caseType: missedBin.name, channel: 'phone', data: binData });
    const queue = await engine.workQueue({ actor: agent, team: 'contact-centre', queue: 'triage' });
    expect(queue.map((i) => [i.case.id, i.slaState])).toEqual([
      [a.caseId, 'warning'],
      [b.caseId, 'on-track'],
    ]);
    expect(await engine.breaching({ actor: agent })).toEqual([]);
    const soon = await engine.breaching({ actor: agent, within: { hours: 24 } });
    expect(soon.map((i) => i.case.id)).toEqual([a.caseId]);
    clock.advance({ days: 1 });
    expect((await engine.breaching({ actor: agent })).map((i) => [i.case.id, i.slaState])).toEqual([[a.caseId, 'breached']]);
    expect(await engine.workQueue({ actor: agent, team: 'waste' })).toEqual([]);
  });
});
