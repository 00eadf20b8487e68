import { Hono, type MiddlewareHandler } from 'hono';
import { deleteCookie } from 'hono/cookie';
import { z } from 'zod';
import type { AttemptLimiter } from '../auth/attempt-limiter.js';
import type { SessionStore } from '../auth/session-store.js';
import type { StaffUser, UserDirectory } from '../auth/user-directory.js';
import type { AppEnv } from '../http/env.js';
import { readJson } from '../http/json-body.js';
import { ProblemError, sendProblem } from '../http/problem.js';
import type { Services } from '../services.js';
import { type PageKit, sessionCookie, writeSessionCookie } from '../web/page.js';
import { caseApi } from './case-api.js';
import { type ApiOperation, buildOpenApi } from './openapi.js';

const signInBody = z.strictObject({
  username: z.string().trim().min(1).max(100),
  password: z.string().min(1).max(200),
});

const userSchema = z.object({
  id: z.string(),
  username: z.string(),
  displayName: z.string(),
  teams: z.array(z.string()),
  roles: z.array(z.string()),
});

const sessionResponse = z.object({ user: userSchema, csrfToken: z.string() });

/** Everything the JSON API needs. */
export interface ApiDeps {
  users: UserDirectory;
  sessions: SessionStore;
  limiter: AttemptLimiter;
  services: Services;
  kit: PageKit;
}

/** Refuse callers who are not signed in, per route, so unknown paths still answer 404. */
export const staffOnly: MiddlewareHandler<AppEnv> = async (c, next) => {
  if (!c.get('user')) return sendProblem(c, 'unauthenticated');
  return next();
};

/** The JSON API under /api, with its OpenAPI description at /api/openapi.json. */
export function apiRoutes(deps: ApiDeps): Hono<AppEnv> {
  const { users, sessions, limiter, kit } = deps;
  const app = new Hono<AppEnv>();
  const operations: ApiOperation[] = [];
  const publicUser = (user: StaffUser) => userSchema.parse(user);

  operations.push({
    method: 'post',
    path: '/session',
    operationId: 'signIn',
    summary: 'Sign in as a member of staff. Sets the session cookie and returns the CSRF token for writes.',
    authenticated: false,
    request: signInBody,
    response: { status: 201, description: 'Signed in', schema: sessionResponse },
    problems: ['unauthenticated', 'rate-limited'],
  });
  app.post('/session', async (c) => {
    const body = await readJson(c, signInBody);
    if (limiter.isLocked(body.username)) throw new ProblemError('rate-limited', 'Too many failed attempts. Wait 15 minutes.');
    const user = await users.authenticate(body.username, body.password);
    if (!user) {
      limiter.fail(body.username);
      return sendProblem(c, 'unauthenticated', { detail: 'The username or password is not right.' });
    }
    limiter.succeed(body.username);
    const previous = c.get('session');
    const session = previous ? sessions.rotate(previous) : sessions.create();
    session.userId = user.id;
    writeSessionCookie(c, kit, session);
    return c.json({ user: publicUser(user), csrfToken: session.csrfToken }, 201);
  });

  operations.push({
    method: 'get',
    path: '/session',
    operationId: 'currentSession',
    summary: 'Who is signed in, and the CSRF token to send with writes.',
    response: { status: 200, description: 'The signed-in user', schema: sessionResponse },
  });
  app.get('/session', (c) => {
    const user = c.get('user');
    const session = c.get('session');
    if (!user || !session) return sendProblem(c, 'unauthenticated');
    return c.json({ user: publicUser(user), csrfToken: session.csrfToken });
  });

  operations.push({
    method: 'delete',
    path: '/session',
    operationId: 'signOut',
    summary: 'Sign out.',
    response: { status: 204, description: 'Signed out' },
  });
  app.delete('/session', (c) => {
    const session = c.get('session');
    if (session) sessions.destroy(session);
    deleteCookie(c, sessionCookie, { path: '/', secure: kit.secureCookies });
    return c.body(null, 204);
  });

  caseApi(app, operations, { services: deps.services, users, staffOnly });

  app.get('/openapi.json', (c) => c.json(buildOpenApi(operations, { title: 'councilkit contact centre API', version: '0.0.0' })));

  return app;
}
