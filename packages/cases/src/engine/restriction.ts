/**
 * Restricting a case to named teams and lifting it again: the access-policy
 * side of UK GDPR Article 18. Each is an ordinary command (version checked,
 * idempotent, one audit event), so the trail shows who restricted the case,
 * when and why.
 */
import type { LiftRestrictionCommand, RestrictAccessCommand } from './commands.js';
import { schemas } from './commands.js';
import type { CommandResult, EngineInternals } from './engine.js';
import { CaseError } from './errors.js';

/** See {@link CaseEngine.restrictAccess}. */
export async function restrictAccess(internals: EngineInternals, raw: RestrictAccessCommand): Promise<CommandResult> {
  const { parse, execute, simple } = internals;
  const input = parse(schemas.restrictAccess, raw, 'restrictAccess');
  return execute('restrictAccess', input, () => loadPinned(internals, input.caseId), (_ctx, current) => {
    const record = must(current, input.caseId);
    const teams = [...new Set(input.teams)].sort();
    const draft = simple(record, 'access-restricted', { teams, reason: input.reason });
    draft.record.restrictedTo = teams;
    return draft;
  });
}

/** See {@link CaseEngine.liftAccessRestriction}. */
export async function liftAccessRestriction(internals: EngineInternals, raw: LiftRestrictionCommand): Promise<CommandResult> {
  const { parse, execute, simple } = internals;
  const input = parse(schemas.liftAccessRestriction, raw, 'liftAccessRestriction');
  return execute('liftAccessRestriction', input, () => loadPinned(internals, input.caseId), (ctx, current) => {
    const record = must(current, input.caseId);
    const draft = simple(record, 'access-restriction-lifted', { reason: input.reason });
    // Back to what the case type gives every case of its kind when opened.
    const teams = ctx.caseType.access?.teams;
    if (teams) draft.record.restrictedTo = [...teams];
    else delete draft.record.restrictedTo;
    return draft;
  });
}

async function loadPinned(internals: EngineInternals, caseId: string) {
  const current = await internals.store.getCase(caseId);
  if (!current) throw new CaseError('case-not-found', `No case ${caseId}`, { caseId });
  const caseType = internals.registry.get(current.caseType)?.get(current.caseTypeVersion);
  if (!caseType) throw new CaseError('unknown-case-type', `Case ${caseId} runs on ${current.caseType} v${current.caseTypeVersion}, which this engine does not have`, { caseId });
  return { caseType, current };
}

function must<T>(value: T | undefined, caseId: string): T {
  if (value === undefined) throw new CaseError('case-not-found', `No case ${caseId}`, { caseId });
  return value;
}
