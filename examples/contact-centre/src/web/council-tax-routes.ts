import { type Account, checkSinglePersonDiscount } from '@councilkit/revenues';
import { Hono } from 'hono';
import { z } from 'zod';
import type { AppEnv } from '../http/env.js';
import { problemForDomainError } from '../http/domain-errors.js';
import type { Services } from '../services.js';
import { newCaseReference } from './case-presenter.js';
import { type PageKit, errorPage } from './page.js';
import { requireStaff } from './require-staff.js';

const spdForm = z.object({
  reference: z.string().trim().regex(/^\d{6,12}$/),
  postcode: z.string().trim().min(5).max(10),
  formKey: z.string().min(16).max(64),
  'since-day': z.string().regex(/^\d{1,2}$/),
  'since-month': z.string().regex(/^\d{1,2}$/),
  'since-year': z.string().regex(/^\d{4}$/),
});

/**
 * Council tax actions an agent takes for a caller whose account was found
 * on the look-up page: a single person discount application, checked with
 * the revenues package's rule before anything is raised.
 */
export function councilTaxRoutes(deps: { kit: PageKit; services: Services }): Hono<AppEnv> {
  const { kit, services } = deps;
  const app = new Hono<AppEnv>();
  app.use('/desktop/*', requireStaff());

  app.post('/desktop/council-tax/single-person-discount', async (c) => {
    const parsed = spdForm.safeParse(c.get('form'));
    const backTo = (message: string, reference = '', postcode = '') =>
      c.redirect(`/desktop/lookups?reference=${encodeURIComponent(reference)}&postcode=${encodeURIComponent(postcode)}&spdError=${encodeURIComponent(message)}#spd`, 303);
    if (!parsed.success) return backTo('Enter the date the resident started living alone as day, month and year.', c.get('form')['reference'], c.get('form')['postcode']);
    const { reference, postcode, formKey } = parsed.data;
    const since = `${parsed.data['since-year']}-${parsed.data['since-month'].padStart(2, '0')}-${parsed.data['since-day'].padStart(2, '0')}`;
    if (!z.iso.date().safeParse(since).success || since > new Date().toISOString().slice(0, 10)) return backTo('Enter a real date in the past.', reference, postcode);
    let account: Account;
    try {
      account = await services.revenues.client.findAccount({ reference, postcode });
    } catch {
      return errorPage(c, kit, 503, 'The council tax system did not answer', 'Try again, or raise a general enquiry for a call back.');
    }
    const residents = account.liableParties.filter((p) => !p.liableTo).map((p) => ({ name: p.name, adult: true, ...(p.disregardedBecause ? { disregardedBecause: p.disregardedBecause } : {}) }));
    const hasDiscount = account.discounts.some((d) => d.code === 'single-person' && !d.to);
    const decision = checkSinglePersonDiscount({ residents, alreadyApplied: hasDiscount });
    if (!decision.eligible) return backTo(decision.message, reference, postcode);
    const actor = services.actorFor(c.get('user')!);
    const key = `spd:${formKey}`;
    const opened = await services.engine.open({
      actor,
      idempotencyKey: key,
      caseId: newCaseReference(key),
      caseType: 'revenues.single-person-discount',
      channel: 'phone',
      data: { accountId: account.accountId, action: 'apply', residents, hasDiscount, livingAloneSince: since },
    });
    try {
      await services.engine.transition({ actor, idempotencyKey: `${key}:apply`, caseId: opened.caseId, transition: 'apply', expectedVersion: opened.version, channel: 'phone' });
    } catch (error) {
      const domain = problemForDomainError(error);
      if (!domain) throw error;
      return c.redirect(`/cases/${encodeURIComponent(opened.caseId)}?error=${encodeURIComponent(domain.detail)}`, 303);
    }
    const session = c.get('session');
    if (session) session.flash = 'Single person discount application sent to council tax';
    return c.redirect(`/cases/${encodeURIComponent(opened.caseId)}`, 303);
  });

  return app;
}
