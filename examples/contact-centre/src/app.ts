import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Hono } from 'hono';
import { getCookie } from 'hono/cookie';
import { bodyLimit } from 'hono/body-limit';
import { HTTPException } from 'hono/http-exception';
import { apiRoutes } from './api/api-routes.js';
import { createAttemptLimiter } from './auth/attempt-limiter.js';
import { createSessionStore, tokensMatch } from './auth/session-store.js';
import { type SeedUser, type UserDirectory, createUserDirectory } from './auth/user-directory.js';
import { type Branding, defaultBranding } from './branding.js';
import { problemForDomainError } from './http/domain-errors.js';
import type { AppEnv } from './http/env.js';
import { ProblemError, sendProblem } from './http/problem.js';
import { securityHeaders } from './http/security.js';
import { staticFiles } from './http/static-files.js';
import { type Services, type ServicesOptions, createServices } from './services.js';
import { createRenderer, govukDist } from './views/renderer.js';
import { authRoutes } from './web/auth-routes.js';
import { containerRoutes } from './web/container-routes.js';
import { councilTaxRoutes } from './web/council-tax-routes.js';
import { dataProtectionRoutes } from './web/data-protection-routes.js';
import { desktopRoutes } from './web/desktop-routes.js';
import { type PageKit, errorPage, sessionCookie } from './web/page.js';
import { portalRoutes } from './web/portal-routes.js';

/** Options for {@link createApp}. Every option has a default that runs the demonstration. */
export interface AppOptions extends ServicesOptions {
  /** Council name and service names. Default: {@link defaultBranding}. */
  branding?: Partial<Branding>;
  /** Secret that signs session cookies. Default: random per start, so restarting signs everyone out. */
  sessionSecret?: string;
  /** Staff to seed. Default: an agent, a supervisor and a social care worker. */
  users?: SeedUser[];
  /** Mark cookies `Secure`. Default: `true`; browsers accept Secure cookies from http://localhost. */
  secureCookies?: boolean;
  /** Largest request body accepted, in bytes. Default: 64 KiB. */
  bodyLimitBytes?: number;
}

/** A running application: the Hono app, its fetch handler, and a way to shut it down cleanly. */
export interface ContactCentreApp {
  app: Hono<AppEnv>;
  fetch: (request: Request) => Response | Promise<Response>;
  users: UserDirectory;
  services: Services;
  branding: Branding;
  close(): Promise<void>;
}

const unsafeMethods = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * Compose the contact centre and resident portal from the councilkit
 * packages: one Hono app with server-rendered GOV.UK pages and a JSON API.
 *
 * @example
 * ```ts
 * const { fetch, close } = await createApp({ dataDir: '.data' });
 * serve({ fetch, port: 3000 });
 * ```
 */
export async function createApp(options: AppOptions = {}): Promise<ContactCentreApp> {
  const branding: Branding = { ...defaultBranding, ...options.branding };
  const users = await createUserDirectory(options.users ? { users: options.users } : {});
  const sessions = createSessionStore({ secret: options.sessionSecret ?? randomBytes(32).toString('base64url') });
  const limiter = createAttemptLimiter();
  const services = await createServices(options);
  const kit: PageKit = {
    render: createRenderer({ branding }),
    sessions,
    secureCookies: options.secureCookies ?? true,
  };
  const maxBytes = options.bodyLimitBytes ?? 64 * 1024;
  const isApi = (path: string) => path === '/api' || path.startsWith('/api/');

  const app = new Hono<AppEnv>();
  app.use(securityHeaders());
  app.use(staticFiles('/govuk/', join(govukDist, 'govuk')));
  app.use(staticFiles('/assets/', join(govukDist, 'govuk', 'assets')));
  app.use(staticFiles('/public/', fileURLToPath(new URL('../public/', import.meta.url))));

  app.use(
    bodyLimit({
      maxSize: maxBytes,
      onError: (c) => {
        // The rest of the body is never read, so the connection cannot be reused.
        c.header('connection', 'close');
        return isApi(c.req.path)
          ? sendProblem(c, 'payload-too-large', { detail: `Bodies are limited to ${maxBytes} bytes.` })
          : errorPage(c, kit, 413, 'Your request was too large', `Send less than ${Math.floor(maxBytes / 1024)} KB.`);
      },
    }),
  );

  // Who is asking: the session named by the signed cookie, and its user.
  app.use(async (c, next) => {
    const session = sessions.fromCookie(getCookie(c, sessionCookie));
    c.set('session', session);
    c.set('user', session?.userId ? users.byId(session.userId) : undefined);
    await next();
  });

  // Back offices push status updates here; the HMAC signature is their credential, not a session.
  app.post('/webhooks/:backOffice', (c) => {
    const handler = services.webhooks.get(c.req.param('backOffice'));
    return handler ? handler(c.req.raw) : sendProblem(c, 'not-found', { detail: 'No webhook is configured for that back office.' });
  });

  // CSRF: a synchronizer token per session, checked on every state-changing request.
  app.use(async (c, next) => {
    if (!unsafeMethods.has(c.req.method)) return next();
    const session = c.get('session');
    if (isApi(c.req.path)) {
      // Signing in through the API starts the session, so there is no token yet;
      // it accepts only application/json, which a cross-site form cannot send.
      if (c.req.path === '/api/session' && c.req.method === 'POST') return next();
      if (!session?.userId) return sendProblem(c, 'unauthenticated');
      if (!tokensMatch(session.csrfToken, c.req.header('x-csrf-token'))) {
        return sendProblem(c, 'csrf-failed', { detail: 'Send the token from GET /api/session in the X-CSRF-Token header.' });
      }
      return next();
    }
    const mediaType = (c.req.header('content-type') ?? '').split(';')[0]?.trim().toLowerCase();
    if (mediaType !== 'application/x-www-form-urlencoded') {
      return errorPage(c, kit, 415, 'This form could not be read', 'Submit the form from its page.');
    }
    const formData = new URLSearchParams(await c.req.text());
    const form: Record<string, string> = {};
    for (const [key, value] of formData) {
      if (!(key in form)) form[key] = value;
    }
    if (!session || !tokensMatch(session.csrfToken, form['_csrf'])) {
      return errorPage(
        c,
        kit,
        403,
        'Your form could not be submitted',
        'The page you submitted from has expired or did not come from this service. Go back, refresh the page and try again.',
      );
    }
    c.set('form', form);
    c.set('formData', formData);
    return next();
  });

  // A restricted resident (UK GDPR Article 18) is kept but not processed: their page, the
  // pages that act for them and their API record are the data protection officer's alone.
  app.use(async (c, next) => {
    const id = /^(?:\/api)?\/residents\/([^/]+)/.exec(c.req.path)?.[1];
    if (id === undefined || c.get('user')?.roles.includes('dpo')) return next();
    if (!(await services.residents.isRestricted(decodeURIComponent(id)))) return next();
    const detail = "Processing of this resident's data is restricted. Ask the data protection officer.";
    return isApi(c.req.path) ? sendProblem(c, 'forbidden', { detail }) : errorPage(c, kit, 403, 'This resident is restricted', detail);
  });

  app.route('/api', apiRoutes({ users, sessions, limiter, services, kit }));
  app.route('/', authRoutes({ ...kit, users, limiter }));
  app.route('/', desktopRoutes({ kit, services, users }));
  app.route('/', containerRoutes({ kit, services }));
  app.route('/', councilTaxRoutes({ kit, services }));
  app.route('/', dataProtectionRoutes({ kit, services }));
  app.route('/', portalRoutes({ kit, services }));
  app.get('/', (c) => c.redirect(c.get('user') ? '/desktop' : '/portal', 302));

  app.notFound((c) =>
    isApi(c.req.path)
      ? sendProblem(c, 'not-found', { detail: `There is nothing at ${c.req.method} ${c.req.path}.` })
      : errorPage(c, kit, 404, 'Page not found', 'If you typed the web address, check it is correct.'),
  );

  app.onError((error, c) => {
    if (error instanceof ProblemError) {
      if (isApi(c.req.path)) return sendProblem(c, error.reason, { detail: error.message, ...(error.errors ? { errors: error.errors } : {}) });
      const status = error.reason === 'not-found' ? 404 : error.reason === 'forbidden' ? 403 : 400;
      return errorPage(c, kit, status, status === 404 ? 'Page not found' : 'There is a problem', error.message);
    }
    const domain = problemForDomainError(error);
    if (domain) {
      if (isApi(c.req.path)) return sendProblem(c, domain.type, { detail: domain.detail });
      const status = domain.type === 'not-found' ? 404 : domain.type === 'access-denied' ? 403 : 400;
      return errorPage(c, kit, status, status === 404 ? 'Not found' : status === 403 ? 'You cannot see this case' : 'There is a problem', domain.detail);
    }
    if (error instanceof HTTPException && error.status < 500) {
      const status = error.status === 413 ? 413 : 400;
      return isApi(c.req.path)
        ? sendProblem(c, status === 413 ? 'payload-too-large' : 'bad-request', { detail: error.message })
        : errorPage(c, kit, status, 'There is a problem', error.message);
    }
    console.error(`[contact-centre] ${c.req.method} ${c.req.path} failed:`, error);
    return isApi(c.req.path)
      ? sendProblem(c, 'internal-error', { detail: 'The error has been logged.' })
      : errorPage(c, kit, 500, 'Sorry, there is a problem with the service', 'Try again later.');
  });

  return {
    app,
    fetch: (request) => app.fetch(request),
    users,
    services,
    branding,
    close: () => services.close(),
  };
}
