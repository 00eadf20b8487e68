import { createHash, randomUUID } from 'node:crypto';
import type { z } from 'zod';
import { createWorkingDayCalendar } from '../calendar/calendar.js';
import type { WorkingDayCalendar } from '../calendar/calendar.js';
import type { CaseType } from '../define-case-type.js';
import { computeMetrics } from '../metrics.js';
import type { CaseMetrics, MetricsOptions } from '../metrics.js';
import type { Actor, CaseEvent, CaseRecord, CaseStatus, IdempotencyRecord, JsonObject, SlaState, TimerRecord } from '../records.js';
import { ConflictError } from '../store-port.js';
import type { CaseCommit, CaseStore } from '../store-port.js';
import { schemas } from './commands.js';
import type {
  AssignCommand,
  AttachCommand,
  BreachingQuery,
  CaseCommandBase,
  ExternalReferenceCommand,
  FinishCommand,
  LinkCitizenCommand,
  MigrationCommand,
  NoteCommand,
  OpenCommand,
  PauseCommand,
  ReopenCommand,
  RestrictAccessCommand,
  LiftRestrictionCommand,
  TransitionCommand,
  WorkQueueQuery,
} from './commands.js';
import { AccessDeniedError, CaseError } from './errors.js';
import { migrateCases } from './migration.js';
import { liftAccessRestriction, restrictAccess } from './restriction.js';
import { fireTimer } from './timers.js';
import { planTimers, slaStateOf, startClock } from './sla.js';
import { applyTransition, copyRecord, enterState, pauseClock, resumeClock, transitionsTo } from './transition.js';
import type { Draft, MoveContext } from './transition.js';

/**
 * Where the engine gets the time. Tests pass a fixed or stepping clock.
 *
 * @example
 * ```ts
 * const clock: Clock = { now: () => new Date('2026-11-23T09:00:00Z') };
 * ```
 */
export interface Clock {
  /** The current instant. */
  now(): Date;
}

/**
 * An access request a council policy can refuse.
 *
 * @example
 * ```ts
 * const request: AccessRequest = { actor, action: 'getCase', caseType: 'social-care.referral' };
 * ```
 */
export interface AccessRequest {
  /** Who. */
  actor: Actor;
  /** Command or query name. */
  action: string;
  /** Case type name. */
  caseType: string;
  /** The case, when one is involved. */
  case?: CaseRecord;
}

/**
 * A council's own access rule: `true` allows, a string refuses (and is audited).
 *
 * @example
 * ```ts
 * const noContractors: AccessPolicy = ({ actor }) => !actor.roles?.includes('contractor') || 'Contractors cannot see cases';
 * ```
 */
export type AccessPolicy = { check(request: AccessRequest): true | string }['check'];

/**
 * Policies the engine applies on top of each case type's `access`.
 *
 * @example
 * ```ts
 * const policies: EnginePolicies = { access: [noContractors] };
 * ```
 */
export interface EnginePolicies {
  /** Extra access rules, all must allow. Default: none. */
  access?: readonly AccessPolicy[];
}

/**
 * Options for {@link createCaseEngine}.
 *
 * @example
 * ```ts
 * const options: CaseEngineOptions = { store: createMemoryStore(), caseTypes: [missedBin], calendar: createWorkingDayCalendar({ nation: 'northern-ireland' }) };
 * ```
 */
export interface CaseEngineOptions {
  /** Where cases live. */
  store: CaseStore;
  /** Every case type and version the engine serves; running cases need their pinned version present. */
  caseTypes: readonly CaseType<never>[] | readonly CaseType[];
  /** Working-day calendar for SLAs. Default: England & Wales bank holidays. */
  calendar?: WorkingDayCalendar;
  /** Time source. Default: the system clock. */
  clock?: Clock;
  /** Extra policies. Default: none. */
  policies?: EnginePolicies;
  /**
   * How many cases the engine remembers as it last read or wrote them, so a
   * command on one of them commits without reading first (the commit's version
   * and idempotency checks still decide; a refused fast attempt falls back to
   * a fresh read). 0 turns this off. Default: 1000.
   */
  knownCases?: number;
  /** Id generator for cases, events, timers and messages. Default: `crypto.randomUUID`. */
  newId?: () => string;
}

/**
 * What a command gives back. `replayed` is true when the idempotency key had
 * been seen: `version`, `state` and `status` are then the first outcome and
 * `case` is the case as it is now.
 *
 * @example
 * ```ts
 * const { caseId, version, replayed } = await engine.open({ ... });
 * ```
 */
export interface CommandResult {
  /** The case. */
  caseId: string;
  /** Case version after the command. */
  version: number;
  /** State after the command. */
  state: string;
  /** Status after the command. */
  status: CaseStatus;
  /** The audit event written. */
  eventId: string;
  /** True when this is a repeat of an earlier command with the same key. */
  replayed: boolean;
  /** The case now. */
  case: CaseRecord;
}

/**
 * A case with its SLA position and what can happen next.
 *
 * @example
 * ```ts
 * const view: CaseView = await engine.getCase({ actor, caseId });
 * view.history.length; // events so far
 * ```
 */
export interface CaseView {
  /** The case. */
  case: CaseRecord;
  /** Its audit trail, oldest first. */
  history: CaseEvent[];
  /** SLA position now. */
  slaState: SlaState;
  /** Transitions that leave the current state (guards not yet checked). */
  availableTransitions: readonly string[];
}

/**
 * A case in a list, with its SLA position.
 *
 * @example
 * ```ts
 * const item: CaseListItem = (await engine.workQueue({ actor, team: 'waste' }))[0]!;
 * item.slaState; // 'on-track'
 * ```
 */
export interface CaseListItem {
  /** The case. */
  case: CaseRecord;
  /** SLA position now. */
  slaState: SlaState;
}

/**
 * A citizen's cases across services, with how many were withheld by access policies.
 *
 * @example
 * ```ts
 * const { cases, withheld } = await engine.casesByCitizen({ actor, citizenId: 'cit-1' });
 * ```
 */
export interface CitizenTimeline {
  /** Cases the actor may see, oldest first. */
  cases: CaseListItem[];
  /** Cases the actor may not see (each refusal is audited). */
  withheld: number;
}

/**
 * What a migration did, or would do on a dry run.
 *
 * @example
 * ```ts
 * const report = await engine.migrate({ ..., dryRun: true });
 * report.moves.map((m) => `${m.caseId}: ${m.from} -> ${m.to}`);
 * ```
 */
export interface MigrationReport {
  /** True when nothing was written. */
  dryRun: boolean;
  /** Cases moved (or that would move). */
  moves: { caseId: string; from: string; to: string }[];
  /** Cases left alone, and why. */
  skipped: { caseId: string; state: string; reason: string }[];
}

/**
 * Outcome of firing one timer.
 *
 * @example
 * ```ts
 * const outcome: TimerOutcome = await engine.fireTimer(timer, { workerId: 'w1' });
 * ```
 */
export type TimerOutcome = 'fired' | 'skipped';

/**
 * The case engine: commands, queries, timers, migrations and metrics.
 *
 * @example
 * ```ts
 * const engine: CaseEngine = createCaseEngine({ store, caseTypes: [missedBin] });
 * ```
 */
export interface CaseEngine {
  /** The store it writes to. */
  readonly store: CaseStore;
  /** The calendar it counts SLAs in. */
  readonly calendar: WorkingDayCalendar;
  /** The clock it reads. */
  readonly clock: Clock;
  /** Open a case on the newest version of its type. */
  open(command: OpenCommand): Promise<CommandResult>;
  /** Move a case along a named transition. */
  transition(command: TransitionCommand): Promise<CommandResult>;
  /** Assign a case. */
  assign(command: AssignCommand): Promise<CommandResult>;
  /** Take an unassigned case (or one already yours). */
  claim(command: CaseCommandBase): Promise<CommandResult>;
  /** Give back a case you hold. */
  release(command: CaseCommandBase): Promise<CommandResult>;
  /** Add a note. */
  addNote(command: NoteCommand): Promise<CommandResult>;
  /** Attach a file pointer. */
  attach(command: AttachCommand): Promise<CommandResult>;
  /** Link a citizen. */
  linkCitizen(command: LinkCitizenCommand): Promise<CommandResult>;
  /** Stop the SLA clock. */
  pause(command: PauseCommand): Promise<CommandResult>;
  /** Restart the SLA clock; due times move by the time paused. */
  resume(command: PauseCommand): Promise<CommandResult>;
  /** Resolve through a transition into a resolved (or terminal) state. */
  resolve(command: FinishCommand): Promise<CommandResult>;
  /** Close through a transition into a terminal state. */
  close(command: FinishCommand): Promise<CommandResult>;
  /** Reopen a resolved or closed case into the type's `reopenTo` state; the SLA clock restarts. */
  reopen(command: ReopenCommand): Promise<CommandResult>;
  /** Record the case's identifier in another system. */
  recordExternalReference(command: ExternalReferenceCommand): Promise<CommandResult>;
  /** Restrict the case to named teams (UK GDPR Article 18); others are refused, refusals audited. */
  restrictAccess(command: RestrictAccessCommand): Promise<CommandResult>;
  /** Lift a restriction: access goes back to what the case type allows. */
  liftAccessRestriction(command: LiftRestrictionCommand): Promise<CommandResult>;

  /** A case with its history. */
  getCase(query: { actor: Actor; caseId: string }): Promise<CaseView>;
  /** A citizen's cases across services. */
  casesByCitizen(query: { actor: Actor; citizenId: string }): Promise<CitizenTimeline>;
  /** Open cases for a team or queue, most urgent first. */
  workQueue(query: WorkQueueQuery): Promise<CaseListItem[]>;
  /** Open cases breached, or breaching within `within`, most urgent first. */
  breaching(query: BreachingQuery): Promise<CaseListItem[]>;
  /** The case holding an external reference, if any. */
  findByExternalReference(query: { actor: Actor; system: string; reference: string }): Promise<CaseRecord | undefined>;

  /** Move running cases to another definition version (or list what would move). */
  migrate(command: MigrationCommand): Promise<MigrationReport>;
  /** Fire one claimed timer (the scheduler calls this). */
  fireTimer(timer: TimerRecord, options: { workerId: string }): Promise<TimerOutcome>;
  /** Metrics over cases opened in a period. */
  metrics(options: Omit<MetricsOptions, 'cases'>): Promise<CaseMetrics>;
}

type AnyCaseType = CaseType;

/** What the single write path needs from a command. */
type ExecuteInput = {
  actor: Actor;
  idempotencyKey: string;
  expectedVersion?: number | undefined;
  channel?: CaseEvent['channel'] | undefined;
  handlingSeconds?: number | undefined;
};

/** Engine parts shared with migration.ts, timers.ts and restriction.ts. Internal: not exported from the package. */
export interface EngineInternals {
  store: CaseStore;
  calendar: WorkingDayCalendar;
  clock: Clock;
  newId: () => string;
  registry: Map<string, Map<number, AnyCaseType>>;
  systemRole: string;
  parse: typeof parse;
  execute<I extends ExecuteInput>(
    command: string,
    input: I,
    load: () => Promise<{ caseType: AnyCaseType; current: CaseRecord | undefined }>,
    plan: (ctx: MoveContext<JsonObject>, current: CaseRecord | undefined, caseType: AnyCaseType) => Draft,
  ): Promise<CommandResult>;
  ensureAccess(actor: Actor, action: string, caseType: AnyCaseType, record?: CaseRecord): Promise<void>;
  simple(current: CaseRecord, type: CaseEvent['type'], payload: JsonObject): Draft;
  /** The case and the definition version it runs on; `case-not-found` when there is none. */
  loadCase(caseId: string): Promise<{ caseType: AnyCaseType; current: CaseRecord }>;
}

/** JSON with object keys sorted, so the same body always gives the same fingerprint. Written for speed: it runs on every command. */
function stable(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'undefined';
  if (Array.isArray(value)) {
    let out = '[';
    for (let i = 0; i < value.length; i += 1) out += (i === 0 ? '' : ',') + stable(value[i]);
    return `${out}]`;
  }
  if (value instanceof Date) return JSON.stringify(value);
  const record = value as Record<string, unknown>;
  const keys = Object.keys(record).sort();
  let out = '{';
  let first = true;
  for (const key of keys) {
    const item = record[key];
    if (item === undefined) continue;
    out += `${first ? '' : ','}${JSON.stringify(key)}:${stable(item)}`;
    first = false;
  }
  return `${out}}`;
}

function fingerprintOf(command: string, input: { idempotencyKey?: string; actor: Actor }): string {
  // The idempotency key itself is left out, and the actor counts by id only.
  const body: Record<string, unknown> = {};
  for (const key of Object.keys(input)) {
    if (key !== 'idempotencyKey' && key !== 'actor') body[key] = (input as Record<string, unknown>)[key];
  }
  body.actor = input.actor.id;
  const text = `${command}\n${stable(body)}`;
  // Short bodies are kept as-is (exact, and hashing dominated the in-memory command cost); long ones are hashed.
  return text.length <= 1024 ? text : `sha256:${createHash('sha256').update(text).digest('base64url')}`;
}

function parse<S extends z.ZodType>(schema: S, input: unknown, command: string): z.infer<S> {
  const parsed = schema.safeParse(input);
  if (!parsed.success) {
    throw new CaseError(
      'invalid-command',
      `${command}: ${parsed.error.issues.map((i) => `${i.path.join('.') || '(input)'}: ${i.message}`).join('; ')}`,
    );
  }
  return parsed.data;
}

const SYSTEM_ROLE = 'system';

/**
 * Create the case engine over a store. Every command takes an idempotency key
 * and writes the case change, one audit event, timer changes and outbox
 * messages in a single store commit; a lost race is a {@link ConflictError}.
 *
 * Actors with the role `system` (timers, status sync) pass case type team
 * restrictions; council policies still apply to them.
 *
 * @example
 * ```ts
 * import { createCaseEngine, createMemoryStore, createWorkingDayCalendar } from '@councilkit/cases';
 *
 * const engine = createCaseEngine({
 *   store: createMemoryStore(),
 *   caseTypes: [missedBin],
 *   calendar: createWorkingDayCalendar({ nation: 'england-and-wales' }),
 * });
 * const agent = { id: 'agent-42', teams: ['contact-centre'] };
 * const { caseId } = await engine.open({ actor: agent, idempotencyKey: 'call-1', caseType: 'waste.missed-collection', channel: 'phone', data: { uprn: '100023336956', bins: ['green'] } });
 * await engine.transition({ actor: agent, idempotencyKey: 'call-1-refer', caseId, transition: 'refer' });
 * ```
 */
export function createCaseEngine(options: CaseEngineOptions): CaseEngine {
  if (!options || typeof options.store?.commit !== 'function' || !Array.isArray(options.caseTypes)) {
    throw new CaseError('invalid-options', 'createCaseEngine needs a store and a list of case types');
  }
  const store = options.store;
  const calendar = options.calendar ?? createWorkingDayCalendar();
  const clock: Clock = options.clock ?? { now: () => new Date() };
  const newId = options.newId ?? (() => randomUUID());
  const policies = options.policies?.access ?? [];

  const registry = new Map<string, Map<number, AnyCaseType>>();
  for (const caseType of options.caseTypes as readonly AnyCaseType[]) {
    const versions = registry.get(caseType.name) ?? new Map<number, AnyCaseType>();
    if (versions.has(caseType.version)) {
      throw new CaseError('invalid-options', `Case type ${caseType.name} v${caseType.version} is registered twice`);
    }
    versions.set(caseType.version, caseType);
    registry.set(caseType.name, versions);
  }

  function latest(name: string): AnyCaseType {
    const versions = registry.get(name);
    if (!versions) throw new CaseError('unknown-case-type', `No case type called "${name}" is registered`);
    return versions.get(Math.max(...versions.keys())) as AnyCaseType;
  }

  function pinned(record: CaseRecord): AnyCaseType {
    const found = registry.get(record.caseType)?.get(record.caseTypeVersion);
    if (!found) {
      throw new CaseError(
        'unknown-case-type',
        `Case ${record.id} runs on ${record.caseType} v${record.caseTypeVersion}, which this engine does not have`,
        { caseId: record.id },
      );
    }
    return found;
  }

  function verdict(actor: Actor, action: string, caseType: AnyCaseType, record?: CaseRecord): true | string {
    const teams = record?.restrictedTo ?? caseType.access?.teams;
    if (teams && !actor.roles?.includes(SYSTEM_ROLE) && !actor.teams.some((t) => teams.includes(t))) {
      return `Only ${teams.join(', ')} may ${action} ${caseType.name} cases`;
    }
    for (const policy of policies) {
      const answer = policy({ actor, action, caseType: caseType.name, ...(record ? { case: record } : {}) });
      if (answer !== true) return answer;
    }
    return true;
  }

  async function audit(actor: Actor, action: string, caseType: AnyCaseType, reason: string, caseId?: string): Promise<void> {
    await store.recordAccessDenied({
      id: newId(),
      at: clock.now().toISOString(),
      actorId: actor.id,
      actorTeams: [...actor.teams],
      action,
      caseType: caseType.name,
      ...(caseId === undefined ? {} : { caseId }),
      reason,
    });
  }

  async function ensureAccess(actor: Actor, action: string, caseType: AnyCaseType, record?: CaseRecord): Promise<void> {
    const answer = verdict(actor, action, caseType, record);
    if (answer === true) return;
    await audit(actor, action, caseType, answer, record?.id);
    throw new AccessDeniedError(answer, { action, caseType: caseType.name, ...(record ? { caseId: record.id } : {}) });
  }

  async function replay(key: string, fingerprint: string, command: string): Promise<CommandResult | undefined> {
    const seen = await store.getIdempotency(key);
    return seen ? replayed(seen, fingerprint, command) : undefined;
  }

  async function replayed(seen: IdempotencyRecord, fingerprint: string, command: string, known?: CaseRecord): Promise<CommandResult> {
    const key = seen.key;
    if (seen.fingerprint !== fingerprint) {
      throw new CaseError(
        'idempotency-key-reused',
        `Idempotency key "${key}" was first used for a different command; use a new key for ${command}`,
        { caseId: seen.caseId },
      );
    }
    const now = known !== undefined && known.id === seen.caseId ? known : await store.getCase(seen.caseId);
    const outcome = seen.outcome as { version: number; state: string; status: CaseStatus; eventId: string };
    return { caseId: seen.caseId, ...outcome, replayed: true, case: now as CaseRecord };
  }

  /**
   * The one write path: idempotency, access, version check, plan, commit.
   * `plan` receives the current case (undefined for open) and returns the draft.
   */
  /**
   * Cases as this engine last read or wrote them, by id. A commit checks the
   * version, and every change to a case bumps it, so a command planned on a
   * remembered copy either commits against exactly that version or is refused
   * whole; then the command runs again on a fresh read.
   */
  const known = new Map<string, CaseRecord>();
  const knownLimit = options.knownCases ?? 1000;
  function rememberCase(record: CaseRecord): void {
    if (knownLimit <= 0) return;
    known.delete(record.id);
    known.set(record.id, copyRecord(record));
    if (known.size > knownLimit) known.delete(known.keys().next().value as string);
  }

  /** Everything but the commit: version stamp, audit event, idempotency record. */
  function prepare<I extends ExecuteInput>(
    command: string,
    input: I,
    fingerprint: string,
    caseType: AnyCaseType,
    current: CaseRecord | undefined,
    plan: (ctx: MoveContext<JsonObject>, current: CaseRecord | undefined, caseType: AnyCaseType) => Draft,
  ): { commit: CaseCommit; result: CommandResult } {
    const now = clock.now().toISOString();
    const ctx: MoveContext<JsonObject> = { caseType, calendar, actor: input.actor, now, newId };
    const draft = plan(ctx, current, caseType);
    const record = draft.record;
    const version = (current?.version ?? 0) + 1;
    record.version = version;
    record.updatedAt = now;
    if (input.handlingSeconds !== undefined) record.handlingSeconds = (record.handlingSeconds ?? 0) + input.handlingSeconds;
    const channel = draft.event.channel ?? input.channel;
    const event: CaseEvent = {
      id: newId(),
      caseId: record.id,
      sequence: version,
      caseVersion: version,
      type: draft.event.type,
      actorId: input.actor.id,
      actorTeams: [...input.actor.teams],
      at: now,
      payload: draft.event.payload,
      idempotencyKey: input.idempotencyKey,
    };
    if (channel !== undefined) event.channel = channel;
    if (draft.event.from !== undefined) event.from = draft.event.from;
    if (draft.event.to !== undefined) event.to = draft.event.to;
    const outcome = { version, state: record.state, status: record.status, eventId: event.id };
    return {
      commit: {
        case: record,
        expectedVersion: current?.version ?? 0,
        events: [event],
        idempotency: { key: input.idempotencyKey, fingerprint, caseId: record.id, outcome, createdAt: now },
        ...(draft.cancelTimers ? { cancelTimers: draft.cancelTimers } : {}),
        ...(draft.scheduleTimers.length > 0 ? { scheduleTimers: draft.scheduleTimers } : {}),
        ...(draft.outbox.length > 0 ? { outbox: draft.outbox } : {}),
      },
      result: { caseId: record.id, ...outcome, replayed: false, case: record },
    };
  }

  /**
   * The fast path: plan on the remembered copy and commit, with no reads.
   * The commit itself refuses a stale version or a used idempotency key, so
   * success means the slow path would have done the same; anything else
   * (refusal, denied access, a guard saying no) answers `undefined` having
   * written nothing, and the caller takes the slow path, which reads, replays
   * and reports exactly as before.
   */
  async function fromKnown<I extends ExecuteInput>(
    command: string,
    input: I,
    fingerprint: string,
    current: CaseRecord,
    plan: (ctx: MoveContext<JsonObject>, current: CaseRecord | undefined, caseType: AnyCaseType) => Draft,
  ): Promise<CommandResult | undefined> {
    // The attempt owns the remembered copy (a guard could change what it is
    // shown), so it leaves the map now and only the committed record returns.
    known.delete(current.id);
    let prepared: { commit: CaseCommit; result: CommandResult };
    try {
      const caseType = pinned(current);
      if (verdict(input.actor, command, caseType, current) !== true) return undefined;
      prepared = prepare(command, input, fingerprint, caseType, current, plan);
    } catch {
      return undefined;
    }
    try {
      await store.commit(prepared.commit);
    } catch (error) {
      if (error instanceof ConflictError) return undefined;
      throw error;
    }
    rememberCase(prepared.commit.case);
    return prepared.result;
  }

  /**
   * The one write path: idempotency, access, version check, plan, commit.
   * `plan` receives the current case (undefined for open) and returns the draft.
   * With `caseId`, the store's one-read `loadForCommand` and the remembered
   * copy of the case are used when there are.
   */
  async function execute<I extends ExecuteInput>(
    command: string,
    input: I,
    load: () => Promise<{ caseType: AnyCaseType; current: CaseRecord | undefined }>,
    plan: (ctx: MoveContext<JsonObject>, current: CaseRecord | undefined, caseType: AnyCaseType) => Draft,
    caseId?: string,
  ): Promise<CommandResult> {
    const fingerprint = fingerprintOf(command, input);
    const remembered = caseId === undefined ? undefined : known.get(caseId);
    if (remembered && (input.expectedVersion === undefined || input.expectedVersion === remembered.version)) {
      const fast = await fromKnown(command, input, fingerprint, remembered, plan);
      if (fast) return fast;
    }
    let loaded: { caseType: AnyCaseType; current: CaseRecord | undefined };
    if (caseId !== undefined && store.loadForCommand) {
      // One read for the idempotency record and the case: the same answers as
      // replay() then load(), in one round trip instead of two.
      const snapshot = await store.loadForCommand({ caseId, idempotencyKey: input.idempotencyKey });
      if (snapshot.idempotency) return replayed(snapshot.idempotency, fingerprint, command, snapshot.case);
      loaded = found(caseId, snapshot.case);
    } else {
      const repeated = await replay(input.idempotencyKey, fingerprint, command);
      if (repeated) return repeated;
      loaded = await load();
    }
    const { caseType, current } = loaded;
    if (caseId !== undefined && current) rememberCase(current);
    await ensureAccess(input.actor, command, caseType, current);
    if (current && input.expectedVersion !== undefined && input.expectedVersion !== current.version) {
      throw new ConflictError(
        'version-conflict',
        `Case ${current.id} is at version ${current.version}, not ${input.expectedVersion}: reload it and try again`,
        { caseId: current.id, expectedVersion: input.expectedVersion, actualVersion: current.version },
      );
    }
    const { commit, result } = prepare(command, input, fingerprint, caseType, current, plan);
    try {
      await store.commit(commit);
    } catch (error) {
      if (current) known.delete(current.id);
      if (error instanceof ConflictError && error.reason === 'idempotency-key-taken') {
        const raced = await replay(input.idempotencyKey, fingerprint, command);
        if (raced) return raced;
      }
      throw error;
    }
    if (caseId !== undefined) rememberCase(commit.case);
    return result;
  }

  async function loadCase(caseId: string): Promise<{ caseType: AnyCaseType; current: CaseRecord }> {
    return found(caseId, await store.getCase(caseId));
  }

  function found(caseId: string, current: CaseRecord | undefined): { caseType: AnyCaseType; current: CaseRecord } {
    if (!current) throw new CaseError('case-not-found', `No case ${caseId}`, { caseId });
    return { caseType: pinned(current), current };
  }

  function simple(current: CaseRecord, type: CaseEvent['type'], payload: JsonObject): Draft {
    return { record: copyRecord(current), event: { type, payload }, outbox: [], scheduleTimers: [] };
  }

  function mustBeOpen(current: CaseRecord, command: string): void {
    if (current.status !== 'open') {
      throw new CaseError('case-closed', `Case ${current.id} is ${current.status}; ${command} needs an open case (reopen it first)`, {
        caseId: current.id,
      });
    }
  }

  /** Generic single-case command without special loading. */
  function onCase<I extends CaseCommandBase>(
    command: string,
    schema: z.ZodType<I>,
    plan: (input: I, ctx: MoveContext<JsonObject>, current: CaseRecord) => Draft,
  ): (raw: I) => Promise<CommandResult> {
    return async (raw) => {
      const input = parse(schema, raw, command);
      return execute(command, input, () => loadCase(input.caseId), (ctx, current) => plan(input, ctx, current as CaseRecord), input.caseId);
    };
  }

  function finish(command: 'resolve' | 'close') {
    return onCase(command, schemas.finish, (input, ctx, current) => {
      if (command === 'resolve' || current.status === 'closed') mustBeOpen(current, command);
      const { caseType } = ctx;
      const fits = (state: string) =>
        command === 'close' ? caseType.states[state]?.terminal === true : caseType.states[state]?.resolved === true || caseType.states[state]?.terminal === true;
      let name = input.transition;
      if (name === undefined) {
        let options = transitionsTo(caseType, current.state, fits);
        if (command === 'resolve' && options.length > 1) {
          const resolvedOnly = options.filter((t) => caseType.states[caseType.transitions[t]?.to ?? '']?.resolved === true);
          if (resolvedOnly.length > 0) options = resolvedOnly;
        }
        if (options.length !== 1) {
          throw new CaseError(
            'transition-not-allowed',
            options.length === 0
              ? `No transition from "${current.state}" can ${command} the case`
              : `Several transitions can ${command} the case from "${current.state}": name one of ${options.join(', ')}`,
            { caseId: current.id },
          );
        }
        name = options[0] as string;
      } else {
        const to = caseType.transitions[name]?.to;
        if (to !== undefined && !fits(to)) {
          throw new CaseError('transition-not-allowed', `"${name}" does not ${command} the case`, { caseId: current.id });
        }
      }
      return applyTransition(ctx, current, name, input.payload ?? {});
    });
  }

  const internals: EngineInternals = { store, calendar, clock, newId, registry, systemRole: SYSTEM_ROLE, parse, execute, ensureAccess, simple, loadCase };

  const engine: CaseEngine = {
    store,
    calendar,
    clock,

    async open(raw) {
      const input = parse(schemas.open, raw, 'open');
      return execute(
        'open',
        input,
        async () => ({ caseType: latest(input.caseType), current: undefined }),
        (ctx, _current, caseType) => {
          const checked = caseType.schema.safeParse(input.data);
          if (!checked.success) {
            throw new CaseError(
              'invalid-data',
              `The ${caseType.name} data is not valid: ${checked.error.issues.map((i) => `${i.path.join('.') || '(data)'}: ${i.message}`).join('; ')}`,
            );
          }
          const initial = caseType.states[caseType.initial];
          const sla = startClock(caseType, ctx.now);
          const record: CaseRecord = {
            id: input.caseId ?? newId(),
            caseType: caseType.name,
            caseTypeVersion: caseType.version,
            state: caseType.initial,
            status: 'open',
            version: 1,
            data: checked.data,
            channel: input.channel,
            ...(input.citizenId === undefined ? {} : { citizenId: input.citizenId }),
            ...(initial?.owner ? { team: initial.owner.team } : {}),
            ...(initial?.owner?.queue === undefined ? {} : { queue: initial.owner.queue }),
            ...(caseType.access ? { restrictedTo: [...caseType.access.teams] } : {}),
            openedAt: ctx.now,
            updatedAt: ctx.now,
            reopenCount: 0,
            ...(sla ? { sla } : {}),
            externalReferences: [],
            attachments: [],
          };
          const draft: Draft = {
            record,
            event: { type: 'opened', to: caseType.initial, channel: input.channel, payload: { caseTypeVersion: caseType.version, data: checked.data } },
            outbox: [],
            scheduleTimers: [],
          };
          if (initial?.pausesSla) pauseClock(record, ctx.now);
          draft.scheduleTimers.push(...planTimers(caseType, calendar, record, ctx.now, newId));
          return draft;
        },
      );
    },

    transition: onCase('transition', schemas.transition, (input, ctx, current) => {
      if (current.status === 'closed') mustBeOpen(current, 'transition');
      return applyTransition(ctx, current, input.transition, input.payload ?? {});
    }),

    assign: onCase('assign', schemas.assign, (input, _ctx, current) => {
      mustBeOpen(current, 'assign');
      const draft = simple(current, 'assigned', { assignee: input.assignee, ...(current.assignee ? { previous: current.assignee } : {}) });
      draft.record.assignee = input.assignee;
      return draft;
    }),

    claim: onCase('claim', schemas.plain, (input, _ctx, current) => {
      mustBeOpen(current, 'claim');
      if (current.assignee !== undefined && current.assignee !== input.actor.id) {
        throw new CaseError('already-claimed', `Case ${current.id} is already with ${current.assignee}`, { caseId: current.id });
      }
      const draft = simple(current, 'claimed', { assignee: input.actor.id });
      draft.record.assignee = input.actor.id;
      return draft;
    }),

    release: onCase('release', schemas.plain, (input, _ctx, current) => {
      if (current.assignee !== input.actor.id) {
        throw new CaseError('not-assigned', `Case ${current.id} is not assigned to ${input.actor.id}`, { caseId: current.id });
      }
      const draft = simple(current, 'released', { previous: current.assignee });
      delete draft.record.assignee;
      return draft;
    }),

    addNote: onCase('addNote', schemas.note, (input, _ctx, current) => simple(current, 'note-added', { text: input.text })),

    attach: onCase('attach', schemas.attach, (input, ctx, current) => {
      const attachment = { id: newId(), ...input.attachment, addedAt: ctx.now, addedBy: input.actor.id };
      const draft = simple(current, 'attached', { attachment });
      draft.record.attachments = [...current.attachments, attachment];
      return draft;
    }),

    linkCitizen: onCase('linkCitizen', schemas.linkCitizen, (input, _ctx, current) => {
      const draft = simple(current, 'citizen-linked', { citizenId: input.citizenId, ...(current.citizenId ? { previous: current.citizenId } : {}) });
      draft.record.citizenId = input.citizenId;
      return draft;
    }),

    pause: onCase('pause', schemas.pause, (input, ctx, current) => {
      mustBeOpen(current, 'pause');
      const draft = simple(current, 'paused', input.reason ? { reason: input.reason } : {});
      if (!pauseClock(draft.record, ctx.now)) {
        throw new CaseError('already-paused', `The SLA clock of case ${current.id} is not running`, { caseId: current.id });
      }
      draft.cancelTimers = {};
      return draft;
    }),

    resume: onCase('resume', schemas.pause, (input, ctx, current) => {
      mustBeOpen(current, 'resume');
      const draft = simple(current, 'resumed', input.reason ? { reason: input.reason } : {});
      if (!resumeClock(draft.record, ctx.now, calendar)) {
        throw new CaseError('not-paused', `The SLA clock of case ${current.id} is not paused`, { caseId: current.id });
      }
      draft.cancelTimers = {};
      draft.scheduleTimers = planTimers(ctx.caseType, calendar, draft.record, ctx.now, newId);
      draft.event.payload.breachAt = draft.record.sla?.breachAt ?? null;
      return draft;
    }),

    resolve: finish('resolve'),
    close: finish('close'),

    reopen: onCase('reopen', schemas.reopen, (input, ctx, current) => {
      if (current.status === 'open') {
        throw new CaseError('not-resolved', `Case ${current.id} is still open`, { caseId: current.id });
      }
      const { caseType } = ctx;
      const draft = simple(current, 'reopened', { reason: input.reason });
      draft.event.from = current.state;
      draft.event.to = caseType.reopenTo;
      const record = draft.record;
      record.status = 'open';
      record.reopenCount += 1;
      delete record.resolvedAt;
      delete record.closedAt;
      delete record.slaMet;
      delete record.resolvedAtFirstContact;
      const clockNow = startClock(caseType, ctx.now);
      if (clockNow) record.sla = clockNow;
      else delete record.sla;
      // Enter the reopen state from an "open" status so owner and pausing rules apply.
      enterState(draft, ctx, caseType.reopenTo, false);
      draft.cancelTimers = {};
      draft.scheduleTimers = planTimers(caseType, calendar, record, ctx.now, newId);
      return draft;
    }),

    recordExternalReference: onCase('recordExternalReference', schemas.externalReference, (input, ctx, current) => {
      const draft = simple(current, 'external-reference-recorded', { system: input.system, reference: input.reference });
      const others = current.externalReferences.filter((r) => !(r.system === input.system && r.reference === input.reference));
      draft.record.externalReferences = [...others, { system: input.system, reference: input.reference, recordedAt: ctx.now }];
      return draft;
    }),

    async getCase(raw) {
      const { actor, caseId } = parse(schemas.getCase, raw, 'getCase');
      const { caseType, current } = await loadCase(caseId);
      await ensureAccess(actor, 'getCase', caseType, current);
      return {
        case: current,
        history: await store.listEvents(current.id),
        slaState: slaStateOf(current, clock.now().toISOString()),
        availableTransitions: caseType.transitionsFrom(current.state),
      };
    },

    async casesByCitizen(raw) {
      const { actor, citizenId } = parse(schemas.casesByCitizen, raw, 'casesByCitizen');
      const found = await store.findCases({ citizenId });
      return visible(actor, 'casesByCitizen', found);
    },

    async workQueue(raw) {
      const input = parse(schemas.workQueue, raw, 'workQueue');
      const found = await store.findCases({
        statuses: ['open'],
        team: input.team,
        ...(input.queue === undefined ? {} : { queue: input.queue }),
        ...(input.assignee === undefined ? {} : { assignee: input.assignee }),
      });
      const { cases } = await visible(input.actor, 'workQueue', found);
      const sorted = cases.sort(byUrgency);
      return input.limit === undefined ? sorted : sorted.slice(0, input.limit);
    },

    async breaching(raw) {
      const input = parse(schemas.breaching, raw, 'breaching');
      const now = clock.now();
      const horizon = input.within ? calendar.addWorkingTime(now, input.within) : now;
      const found = await store.findCases({
        statuses: ['open'],
        breachAtOrBefore: horizon.toISOString(),
        ...(input.caseType === undefined ? {} : { caseType: input.caseType }),
        ...(input.team === undefined ? {} : { team: input.team }),
      });
      const { cases } = await visible(input.actor, 'breaching', found);
      return cases.sort(byUrgency);
    },

    async findByExternalReference(raw) {
      const { actor, system, reference } = parse(schemas.findByExternalReference, raw, 'findByExternalReference');
      const [found] = await store.findCases({ externalReference: { system, reference }, limit: 1 });
      if (!found) return undefined;
      await ensureAccess(actor, 'findByExternalReference', pinned(found), found);
      return found;
    },

    restrictAccess: (raw) => restrictAccess(internals, raw),
    liftAccessRestriction: (raw) => liftAccessRestriction(internals, raw),
    migrate: (raw) => migrateCases(internals, raw),
    fireTimer: (timer, { workerId }) => fireTimer(internals, timer, workerId),

    async metrics(metricsOptions) {
      const cases = await store.findCases({ openedFrom: metricsOptions.from.toISOString(), openedBefore: metricsOptions.to.toISOString() });
      return computeMetrics({ ...metricsOptions, cases });
    },
  };

  async function visible(actor: Actor, action: string, found: CaseRecord[]): Promise<CitizenTimeline> {
    const now = clock.now().toISOString();
    const cases: CaseListItem[] = [];
    let withheld = 0;
    for (const record of found) {
      const caseType = registry.get(record.caseType)?.get(record.caseTypeVersion) ?? registry.get(record.caseType)?.values().next().value;
      const answer = caseType ? verdict(actor, action, caseType, record) : true;
      if (answer !== true && caseType) {
        withheld += 1;
        await audit(actor, action, caseType, answer, record.id);
        continue;
      }
      cases.push({ case: record, slaState: slaStateOf(record, now) });
    }
    return { cases, withheld };
  }

  return engine;
}

function byUrgency(a: CaseListItem, b: CaseListItem): number {
  const due = (item: CaseListItem) => (item.case.sla?.pausedAt === undefined ? item.case.sla?.breachAt : undefined) ?? '\uffff';
  const da = due(a);
  const db = due(b);
  if (da !== db) return da < db ? -1 : 1;
  return a.case.openedAt < b.case.openedAt ? -1 : a.case.openedAt > b.case.openedAt ? 1 : 0;
}
