import { z } from 'zod';
import type { WorkingDuration } from './calendar/calendar.js';
import type { Actor, CaseRecord, JsonObject } from './records.js';

/**
 * Why a case type definition was refused.
 *
 * @example
 * ```ts
 * const reason: CaseDefinitionErrorReason = 'unreachable-state';
 * ```
 */
export type CaseDefinitionErrorReason =
  | 'invalid-definition'
  | 'unknown-initial-state'
  | 'unknown-state'
  | 'unreachable-state'
  | 'terminal-state-has-exits'
  | 'unknown-guard'
  | 'unknown-effect';

/**
 * Thrown by {@link defineCaseType} when a definition cannot work. Raised at
 * definition time, so a broken workflow never reaches a running service.
 *
 * @example
 * ```ts
 * try {
 *   defineCaseType(config);
 * } catch (error) {
 *   if (error instanceof CaseDefinitionError) console.log(error.reason, error.message);
 * }
 * ```
 */
export class CaseDefinitionError extends Error {
  override readonly name = 'CaseDefinitionError';
  /** Why the definition was refused. */
  readonly reason: CaseDefinitionErrorReason;
  /** The case type name, when it could be read. */
  readonly caseType: string | undefined;

  constructor(reason: CaseDefinitionErrorReason, message: string, caseType?: string) {
    super(message);
    this.reason = reason;
    this.caseType = caseType;
  }
}

/**
 * Who owns work in a state.
 *
 * @example
 * ```ts
 * const owner: StateOwner = { team: 'waste', queue: 'missed-collections' };
 * ```
 */
export interface StateOwner {
  /** Owning team. */
  team: string;
  /** Queue within the team. */
  queue?: string;
}

/**
 * One state of a case type.
 *
 * @example
 * ```ts
 * const waiting: StateConfig = { title: 'Waiting for the resident', pausesSla: true };
 * ```
 */
export interface StateConfig {
  /** Shown to agents and in diagrams. Default: the state name. */
  title?: string;
  /** Who works cases in this state. */
  owner?: StateOwner;
  /** The SLA clock stops while a case is here (e.g. waiting for the citizen). Default `false`. */
  pausesSla?: boolean;
  /** Reaching this state resolves the case (status `resolved`). Default `false`. */
  resolved?: boolean;
  /** The end: no transitions out (status `closed`). Default `false`. */
  terminal?: boolean;
}

/**
 * What a guard sees. Guards are pure: no I/O, just a decision.
 *
 * @example
 * ```ts
 * const guard = (ctx: GuardContext<{ bins: string[] }>) => ctx.data.bins.length > 0 || 'Choose at least one bin';
 * ```
 */
export interface GuardContext<TData extends JsonObject = JsonObject> {
  /** The case before the move. */
  case: CaseRecord;
  /** The case data, typed. */
  data: TData;
  /** The transition's payload. */
  payload: JsonObject;
  /** Who is moving it. */
  actor: Actor;
  /** The transition name. */
  transition: string;
  /** The engine clock's now. */
  now: Date;
}

// Method syntax keeps parameters bivariant, so a CaseType<MyData> can sit in a list of CaseType<JsonObject>.
/**
 * A named guard: `true` allows the move; a string refuses it and is shown to the agent.
 *
 * @example
 * ```ts
 * const eligible: Guard<{ bins: string[] }> = (ctx) => ctx.data.bins.length > 0 || 'Choose at least one bin';
 * ```
 */
export type Guard<TData extends JsonObject = JsonObject> = {
  check(ctx: GuardContext<TData>): true | string;
}['check'];

/**
 * An effect that writes a message to a back-office system through the outbox,
 * in the same commit as the move.
 *
 * @example
 * ```ts
 * const refer: ReferEffect = { kind: 'refer', destination: 'waste', operation: 'reportMissedCollection' };
 * ```
 */
export interface ReferEffect<TData extends JsonObject = JsonObject> {
  /** Discriminator. */
  kind: 'refer';
  /** Destination adapter name. */
  destination: string;
  /** Operation on it. */
  operation: string;
  /** Builds the message payload. Default: `{ caseId, caseType, data, payload }`. */
  payload?: { build(ctx: GuardContext<TData>): JsonObject }['build'];
}

/**
 * An effect that changes the case data (validated against the schema again).
 *
 * @example
 * ```ts
 * const stamp: UpdateDataEffect = { kind: 'update-data', update: (ctx) => ({ referredAt: ctx.now.toISOString() }) };
 * ```
 */
export interface UpdateDataEffect<TData extends JsonObject = JsonObject> {
  /** Discriminator. */
  kind: 'update-data';
  /** Returns fields to merge into the data. */
  update: { build(ctx: GuardContext<TData>): Partial<TData> }['build'];
}

/**
 * A named effect, referenced from transitions by name.
 *
 * @example
 * ```ts
 * const effect: Effect = { kind: 'refer', destination: 'waste', operation: 'reportMissedCollection' };
 * ```
 */
export type Effect<TData extends JsonObject = JsonObject> = ReferEffect<TData> | UpdateDataEffect<TData>;

/**
 * One transition between states.
 *
 * @example
 * ```ts
 * const refer: TransitionConfig = { from: 'received', to: 'referred', guards: ['eligible'], effects: ['referToBackOffice'] };
 * ```
 */
export interface TransitionConfig {
  /** State or states it leaves from. */
  from: string | readonly string[];
  /** State it goes to. */
  to: string;
  /** Shown to agents. Default: the transition name. */
  title?: string;
  /** Named guards, all must allow. */
  guards?: readonly string[];
  /** Named effects, run in order. */
  effects?: readonly string[];
  /** Resolving through this transition counts as resolved at first contact. Default `false`. */
  resolvesAtFirstContact?: boolean;
}

/**
 * One escalation step, due an amount of SLA time after the clock starts.
 *
 * @example
 * ```ts
 * const step: EscalationStep = { after: { workingDays: 3 }, title: 'Team leader review', moveTo: { team: 'waste', queue: 'escalations' } };
 * ```
 */
export interface EscalationStep {
  /** When the step falls due, from the SLA start (pauses excluded). */
  after: WorkingDuration;
  /** Shown in the audit trail. */
  title: string;
  /** Moves the case to this team/queue when it fires. */
  moveTo?: StateOwner;
}

/**
 * SLA targets for a case type.
 *
 * @example
 * ```ts
 * const sla: SlaConfig = { warning: { workingDays: 1 }, breach: { workingDays: 2 } };
 * ```
 */
export interface SlaConfig {
  /** When to warn. */
  warning?: WorkingDuration;
  /** When the SLA is breached. */
  breach?: WorkingDuration;
}

/**
 * Who may read and act on cases of a type.
 *
 * @example
 * ```ts
 * const access: AccessConfig = { teams: ['social-care'] };
 * ```
 */
export interface AccessConfig {
  /** Only members of these teams. */
  teams: readonly string[];
}

/**
 * Everything {@link defineCaseType} takes.
 *
 * @example
 * ```ts
 * const config: CaseTypeConfig<z.ZodObject<{ uprn: z.ZodString }>> = { name: 'waste.missed-collection', version: 1, schema: z.object({ uprn: z.string() }), initial: 'received', states: { received: {}, closed: { terminal: true } }, transitions: { close: { from: 'received', to: 'closed' } } };
 * ```
 */
export interface CaseTypeConfig<TSchema extends z.ZodType<JsonObject> = z.ZodType<JsonObject>> {
  /** Dotted name, e.g. `waste.missed-collection`. */
  name: string;
  /** Positive whole number; running cases stay on the version they started on. */
  version: number;
  /** Shown to agents. Default: the name. */
  title?: string;
  /** zod schema of the case data. */
  schema: TSchema;
  /** State new cases start in. */
  initial: string;
  /** Named states. */
  states: Record<string, StateConfig>;
  /** Named transitions. */
  transitions: Record<string, TransitionConfig>;
  /** Named guards. */
  guards?: Record<string, Guard<z.infer<TSchema>>>;
  /** Named effects. */
  effects?: Record<string, Effect<z.infer<TSchema>>>;
  /** SLA targets. Default: none. */
  sla?: SlaConfig;
  /** Escalation steps. Default: none. */
  escalation?: readonly EscalationStep[];
  /** Access restriction. Default: everyone. */
  access?: AccessConfig;
  /** Where {@link CaseEngine.reopen} puts a case. Default: the initial state. */
  reopenTo?: string;
}

/**
 * A validated case type: the config plus lookups the engine needs.
 *
 * @example
 * ```ts
 * const missedBin: CaseType = defineCaseType({ ... });
 * missedBin.transitionsFrom('received'); // ['refer', 'resolve-on-call']
 * ```
 */
export interface CaseType<TData extends JsonObject = JsonObject> {
  /** Case type name. */
  readonly name: string;
  /** Definition version. */
  readonly version: number;
  /** Title. */
  readonly title: string;
  /** Data schema. */
  readonly schema: z.ZodType<TData>;
  /** Initial state. */
  readonly initial: string;
  /** States. */
  readonly states: Readonly<Record<string, StateConfig>>;
  /** Transitions. */
  readonly transitions: Readonly<Record<string, TransitionConfig>>;
  /** Guards. */
  readonly guards: Readonly<Record<string, Guard<TData>>>;
  /** Effects. */
  readonly effects: Readonly<Record<string, Effect<TData>>>;
  /** SLA targets. */
  readonly sla: SlaConfig | undefined;
  /** Escalation steps. */
  readonly escalation: readonly EscalationStep[];
  /** Access restriction. */
  readonly access: AccessConfig | undefined;
  /** Reopen target. */
  readonly reopenTo: string;
  /** Names of the transitions leaving a state. */
  transitionsFrom(state: string): readonly string[];
}

const durationSchema = z.union([
  z.object({ workingDays: z.number().min(0) }).strict(),
  z.object({ hours: z.number().min(0) }).strict(),
]);
const ownerSchema = z.object({ team: z.string().min(1), queue: z.string().min(1).optional() });

const configSchema = z.object({
  name: z.string().regex(/^[a-z0-9][a-z0-9.-]*$/, 'Use lower-case letters, digits, dots and dashes'),
  version: z.number().int().positive(),
  title: z.string().min(1).optional(),
  // Duck-typed rather than instanceof: the council's zod may be a different copy (ESM vs CommonJS) from ours.
  schema: z.custom<z.ZodType>(
    (value) => typeof value === 'object' && value !== null && typeof (value as { safeParse?: unknown }).safeParse === 'function',
    'schema must be a zod schema',
  ),
  initial: z.string().min(1),
  states: z
    .record(
      z.string().min(1),
      z.object({
        title: z.string().optional(),
        owner: ownerSchema.optional(),
        pausesSla: z.boolean().optional(),
        resolved: z.boolean().optional(),
        terminal: z.boolean().optional(),
      }),
    )
    .refine((states) => Object.keys(states).length > 0, 'Declare at least one state'),
  transitions: z.record(
    z.string().min(1),
    z.object({
      from: z.union([z.string().min(1), z.array(z.string().min(1)).min(1)]),
      to: z.string().min(1),
      title: z.string().optional(),
      guards: z.array(z.string()).optional(),
      effects: z.array(z.string()).optional(),
      resolvesAtFirstContact: z.boolean().optional(),
    }),
  ),
  guards: z.record(z.string(), z.custom<Guard>((value) => typeof value === 'function', 'a guard must be a function')).optional(),
  effects: z
    .record(
      z.string(),
      z.union([
        z.object({
          kind: z.literal('refer'),
          destination: z.string().min(1),
          operation: z.string().min(1),
          payload: z.custom<NonNullable<ReferEffect['payload']>>((v) => typeof v === 'function').optional(),
        }),
        z.object({ kind: z.literal('update-data'), update: z.custom<UpdateDataEffect['update']>((v) => typeof v === 'function') }),
      ]),
    )
    .optional(),
  sla: z.object({ warning: durationSchema.optional(), breach: durationSchema.optional() }).optional(),
  escalation: z.array(z.object({ after: durationSchema, title: z.string().min(1), moveTo: ownerSchema.optional() })).optional(),
  access: z.object({ teams: z.array(z.string().min(1)).min(1) }).optional(),
  reopenTo: z.string().min(1).optional(),
});

function fromList(from: string | readonly string[]): readonly string[] {
  return typeof from === 'string' ? [from] : from;
}

/**
 * Declare a case type: its data schema, states, transitions with named guards
 * and effects, owners, SLA, escalation and access. Everything is checked now:
 * unknown states, unreachable states, terminal states with exits and unknown
 * guard or effect names throw {@link CaseDefinitionError}.
 *
 * @example
 * ```ts
 * import { z } from 'zod';
 * import { defineCaseType } from '@councilkit/cases';
 *
 * export const missedBin = defineCaseType({
 *   name: 'waste.missed-collection',
 *   version: 1,
 *   schema: z.object({ uprn: z.string(), bins: z.array(z.string()).min(1) }),
 *   initial: 'received',
 *   states: {
 *     received: { owner: { team: 'contact-centre' } },
 *     referred: { owner: { team: 'waste', queue: 'missed' } },
 *     resolved: { resolved: true },
 *     closed: { terminal: true },
 *   },
 *   transitions: {
 *     refer: { from: 'received', to: 'referred', guards: ['hasBins'], effects: ['tellCrew'] },
 *     'resolve-on-call': { from: 'received', to: 'resolved', resolvesAtFirstContact: true },
 *     complete: { from: 'referred', to: 'resolved' },
 *     close: { from: 'resolved', to: 'closed' },
 *   },
 *   guards: { hasBins: (ctx) => ctx.data.bins.length > 0 || 'Choose at least one bin' },
 *   effects: { tellCrew: { kind: 'refer', destination: 'waste', operation: 'reportMissedCollection' } },
 *   sla: { warning: { workingDays: 1 }, breach: { workingDays: 2 } },
 * });
 * ```
 */
export function defineCaseType<TSchema extends z.ZodType<JsonObject>>(
  config: CaseTypeConfig<TSchema>,
): CaseType<z.infer<TSchema>> {
  const parsed = configSchema.safeParse(config);
  const name = typeof config?.name === 'string' ? config.name : undefined;
  if (!parsed.success) {
    throw new CaseDefinitionError(
      'invalid-definition',
      `Case type ${name ?? '(unnamed)'} is not valid: ${parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ')}`,
      name,
    );
  }
  const fail = (reason: CaseDefinitionErrorReason, message: string): never => {
    throw new CaseDefinitionError(reason, `Case type ${config.name} v${config.version}: ${message}`, config.name);
  };

  const states = config.states;
  const stateNames = new Set(Object.keys(states));
  const guards = config.guards ?? {};
  const effects = config.effects ?? {};
  if (!stateNames.has(config.initial)) fail('unknown-initial-state', `initial state "${config.initial}" is not declared`);
  if (config.reopenTo !== undefined && !stateNames.has(config.reopenTo)) {
    fail('unknown-state', `reopenTo "${config.reopenTo}" is not a declared state`);
  }

  const exits = new Map<string, string[]>();
  for (const [transitionName, transition] of Object.entries(config.transitions)) {
    if (!stateNames.has(transition.to)) fail('unknown-state', `transition "${transitionName}" goes to unknown state "${transition.to}"`);
    for (const from of fromList(transition.from)) {
      if (!stateNames.has(from)) fail('unknown-state', `transition "${transitionName}" leaves from unknown state "${from}"`);
      if (states[from]?.terminal) fail('terminal-state-has-exits', `terminal state "${from}" has an exit: transition "${transitionName}"`);
      exits.set(from, [...(exits.get(from) ?? []), transitionName]);
    }
    for (const guard of transition.guards ?? []) {
      if (!Object.hasOwn(guards, guard)) fail('unknown-guard', `transition "${transitionName}" uses unknown guard "${guard}"`);
    }
    for (const effect of transition.effects ?? []) {
      if (!Object.hasOwn(effects, effect)) fail('unknown-effect', `transition "${transitionName}" uses unknown effect "${effect}"`);
    }
  }

  const reached = new Set<string>([config.initial]);
  const queue = [config.initial];
  while (queue.length > 0) {
    const state = queue.shift() as string;
    for (const transitionName of exits.get(state) ?? []) {
      const to = config.transitions[transitionName]?.to;
      if (to !== undefined && !reached.has(to)) {
        reached.add(to);
        queue.push(to);
      }
    }
  }
  const unreachable = [...stateNames].filter((s) => !reached.has(s));
  if (unreachable.length > 0) fail('unreachable-state', `no path from "${config.initial}" reaches ${unreachable.map((s) => `"${s}"`).join(', ')}`);

  const frozenExits = new Map([...exits].map(([state, list]) => [state, Object.freeze([...list])]));
  const empty: readonly string[] = Object.freeze([]);
  return Object.freeze({
    name: config.name,
    version: config.version,
    title: config.title ?? config.name,
    schema: config.schema as unknown as z.ZodType<z.infer<TSchema>>,
    initial: config.initial,
    states: Object.freeze({ ...states }),
    transitions: Object.freeze({ ...config.transitions }),
    guards: Object.freeze({ ...guards }),
    effects: Object.freeze({ ...effects }),
    sla: config.sla,
    escalation: Object.freeze([...(config.escalation ?? [])]),
    access: config.access,
    reopenTo: config.reopenTo ?? config.initial,
    transitionsFrom: (state: string) => frozenExits.get(state) ?? empty,
  });
}
