import { Hono } from 'hono';
import { deleteCookie } from 'hono/cookie';
import { z } from 'zod';
import type { AttemptLimiter } from '../auth/attempt-limiter.js';
import type { UserDirectory } from '../auth/user-directory.js';
import type { AppEnv } from '../http/env.js';
import { type PageKit, ensureSession, page, safeLocalPath, sessionCookie, writeSessionCookie } from './page.js';

const signInForm = z.object({
  username: z.string().trim().min(1, 'Enter your username').max(100, 'Username must be 100 characters or fewer'),
  password: z.string().min(1, 'Enter your password').max(200, 'Password must be 200 characters or fewer'),
  next: z.string().max(500).optional(),
});

/** Sign in and sign out for staff. */
export function authRoutes(kit: PageKit & { users: UserDirectory; limiter: AttemptLimiter }): Hono<AppEnv> {
  const app = new Hono<AppEnv>();

  app.get('/sign-in', (c) =>
    page(c, kit, 'sign-in.njk', { title: 'Sign in', next: safeLocalPath(c.req.query('next'), '/desktop'), values: {} }),
  );

  app.post('/sign-in', async (c) => {
    const form = c.get('form');
    const parsed = signInForm.safeParse(form);
    const next = safeLocalPath(form['next'], '/desktop');
    const values = { username: form['username'] ?? '' };
    if (!parsed.success) {
      const errors = parsed.error.issues.map((issue) => ({ text: issue.message, href: `#${String(issue.path[0])}` }));
      return page(c, kit, 'sign-in.njk', { title: 'Sign in', next, values, errors, hasErrors: true }, 422);
    }
    const { username, password } = parsed.data;
    if (kit.limiter.isLocked(username)) {
      return page(
        c,
        kit,
        'sign-in.njk',
        { title: 'Sign in', next, values, hasErrors: true, errors: [{ text: 'Too many attempts. Wait 15 minutes, then try again.', href: '#username' }] },
        429,
      );
    }
    const user = await kit.users.authenticate(username, password);
    if (!user) {
      kit.limiter.fail(username);
      return page(
        c,
        kit,
        'sign-in.njk',
        { title: 'Sign in', next, values, hasErrors: true, errors: [{ text: 'The username or password is not right', href: '#username' }] },
        401,
      );
    }
    kit.limiter.succeed(username);
    const rotated = kit.sessions.rotate(ensureSession(c, kit));
    rotated.userId = user.id;
    c.set('session', rotated);
    c.set('user', user);
    writeSessionCookie(c, kit, rotated);
    return c.redirect(next, 303);
  });

  app.post('/sign-out', (c) => {
    const session = c.get('session');
    if (session) kit.sessions.destroy(session);
    deleteCookie(c, sessionCookie, { path: '/', secure: kit.secureCookies });
    return c.redirect('/signed-out', 303);
  });

  app.get('/signed-out', (c) => {
    c.set('session', undefined);
    c.set('user', undefined);
    return page(c, kit, 'signed-out.njk', { title: 'You have signed out' });
  });

  return app;
}
