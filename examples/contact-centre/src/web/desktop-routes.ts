import { Hono } from 'hono';
import type { AppEnv } from '../http/env.js';
import type { Services } from '../services.js';
import { type PageKit, page } from './page.js';
import { requireStaff } from './require-staff.js';

/** The agent desktop: find a resident, resident page, raise a case, queues, incidents, dashboard. */
export function desktopRoutes(deps: { kit: PageKit; services: Services }): Hono<AppEnv> {
  const { kit } = deps;
  const app = new Hono<AppEnv>();
  for (const path of ['/desktop', '/desktop/*', '/queues', '/queues/*', '/incidents', '/incidents/*', '/dashboard', '/residents/*', '/cases/*']) {
    app.use(path, requireStaff());
  }

  app.get('/desktop', (c) => page(c, kit, 'agent/desktop.njk', { title: 'Find a resident', area: 'desktop' }));

  return app;
}
