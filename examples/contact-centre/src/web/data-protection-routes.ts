import type { Actor } from '@councilkit/cases';
import type { Citizen } from '@councilkit/citizen';
import type { ErasurePlanItem, ErasureRequest, SubjectAccessPackage } from '@councilkit/citizen/gdpr';
import { Hono } from 'hono';
import type { Context } from 'hono';
import { z } from 'zod';
import type { StaffUser } from '../auth/user-directory.js';
import { DPO_ROLE, RESIDENT_SOURCE } from '../data-protection-policy.js';
import type { AppEnv } from '../http/env.js';
import { displayName, formatAddress } from '../residents/resident-directory.js';
import type { Services } from '../services.js';
import { type PageKit, errorPage, page } from './page.js';
import { requireStaff } from './require-staff.js';

/** The request reference a data protection officer gives every action: the council's own case number for the request. */
const referenceSchema = z.string().trim().min(1, 'Enter the request reference').max(200, 'The reference must be 200 characters or fewer');

const ACTIONS: Record<ErasurePlanItem['action'], string> = { delete: 'Deleted', pseudonymise: 'Pseudonymised (kept for statistics)', restrict: 'Kept, restricted' };
const BLOCKS: Record<string, string> = {
  'legal-hold': 'Legal hold',
  'retention-period': 'Retention period not over',
  'no-retention-rule': 'No retention rule covers it',
  'case-open': 'Case still open',
};

/**
 * The data-protection desk, for staff with the `dpo` role only: from a
 * resident's page, a subject access export (JSON to download, or the
 * readable document as a page), restriction of processing and lifting it,
 * and erasure with a check-your-answers page showing the plan first. Anyone
 * else gets 403 on every route.
 */
export function dataProtectionRoutes(deps: { kit: PageKit; services: Services }): Hono<AppEnv> {
  const { kit, services } = deps;
  const { engine, dataProtection } = services;
  const app = new Hono<AppEnv>();
  app.use('/dpo', requireStaff());
  app.use('/dpo/*', requireStaff());
  const onlyOfficers = async (c: Context<AppEnv>, next: () => Promise<void>) => {
    if (c.get('user')?.roles.includes(DPO_ROLE)) return next();
    return errorPage(c, kit, 403, 'You cannot use the data protection desk', 'Only the data protection officer can export, restrict or erase a resident’s data.');
  };
  app.use('/dpo', onlyOfficers);
  app.use('/dpo/*', onlyOfficers);

  // The officer reads and writes every case of the subject, whichever team it belongs to: the
  // `system` role passes case type team limits, and the audit trail still names the officer.
  const officer = (c: Context<AppEnv>): Actor => {
    const user = c.get('user') as StaffUser;
    return { id: user.id, teams: user.teams, roles: [...user.roles, 'system'] };
  };
  const residentOf = (c: Context<AppEnv>): Citizen | undefined => services.residents.get(c.req.param('id') ?? '');
  const notFound = (c: Context<AppEnv>) => errorPage(c, kit, 404, 'Resident not found', 'They may have been erased. Search again from the agent desktop.');

  async function requestFor(c: Context<AppEnv>, citizen: Citizen, mode: ErasureRequest['mode'], reason: string): Promise<ErasureRequest> {
    const { cases } = await engine.casesByCitizen({ actor: officer(c), citizenId: citizen.id });
    return {
      // The directory keeps no change date, so the record counts as current.
      subject: { id: citizen.id, sources: [{ source: RESIDENT_SOURCE, recordId: citizen.id, updatedAt: new Date().toISOString(), citizen }] },
      cases: cases.map((item) => item.case),
      mode,
      actor: officer(c),
      reason,
    };
  }

  async function restrictionsOf(c: Context<AppEnv>, citizen: Citizen) {
    const caseIds = new Set((await engine.casesByCitizen({ actor: officer(c), citizenId: citizen.id })).cases.map((i) => i.case.id));
    return (await dataProtection.erasureStore(officer(c)).listRestrictions()).filter((r) =>
      r.target.kind === 'record' ? r.target.recordId === citizen.id : caseIds.has(r.target.caseId),
    );
  }

  async function overview(c: Context<AppEnv>, citizen: Citizen, errors: Array<{ text: string; href: string }> = [], reference = '') {
    const { cases } = await engine.casesByCitizen({ actor: officer(c), citizenId: citizen.id });
    const restrictions = await restrictionsOf(c, citizen);
    return page(
      c,
      kit,
      'dpo/resident.njk',
      {
        title: `Data protection: ${displayName(citizen)}`,
        area: 'desktop',
        citizen,
        name: displayName(citizen),
        homeAddress: formatAddress(citizen.addresses.find((a) => !a.to)),
        cases: cases.map((item) => ({ id: item.case.id, caseType: services.caseTypes.find((t) => t.name === item.case.caseType)?.title ?? item.case.caseType, status: item.case.status, restricted: (item.case.restrictedTo ?? []).join(', ') })),
        restricted: restrictions.length > 0,
        restrictions: restrictions.map((r) => ({ what: r.target.kind === 'record' ? 'Resident record' : `Case ${r.target.caseId}`, reason: r.reason, at: r.restrictedAt })),
        errors,
        hasErrors: errors.length > 0,
        reference,
      },
      errors.length ? 400 : 200,
    );
  }

  function readReference(c: Context<AppEnv>): { ok: true; value: string } | { ok: false; error: string } {
    const parsed = referenceSchema.safeParse(c.get('form')['reference'] ?? '');
    return parsed.success ? { ok: true, value: parsed.data } : { ok: false, error: parsed.error.issues[0]?.message ?? 'Enter the request reference' };
  }

  app.get('/dpo', async (c) => {
    const restrictions = await dataProtection.erasureStore(officer(c)).listRestrictions();
    return page(c, kit, 'dpo/index.njk', {
      title: 'Data protection desk',
      area: 'desktop',
      restrictions: restrictions.map((r) => {
        const resident = r.target.kind === 'record' ? services.residents.get(r.target.recordId) : undefined;
        return {
          what: r.target.kind === 'record' ? (resident ? displayName(resident) : `Record ${r.target.recordId}`) : `Case ${r.target.caseId}`,
          href: resident ? `/dpo/residents/${encodeURIComponent(resident.id)}` : r.target.kind === 'case' ? `/cases/${encodeURIComponent(r.target.caseId)}` : undefined,
          reason: r.reason,
          at: r.restrictedAt,
        };
      }),
    });
  });

  app.get('/dpo/residents/:id', async (c) => {
    const citizen = residentOf(c);
    return citizen ? overview(c, citizen) : notFound(c);
  });

  async function subjectAccess(c: Context<AppEnv>, citizen: Citizen) {
    const reference = referenceSchema.safeParse(c.req.query('reference') ?? '');
    const ref = reference.success ? reference.data : `SAR-${citizen.id}-${new Date().toISOString().slice(0, 10)}`;
    return dataProtection.subjectAccess.export({ subject: (await requestFor(c, citizen, 'restrict', ref)).subject, actor: officer(c), reference: ref });
  }

  app.get('/dpo/residents/:id/subject-access.json', async (c) => {
    const citizen = residentOf(c);
    if (!citizen) return notFound(c);
    const { json } = await subjectAccess(c, citizen);
    c.header('content-disposition', `attachment; filename="subject-access-${json.reference.replace(/[^A-Za-z0-9._-]/g, '_')}.json"`);
    c.header('cache-control', 'no-store');
    return c.json(json);
  });

  app.get('/dpo/residents/:id/subject-access', async (c) => {
    const citizen = residentOf(c);
    if (!citizen) return notFound(c);
    const { json } = await subjectAccess(c, citizen);
    c.header('cache-control', 'no-store');
    return page(c, kit, 'dpo/subject-access.njk', { title: `Your personal data: ${json.reference}`, area: 'desktop', citizen, pkg: presentPackage(json) });
  });

  app.post('/dpo/residents/:id/restrict', async (c) => {
    const citizen = residentOf(c);
    if (!citizen) return notFound(c);
    const reference = readReference(c);
    if (!reference.ok) return overview(c, citizen, [{ text: reference.error, href: '#reference' }], c.get('form')['reference'] ?? '');
    await dataProtection.erasure.execute(await requestFor(c, citizen, 'restrict', reference.value), dataProtection.erasureStore(officer(c)));
    const session = c.get('session');
    if (session) session.flash = 'Processing is restricted: agents no longer find the resident or see their cases';
    return c.redirect(`/dpo/residents/${encodeURIComponent(citizen.id)}`, 303);
  });

  app.post('/dpo/residents/:id/lift', async (c) => {
    const citizen = residentOf(c);
    if (!citizen) return notFound(c);
    const reference = readReference(c);
    if (!reference.ok) return overview(c, citizen, [{ text: reference.error, href: '#lift-reference' }]);
    const store = dataProtection.erasureStore(officer(c));
    for (const restriction of await restrictionsOf(c, citizen)) await store.lift(restriction.target, reference.value);
    const session = c.get('session');
    if (session) session.flash = 'The restriction is lifted: agents find the resident and see their cases again';
    return c.redirect(`/dpo/residents/${encodeURIComponent(citizen.id)}`, 303);
  });

  const planRows = (items: readonly ErasurePlanItem[]) =>
    items.map((item) => ({
      what: item.target.kind === 'record' ? 'Resident record' : `Case ${item.target.caseId} (${services.caseTypes.find((t) => t.name === (item.target as { caseType: string }).caseType)?.title ?? item.target.caseType})`,
      action: ACTIONS[item.action],
      why: item.blocked ? `${BLOCKS[item.blocked.reason] ?? item.blocked.reason}: ${item.blocked.detail}${item.blocked.until ? ` (until ${item.blocked.until.slice(0, 10)})` : ''}` : '',
    }));

  // Check your answers: the plan, before anything happens.
  app.get('/dpo/residents/:id/erase', async (c) => {
    const citizen = residentOf(c);
    if (!citizen) return notFound(c);
    const reference = referenceSchema.safeParse(c.req.query('reference') ?? '');
    if (!reference.success) return overview(c, citizen, [{ text: reference.error.issues[0]?.message ?? 'Enter the request reference', href: '#erase-reference' }], c.req.query('reference') ?? '');
    const plan = dataProtection.erasure.plan(await requestFor(c, citizen, 'erase', reference.data));
    return page(c, kit, 'dpo/erase-check.njk', {
      title: `Check before erasing ${displayName(citizen)}`,
      area: 'desktop',
      citizen,
      name: displayName(citizen),
      reference: reference.data,
      rows: planRows(plan.items),
      blocked: plan.items.filter((i) => i.blocked).length,
    });
  });

  app.post('/dpo/residents/:id/erase', async (c) => {
    const citizen = residentOf(c);
    if (!citizen) return notFound(c);
    const reference = readReference(c);
    if (!reference.ok) return overview(c, citizen, [{ text: reference.error, href: '#erase-reference' }]);
    const name = displayName(citizen);
    const outcome = await dataProtection.erasure.execute(await requestFor(c, citizen, 'erase', reference.value), dataProtection.erasureStore(officer(c)));
    const recordGone = outcome.plan.items.some((i) => i.target.kind === 'record' && i.action !== 'restrict');
    if (recordGone) services.residents.forget(citizen.id);
    return page(c, kit, 'dpo/erase-outcome.njk', {
      title: outcome.status === 'erased' ? 'Erasure complete' : outcome.status === 'blocked' ? 'Nothing could be erased' : 'Partly erased',
      area: 'desktop',
      name,
      recordGone,
      citizenId: citizen.id,
      outcome,
      rows: planRows(outcome.plan.items),
    });
  });

  return app;
}

/** The export as the readable page shows it: each record and case with its notice, in plain words. */
function presentPackage(pkg: SubjectAccessPackage) {
  const notice = (n: SubjectAccessPackage['records'][number]['processing']) => [
    { key: { text: 'Why we hold it' }, value: { text: n.purposes.join('; ') } },
    { key: { text: 'Lawful basis' }, value: { text: n.lawfulBases.map((b) => b.replaceAll('-', ' ')).join(', ') } },
    ...(n.specialCategoryConditions?.length ? [{ key: { text: 'Special category condition' }, value: { text: n.specialCategoryConditions.join('; ') } }] : []),
    { key: { text: 'Who receives it' }, value: { text: n.recipients.join(', ') } },
    { key: { text: 'How long we keep it' }, value: { text: n.retention } },
    { key: { text: 'Where it came from' }, value: { text: n.source } },
  ];
  const text = (value: unknown): string => (value === null || value === undefined ? '' : typeof value === 'object' ? JSON.stringify(value) : String(value));
  return {
    reference: pkg.reference,
    generatedAt: pkg.generatedAt,
    controller: pkg.controller,
    withheldCases: pkg.withheldCases,
    redactions: pkg.redactions,
    rights: pkg.rights,
    records: pkg.records.map((r) => {
      const c = r.data;
      const rows = [
        { key: { text: 'Name' }, value: { text: [c.name.title, c.name.given, c.name.family].filter(Boolean).join(' ') } },
        ...(c.dateOfBirth ? [{ key: { text: 'Date of birth' }, value: { text: c.dateOfBirth.value } }] : []),
        ...c.addresses.map((a) => ({ key: { text: `Address (${a.use})` }, value: { text: formatAddress(a) } })),
        ...c.contactPoints.map((p) => ({ key: { text: p.kind === 'phone' ? 'Phone' : 'Email' }, value: { text: p.value } })),
        ...c.identifiers.map((i) => ({ key: { text: i.scheme === 'local' ? (i.system ?? 'Reference') : i.scheme.replaceAll('-', ' ') }, value: { text: i.value } })),
      ];
      return { source: r.source, recordId: r.recordId, rows, notice: notice(r.processing) };
    }),
    cases: pkg.cases.map((k) => ({
      id: k.case.id,
      caseType: k.case.caseType,
      status: k.case.status,
      openedAt: k.case.openedAt,
      rows: Object.entries(k.case.data).map(([key, value]) => ({ key: { text: key }, value: { text: text(value) } })),
      history: k.history.map((e) => ({ type: e.type.replaceAll('-', ' '), at: e.at, detail: text(e.payload['text'] ?? e.payload['transition'] ?? '') })),
      notice: notice(k.processing),
    })),
  };
}
