/**
 * Moving running cases from one definition version to another. Cases stay on
 * the version they opened on until a migration moves them explicitly.
 */
import { ConflictError } from '../store-port.js';
import { schemas } from './commands.js';
import type { MigrationCommand } from './commands.js';
import type { EngineInternals, MigrationReport } from './engine.js';
import { CaseError } from './errors.js';
import { planTimers } from './sla.js';
import { enterState } from './transition.js';

/** Run (or dry-run) a migration; see {@link CaseEngine.migrate}. */
export async function migrateCases(internals: EngineInternals, raw: MigrationCommand): Promise<MigrationReport> {
  const { registry, store, calendar, newId, execute, ensureAccess, simple, parse } = internals;
    const input = parse(schemas.migrate, raw, 'migrate');
    const versions = registry.get(input.caseType);
    const from = versions?.get(input.fromVersion);
    const to = versions?.get(input.toVersion);
    if (!from || !to) {
      throw new CaseError('invalid-migration', `Register both ${input.caseType} v${input.fromVersion} and v${input.toVersion} before migrating`);
    }
    const stateMap = input.stateMap ?? {};
    for (const [oldState, newState] of Object.entries(stateMap)) {
      if (!Object.hasOwn(from.states, oldState)) throw new CaseError('invalid-migration', `v${input.fromVersion} has no state "${oldState}"`);
      if (!Object.hasOwn(to.states, newState)) throw new CaseError('invalid-migration', `v${input.toVersion} has no state "${newState}"`);
    }
    await ensureAccess(input.actor, 'migrate', to);
    const running = (await store.findCases({ caseType: input.caseType, statuses: ['open', 'resolved'] })).filter(
      (c) => c.caseTypeVersion === input.fromVersion,
    );
    const report: MigrationReport = { dryRun: input.dryRun === true, moves: [], skipped: [] };
    for (const current of running) {
      const target = stateMap[current.state] ?? (Object.hasOwn(to.states, current.state) ? current.state : undefined);
      if (target === undefined) {
        report.skipped.push({ caseId: current.id, state: current.state, reason: `v${input.toVersion} has no state "${current.state}" and the state map does not say where it goes` });
        continue;
      }
      const checked = to.schema.safeParse(current.data);
      if (!checked.success) {
        report.skipped.push({ caseId: current.id, state: current.state, reason: `data is not valid for v${input.toVersion}: ${checked.error.issues.map((i) => i.message).join('; ')}` });
        continue;
      }
      if (report.dryRun) {
        report.moves.push({ caseId: current.id, from: current.state, to: target });
        continue;
      }
      try {
        await execute(
          'migrate',
          { actor: input.actor, idempotencyKey: `migrate:${current.id}:v${input.fromVersion}:v${input.toVersion}`, expectedVersion: current.version },
          async () => ({ caseType: to, current }),
          (ctx) => {
            const draft = simple(current, 'migrated', { fromVersion: input.fromVersion, toVersion: input.toVersion });
            draft.event.from = current.state;
            draft.event.to = target;
            draft.record.caseTypeVersion = input.toVersion;
            draft.record.data = checked.data;
            const wasOpen = current.status === 'open';
            enterState(draft, ctx, target, current.resolvedAtFirstContact === true);
            if (!wasOpen && draft.record.status === 'open') draft.record.status = current.status;
            draft.cancelTimers = {};
            draft.scheduleTimers = draft.record.status === 'open' ? planTimers(to, calendar, draft.record, ctx.now, newId) : [];
            return draft;
          },
        );
        report.moves.push({ caseId: current.id, from: current.state, to: target });
      } catch (error) {
        if (error instanceof ConflictError || error instanceof CaseError) {
          report.skipped.push({ caseId: current.id, state: current.state, reason: error.message });
          continue;
        }
        throw error;
      }
    }
    return report;
}
