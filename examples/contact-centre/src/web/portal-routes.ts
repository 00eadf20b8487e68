import { Hono } from 'hono';
import type { AppEnv } from '../http/env.js';
import type { Services } from '../services.js';
import { containerRequestJourney } from '../portal/container-request.js';
import { missedBinJourney } from '../portal/missed-bin.js';
import { movingHomeJourney } from '../portal/moving-home.js';
import { pcnChallengeJourney } from '../portal/pcn-challenge.js';
import { journeyRoutes } from './journey.js';
import { type PageKit, page } from './page.js';

/** The resident portal: GOV.UK question pages, check your answers, confirmation. */
export function portalRoutes(deps: { kit: PageKit; services: Services }): Hono<AppEnv> {
  const { kit } = deps;
  const app = new Hono<AppEnv>();

  const journeys = [
    missedBinJourney(deps.services),
    containerRequestJourney(deps.services),
    pcnChallengeJourney(deps.services),
    movingHomeJourney(deps.services),
  ];
  app.get('/portal', (c) =>
    page(c, kit, 'portal/start.njk', {
      title: 'Council services',
      area: 'portal',
      journeys: journeys.map((j) => ({ href: `/portal/${j.slug}`, title: j.title, description: j.description })),
    }),
  );
  app.route('/', journeyRoutes(kit, journeys));

  return app;
}
