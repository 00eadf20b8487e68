import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from '../http/env.js';

/** Send anyone not signed in to the sign-in page, remembering where they were going. */
export function requireStaff(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    if (c.get('user')) return next();
    const target = c.req.method === 'GET' ? c.req.path + (new URL(c.req.url).search || '') : '/desktop';
    return c.redirect(`/sign-in?next=${encodeURIComponent(target)}`, 303);
  };
}
