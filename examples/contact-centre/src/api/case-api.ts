import type { JsonObject } from '@councilkit/cases';
import type { Context, Hono, MiddlewareHandler } from 'hono';
import { z } from 'zod';
import type { UserDirectory } from '../auth/user-directory.js';
import type { AppEnv } from '../http/env.js';
import { readJson } from '../http/json-body.js';
import { ProblemError, pointerFor, problem } from '../http/problem.js';
import { candidatesFor, raiseAtFirstContact } from '../case-types/first-contact.js';
import { inputJsonSchema } from '../forms/schema-form.js';
import type { Services } from '../services.js';
import { newCaseReference } from '../web/case-presenter.js';
import { raisableCaseTypes } from '../web/desktop-routes.js';
import type { ApiOperation } from './openapi.js';

const caseIdSchema = z.string().regex(/^[A-Za-z0-9._:-]{1,100}$/);
const idempotencyKeySchema = z.string().regex(/^[\x21-\x7e]{8,128}$/);

const channelSchema = z.enum(['phone', 'web', 'face-to-face', 'email']);
const raiseBody = z.strictObject({
  caseType: z.string().min(1).max(100),
  channel: channelSchema,
  citizenId: z.string().min(1).max(100).optional(),
  data: z.record(z.string(), z.unknown()),
  outcome: z
    .enum(['refer', 'resolve'])
    .optional()
    .describe(
      'What happens at first contact. Given: the case is raised and referred through the outbox, or resolved on the call. ' +
        'Left out: the case is only raised, after the same check as "refer" when the case type refers at all.',
    ),
  payload: z.record(z.string(), z.unknown()).optional().describe('What the first move carries beyond the data, e.g. a paymentReference for parking.pcn.'),
});
const transitionBody = z.strictObject({
  transition: z.string().min(1).max(100),
  expectedVersion: z.number().int().min(1),
  payload: z.record(z.string(), z.unknown()).optional(),
});
const versionBody = z.strictObject({ expectedVersion: z.number().int().min(1) });
const noteBody = z.strictObject({ text: z.string().trim().min(1).max(2000), expectedVersion: z.number().int().min(1).optional() });
const searchQuery = z.object({ q: z.string().trim().min(1).max(200), limit: z.coerce.number().int().min(1).max(100).optional() });
const metricsQuery = z.object({ from: z.iso.date().optional(), to: z.iso.date().optional() });

const caseSchema = z
  .object({
    id: z.string(),
    caseType: z.string(),
    state: z.string(),
    status: z.enum(['open', 'resolved', 'closed']),
    version: z.number().int(),
    channel: channelSchema,
    citizenId: z.string().optional(),
    team: z.string().optional(),
    queue: z.string().optional(),
    assignee: z.string().optional(),
    openedAt: z.string(),
    data: z.record(z.string(), z.unknown()),
  })
  .passthrough();
const caseViewSchema = z.object({
  case: caseSchema,
  slaState: z.string(),
  availableTransitions: z.array(z.string()),
  history: z.array(z.object({ type: z.string(), at: z.string(), actorId: z.string(), from: z.string().optional(), to: z.string().optional() }).passthrough()),
});
const listItemSchema = z.object({ case: caseSchema, slaState: z.string() });

/** The case operations of the JSON API. Every write needs an Idempotency-Key header. */
export function caseApi(app: Hono<AppEnv>, operations: ApiOperation[], deps: { services: Services; users: UserDirectory; staffOnly: MiddlewareHandler<AppEnv> }) {
  const { services, staffOnly } = deps;
  const { engine } = services;
  const actor = (c: Context<AppEnv>) => services.actorFor(c.get('user')!);
  const caseIdOf = (c: Context<AppEnv>) => {
    const parsed = caseIdSchema.safeParse(c.req.param('caseId'));
    if (!parsed.success) throw new ProblemError('not-found', 'There is no case with that reference.');
    return parsed.data;
  };
  // The caller's Idempotency-Key, scoped to the signed-in user: one user's key never replays another's outcome.
  const keyOf = (c: Context<AppEnv>) => {
    const parsed = idempotencyKeySchema.safeParse(c.req.header('idempotency-key'));
    if (!parsed.success) throw new ProblemError('bad-request', 'Send an Idempotency-Key header of 8 to 128 printable characters.');
    return `api:${c.get('user')!.id}:${parsed.data}`;
  };
  const queryOf = <S extends z.ZodObject>(c: Context<AppEnv>, schema: S): z.output<S> => {
    const parsed = schema.safeParse(c.req.query());
    if (!parsed.success) {
      throw new ProblemError('validation-failed', 'Some query parameters are missing or not valid.', parsed.error.issues.map((i) => ({ pointer: pointerFor(i.path), detail: i.message })));
    }
    return parsed.data;
  };

  operations.push({
    method: 'get',
    path: '/residents',
    operationId: 'searchResidents',
    summary: 'Find residents by name (typos tolerated), postcode, address, UPRN, council tax account, PCN number or vehicle registration. Residents whose processing is restricted are left out.',
    query: searchQuery,
    response: {
      status: 200,
      description: 'Matches, best first',
      schema: z.object({ results: z.array(z.object({ id: z.string(), name: z.string(), address: z.string(), postcode: z.string().optional(), uprn: z.string().optional(), score: z.number(), matchedOn: z.string() })) }),
    },
    problems: ['validation-failed'],
  });
  app.get('/residents', staffOnly, async (c) => {
    const { q, limit } = queryOf(c, searchQuery);
    return c.json({ results: await services.residents.search(q, limit ?? 20) });
  });

  operations.push({
    method: 'get',
    path: '/residents/{residentId}',
    operationId: 'getResident',
    summary: "A resident's record and their cases across services (restricted cases withheld and counted). A resident whose processing is restricted (UK GDPR Article 18) is the data protection officer's alone: others get 403.",
    response: { status: 200, description: 'The resident', schema: z.object({ resident: z.record(z.string(), z.unknown()), cases: z.array(listItemSchema), withheld: z.number().int() }) },
    problems: ['not-found', 'forbidden'],
  });
  app.get('/residents/:residentId', staffOnly, async (c) => {
    const resident = services.residents.get(c.req.param('residentId'));
    if (!resident) throw new ProblemError('not-found', 'There is no resident with that id.');
    const timeline = await engine.casesByCitizen({ actor: actor(c), citizenId: resident.id });
    // Vulnerability flags are special category data: only the social care team gets them.
    const { vulnerabilities, ...rest } = resident;
    const shown = c.get('user')!.teams.includes('social-care') ? { ...rest, vulnerabilities } : rest;
    return c.json({ resident: shown, cases: timeline.cases, withheld: timeline.withheld });
  });

  operations.push({
    method: 'get',
    path: '/case-types',
    operationId: 'listCaseTypes',
    summary: 'Case types you may raise, each with the JSON Schema of its data.',
    response: { status: 200, description: 'Case types', schema: z.object({ caseTypes: z.array(z.object({ name: z.string(), version: z.number(), title: z.string(), dataSchema: z.record(z.string(), z.unknown()) })) }) },
  });
  app.get('/case-types', staffOnly, (c) =>
    c.json({
      caseTypes: raisableCaseTypes(services, c.get('user')!).map((t) => ({
        name: t.name,
        version: t.version,
        title: t.title,
        dataSchema: inputJsonSchema(t.schema),
      })),
    }),
  );

  operations.push({
    method: 'post',
    path: '/cases',
    operationId: 'raiseCase',
    summary:
      'Raise a case. The data is validated against the case type schema, then its eligibility is checked with the case type\'s own guards ' +
      '(the transitions that refer it, or resolve it when outcome is "resolve") before anything is written: a refusal is a 422 ' +
      '/problems/not-eligible naming the guard in reason. Needs an Idempotency-Key header.',
    request: raiseBody,
    idempotencyKey: true,
    response: { status: 201, description: 'The case, raised (or the first outcome again for a repeated key)', schema: caseSchema },
    problems: ['bad-request', 'access-denied', 'case-refused', 'conflict', 'not-eligible'],
  });
  app.post('/cases', staffOnly, async (c) => {
    const idempotencyKey = keyOf(c);
    const body = await readJson(c, raiseBody);
    const caseType = raisableCaseTypes(services, c.get('user')!).find((t) => t.name === body.caseType);
    if (!caseType) throw new ProblemError('validation-failed', 'Unknown case type.', [{ pointer: '/caseType', detail: 'Choose a case type from GET /api/case-types.' }]);
    const data = caseType.schema.safeParse(body.data);
    if (!data.success) {
      throw new ProblemError('validation-failed', 'The case data does not fit the case type.', data.error.issues.map((i) => ({ pointer: pointerFor(['data', ...i.path]), detail: i.message })));
    }
    if (body.citizenId && !services.residents.get(body.citizenId)) {
      throw new ProblemError('validation-failed', 'Unknown resident.', [{ pointer: '/citizenId', detail: 'There is no resident with that id.' }]);
    }
    const candidates = candidatesFor(caseType, body.outcome ?? 'refer');
    if (body.outcome && candidates.length === 0) {
      const can = body.outcome === 'refer' ? 'referred' : 'resolved';
      throw new ProblemError('validation-failed', `A ${caseType.name} case cannot be ${can} at first contact.`, [{ pointer: '/outcome', detail: `Leave outcome out, or ${body.outcome === 'refer' ? 'use "resolve"' : 'use "refer"'} if the case type allows it.` }]);
    }
    const raised = await raiseAtFirstContact(engine, caseType, {
      actor: actor(c),
      channel: body.channel,
      data: data.data,
      ...(body.citizenId ? { citizenId: body.citizenId } : {}),
      idempotencyKey,
      caseId: newCaseReference(idempotencyKey),
      candidates,
      move: body.outcome !== undefined,
      ...(body.payload ? { payload: body.payload as JsonObject } : {}),
    });
    if (raised.status === 'refused') {
      const refusal = {
        ...problem('not-eligible', { detail: raised.reason, instance: new URL(c.req.url).pathname }),
        ...(raised.guard ? { reason: raised.guard } : {}),
        ...(raised.transition ? { transition: raised.transition } : {}),
      };
      return c.body(JSON.stringify(refusal), 422, { 'content-type': 'application/problem+json; charset=utf-8' });
    }
    // Opened, but the engine refused the move at that moment: the case stands, and the caller learns why.
    if (raised.moveRefused) throw new ProblemError('case-refused', `Case ${raised.caseId} was raised, but not moved on: ${raised.moveRefused}`);
    return c.json(raised.record, raised.replayed ? 200 : 201, { location: `/api/cases/${encodeURIComponent(raised.caseId)}` });
  });

  operations.push({
    method: 'get',
    path: '/cases/{caseId}',
    operationId: 'getCase',
    summary: 'A case with its history, SLA state and the transitions available now.',
    response: { status: 200, description: 'The case', schema: caseViewSchema },
    problems: ['not-found', 'access-denied'],
  });
  app.get('/cases/:caseId', staffOnly, async (c) => c.json(await engine.getCase({ actor: actor(c), caseId: caseIdOf(c) })));

  operations.push({
    method: 'post',
    path: '/cases/{caseId}/transitions',
    operationId: 'transitionCase',
    summary: 'Move a case along a named transition. Guards are checked; refusals say why. Needs an Idempotency-Key header.',
    request: transitionBody,
    idempotencyKey: true,
    response: { status: 200, description: 'The case after the move', schema: caseSchema },
    problems: ['bad-request', 'not-found', 'access-denied', 'case-refused', 'conflict'],
  });
  app.post('/cases/:caseId/transitions', staffOnly, async (c) => {
    const caseId = caseIdOf(c);
    const idempotencyKey = keyOf(c);
    const body = await readJson(c, transitionBody);
    const result = await engine.transition({
      actor: actor(c),
      caseId,
      idempotencyKey,
      transition: body.transition,
      expectedVersion: body.expectedVersion,
      ...(body.payload ? { payload: body.payload } : {}),
    });
    return c.json(result.case);
  });

  for (const verb of ['claim', 'release'] as const) {
    operations.push({
      method: 'post',
      path: `/cases/{caseId}/${verb}`,
      operationId: `${verb}Case`,
      summary: verb === 'claim' ? 'Take an unassigned case from the queue.' : 'Give a case you hold back to the queue.',
      request: versionBody,
      idempotencyKey: true,
      response: { status: 200, description: 'The case', schema: caseSchema },
      problems: ['bad-request', 'not-found', 'access-denied', 'case-refused', 'conflict'],
    });
    app.post(`/cases/:caseId/${verb}`, staffOnly, async (c) => {
      const caseId = caseIdOf(c);
      const idempotencyKey = keyOf(c);
      const body = await readJson(c, versionBody);
      const command = { actor: actor(c), caseId, expectedVersion: body.expectedVersion, idempotencyKey };
      const result = verb === 'claim' ? await engine.claim(command) : await engine.release(command);
      return c.json(result.case);
    });
  }

  operations.push({
    method: 'post',
    path: '/cases/{caseId}/notes',
    operationId: 'addNote',
    summary: 'Add a note to the case history.',
    request: noteBody,
    idempotencyKey: true,
    response: { status: 201, description: 'Noted', schema: caseSchema },
    problems: ['bad-request', 'not-found', 'access-denied', 'case-refused', 'conflict'],
  });
  app.post('/cases/:caseId/notes', staffOnly, async (c) => {
    const caseId = caseIdOf(c);
    const idempotencyKey = keyOf(c);
    const body = await readJson(c, noteBody);
    const result = await engine.addNote({
      actor: actor(c),
      caseId,
      idempotencyKey,
      text: body.text,
      ...(body.expectedVersion ? { expectedVersion: body.expectedVersion } : {}),
    });
    return c.json(result.case, 201);
  });

  operations.push({
    method: 'get',
    path: '/queues/{team}',
    operationId: 'workQueue',
    summary: "A team's open cases, most urgent first, with SLA state.",
    response: { status: 200, description: 'The queue', schema: z.object({ team: z.string(), cases: z.array(listItemSchema) }) },
    problems: ['forbidden'],
  });
  app.get('/queues/:team', staffOnly, async (c) => {
    const team = c.req.param('team');
    if (!c.get('user')!.teams.includes(team)) throw new ProblemError('forbidden', 'You can only see the queues of your own teams.');
    return c.json({ team, cases: await engine.workQueue({ actor: actor(c), team, limit: 200 }) });
  });

  operations.push({
    method: 'get',
    path: '/incidents',
    operationId: 'listIncidents',
    summary: 'Supervisors: referrals that failed after every retry.',
    response: {
      status: 200,
      description: 'Incidents, oldest first',
      schema: z.object({ incidents: z.array(z.object({ messageId: z.string(), caseId: z.string(), destination: z.string(), operation: z.string(), reason: z.string(), at: z.string().optional(), attempts: z.number() })) }),
    },
    problems: ['forbidden'],
  });
  const supervisor = (c: Context<AppEnv>) => {
    if (!c.get('user')!.roles.includes('supervisor')) throw new ProblemError('forbidden', 'Incidents are for supervisors.');
  };
  app.get('/incidents', staffOnly, async (c) => {
    supervisor(c);
    return c.json({ incidents: await services.dispatcher.incidents({ limit: 200 }) });
  });

  operations.push({
    method: 'post',
    path: '/incidents/{messageId}/retry',
    operationId: 'retryIncident',
    summary: 'Supervisors: send a failed referral again, with a fresh set of attempts.',
    response: { status: 202, description: 'Queued for delivery', schema: z.object({ retried: z.literal(true) }) },
    problems: ['forbidden', 'not-found'],
  });
  app.post('/incidents/:messageId/retry', staffOnly, async (c) => {
    supervisor(c);
    const retried = await services.dispatcher.retryIncident({ messageId: c.req.param('messageId').slice(0, 200), actor: actor(c) });
    if (!retried) throw new ProblemError('not-found', 'There is no open incident with that id.');
    return c.json({ retried: true as const }, 202);
  });

  operations.push({
    method: 'get',
    path: '/metrics',
    operationId: 'metrics',
    summary: 'Contact-centre metrics for cases opened in a period (default: the last 28 days): first-time resolution, SLA met, channel mix, cost to serve.',
    query: metricsQuery,
    response: { status: 200, description: 'Metrics', schema: z.record(z.string(), z.unknown()) },
    problems: ['validation-failed'],
  });
  app.get('/metrics', staffOnly, async (c) => {
    const query = queryOf(c, metricsQuery);
    const to = query.to ? new Date(`${query.to}T00:00:00Z`) : new Date();
    const from = query.from ? new Date(`${query.from}T00:00:00Z`) : new Date(to.getTime() - 28 * 86_400_000);
    if (from >= to) throw new ProblemError('validation-failed', 'from must be before to.', [{ pointer: '/from', detail: 'Must be before to' }]);
    return c.json(await engine.metrics({ from, to }));
  });
}
