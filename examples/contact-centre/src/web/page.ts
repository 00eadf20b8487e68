import type { Context } from 'hono';
import { setCookie } from 'hono/cookie';
import type { Session, SessionStore } from '../auth/session-store.js';
import type { AppEnv } from '../http/env.js';
import type { Render } from '../views/renderer.js';

/** The name of the session cookie. */
export const sessionCookie = 'councilkit_session';

/** What page handlers need to render and manage sessions. */
export interface PageKit {
  render: Render;
  sessions: SessionStore;
  secureCookies: boolean;
}

/** Write the session cookie: HttpOnly, SameSite=Lax, Secure unless turned off for plain-HTTP tests. */
export function writeSessionCookie(c: Context<AppEnv>, kit: PageKit, session: Session): void {
  setCookie(c, sessionCookie, kit.sessions.cookieValue(session), {
    httpOnly: true,
    sameSite: 'Lax',
    secure: kit.secureCookies,
    path: '/',
  });
}

/** The request's session, creating one (and its cookie) when there is none yet. */
export function ensureSession(c: Context<AppEnv>, kit: PageKit): Session {
  const existing = c.get('session');
  if (existing) return existing;
  const session = kit.sessions.create();
  c.set('session', session);
  writeSessionCookie(c, kit, session);
  return session;
}

interface NavItem {
  href: string;
  text: string;
  active?: boolean;
}

function navigationFor(c: Context<AppEnv>, area: 'desktop' | 'portal'): NavItem[] {
  const path = c.req.path;
  const user = c.get('user');
  const items: NavItem[] =
    area === 'portal'
      ? [{ href: '/portal', text: 'Services' }]
      : user
        ? [
            { href: '/desktop', text: 'Find a resident' },
            { href: '/desktop/lookups', text: 'Look up' },
            { href: '/queues', text: 'Work queues' },
            ...(user.roles.includes('supervisor') ? [{ href: '/incidents', text: 'Incidents' }] : []),
            { href: '/dashboard', text: 'Dashboard' },
          ]
        : [{ href: '/sign-in', text: 'Sign in' }];
  const best = items.filter((item) => path === item.href || path.startsWith(item.href + '/')).sort((a, b) => b.href.length - a.href.length)[0];
  return items.map((item) => ({ ...item, active: item === best }));
}

/** Render a full page with the shared context: user, CSRF token, navigation, nonce, flash message. */
export function page(
  c: Context<AppEnv>,
  kit: PageKit,
  template: string,
  context: Record<string, unknown> & { title: string },
  status: 200 | 400 | 401 | 403 | 404 | 409 | 413 | 415 | 422 | 429 | 500 | 503 = 200,
): Response {
  const session = ensureSession(c, kit);
  const flash = session.flash;
  session.flash = undefined;
  const area = (context['area'] as 'desktop' | 'portal' | undefined) ?? (c.req.path.startsWith('/portal') ? 'portal' : 'desktop');
  const html = kit.render(template, {
    area,
    user: c.get('user'),
    csrfToken: session.csrfToken,
    cspNonce: c.get('nonce'),
    navigation: navigationFor(c, area),
    flash,
    ...context,
  });
  return c.html(html, status);
}

/** Render the GOV.UK-style error page. */
export function errorPage(
  c: Context<AppEnv>,
  kit: PageKit,
  status: 400 | 403 | 404 | 413 | 415 | 429 | 500 | 503,
  title: string,
  message: string,
): Response {
  return page(c, kit, 'error.njk', { title, message }, status);
}

/** Only local paths are allowed as a post-sign-in destination, so the sign-in page cannot be used to redirect off-site. */
export function safeLocalPath(value: unknown, fallback: string): string {
  if (typeof value !== 'string' || !value.startsWith('/') || value.startsWith('//') || value.includes('\\')) return fallback;
  return value;
}
