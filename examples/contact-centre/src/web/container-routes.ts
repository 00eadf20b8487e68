import { type ContainerType, checkContainerRequest, containerRequestCaseData } from '@councilkit/waste';
import { Hono } from 'hono';
import type { Context } from 'hono';
import { z } from 'zod';
import { readThrough } from '../back-offices/read-through.js';
import { fieldsFor, readForm } from '../forms/schema-form.js';
import type { AppEnv } from '../http/env.js';
import { problemForDomainError } from '../http/domain-errors.js';
import { currentAddress, displayName } from '../residents/resident-directory.js';
import type { Services } from '../services.js';
import { newCaseReference, newFormKey } from './case-presenter.js';
import { type PageKit, errorPage, page } from './page.js';
import { requireStaff } from './require-staff.js';

const pounds = (pence: number) => new Intl.NumberFormat('en-GB', { style: 'currency', currency: 'GBP' }).format(pence / 100);

/** The form's schema, built from the container types the back office offers today. */
function containerForm(types: ContainerType[]) {
  const ids = types.map((t) => t.id);
  return z.object({
    containerType: z.enum(ids.length ? (ids as [string, ...string[]]) : ['none']),
    reason: z.enum(['new', 'extra', 'replacement', 'damaged']).describe('A replacement is for a lost or stolen container'),
    quantity: z.coerce.number().int().min(1).max(10),
  });
}

/**
 * Request a container for a resident: the form is generated from a zod
 * schema built from the back office's container types, the waste package's
 * limit-and-charge rule runs before anything is raised, and the case is then
 * referred through the outbox.
 */
export function containerRoutes(deps: { kit: PageKit; services: Services }): Hono<AppEnv> {
  const { kit, services } = deps;
  const app = new Hono<AppEnv>();
  app.use('/residents/*', requireStaff());

  const load = async (c: Context<AppEnv>) => {
    const citizen = services.residents.get(c.req.param('id') ?? '');
    const uprn = citizen && currentAddress(citizen)?.address.uprn;
    if (!citizen || !uprn) return undefined;
    const facts = await readThrough('container types', 'The waste system', async (signal) => {
      const [types, holdings] = await Promise.all([
        services.waste.client.listContainerTypes({ signal }),
        services.waste.client.getPropertyServices(Number(uprn), { signal }),
      ]);
      return { types, services: holdings.services };
    });
    return { citizen, uprn: Number(uprn), facts };
  };

  const render = (
    c: Context<AppEnv>,
    loaded: NonNullable<Awaited<ReturnType<typeof load>>>,
    values: Record<string, string | string[]>,
    errors: Array<{ name: string; href: string; text: string }>,
    formKey: string,
  ) => {
    if (loaded.facts.status !== 'ok') {
      return errorPage(c, kit, 503, 'The waste system is not answering', loaded.facts.message);
    }
    const { types } = loaded.facts.data;
    const fields = fieldsFor(containerForm(types), {
      labels: { containerType: 'Which container?', reason: 'Why is it needed?', quantity: 'How many?' },
      optionLabels: {
        containerType: Object.fromEntries(types.map((t) => [t.id, `${t.name} (${t.size}), up to ${t.maxPerProperty} per property, new ${t.charges.new ? pounds(t.charges.new) : 'free'}`])),
      },
    });
    return page(
      c,
      kit,
      'agent/container.njk',
      {
        title: 'Request a container',
        area: 'desktop',
        back: `/residents/${encodeURIComponent(loaded.citizen.id)}`,
        name: displayName(loaded.citizen),
        citizen: loaded.citizen,
        fields,
        values,
        errors,
        hasErrors: errors.length > 0,
        errorsByName: Object.fromEntries(errors.map((e) => [e.name, e.text])),
        formKey,
      },
      errors.length ? 422 : 200,
    );
  };

  app.get('/residents/:id/container', async (c) => {
    const loaded = await load(c);
    if (!loaded) return errorPage(c, kit, 404, 'Resident not found', 'Search again from the agent desktop.');
    return render(c, loaded, { quantity: '1' }, [], newFormKey());
  });

  app.post('/residents/:id/container', async (c) => {
    const loaded = await load(c);
    if (!loaded) return errorPage(c, kit, 404, 'Resident not found', 'Search again from the agent desktop.');
    if (loaded.facts.status !== 'ok') return render(c, loaded, {}, [], newFormKey());
    const form = c.get('form');
    const formKey = z.string().min(16).max(64).safeParse(form['formKey']).success ? form['formKey']! : newFormKey();
    const schema = containerForm(loaded.facts.data.types);
    const result = readForm(schema, fieldsFor(schema), c.get('formData'));
    if (!result.ok) return render(c, loaded, result.values, result.errors, formKey);
    const containerType = loaded.facts.data.types.find((t) => t.id === result.data.containerType)!;
    const data = containerRequestCaseData({ uprn: loaded.uprn, containerType, services: loaded.facts.data.services, reason: result.data.reason, quantity: result.data.quantity });
    const check = checkContainerRequest({ containerType, reason: data.reason, quantity: data.quantity, held: data.held, pending: data.pending });
    if (!check.eligible) return render(c, loaded, result.values, [{ name: 'containerType', href: '#containerType', text: check.message }], formKey);
    const user = c.get('user')!;
    const actor = services.actorFor(user);
    const key = `container:${formKey}`;
    const opened = await services.engine.open({ actor, idempotencyKey: key, caseId: newCaseReference(key), caseType: 'waste.container-request', data, channel: 'phone', citizenId: loaded.citizen.id });
    const session = c.get('session');
    try {
      await services.engine.transition({ actor, idempotencyKey: `${key}:refer`, caseId: opened.caseId, transition: 'refer', expectedVersion: opened.version, channel: 'phone' });
      if (session) session.flash = `${containerType.name} ordered from the waste service${check.charge ? `: the charge is ${pounds(check.charge)}` : ''}`;
    } catch (error) {
      const domain = problemForDomainError(error);
      if (!domain) throw error;
      return c.redirect(`/cases/${encodeURIComponent(opened.caseId)}?error=${encodeURIComponent(domain.detail)}`, 303);
    }
    return c.redirect(`/cases/${encodeURIComponent(opened.caseId)}`, 303);
  });

  return app;
}
