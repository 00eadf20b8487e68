import type { CaseType, Channel, JsonObject } from '@councilkit/cases';
import { Hono } from 'hono';
import type { Context } from 'hono';
import { z } from 'zod';
import type { StaffUser, UserDirectory } from '../auth/user-directory.js';
import { fieldsFor, humanise, readForm, unaskedRequired } from '../forms/schema-form.js';
import { checkEligibility, firstContactRoutes } from '../case-types/eligibility.js';
import { type FirstContactOutcome, candidatesFor, raiseAtFirstContact } from '../case-types/first-contact.js';
import type { AppEnv } from '../http/env.js';
import { problemForDomainError } from '../http/domain-errors.js';
import { currentAddress, displayName, formatAddress } from '../residents/resident-directory.js';
import type { Services } from '../services.js';
import { type BulkyCatalogue, type BulkyReservation, type BulkySlot, WasteError, missedCollectionCaseData } from '@councilkit/waste';
import type { Citizen } from '@councilkit/citizen';
import { type ReadThrough, readThrough } from '../back-offices/read-through.js';
import { binDaysFor } from '../back-offices/bin-days.js';
import { lookUpAccount, lookUpResidentPcns } from '../back-offices/lookups.js';
import { dashboardView } from './dashboard.js';
import { actorName, dataRows, newCaseReference, newFormKey, presentCase, presentEvent } from './case-presenter.js';
import { type PageKit, errorPage, page, safeLocalPath } from './page.js';
import { requireStaff } from './require-staff.js';

const agentChannels: Array<{ value: Channel; text: string }> = [
  { value: 'phone', text: 'Phone' },
  { value: 'face-to-face', text: 'Face to face' },
  { value: 'email', text: 'Email' },
];

/** Case types this member of staff may raise: unrestricted ones and their teams' own. */
export function raisableCaseTypes(services: Services, user: StaffUser): CaseType[] {
  return services.caseTypes.filter((t) => !t.access || t.access.teams.some((team) => user.teams.includes(team)));
}

/** Where a case type whose data is a back office's record is raised, for a resident or without one. */
const raisedFromRecords: Record<string, { where: (citizenId: string | undefined) => string | undefined; text: string }> = {
  'waste.missed-collection': { where: (id) => id && `/residents/${encodeURIComponent(id)}#bins`, text: "Report it from the resident's bin collections, where the last collection is known" },
  'waste.bulky-booking': { where: (id) => id && `/residents/${encodeURIComponent(id)}/bulky-collection`, text: "Book it for the resident's home, with dates and items from the waste system" },
  'revenues.single-person-discount': {
    where: (id) => `/desktop/lookups${id ? `?citizenId=${encodeURIComponent(id)}` : ''}#spd`,
    text: 'Apply, end it, or answer the annual review from the council tax account, with the adults the account records',
  },
  'parking.pcn': { where: (id) => `/desktop/lookups${id ? `?citizenId=${encodeURIComponent(id)}` : ''}#pcn`, text: "Take a payment from the PCN look-up, with the PCN's letters and payments" },
};

/**
 * Case types raised where their record has been looked up, with the link:
 * to the page itself, or to finding the resident first when the record is
 * the resident's home.
 */
export function recordCaseTypes(services: Services, user: StaffUser, citizenId: string | undefined): Array<{ caseType: CaseType; href: string; text: string }> {
  return raisableCaseTypes(services, user).flatMap((caseType) => {
    const record = raisedFromRecords[caseType.name];
    if (!record) return [];
    const href = record.where(citizenId);
    return [{ caseType, href: href ?? '/desktop', text: href ? record.text : `Find the resident first: ${record.text.charAt(0).toLowerCase()}${record.text.slice(1)}` }];
  });
}

/**
 * Case types an agent raises from a form generated from the schema: every
 * raisable type whose required answers the form can ask, except those whose
 * data is a back office's record (a PCN's letters, the adults on a council
 * tax account), which are raised where that record is looked up
 * ({@link recordCaseTypes}).
 */
export function formCaseTypes(services: Services, user: StaffUser): CaseType[] {
  return raisableCaseTypes(services, user).filter((t) => {
    if (raisedFromRecords[t.name]) return false;
    return unaskedRequired(t.schema).length === 0;
  });
}

const keySchema = z.string().min(16).max(64);

/** After raising: the case page with what happened, or with why the engine refused the move after all (the case is kept). */
export function redirectToRaisedCase(c: Context<AppEnv>, raised: { caseId: string; moveRefused: string | undefined }, flash: string): Response {
  const to = `/cases/${encodeURIComponent(raised.caseId)}`;
  if (raised.moveRefused) return c.redirect(`${to}?error=${encodeURIComponent(raised.moveRefused)}`, 303);
  const session = c.get('session');
  if (session) session.flash = flash;
  return c.redirect(to, 303);
}

/** The agent desktop: find a resident, resident page, raise a case, case page, queues, dashboard. */
export function desktopRoutes(deps: { kit: PageKit; services: Services; users: UserDirectory }): Hono<AppEnv> {
  const { kit, services, users } = deps;
  const { engine } = services;
  const app = new Hono<AppEnv>();
  for (const path of ['/desktop', '/desktop/*', '/queues', '/queues/*', '/incidents', '/incidents/*', '/dashboard', '/residents/*', '/cases/*']) {
    app.use(path, requireStaff());
  }
  const typeOf = (name: string) => services.caseTypes.find((t) => t.name === name);
  const staff = (c: Context<AppEnv>) => c.get('user')!;
  const actor = (c: Context<AppEnv>) => services.actorFor(staff(c));

  app.get('/desktop', async (c) => {
    const query = (c.req.query('q') ?? '').slice(0, 200);
    const results = query.trim() ? await services.residents.search(query, 25) : [];
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
    const ctaxReference = citizen.identifiers.find((i) => i.scheme === 'council-tax-account')?.value;
    // Every back office is asked at once; each answers or gives its own notice within its time limit.
    const [timeline, binDays, councilTax, pcns] = await Promise.all([
      engine.casesByCitizen({ actor: actor(c), citizenId: citizen.id }),
      home?.address.uprn ? binDaysFor(services.waste, Number(home.address.uprn)) : Promise.resolve(undefined),
      ctaxReference && home?.address.postcode ? lookUpAccount(services.revenues, { reference: ctaxReference, postcode: home.address.postcode }) : Promise.resolve(undefined),
      lookUpResidentPcns(services.parking, citizen),
    ]);
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
      cases: timeline.cases.map((item) => presentCase(typeOf(item.case.caseType), item.case, item.slaState)).reverse(),
      withheld: timeline.withheld,
      binDays,
      councilTax,
      pcns,
      formKey: newFormKey(),
      error: c.req.query('error')?.slice(0, 300),
    });
  });

  // Report a missed collection from the resident page: eligibility is checked
  // with the waste package's rule before the case is raised, then the case is
  // referred through the outbox (the guard checks again at that moment).
  app.post('/residents/:id/missed-collection', async (c) => {
    const citizen = services.residents.get(c.req.param('id'));
    if (!citizen) return errorPage(c, kit, 404, 'Resident not found', 'Search again from the agent desktop.');
    const back = `/residents/${encodeURIComponent(citizen.id)}`;
    const form = c.get('form');
    const formKey = keySchema.safeParse(form['formKey']);
    const uprn = currentAddress(citizen)?.address.uprn;
    const channel = agentChannels.find((ch) => ch.value === form['channel'])?.value ?? 'phone';
    if (!formKey.success || !uprn) return errorPage(c, kit, 400, 'There is a problem', 'Reload the resident page and try again.');
    const answer = await binDaysFor(services.waste, Number(uprn));
    if (answer.status === 'degraded') return c.redirect(`${back}?error=${encodeURIComponent(answer.message)}`, 303);
    const raw = answer.data.raw.find((s) => s.id === form['serviceId']);
    const service = answer.data.services.find((s) => s.id === form['serviceId']);
    if (!raw || !service) return c.redirect(`${back}?error=${encodeURIComponent('Choose a bin service from the list.')}`, 303);
    if (!service.reportable) return c.redirect(`${back}?error=${encodeURIComponent(service.refusal ?? 'This collection cannot be reported now.')}`, 303);
    const caseType = typeOf('waste.missed-collection');
    if (!caseType) return errorPage(c, kit, 404, 'Missed collections are not handled here', 'Raise a general enquiry instead.');
    const key = `missed:${formKey.data}`;
    const raised = await raiseAtFirstContact(engine, caseType, {
      actor: actor(c),
      channel,
      data: missedCollectionCaseData({ property: answer.data.property, service: raw }),
      citizenId: citizen.id,
      idempotencyKey: key,
      caseId: newCaseReference(key),
      candidates: candidatesFor(caseType, 'refer'),
      move: true,
    });
    if (raised.status === 'refused') return c.redirect(`${back}?error=${encodeURIComponent(raised.reason)}`, 303);
    return redirectToRaisedCase(c, raised, `Missed ${service.name.toLowerCase()} collection reported to the waste service`);
  });

  // Book a bulky waste collection for the resident's home: slots and items come from the waste
  // system, the rest is the generated form. The case type's guard runs on the answers before the
  // slot is held, and again on the real hold before anything is written.
  const bulkyForm = async (c: Context<AppEnv>) => {
    const citizen = services.residents.get(c.req.param('id') ?? '');
    const uprn = citizen ? currentAddress(citizen)?.address.uprn : undefined;
    const caseType = raisableCaseTypes(services, staff(c)).find((t) => t.name === 'waste.bulky-booking');
    if (!citizen || !caseType) return { problem: errorPage(c, kit, 404, 'Resident not found', 'Search again from the agent desktop.') } as const;
    if (!uprn) return { problem: errorPage(c, kit, 400, 'There is a problem', `${displayName(citizen)} has no home address with a UPRN, so no collection can be booked.`) } as const;
    const [catalogue, slots] = await Promise.all([
      readThrough('the bulky waste items', 'The waste system', (signal) => services.waste.client.listBulkyItems({ signal })),
      readThrough('bulky collection slots', 'The waste system', (signal) => services.waste.client.listBulkySlots({ uprn: Number(uprn) }, { signal })),
    ]);
    return { citizen, uprn: Number(uprn), caseType, catalogue, slots } as const;
  };
  const bulkyRows = 5;
  const bulkyFields = (caseType: CaseType, catalogue: BulkyCatalogue) =>
    fieldsFor(caseType.schema, {
      omit: ['uprn', 'reservationId', 'reservationExpiresAt', 'slotDate', 'price'],
      choices: { 'items.itemId': catalogue.items.map((i) => ({ value: i.id, text: i.name })) },
      rows: { items: bulkyRows },
      labels: { 'items.itemId': 'Item', location: 'Where the items will be left', paymentReference: 'Card payment reference' },
    });
  const renderBulky = (
    c: Context<AppEnv>,
    found: { citizen: Citizen; caseType: CaseType; catalogue: ReadThrough<BulkyCatalogue>; slots: ReadThrough<BulkySlot[]> },
    values: Record<string, string | string[]>,
    errors: Array<{ name: string; href: string; text: string }>,
    formKey: string,
  ) =>
    page(
      c,
      kit,
      'agent/raise-bulky.njk',
      {
        title: 'Book a bulky waste collection',
        area: 'desktop',
        back: `/residents/${encodeURIComponent(found.citizen.id)}`,
        backText: `Back to ${displayName(found.citizen)}`,
        citizen: found.citizen,
        name: displayName(found.citizen),
        homeAddress: formatAddress(currentAddress(found.citizen)),
        degraded: found.catalogue.status === 'degraded' ? found.catalogue.message : found.slots.status === 'degraded' ? found.slots.message : undefined,
        slots: found.slots.status === 'ok' ? found.slots.data.filter((s) => s.remaining > 0).slice(0, 10) : [],
        catalogue: found.catalogue.status === 'ok' ? found.catalogue.data : undefined,
        fields: found.catalogue.status === 'ok' ? bulkyFields(found.caseType, found.catalogue.data) : [],
        values,
        errors,
        hasErrors: errors.length > 0,
        errorsByName: Object.fromEntries(errors.map((e) => [e.name, e.text])),
        channels: agentChannels.map((ch) => ({ ...ch, checked: values['channel'] === ch.value })),
        formKey,
      },
      errors.length ? 422 : 200,
    );

  app.get('/residents/:id/bulky-collection', async (c) => {
    const found = await bulkyForm(c);
    if ('problem' in found) return found.problem;
    return renderBulky(c, found, { channel: 'phone' }, [], newFormKey());
  });

  app.post('/residents/:id/bulky-collection', async (c) => {
    const found = await bulkyForm(c);
    if ('problem' in found) return found.problem;
    const { citizen, caseType, catalogue, slots } = found;
    const form = c.get('form');
    const formKey = keySchema.safeParse(form['formKey']).success ? form['formKey']! : newFormKey();
    if (catalogue.status !== 'ok' || slots.status !== 'ok') return renderBulky(c, found, form, [], formKey);
    const channel = agentChannels.find((ch) => ch.value === form['channel'])?.value;
    const slot = slots.data.find((s) => s.id === form['slotId'] && s.remaining > 0);
    const fields = bulkyFields(caseType, catalogue.data);
    // The price is the catalogue's, never typed; the hold is not taken until the answers pass.
    const priceOf = (items: Array<{ itemId: string; quantity: number }>) =>
      items.reduce((sum, line) => sum + (catalogue.data.items.find((i) => i.id === line.itemId)?.price ?? 0) * line.quantity, 0);
    const provisional = { uprn: found.uprn, reservationId: 'not-yet-held', reservationExpiresAt: new Date(Date.now() + 60_000).toISOString(), slotDate: slot?.date ?? '', price: 0 };
    const result = readForm(caseType.schema, fields, c.get('formData'), { fixed: provisional });
    const values = { ...result.values, channel: form['channel'] ?? '', slotId: form['slotId'] ?? '' };
    const errors = [
      ...(channel ? [] : [{ name: 'channel', href: '#channel', text: 'Select how the resident got in touch' }]),
      ...(slot ? [] : [{ name: 'slotId', href: '#slotId', text: 'Select a collection date' }]),
      ...(result.ok ? [] : result.errors.filter((e) => e.name !== 'slotDate')),
    ];
    const items = result.ok ? (result.data as { items: Array<{ itemId: string; quantity: number }> }).items : [];
    // Catalogue limits, linked to the row as numbered on the form.
    const rowOf = (itemId: string) => Array.from({ length: bulkyRows }, (_, row) => row).find((row) => result.values[`items.${row}.itemId`] === itemId) ?? 0;
    for (const line of items) {
      const item = catalogue.data.items.find((i) => i.id === line.itemId);
      const row = rowOf(line.itemId);
      if (!item) errors.push({ name: `items.${row}.itemId`, href: `#items-${row}-itemId`, text: `Choose item ${row + 1} from the list` });
      else if (line.quantity > item.maxQuantity) errors.push({ name: `items.${row}.quantity`, href: `#items-${row}-quantity`, text: `The council collects at most ${item.maxQuantity} of ${item.name.toLowerCase()} in one booking` });
    }
    const count = items.reduce((sum, line) => sum + line.quantity, 0);
    if (count > catalogue.data.maxItemsPerBooking) errors.push({ name: 'items', href: '#items-0-itemId', text: `One booking can include at most ${catalogue.data.maxItemsPerBooking} items; book a second collection for the rest` });
    if (errors.length || !result.ok || !slot || !channel) return renderBulky(c, found, values, errors, formKey);
    const answers = { ...(result.data as Record<string, unknown>), price: priceOf(items) } as JsonObject;
    const candidates = candidatesFor(caseType, 'refer');
    const before = checkEligibility(caseType, candidates, { data: answers, actor: actor(c), channel, now: new Date(), citizenId: citizen.id });
    if (!before.ok) return renderBulky(c, found, values, [{ name: 'slotId', href: '#slotId', text: before.reason }], formKey);
    let hold: BulkyReservation;
    try {
      hold = await services.waste.client.reserveBulkySlot({ uprn: found.uprn, slotId: slot.id }, { idempotencyKey: `bulky-hold:${formKey}` });
    } catch (error) {
      const text = error instanceof WasteError && error.status && error.status < 500 ? error.message : 'The waste system did not answer, so the slot could not be held. Try again.';
      return renderBulky(c, found, values, [{ name: 'slotId', href: '#slotId', text }], formKey);
    }
    const key = `bulky:${formKey}`;
    const raised = await raiseAtFirstContact(engine, caseType, {
      actor: actor(c),
      channel,
      data: { ...answers, reservationId: hold.id, reservationExpiresAt: hold.expiresAt, slotDate: hold.slot.date },
      citizenId: citizen.id,
      idempotencyKey: key,
      caseId: newCaseReference(key),
      candidates,
      move: true,
    });
    if (raised.status === 'refused') return renderBulky(c, found, values, [{ name: 'slotId', href: '#slotId', text: raised.reason }], formKey);
    return redirectToRaisedCase(c, raised, `Bulky waste collection ${raised.caseId} booked`);
  });

  // Raise a case: choose the type, then a form generated from its schema.
  app.get('/cases/new', (c) => {
    const citizenId = c.req.query('citizenId');
    const citizen = citizenId ? services.residents.get(citizenId) : undefined;
    if (citizenId && !citizen) return errorPage(c, kit, 404, 'Resident not found', 'Search again from the agent desktop.');
    const allowed = formCaseTypes(services, staff(c));
    const typeName = c.req.query('type');
    const back = citizen ? `/residents/${citizen.id}` : '/desktop';
    const choose = { title: 'What is the contact about?', area: 'desktop', back, citizen, name: citizen && displayName(citizen), caseTypes: allowed, fromRecords: recordCaseTypes(services, staff(c), citizen?.id) };
    if (!typeName) return page(c, kit, 'agent/raise-choose.njk', choose);
    const caseType = allowed.find((t) => t.name === typeName);
    if (!caseType) return page(c, kit, 'agent/raise-choose.njk', { ...choose, errors: [{ text: 'Select what the contact is about', href: '#type' }], hasErrors: true }, 422);
    return renderRaiseForm(c, caseType, citizen?.id, { channel: 'phone' }, [], newFormKey());
  });

  // Service case types are dealt with on the call: resolved there when the type allows, otherwise referred.
  const outcomesFor = (caseType: CaseType) => {
    const routes = firstContactRoutes(caseType);
    if (!routes.refer.length) return [];
    return [
      { value: 'refer', text: caseType.transitions[routes.refer[0]!]?.title ?? 'Refer it to the service' },
      ...(routes.resolve ? [{ value: 'resolve', text: caseType.transitions[routes.resolve]?.title ?? 'Resolved on the call' }] : []),
    ];
  };

  const renderRaiseForm = (
    c: Context<AppEnv>,
    caseType: CaseType,
    citizenId: string | undefined,
    values: Record<string, string | string[]>,
    errors: Array<{ name: string; href: string; text: string }>,
    formKey: string,
  ) => {
    const citizen = citizenId ? services.residents.get(citizenId) : undefined;
    return page(
      c,
      kit,
      'agent/raise-form.njk',
      {
        title: caseType.title,
        area: 'desktop',
        back: `/cases/new${citizen ? `?citizenId=${encodeURIComponent(citizen.id)}` : ''}`,
        caseType,
        citizen,
        name: citizen && displayName(citizen),
        fields: fieldsFor(caseType.schema),
        values,
        errors,
        hasErrors: errors.length > 0,
        errorsByName: Object.fromEntries(errors.map((e) => [e.name, e.text])),
        channels: agentChannels.map((ch) => ({ ...ch, checked: values['channel'] === ch.value })),
        outcomes: outcomesFor(caseType).map((o) => ({ ...o, checked: values['outcome'] === o.value })),
        formKey,
      },
      errors.length ? 422 : 200,
    );
  };

  app.post('/cases/new', async (c) => {
    const form = c.get('form');
    const caseType = formCaseTypes(services, staff(c)).find((t) => t.name === form['caseType']);
    if (!caseType) return errorPage(c, kit, 400, 'There is a problem', 'Choose a case type from the list.');
    const citizenId = form['citizenId'] && services.residents.get(form['citizenId']) ? form['citizenId'] : undefined;
    const formKey = keySchema.safeParse(form['formKey']).success ? form['formKey']! : newFormKey();
    const fields = fieldsFor(caseType.schema);
    const result = readForm(caseType.schema, fields, c.get('formData'));
    const channel = agentChannels.find((ch) => ch.value === form['channel'])?.value;
    const errors = result.ok ? [] : [...result.errors];
    if (!channel) errors.push({ name: 'channel', href: '#channel', text: 'Select how the resident got in touch' });
    const outcomes = outcomesFor(caseType);
    const outcome = outcomes.find((o) => o.value === form['outcome'])?.value as FirstContactOutcome | undefined;
    if (outcomes.length && !outcome) errors.push({ name: 'outcome', href: '#outcome', text: 'Select what happens to the case now' });
    const shown = { ...result.values, channel: form['channel'] ?? '', outcome: form['outcome'] ?? '' };
    if (!result.ok || !channel || (outcomes.length && !outcome)) return renderRaiseForm(c, caseType, citizenId, shown, errors, formKey);
    const data = result.data as Record<string, unknown> as JsonObject;
    // Eligibility first: the case type's own guards, run on the answers before anything is written.
    const key = `raise:${formKey}`;
    try {
      const raised = await raiseAtFirstContact(engine, caseType, {
        actor: actor(c),
        channel,
        data,
        ...(citizenId ? { citizenId } : {}),
        idempotencyKey: key,
        caseId: newCaseReference(key),
        candidates: outcome ? candidatesFor(caseType, outcome) : [],
        move: true,
      });
      if (raised.status === 'refused') return renderRaiseForm(c, caseType, citizenId, shown, [{ name: 'eligibility', href: '#outcome', text: raised.reason }], formKey);
      return redirectToRaisedCase(c, raised, raised.moved ? `Case ${raised.caseId} ${outcome === 'resolve' ? 'resolved on the call' : 'raised and referred'}` : `Case ${raised.caseId} raised`);
    } catch (error) {
      const domain = problemForDomainError(error);
      if (!domain) throw error;
      return renderRaiseForm(c, caseType, citizenId, { ...result.values, channel }, [{ name: 'main', href: '#main-content', text: domain.detail }], formKey);
    }
  });

  app.get('/cases/:id', async (c) => {
    const view = await engine.getCase({ actor: actor(c), caseId: c.req.param('id') });
    const caseType = typeOf(view.case.caseType);
    const citizen = view.case.citizenId ? services.residents.get(view.case.citizenId) : undefined;
    const user = staff(c);
    return page(c, kit, 'agent/case.njk', {
      title: `${caseType?.title ?? view.case.caseType} ${view.case.id}`,
      area: 'desktop',
      back: citizen ? `/residents/${citizen.id}` : '/queues',
      backText: citizen ? `Back to ${displayName(citizen)}` : 'Back to work queues',
      record: view.case,
      summary: presentCase(caseType, view.case, view.slaState),
      rows: dataRows(caseType, view.case.data),
      history: view.history.map((e) => presentEvent(users, caseType, e)).reverse(),
      transitions: view.availableTransitions.map((name) => ({ name, title: caseType?.transitions[name]?.title ?? humanise(name), firstContact: caseType?.transitions[name]?.resolvesAtFirstContact === true })),
      citizen,
      citizenName: citizen && displayName(citizen),
      assigneeName: view.case.assignee ? actorName(users, view.case.assignee) : undefined,
      canClaim: view.case.status === 'open' && !view.case.assignee && (!view.case.team || user.teams.includes(view.case.team)),
      canRelease: view.case.status === 'open' && view.case.assignee === user.id,
      formKey: newFormKey(),
      errors: c.req.query('error') ? [{ text: c.req.query('error')!.slice(0, 300), href: '#actions' }] : [],
    });
  });

  // Every case command from the desktop: the form carries the version read and a one-off key.
  const commandForm = z.object({ expectedVersion: z.coerce.number().int().min(1), formKey: keySchema });
  const caseCommand = (name: 'transition' | 'claim' | 'release' | 'note') =>
    app.post(`/cases/:id/${name}`, async (c) => {
      const caseId = c.req.param('id');
      const form = c.get('form');
      const parsed = commandForm.safeParse(form);
      if (!parsed.success) return errorPage(c, kit, 400, 'There is a problem', 'Reload the case and try again.');
      const base = { actor: actor(c), caseId, expectedVersion: parsed.data.expectedVersion, idempotencyKey: `${name}:${caseId}:${parsed.data.formKey}` };
      const back = safeLocalPath(form['returnTo'], `/cases/${encodeURIComponent(caseId)}`);
      try {
        if (name === 'transition') {
          const transition = z.string().min(1).max(100).safeParse(form['transition']);
          if (!transition.success) return errorPage(c, kit, 400, 'There is a problem', 'Choose what to do next.');
          await engine.transition({ ...base, transition: transition.data, channel: 'phone' });
        } else if (name === 'claim') await engine.claim(base);
        else if (name === 'release') await engine.release(base);
        else {
          const text = z.string().trim().min(1).max(2000).safeParse(form['text']);
          if (!text.success) return c.redirect(`${back}?error=${encodeURIComponent('Enter a note of 2000 characters or fewer')}#note`, 303);
          await engine.addNote({ ...base, text: text.data });
        }
      } catch (error) {
        const domain = problemForDomainError(error);
        if (!domain || domain.type === 'not-found' || domain.type === 'access-denied') throw error;
        return c.redirect(`${back}?error=${encodeURIComponent(domain.detail)}`, 303);
      }
      const session = c.get('session');
      if (session) session.flash = { transition: 'Case updated', claim: 'You have claimed this case', release: 'Case released to the queue', note: 'Note added' }[name];
      return c.redirect(back, 303);
    });
  caseCommand('transition');
  caseCommand('claim');
  caseCommand('release');
  caseCommand('note');

  app.get('/queues', async (c) => {
    const user = staff(c);
    const teams = await Promise.all(
      user.teams.map(async (team) => {
        const items = await engine.workQueue({ actor: actor(c), team, limit: 100 });
        return {
          team,
          cases: items.map((item) => ({
            ...presentCase(typeOf(item.case.caseType), item.case, item.slaState),
            version: item.case.version,
            assigneeName: item.case.assignee ? actorName(users, item.case.assignee) : undefined,
            mine: item.case.assignee === user.id,
          })),
        };
      }),
    );
    return page(c, kit, 'agent/queues.njk', { title: 'Work queues', area: 'desktop', teams, formKey: newFormKey() });
  });

  // Supervisors: referrals the dispatcher gave up on, with a retry.
  const supervisorOnly = (c: Context<AppEnv>) => staff(c).roles.includes('supervisor');
  app.get('/incidents', async (c) => {
    if (!supervisorOnly(c)) return errorPage(c, kit, 403, 'You cannot see incidents', 'Incidents are for supervisors.');
    const incidents = await services.dispatcher.incidents({ limit: 100 });
    return page(c, kit, 'agent/incidents.njk', { title: 'Incidents', area: 'desktop', incidents });
  });
  app.post('/incidents/:messageId/retry', async (c) => {
    if (!supervisorOnly(c)) return errorPage(c, kit, 403, 'You cannot retry incidents', 'Incidents are for supervisors.');
    const retried = await services.dispatcher.retryIncident({ messageId: c.req.param('messageId').slice(0, 200), actor: actor(c) });
    const session = c.get('session');
    if (session) session.flash = retried ? 'The referral will be sent again now' : 'That incident was already dealt with';
    return c.redirect('/incidents', 303);
  });

  app.get('/dashboard', async (c) => {
    const view = await dashboardView(services, new Date());
    return page(c, kit, 'agent/dashboard.njk', { title: 'Performance dashboard', area: 'desktop', ...view });
  });

  return app;
}
