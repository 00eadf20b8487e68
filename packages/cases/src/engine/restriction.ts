/**
 * Restricting a case to named teams and lifting it again: the access-policy
 * side of UK GDPR Article 18. Each is an ordinary command (version checked,
 * idempotent, one audit event), so the trail shows who restricted the case,
 * when and why.
 */
import type { CaseRecord } from '../records.js';
import type { LiftRestrictionCommand, RestrictAccessCommand } from './commands.js';
import { schemas } from './commands.js';
import type { CommandResult, EngineInternals } from './engine.js';

/** See {@link CaseEngine.restrictAccess}. */
export async function restrictAccess(internals: EngineInternals, raw: RestrictAccessCommand): Promise<CommandResult> {
  const { parse, execute, simple } = internals;
  const input = parse(schemas.restrictAccess, raw, 'restrictAccess');
  return execute('restrictAccess', input, () => internals.loadCase(input.caseId), (_ctx, current) => {
    const record = current as CaseRecord;
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
  return execute('liftAccessRestriction', input, () => internals.loadCase(input.caseId), (ctx, current) => {
    const record = current as CaseRecord;
    const draft = simple(record, 'access-restriction-lifted', { reason: input.reason });
    // Back to what the case type gives every case of its kind when opened.
    const teams = ctx.caseType.access?.teams;
    if (teams) draft.record.restrictedTo = [...teams];
    else delete draft.record.restrictedTo;
    return draft;
  });
}
