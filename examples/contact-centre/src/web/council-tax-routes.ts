import { type CaseType, type JsonObject, londonDate } from '@councilkit/cases';
import type { Citizen } from '@councilkit/citizen';
import type { Account } from '@councilkit/revenues';
import { Hono } from 'hono';
import type { Context } from 'hono';
import { z } from 'zod';
import { type ReadThrough, readThrough } from '../back-offices/read-through.js';
import { lookUpPcn, presentAccount } from '../back-offices/lookups.js';
import { raiseAtFirstContact } from '../case-types/first-contact.js';
import { pcnRecordFrom } from '../case-types/pcn-record.js';
import { type FieldError, type FormField, type FormValues, fieldsFor, readForm } from '../forms/schema-form.js';
import type { AppEnv } from '../http/env.js';
import { currentAddress, displayName, pcnNumbersOf } from '../residents/resident-directory.js';
import type { Services } from '../services.js';
import { newCaseReference, newFormKey } from './case-presenter.js';
import { type PageKit, errorPage, page } from './page.js';
import { requireStaff } from './require-staff.js';
import { raisableCaseTypes, redirectToRaisedCase } from './desktop-routes.js';

/**
 * The look-up page and what an agent raises from a record found there: the
 * single person discount (apply, end it, answer the review) from a council
 * tax account, and a payment from a PCN. The case data is the record as the
 * back office holds it, read again when the agent submits, never typed; the
 * case type's guards run on it before anything is written.
 */

const accountKey = { reference: z.string().trim().regex(/^\d{6,12}$/), postcode: z.string().trim().min(5).max(10) };
const pcnKey = { pcnNumber: z.string().trim().toUpperCase().min(6).max(12), vrm: z.string().trim().min(2).max(12) };
const lookupQuery = z.object({
  reference: accountKey.reference.optional(),
  postcode: accountKey.postcode.optional(),
  pcnNumber: pcnKey.pcnNumber.optional(),
  vrm: pcnKey.vrm.optional(),
  citizenId: z.string().max(100).optional(),
});
const formKeySchema = z.string().min(16).max(64);
const spdAction = z.enum(['apply', 'cancel', 'review']);
type SpdAction = z.infer<typeof spdAction>;

/** Each discount action asks only its own questions; the adults and the discount come from the account. */
const spdQuestions: Record<SpdAction, { title: string; button: string; fields: string[]; required: string[] }> = {
  apply: { title: 'Apply for the discount', button: 'Apply for the discount', fields: ['livingAloneSince'], required: ['livingAloneSince'] },
  cancel: { title: 'End the discount', button: 'End the discount', fields: ['endDate', 'reason'], required: ['endDate', 'reason'] },
  review: { title: 'Answer the annual review', button: 'Send the review answer', fields: ['stillLivingAlone', 'otherAdultSince'], required: ['stillLivingAlone'] },
};
const spdLabels = {
  livingAloneSince: 'Living alone since',
  endDate: 'Date the discount should end',
  reason: 'Why it is ending',
  stillLivingAlone: 'Does the resident still live alone?',
  otherAdultSince: 'Date another adult moved in',
};


/** The adults an account records, as the discount rule reads them. */
function discountFacts(account: Account) {
  const residents = account.liableParties.filter((p) => !p.liableTo).map((p) => ({ name: p.name, adult: true, ...(p.disregardedBecause ? { disregardedBecause: p.disregardedBecause } : {}) }));
  return { residents, hasDiscount: account.discounts.some((d) => d.code === 'single-person' && !d.to) };
}

/** Routes for the look-up page and the cases raised from it. */
export function councilTaxRoutes(deps: { kit: PageKit; services: Services }): Hono<AppEnv> {
  const { kit, services } = deps;
  const app = new Hono<AppEnv>();
  app.use('/desktop/*', requireStaff());
  const typeFor = (c: Context<AppEnv>, name: string) => raisableCaseTypes(services, c.get('user')!).find((t) => t.name === name);
  const actor = (c: Context<AppEnv>) => services.actorFor(c.get('user')!);

  const spdFields = (caseType: CaseType, action: SpdAction): FormField[] => {
    const { fields, required } = spdQuestions[action];
    return fieldsFor(caseType.schema, { labels: spdLabels })
      .filter((f) => fields.includes(f.name))
      .map((f) => ({ ...f, id: `${action}-${f.id}`, required: required.includes(f.name) }));
  };

  // The resident a record belongs to: the one the agent came from, when the record is theirs, or the one holding it.
  const ownerOf = async (citizenId: string | undefined, owns: (citizen: Citizen) => boolean, search: string): Promise<Citizen | undefined> => {
    const given = citizenId ? services.residents.get(citizenId) : undefined;
    if (given && owns(given)) return given;
    const hits = await services.residents.search(search, 5);
    return hits.map((hit) => services.residents.get(hit.id)).find((citizen): citizen is Citizen => citizen !== undefined && owns(citizen));
  };
  const ownsAccount = (reference: string) => (citizen: Citizen) => citizen.identifiers.some((i) => i.scheme === 'council-tax-account' && i.value === reference);
  const ownsPcn = (pcnNumber: string) => (citizen: Citizen) => pcnNumbersOf(citizen).includes(pcnNumber);

  interface Shown {
    reference?: string | undefined;
    postcode?: string | undefined;
    pcnNumber?: string | undefined;
    vrm?: string | undefined;
    citizenId?: string | undefined;
  }
  const renderLookups = async (
    c: Context<AppEnv>,
    shown: Shown,
    extra: { values?: FormValues; errors?: FieldError[]; partial?: boolean; formKey?: string } = {},
    status: 200 | 422 = 200,
  ) => {
    const [account, pcn] = await Promise.all([
      shown.reference && shown.postcode
        ? readThrough('a council tax account', 'The council tax system', (signal) => services.revenues.client.findAccount({ reference: shown.reference!, postcode: shown.postcode! }, { signal }))
        : Promise.resolve(undefined),
      shown.pcnNumber && shown.vrm ? lookUpPcn(services.parking, { pcnNumber: shown.pcnNumber, vrm: shown.vrm }) : Promise.resolve(undefined),
    ]);
    const spdType = typeFor(c, 'revenues.single-person-discount');
    const actions: SpdAction[] = account?.status === 'ok' && spdType ? (discountFacts(account.data).hasDiscount ? ['cancel', 'review'] : ['apply']) : [];
    const errors = extra.errors ?? [];
    const citizen = shown.citizenId ? services.residents.get(shown.citizenId) : undefined;
    return page(
      c,
      kit,
      'agent/lookups.njk',
      {
        title: 'Look up an account or PCN',
        area: 'desktop',
        ...(citizen ? { back: `/residents/${encodeURIComponent(citizen.id)}`, backText: `Back to ${displayName(citizen)}` } : {}),
        citizenId: citizen?.id,
        account: account && (account.status === 'ok' ? { status: 'ok', data: presentAccount(account.data) } : account) satisfies ReadThrough<unknown> | undefined,
        pcn,
        canPay: pcn?.status === 'ok' && !pcn.data.ended && typeFor(c, 'parking.pcn') !== undefined,
        spdForms: actions.map((action) => ({ action, ...spdQuestions[action], fields: spdFields(spdType!, action) })),
        values: { ...shown, ...extra.values },
        errors,
        errorsByName: Object.fromEntries(errors.map((e) => [e.name, e.text])),
        partial: extra.partial ?? false,
        formKey: extra.formKey ?? newFormKey(),
      },
      status,
    );
  };

  app.get('/desktop/lookups', async (c) => {
    const raw = c.req.query();
    const parsed = lookupQuery.safeParse(raw);
    const q = parsed.success ? parsed.data : {};
    const citizen = q.citizenId ? services.residents.get(q.citizenId) : undefined;
    // Coming from a resident's page: their account, at their home's postcode.
    const reference = q.reference ?? citizen?.identifiers.find((i) => i.scheme === 'council-tax-account')?.value;
    const postcode = q.postcode ?? (q.reference ? undefined : citizen && currentAddress(citizen)?.address.postcode);
    const partial = Boolean(raw['reference']) !== Boolean(raw['postcode']) || Boolean(raw['pcnNumber']) !== Boolean(raw['vrm']) || !parsed.success;
    return renderLookups(c, { reference, postcode, pcnNumber: q.pcnNumber, vrm: q.vrm, citizenId: citizen?.id }, { values: raw, partial });
  });

  const spdForm = z.object({ ...accountKey, action: spdAction, formKey: formKeySchema, citizenId: z.string().max(100).optional() });
  app.post('/desktop/council-tax/single-person-discount', async (c) => {
    const parsed = spdForm.safeParse(c.get('form'));
    const caseType = typeFor(c, 'revenues.single-person-discount');
    if (!parsed.success || !caseType) return errorPage(c, kit, 400, 'There is a problem', 'Look the account up again and try again.');
    const { reference, postcode, action, formKey } = parsed.data;
    let account: Account;
    try {
      account = await services.revenues.client.findAccount({ reference, postcode });
    } catch {
      return errorPage(c, kit, 503, 'The council tax system did not answer', 'Try again, or raise a general enquiry for a call back.');
    }
    const citizen = await ownerOf(parsed.data.citizenId, ownsAccount(reference), reference);
    const shown = { reference, postcode, citizenId: citizen?.id };
    const fields = spdFields(caseType, action);
    const result = readForm(caseType.schema, fields, c.get('formData'), { fixed: { accountId: account.accountId, action, ...discountFacts(account) } });
    const errors = result.ok ? [] : result.errors;
    const since = result.ok ? (result.data as { livingAloneSince?: string }).livingAloneSince : undefined;
    if (since && since > londonDate(new Date())) errors.push({ name: 'livingAloneSince', href: '#apply-livingAloneSince-day', text: 'Living alone since must be today or in the past' });
    if (!result.ok || errors.length) return renderLookups(c, shown, { values: result.values, errors, formKey }, 422);
    const key = `spd:${formKey}`;
    const raised = await raiseAtFirstContact(services.engine, caseType, {
      actor: actor(c),
      channel: 'phone',
      data: result.data as Record<string, unknown> as JsonObject,
      ...(citizen ? { citizenId: citizen.id } : {}),
      idempotencyKey: key,
      caseId: newCaseReference(key),
      candidates: [action],
      move: true,
    });
    if (raised.status === 'refused') return renderLookups(c, shown, { values: result.values, errors: [{ name: `spd-${action}`, href: `#spd-${action}`, text: raised.reason }], formKey }, 422);
    return redirectToRaisedCase(c, raised, { apply: 'Single person discount application sent to council tax', cancel: 'Ending the single person discount sent to council tax', review: 'Review answer sent to council tax' }[action]);
  });

  const paymentForm = z.object({
    ...pcnKey,
    formKey: formKeySchema,
    citizenId: z.string().max(100).optional(),
    paymentReference: z.string().trim().regex(/^[A-Za-z0-9_-]{1,64}$/),
  });
  app.post('/desktop/parking/pcn-payment', async (c) => {
    const form = c.get('form');
    const parsed = paymentForm.safeParse(form);
    const caseType = typeFor(c, 'parking.pcn');
    const lookup = pcnKey.pcnNumber.safeParse(form['pcnNumber']).success && pcnKey.vrm.safeParse(form['vrm']).success;
    if (!caseType || !lookup || !formKeySchema.safeParse(form['formKey']).success) return errorPage(c, kit, 400, 'There is a problem', 'Look the PCN up again and try again.');
    const pcnNumber = pcnKey.pcnNumber.parse(form['pcnNumber']);
    const vrm = pcnKey.vrm.parse(form['vrm']);
    const formKey = form['formKey']!;
    const citizen = await ownerOf(form['citizenId'], ownsPcn(pcnNumber), pcnNumber);
    const shown = { pcnNumber, vrm, citizenId: citizen?.id };
    const values = { paymentReference: form['paymentReference'] ?? '' };
    if (!parsed.success) {
      return renderLookups(c, shown, { values, formKey, errors: [{ name: 'paymentReference', href: '#paymentReference', text: 'Enter the card payment reference: letters, numbers, hyphens and underscores only' }] }, 422);
    }
    const refuse = (text: string) => renderLookups(c, shown, { values, formKey, errors: [{ name: 'pcn-payment', href: '#pcn-payment', text }] }, 422);
    let record: ReturnType<typeof pcnRecordFrom>;
    try {
      const pcn = await services.parking.client.findPcn({ pcnNumber, vrm });
      const timeline = pcn.paid > 0 ? await services.parking.client.getPcnTimeline({ pcnNumber, vrm }) : undefined;
      record = pcnRecordFrom(pcn, timeline, new Date());
    } catch {
      return errorPage(c, kit, 503, 'The parking system did not answer', 'Try again, or raise a general enquiry for a call back.');
    }
    if (!record.ok) return refuse(record.reason);
    const key = `pcn-pay:${formKey}`;
    const raised = await raiseAtFirstContact(services.engine, caseType, {
      actor: actor(c),
      channel: 'phone',
      data: record.data as unknown as JsonObject,
      ...(citizen ? { citizenId: citizen.id } : {}),
      idempotencyKey: key,
      caseId: newCaseReference(key),
      candidates: ['record-payment'],
      move: true,
      payload: { paymentReference: parsed.data.paymentReference },
    });
    if (raised.status === 'refused') return refuse(raised.reason);
    return redirectToRaisedCase(c, raised, `Payment for PCN ${pcnNumber} sent to the parking system`);
  });

  return app;
}
