import { Hono } from 'hono';
import type { AppEnv } from '../http/env.js';
import { currentAddress, displayName, formatAddress } from '../residents/resident-directory.js';
import type { Services } from '../services.js';
import { type PageKit, errorPage, page } from './page.js';
import { requireStaff } from './require-staff.js';

/** The agent desktop: find a resident, resident page, raise a case, queues, incidents, dashboard. */
export function desktopRoutes(deps: { kit: PageKit; services: Services }): Hono<AppEnv> {
  const { kit, services } = deps;
  const app = new Hono<AppEnv>();
  for (const path of ['/desktop', '/desktop/*', '/queues', '/queues/*', '/incidents', '/incidents/*', '/dashboard', '/residents/*', '/cases/*']) {
    app.use(path, requireStaff());
  }

  app.get('/desktop', (c) => {
    const query = (c.req.query('q') ?? '').slice(0, 200);
    const results = query.trim() ? services.residents.search(query, 25) : [];
    return page(c, kit, 'agent/desktop.njk', {
      title: query.trim() ? `Find a resident: ${results.length} matches` : 'Find a resident',
      area: 'desktop',
      query,
      searched: query.trim().length > 0,
      results,
      residentCount: services.residents.count(),
    });
  });

  app.get('/residents/:id', async (c) => {
    const citizen = services.residents.get(c.req.param('id'));
    if (!citizen) return errorPage(c, kit, 404, 'Resident not found', 'Search again from the agent desktop.');
    const home = currentAddress(citizen);
    return page(c, kit, 'agent/resident.njk', {
      title: displayName(citizen),
      area: 'desktop',
      back: '/desktop',
      backText: 'Back to search',
      citizen,
      name: displayName(citizen),
      homeAddress: formatAddress(home),
      uprn: home?.address.uprn,
      addresses: citizen.addresses.map((a) => ({ ...a, line: formatAddress(a) })),
    });
  });

  return app;
}
