import { z } from 'zod';
import type { WorkingDuration } from '../calendar/calendar.js';
import { CHANNELS } from '../records.js';
import type { Actor, Channel, JsonObject } from '../records.js';

/**
 * What every command carries.
 *
 * @example
 * ```ts
 * const base: CommandBase = { actor: { id: 'agent-42', teams: ['contact-centre'] }, idempotencyKey: crypto.randomUUID() };
 * ```
 */
export interface CommandBase {
  /** Who is acting. */
  actor: Actor;
  /** Unique per intended command; repeating it returns the first outcome. */
  idempotencyKey: string;
}

/**
 * What every command on an existing case carries.
 *
 * @example
 * ```ts
 * const input: CaseCommandBase = { actor, idempotencyKey: 'k1', caseId: 'case-1', expectedVersion: 3 };
 * ```
 */
export interface CaseCommandBase extends CommandBase {
  /** The case. */
  caseId: string;
  /** Refuse with a `ConflictError` unless the case is at this version. Default: the version just read. */
  expectedVersion?: number;
  /** Channel of the contact that led to the command, for the audit trail. */
  channel?: Channel;
  /** Agent effort spent on this command, in seconds, for average handling time. */
  handlingSeconds?: number;
}

/**
 * Open a case.
 *
 * @example
 * ```ts
 * await engine.open({ actor, idempotencyKey: 'k1', caseType: 'waste.missed-collection', channel: 'phone', data: { uprn: '100023336956', bins: ['green'] } });
 * ```
 */
export interface OpenCommand extends CommandBase {
  /** Case type name; the newest registered version is used. */
  caseType: string;
  /** Case data, validated against the case type's schema. */
  data: JsonObject;
  /** How the resident got in touch. */
  channel: Channel;
  /** The citizen, when known. */
  citizenId?: string;
  /** Choose the case id yourself. Default: a random UUID. */
  caseId?: string;
  /** Agent effort in seconds. */
  handlingSeconds?: number;
}

/**
 * Move a case along a named transition.
 *
 * @example
 * ```ts
 * await engine.transition({ actor, idempotencyKey: 'k2', caseId, transition: 'refer', expectedVersion: 1 });
 * ```
 */
export interface TransitionCommand extends CaseCommandBase {
  /** Transition name. */
  transition: string;
  /** Detail for guards, effects and the audit trail. */
  payload?: JsonObject;
}

/**
 * Resolve or close a case through a transition; when `transition` is omitted
 * the engine uses the only transition from the current state that resolves (or closes).
 *
 * @example
 * ```ts
 * await engine.resolve({ actor, idempotencyKey: 'k3', caseId });
 * ```
 */
export interface FinishCommand extends CaseCommandBase {
  /** Transition name. Default: the only one that fits. */
  transition?: string;
  /** Detail for guards, effects and the audit trail. */
  payload?: JsonObject;
}

/**
 * Assign a case to someone.
 *
 * @example
 * ```ts
 * await engine.assign({ actor, idempotencyKey: 'k4', caseId, assignee: 'agent-7' });
 * ```
 */
export interface AssignCommand extends CaseCommandBase {
  /** Actor id to assign to. */
  assignee: string;
}

/**
 * Add a note to the audit trail.
 *
 * @example
 * ```ts
 * await engine.addNote({ actor, idempotencyKey: 'k5', caseId, text: 'Resident says the bin was out by 7am' });
 * ```
 */
export interface NoteCommand extends CaseCommandBase {
  /** Note text. */
  text: string;
}

/**
 * Attach a file pointer.
 *
 * @example
 * ```ts
 * await engine.attach({ actor, idempotencyKey: 'k6', caseId, attachment: { name: 'bin.jpg', contentType: 'image/jpeg', uri: 's3://evidence/bin.jpg' } });
 * ```
 */
export interface AttachCommand extends CaseCommandBase {
  /** The file. */
  attachment: { name: string; contentType: string; uri: string };
}

/**
 * Restrict a case to named teams (UK GDPR Article 18: kept, not processed):
 * only those teams (and `system` actors) may read or change it until the
 * restriction is lifted; everyone else is refused and the refusal audited.
 * Whoever may act on the case may restrict it: say who may in an access
 * policy (action `restrictAccess` / `liftAccessRestriction`).
 *
 * @example
 * ```ts
 * await engine.restrictAccess({ actor: dpo, idempotencyKey: 'r-1', caseId, teams: ['data-protection'], reason: 'Art. 18 request R-42' });
 * ```
 */
export interface RestrictAccessCommand extends CaseCommandBase {
  /** The only teams that may use the case while restricted. */
  teams: string[];
  /** Why (the request reference), kept in the audit trail. */
  reason: string;
}

/**
 * Lift a restriction: the case is open again to whoever its case type allows.
 *
 * @example
 * ```ts
 * await engine.liftAccessRestriction({ actor: dpo, idempotencyKey: 'l-1', caseId, reason: 'Accuracy now verified' });
 * ```
 */
export interface LiftRestrictionCommand extends CaseCommandBase {
  /** Why, kept in the audit trail. */
  reason: string;
}

/**
 * Link the case to a citizen record.
 *
 * @example
 * ```ts
 * await engine.linkCitizen({ actor, idempotencyKey: 'k7', caseId, citizenId: 'cit-1' });
 * ```
 */
export interface LinkCitizenCommand extends CaseCommandBase {
  /** Citizen id. */
  citizenId: string;
}

/**
 * Stop or restart the SLA clock (e.g. waiting for the resident).
 *
 * @example
 * ```ts
 * await engine.pause({ actor, idempotencyKey: 'k8', caseId, reason: 'Waiting for photos' });
 * ```
 */
export interface PauseCommand extends CaseCommandBase {
  /** Why, for the audit trail. */
  reason?: string;
}

/**
 * Reopen a resolved or closed case.
 *
 * @example
 * ```ts
 * await engine.reopen({ actor, idempotencyKey: 'k9', caseId, reason: 'Bin still not emptied' });
 * ```
 */
export interface ReopenCommand extends CaseCommandBase {
  /** Why, for the audit trail. */
  reason: string;
}

/**
 * Record the case's identifier in another system.
 *
 * @example
 * ```ts
 * await engine.recordExternalReference({ actor, idempotencyKey: 'k10', caseId, system: 'waste', reference: 'JOB-991' });
 * ```
 */
export interface ExternalReferenceCommand extends CaseCommandBase {
  /** Other system's name. */
  system: string;
  /** Its identifier. */
  reference: string;
}

/**
 * Move running cases of one case type version to another version.
 *
 * @example
 * ```ts
 * await engine.migrate({ actor, caseType: 'waste.missed-collection', fromVersion: 1, toVersion: 2, stateMap: { referred: 'with-crew' }, dryRun: true });
 * ```
 */
export interface MigrationCommand {
  /** Who is migrating. */
  actor: Actor;
  /** Case type name. */
  caseType: string;
  /** Version the cases are on. */
  fromVersion: number;
  /** Version to move them to. */
  toVersion: number;
  /** Old state name -> new state name. States missing here keep their name if the new version has it. */
  stateMap?: Record<string, string>;
  /** List what would move without moving anything. Default `false`. */
  dryRun?: boolean;
}

/**
 * Cases breaching or about to.
 *
 * @example
 * ```ts
 * await engine.breaching({ actor, within: { hours: 4 } });
 * ```
 */
export interface BreachingQuery {
  /** Who is asking. */
  actor: Actor;
  /** Include cases due to breach within this much time from now. Default: only already breached. */
  within?: WorkingDuration;
  /** Only this case type. */
  caseType?: string;
  /** Only this team. */
  team?: string;
}

/**
 * A work queue request.
 *
 * @example
 * ```ts
 * await engine.workQueue({ actor, team: 'waste', queue: 'missed' });
 * ```
 */
export interface WorkQueueQuery {
  /** Who is asking. */
  actor: Actor;
  /** Team. */
  team: string;
  /** Queue within the team. Default: all the team's queues. */
  queue?: string;
  /** Only cases assigned to this actor id. */
  assignee?: string;
  /** At most this many. */
  limit?: number;
}

export const actorSchema = z.object({
  id: z.string().min(1),
  teams: z.array(z.string()),
  roles: z.array(z.string()).optional(),
});
const jsonObject = z.record(z.string(), z.unknown());
const base = { actor: actorSchema, idempotencyKey: z.string().min(1).max(300) };
const caseBase = {
  ...base,
  caseId: z.string().min(1),
  expectedVersion: z.number().int().positive().optional(),
  channel: z.enum(CHANNELS as [Channel, ...Channel[]]).optional(),
  handlingSeconds: z.number().min(0).optional(),
};
const duration = z.union([z.object({ workingDays: z.number().min(0) }), z.object({ hours: z.number().min(0) })]);

export const schemas = {
  open: z.object({
    ...base,
    caseType: z.string().min(1),
    data: jsonObject,
    channel: z.enum(CHANNELS as [Channel, ...Channel[]]),
    citizenId: z.string().min(1).optional(),
    caseId: z.string().min(1).max(200).optional(),
    handlingSeconds: z.number().min(0).optional(),
  }),
  transition: z.object({ ...caseBase, transition: z.string().min(1), payload: jsonObject.optional() }),
  finish: z.object({ ...caseBase, transition: z.string().min(1).optional(), payload: jsonObject.optional() }),
  assign: z.object({ ...caseBase, assignee: z.string().min(1) }),
  plain: z.object(caseBase),
  note: z.object({ ...caseBase, text: z.string().trim().min(1, 'Enter the note').max(20_000) }),
  attach: z.object({
    ...caseBase,
    attachment: z.object({ name: z.string().min(1), contentType: z.string().min(1), uri: z.string().min(1) }),
  }),
  linkCitizen: z.object({ ...caseBase, citizenId: z.string().min(1) }),
  pause: z.object({ ...caseBase, reason: z.string().max(2000).optional() }),
  reopen: z.object({ ...caseBase, reason: z.string().trim().min(1, 'Say why the case is reopened').max(2000) }),
  externalReference: z.object({ ...caseBase, system: z.string().min(1), reference: z.string().min(1) }),
  restrictAccess: z.object({ ...caseBase, teams: z.array(z.string().min(1)).min(1), reason: z.string().trim().min(1, 'Say why access is restricted').max(2000) }),
  liftAccessRestriction: z.object({ ...caseBase, reason: z.string().trim().min(1, 'Say why the restriction is lifted').max(2000) }),
  migrate: z.object({
    actor: actorSchema,
    caseType: z.string().min(1),
    fromVersion: z.number().int().positive(),
    toVersion: z.number().int().positive(),
    stateMap: z.record(z.string(), z.string()).optional(),
    dryRun: z.boolean().optional(),
  }),
  breaching: z.object({ actor: actorSchema, within: duration.optional(), caseType: z.string().optional(), team: z.string().optional() }),
  workQueue: z.object({
    actor: actorSchema,
    team: z.string().min(1),
    queue: z.string().min(1).optional(),
    assignee: z.string().min(1).optional(),
    limit: z.number().int().positive().optional(),
  }),
  getCase: z.object({ actor: actorSchema, caseId: z.string().min(1) }),
  casesByCitizen: z.object({ actor: actorSchema, citizenId: z.string().min(1) }),
  findByExternalReference: z.object({ actor: actorSchema, system: z.string().min(1), reference: z.string().min(1) }),
};
