import { z } from 'zod';
import { citizenSchema } from '../schemas/citizen.js';
import type { Citizen, Consent } from '../schemas/types.js';
import type { ConsentLedger, ConsentLedgerEntry } from './consent-ledger.js';
import { GdprError } from './errors.js';
import type { DataSubject, GdprActor, ProcessingNotice, SubjectCase, SubjectCaseEvent, SubjectCaseReader } from './ports.js';
import type { SpecialCategoryAccessEntry } from './special-category.js';
import { SPECIAL_CATEGORY_FIELDS } from './special-category.js';
import { createThirdPartyRedactor } from './third-parties.js';

/**
 * Who the controller is, for the export's header.
 *
 * @example
 * ```ts
 * const controller: DataController = { name: 'Anytown Borough Council', contact: 'dpo@anytown.gov.uk' };
 * ```
 */
export interface DataController {
  /** The council's name. */
  name: string;
  /** How to reach the data protection officer. */
  contact: string;
}

/**
 * Options for {@link createSubjectAccessExport}.
 *
 * @example
 * ```ts
 * const options: SubjectAccessExportOptions = {
 *   controller: { name: 'Anytown Borough Council', contact: 'dpo@anytown.gov.uk' },
 *   processing: { 'council-tax': councilTaxNotice, housing: housingNotice },
 *   caseProcessing: { '*': contactCentreNotice },
 *   cases: caseEngine,
 *   knownCitizens: () => citizenStore.all(),
 *   onSpecialCategoryAccess: (entry) => audit.append(entry),
 * };
 * ```
 */
export interface SubjectAccessExportOptions {
  /** The controller. */
  controller: DataController;
  /** Supplementary information per source system. A source without one is refused (`missing-processing-notice`). */
  processing: Readonly<Record<string, ProcessingNotice>>;
  /** Supplementary information per case type, `'*'` for the rest. Needed when `cases` is given. */
  caseProcessing?: Readonly<Record<string, ProcessingNotice>>;
  /** Where cases are read from. Default: no cases. */
  cases?: SubjectCaseReader;
  /** Every known citizen, to find third parties to redact (the subject's own records are skipped). Default: none. */
  knownCitizens?: () => Iterable<Citizen> | Promise<Iterable<Citizen>>;
  /** A consent ledger whose history for the subject is exported too. Default: none. */
  consentLedger?: Pick<ConsentLedger, 'history'>;
  /** Show staff ids in case histories. Default `false`: they read "council staff". */
  showStaff?: boolean;
  /** Called when the export reads special category data; if it throws, the export fails. Default: none. */
  onSpecialCategoryAccess?: (entry: SpecialCategoryAccessEntry) => void | Promise<void>;
  /** The clock. Default: `() => new Date()`. */
  now?: () => Date;
}

/**
 * A request for one subject's data.
 *
 * @example
 * ```ts
 * const request: SubjectAccessRequest = { subject: { id: person.id, sources: person.sources }, actor: { id: 'dpo-1', teams: ['information-governance'] }, reference: 'SAR-2025-0042' };
 * ```
 */
export interface SubjectAccessRequest {
  /** The subject. */
  subject: DataSubject;
  /** Who is preparing the export (use an actor every case type's access policy admits). */
  actor: GdprActor;
  /** The council's reference for the request. */
  reference: string;
}

/**
 * One source record in the export.
 *
 * @example
 * ```ts
 * const entry: SubjectAccessRecord = pkg.records[0]!;
 * entry.processing.retention; // '6 years after the account closes'
 * ```
 */
export interface SubjectAccessRecord {
  /** Source system. */
  source: string;
  /** Record id there. */
  recordId: string;
  /** When it last changed. */
  updatedAt: string;
  /** The data, third parties redacted. */
  data: Citizen;
  /** The supplementary information for this source. */
  processing: ProcessingNotice;
}

/**
 * One case in the export.
 *
 * @example
 * ```ts
 * const entry: SubjectAccessCase = pkg.cases[0]!;
 * entry.history.filter((e) => e.type === 'note-added');
 * ```
 */
export interface SubjectAccessCase {
  /** The case, third parties redacted. */
  case: SubjectCase;
  /** Its history, third parties redacted. */
  history: SubjectCaseEvent[];
  /** The supplementary information for this case type. */
  processing: ProcessingNotice;
}

/**
 * The whole export, as JSON.
 *
 * @example
 * ```ts
 * await writeFile('sar.json', JSON.stringify(result.json, null, 2));
 * ```
 */
export interface SubjectAccessPackage {
  /** The request reference. */
  reference: string;
  /** When produced. */
  generatedAt: string;
  /** The controller. */
  controller: DataController;
  /** Person id. */
  subjectId: string;
  /** Every source record. */
  records: SubjectAccessRecord[];
  /** Every case linked to the subject or any of their source record ids. */
  cases: SubjectAccessCase[];
  /** Cases the actor was not allowed to read: when above 0 the export is incomplete. */
  withheldCases: number;
  /** Consents and lawful bases recorded, from every record. */
  consents: Consent[];
  /** The consent ledger's history for the subject (every change, oldest first; actors shown as "council staff" unless `showStaff`). */
  consentHistory: ConsentLedgerEntry[];
  /** How many third-party values were redacted. */
  redactions: number;
  /** The person's rights, in plain words. */
  rights: string[];
}

/**
 * What an export gives back: the JSON and the same content as a readable
 * Markdown document.
 *
 * @example
 * ```ts
 * const { json, markdown } = await sar.export(request);
 * ```
 */
export interface SubjectAccessResult {
  /** Machine-readable. */
  json: SubjectAccessPackage;
  /** Readable (Markdown). */
  markdown: string;
}

/**
 * What {@link createSubjectAccessExport} gives back.
 *
 * @example
 * ```ts
 * const sar: SubjectAccessExporter = createSubjectAccessExport(options);
 * ```
 */
export interface SubjectAccessExporter {
  /** Produce the export for one subject. */
  export(request: SubjectAccessRequest): Promise<SubjectAccessResult>;
}

const RIGHTS = [
  'You can ask us to correct anything that is wrong or incomplete (right to rectification).',
  'You can ask us to delete your data where we no longer need it or have no lawful basis to keep it (right to erasure).',
  'You can ask us to restrict how we use your data while a concern is looked into (right to restriction).',
  'You can object to processing we do for a public task or in legitimate interests (right to object).',
  'Where we rely on your consent you can withdraw it at any time; this does not affect what we did before.',
  'You can complain to the Information Commissioner’s Office: ico.org.uk, 0303 123 1113.',
];

const requestSchema = z.object({
  subject: z.object({
    id: z.string().min(1),
    sources: z.array(z.object({ source: z.string().min(1), recordId: z.string().min(1), updatedAt: z.string(), citizen: citizenSchema })),
  }),
  actor: z.object({ id: z.string().min(1), teams: z.array(z.string()) }).loose(),
  reference: z.string().trim().min(1).max(200),
});

/**
 * Create a subject access request (UK GDPR Article 15) exporter: everything
 * held about a person across their source records and every case linked to
 * them, with the supplementary information (purposes, lawful bases,
 * recipients, retention, source) for each, as JSON and as a readable
 * Markdown document. Other people's data is redacted (see
 * `createThirdPartyRedactor`): other known citizens' names, identifiers,
 * phone numbers and emails, and the first names of household members.
 *
 * @example
 * ```ts
 * import { createSubjectAccessExport } from '@councilkit/citizen/gdpr';
 *
 * const sar = createSubjectAccessExport({ controller, processing: { 'council-tax': notice }, caseProcessing: { '*': caseNotice }, cases: caseEngine, knownCitizens: () => allCitizens });
 * const { json, markdown } = await sar.export({ subject: { id: person.id, sources: person.sources }, actor: dpo, reference: 'SAR-42' });
 * if (json.withheldCases > 0) throw new Error('Export with an actor that can read every case');
 * ```
 */
export function createSubjectAccessExport(options: SubjectAccessExportOptions): SubjectAccessExporter {
  if (!options || typeof options !== 'object' || !options.controller || typeof options.processing !== 'object' || options.processing === null) {
    throw new GdprError('invalid-options', 'Subject access export needs a controller and processing notices');
  }
  if (options.cases && !options.caseProcessing) throw new GdprError('invalid-options', 'Give caseProcessing notices when cases are exported');
  const now = options.now ?? (() => new Date());

  function caseNotice(caseType: string): ProcessingNotice {
    const notice = options.caseProcessing?.[caseType] ?? options.caseProcessing?.['*'];
    if (!notice) throw new GdprError('missing-processing-notice', `No processing notice for case type ${caseType}`);
    return notice;
  }

  return {
    async export(request) {
      const parsed = requestSchema.safeParse(request);
      if (!parsed.success) throw new GdprError('invalid-request', `The request is not valid: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
      const { subject, actor, reference } = request;
      for (const record of subject.sources) {
        if (!options.processing[record.source]) throw new GdprError('missing-processing-notice', `No processing notice for source ${record.source}`);
      }
      const at = now().toISOString();
      const citizens = subject.sources.map((s) => s.citizen);
      const redactor = createThirdPartyRedactor({ subject: citizens, others: options.knownCitizens ? await options.knownCitizens() : [] });

      const special = citizens.filter((c) => SPECIAL_CATEGORY_FIELDS.some((field) => (field === 'communicationNeeds' ? c.communicationNeeds !== undefined : c[field].length > 0)));
      if (special.length > 0 && options.onSpecialCategoryAccess) {
        for (const citizen of special) {
          await options.onSpecialCategoryAccess({ actorId: actor.id, citizenId: citizen.id, purpose: `subject-access-request:${reference}`, at, fields: [...SPECIAL_CATEGORY_FIELDS] });
        }
      }

      const records: SubjectAccessRecord[] = subject.sources.map((record) => ({
        source: record.source,
        recordId: record.recordId,
        updatedAt: record.updatedAt,
        data: redactor.value(record.citizen),
        processing: options.processing[record.source] as ProcessingNotice,
      }));

      const cases: SubjectAccessCase[] = [];
      let withheldCases = 0;
      if (options.cases) {
        const seen = new Set<string>();
        const citizenIds = [...new Set([subject.id, ...citizens.map((c) => c.id)])];
        for (const citizenId of citizenIds) {
          const timeline = await options.cases.casesByCitizen({ actor, citizenId });
          withheldCases += timeline.withheld;
          for (const item of timeline.cases) {
            if (seen.has(item.case.id)) continue;
            seen.add(item.case.id);
            const view = await options.cases.getCase({ actor, caseId: item.case.id });
            const history = view.history.map((event) => {
              const copy: SubjectCaseEvent = { type: event.type, at: event.at, actorId: options.showStaff ? event.actorId : 'council staff', payload: redactor.value(event.payload) };
              if (event.from !== undefined) copy.from = event.from;
              if (event.to !== undefined) copy.to = event.to;
              if (event.channel !== undefined) copy.channel = event.channel;
              return copy;
            });
            cases.push({ case: redactor.value(structuredClone(view.case)), history, processing: caseNotice(view.case.caseType) });
          }
        }
        cases.sort((a, b) => (a.case.openedAt < b.case.openedAt ? -1 : a.case.openedAt > b.case.openedAt ? 1 : 0));
      }

      const consents = dedupeConsents(records.flatMap((r) => r.data.consents));
      const consentHistory = options.consentLedger
        ? [...new Set([subject.id, ...citizens.map((c) => c.id)])]
            .flatMap((id) => options.consentLedger?.history(id) ?? [])
            .sort((a, b) => a.sequence - b.sequence)
            .map((entry) => redactor.value({ ...entry, actorId: options.showStaff ? entry.actorId : 'council staff' }))
        : [];
      const json: SubjectAccessPackage = {
        reference,
        generatedAt: at,
        controller: options.controller,
        subjectId: subject.id,
        records,
        cases,
        withheldCases,
        consents,
        consentHistory,
        redactions: redactor.count,
        rights: RIGHTS,
      };
      return { json, markdown: renderSubjectAccessMarkdown(json) };
    },
  };
}

function dedupeConsents(consents: readonly Consent[]): Consent[] {
  const seen = new Map<string, Consent>();
  for (const consent of consents) seen.set(`${consent.purpose}|${consent.recordedAt}|${consent.status}`, consent);
  return [...seen.values()].sort((a, b) => (a.recordedAt < b.recordedAt ? -1 : 1));
}

/** Markdown-escape text from records, so a value cannot inject links, HTML or formatting. */
function md(value: unknown): string {
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return (text ?? '').replace(/[\\`*_{}[\]()#+!|<>~]/g, '\\$&').replace(/\r?\n/g, ' ');
}

function noticeLines(notice: ProcessingNotice): string[] {
  const lines = [
    `- Why we hold it: ${notice.purposes.map(md).join('; ')}`,
    `- Lawful basis: ${notice.lawfulBases.map(md).join(', ')}`,
  ];
  if (notice.specialCategoryConditions?.length) lines.push(`- Special category condition: ${notice.specialCategoryConditions.map(md).join(', ')}`);
  lines.push(`- Who we share it with: ${notice.recipients.length > 0 ? notice.recipients.map(md).join('; ') : 'nobody outside the council'}`, `- How long we keep it: ${md(notice.retention)}`, `- Where it came from: ${md(notice.source)}`);
  return lines;
}

function flatten(value: unknown, prefix: string, out: Array<[string, string]>): void {
  if (value === undefined) return;
  if (Array.isArray(value)) {
    value.forEach((item, index) => flatten(item, `${prefix} ${index + 1}`, out));
  } else if (value !== null && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) flatten(item, prefix ? `${prefix} › ${key}` : key, out);
  } else {
    out.push([prefix, String(value)]);
  }
}

function table(value: unknown): string[] {
  const rows: Array<[string, string]> = [];
  flatten(value, '', rows);
  if (rows.length === 0) return ['Nothing held.'];
  return ['| Item | Value |', '| --- | --- |', ...rows.map(([key, item]) => `| ${md(key)} | ${md(item)} |`)];
}

/**
 * Render a {@link SubjectAccessPackage} as a readable Markdown document:
 * a summary, each record and case with its supplementary information, the
 * consents, and the person's rights. Every value is escaped.
 *
 * @example
 * ```ts
 * const markdown = renderSubjectAccessMarkdown(result.json);
 * ```
 */
export function renderSubjectAccessMarkdown(pkg: SubjectAccessPackage): string {
  const lines: string[] = [
    `# Your personal data held by ${md(pkg.controller.name)}`,
    '',
    `Request reference: ${md(pkg.reference)}. Produced ${md(pkg.generatedAt)}. Questions: ${md(pkg.controller.contact)}.`,
    '',
    `We hold ${pkg.records.length} record${pkg.records.length === 1 ? '' : 's'} about you and ${pkg.cases.length} case${pkg.cases.length === 1 ? '' : 's'}.`,
  ];
  if (pkg.redactions > 0) lines.push('', `We removed ${pkg.redactions} piece${pkg.redactions === 1 ? '' : 's'} of information about other people, shown as “[third party]”.`);
  if (pkg.withheldCases > 0) lines.push('', `Note: ${pkg.withheldCases} case${pkg.withheldCases === 1 ? ' was' : 's were'} not included in this export.`);
  for (const record of pkg.records) {
    lines.push('', `## ${md(record.source)} record ${md(record.recordId)}`, '', `Last updated ${md(record.updatedAt)}.`, '', ...noticeLines(record.processing), '', ...table(record.data));
  }
  for (const item of pkg.cases) {
    const c = item.case;
    lines.push('', `## Case ${md(c.id)}: ${md(c.caseType)}`, '', `Opened ${md(c.openedAt)} by ${md(c.channel)}; now ${md(c.state)} (${md(c.status)}).`, '', ...noticeLines(item.processing), '', '### Details', '', ...table({ data: c.data, externalReferences: c.externalReferences, attachments: c.attachments }), '', '### History', '');
    for (const event of item.history) {
      const detail: Array<[string, string]> = [];
      flatten(event.payload, '', detail);
      lines.push(`- ${md(event.at)} ${md(event.type)}${event.to ? ` to ${md(event.to)}` : ''} by ${md(event.actorId)}${detail.length > 0 ? `: ${detail.map(([k, v]) => `${md(k)} ${md(v)}`).join('; ')}` : ''}`);
    }
  }
  lines.push('', '## Consents and lawful bases', '');
  if (pkg.consents.length === 0) lines.push('None recorded.');
  for (const consent of pkg.consents) {
    lines.push(`- ${md(consent.purpose)}: ${md(consent.lawfulBasis)}, ${md(consent.status)} ${md(consent.recordedAt)}${consent.withdrawnAt ? `, withdrawn ${md(consent.withdrawnAt)}` : ''}`);
  }
  if (pkg.consentHistory.length > 0) {
    lines.push('', '### Changes to your consents', '');
    for (const entry of pkg.consentHistory) lines.push(`- ${md(entry.consent.status === 'withdrawn' ? entry.consent.withdrawnAt : entry.consent.recordedAt)} ${md(entry.consent.purpose)}: ${md(entry.consent.status)} (${md(entry.consent.lawfulBasis)})`);
  }
  lines.push('', '## Your rights', '', ...pkg.rights.map((right) => `- ${md(right)}`), '');
  return lines.join('\n');
}
