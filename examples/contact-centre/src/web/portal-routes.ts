import { Hono } from 'hono';
import type { AppEnv } from '../http/env.js';
import type { Services } from '../services.js';
import { type PageKit, page } from './page.js';

/** The resident portal: GOV.UK question pages, check your answers, confirmation. */
export function portalRoutes(deps: { kit: PageKit; services: Services }): Hono<AppEnv> {
  const { kit } = deps;
  const app = new Hono<AppEnv>();

  app.get('/portal', (c) => page(c, kit, 'portal/start.njk', { title: 'Council services', area: 'portal' }));

  return app;
}
