import { describe, expect, it } from 'vitest';
import { AccessDeniedError } from './errors.js';
import { agent, binData, setup, socialCare, socialWorker } from './test-support.js';

const dpo = { id: 'dpo-1', teams: ['data-protection'] };

describe('restricting access to a case (Article 18)', () => {
  it('leaves the case to the named teams, audits the change and each refusal, and lifting restores access', async () => {
    const { engine, store } = setup();
    const { caseId } = await engine.open({ actor: agent, idempotencyKey: 'open', caseType: 'waste.missed-collection', channel: 'phone', data: binData, citizenId: 'cit-1' });
    await engine.restrictAccess({ actor: agent, idempotencyKey: 'restrict', caseId, teams: ['data-protection'], reason: 'Art. 18 request R-1' });

    await expect(engine.getCase({ actor: agent, caseId })).rejects.toBeInstanceOf(AccessDeniedError);
    await expect(engine.addNote({ actor: agent, idempotencyKey: 'note', caseId, text: 'Called back' })).rejects.toBeInstanceOf(AccessDeniedError);
    const timeline = await engine.casesByCitizen({ actor: agent, citizenId: 'cit-1' });
    expect(timeline).toMatchObject({ cases: [], withheld: 1 });
    const refusals = await store.listAccessDenied({ caseId });
    expect(refusals.map((r) => r.action).sort()).toEqual(['addNote', 'casesByCitizen', 'getCase']);

    const seen = await engine.getCase({ actor: dpo, caseId });
    expect(seen.case.restrictedTo).toEqual(['data-protection']);
    expect(seen.history.at(-1)).toMatchObject({ type: 'access-restricted', actorId: agent.id, payload: { teams: ['data-protection'], reason: 'Art. 18 request R-1' } });

    await engine.liftAccessRestriction({ actor: dpo, idempotencyKey: 'lift', caseId, reason: 'Accuracy checked' });
    const after = await engine.getCase({ actor: agent, caseId });
    expect(after.case.restrictedTo).toBeUndefined();
    expect(after.history.at(-1)).toMatchObject({ type: 'access-restriction-lifted', actorId: dpo.id });
  });

  it('goes back to the case type access teams when lifted, and refuses someone outside the case to restrict it', async () => {
    const { engine } = setup();
    const { caseId } = await engine.open({ actor: socialWorker, idempotencyKey: 'open', caseType: socialCare.name, channel: 'phone', data: { concern: 'x' } });
    await expect(engine.restrictAccess({ actor: dpo, idempotencyKey: 'r0', caseId, teams: ['data-protection'], reason: 'R-2' })).rejects.toBeInstanceOf(AccessDeniedError);
    await engine.restrictAccess({ actor: { ...dpo, roles: ['system'] }, idempotencyKey: 'r1', caseId, teams: ['data-protection'], reason: 'R-2' });
    await expect(engine.getCase({ actor: socialWorker, caseId })).rejects.toBeInstanceOf(AccessDeniedError);
    await engine.liftAccessRestriction({ actor: dpo, idempotencyKey: 'l1', caseId, reason: 'Done' });
    expect((await engine.getCase({ actor: socialWorker, caseId })).case.restrictedTo).toEqual(['social-care']);
    await expect(engine.getCase({ actor: dpo, caseId })).rejects.toBeInstanceOf(AccessDeniedError);
  });

  it('refuses a restriction without a reason or teams, or of a case that is not there, and replays a repeated key', async () => {
    const { engine } = setup();
    const { caseId } = await engine.open({ actor: agent, idempotencyKey: 'open', caseType: 'waste.missed-collection', channel: 'phone', data: binData });
    await expect(engine.restrictAccess({ actor: agent, idempotencyKey: 'r', caseId, teams: [], reason: 'x' })).rejects.toMatchObject({ reason: 'invalid-command' });
    await expect(engine.restrictAccess({ actor: agent, idempotencyKey: 'r2', caseId, teams: ['dp'], reason: ' ' })).rejects.toMatchObject({ reason: 'invalid-command' });
    await expect(engine.restrictAccess({ actor: agent, idempotencyKey: 'r3', caseId: 'no-such-case', teams: ['dp'], reason: 'x' })).rejects.toMatchObject({ reason: 'case-not-found' });
    // The same key again answers the first outcome rather than restricting twice.
    const first = await engine.restrictAccess({ actor: agent, idempotencyKey: 'r4', caseId, teams: ['dp'], reason: 'x' });
    expect(await engine.restrictAccess({ actor: agent, idempotencyKey: 'r4', caseId, teams: ['dp'], reason: 'x' })).toMatchObject({ replayed: true, caseId: first.caseId });
  });
});
