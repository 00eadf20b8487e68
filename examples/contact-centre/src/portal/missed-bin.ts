import { missedCollectionCaseData, type Property } from '@councilkit/waste';
import { z } from 'zod';
import { binDaysFor } from '../back-offices/bin-days.js';
import { normalisePostcode } from '../residents/resident-index.js';
import { displayName } from '../residents/resident-directory.js';
import type { Services } from '../services.js';
import { newCaseReference } from '../web/case-presenter.js';
import type { Answers, Journey } from '../web/journey.js';

const longDate = (iso: string | undefined) =>
  iso ? new Intl.DateTimeFormat('en-GB', { weekday: 'long', day: 'numeric', month: 'long', timeZone: 'UTC' }).format(new Date(`${iso}T00:00:00Z`)) : undefined;
const addressOf = (p: Property) => [...p.address.lines, p.address.town, p.postcode].join(', ');
const fold = (s: string) => s.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[^a-z]+/g, ' ').trim();

/**
 * Check your bin days and report a missed collection: postcode, address,
 * bin days with the collection to report, name, check your answers,
 * confirmation with the case reference. The case is raised on the web
 * channel and referred to the waste service straight away.
 */
export function missedBinJourney(services: Services): Journey {
  const { waste, engine } = services;
  const postcodeOf = (answers: Answers) => String(answers['postcode']?.['postcode'] ?? '');
  const propertiesAt = async (answers: Answers) => {
    try {
      return await waste.client.findPropertiesByPostcode(postcodeOf(answers));
    } catch {
      return [];
    }
  };
  const uprnOf = (answers: Answers) => Number(answers['address']?.['uprn']);
  // One page asks for the bin days several times (facts, question, labels):
  // keep each answer for a few seconds so the back office is asked once.
  const recent = new Map<number, { at: number; answer: ReturnType<typeof binDaysFor> }>();
  const binsOf = (answers: Answers) => {
    const uprn = uprnOf(answers);
    const now = Date.now();
    for (const [key, entry] of recent) if (now - entry.at > 5000) recent.delete(key);
    const cached = recent.get(uprn);
    if (cached) return cached.answer;
    const answer = binDaysFor(waste, uprn);
    recent.set(uprn, { at: now, answer });
    return answer;
  };

  return {
    slug: 'missed-bin',
    title: 'Check bin days or report a missed bin',
    description: 'See when your bins are collected, and tell us if a collection was missed.',
    steps: [
      {
        id: 'postcode',
        title: 'What is your postcode?',
        schema: () =>
          z.object({
            postcode: z
              .string()
              .trim()
              .min(1)
              .max(10)
              .refine((v) => normalisePostcode(v) !== undefined, 'Enter a real postcode, like AT1 1AA')
              .transform((v) => normalisePostcode(v)!),
          }),
        labels: { postcode: 'What is your postcode?' },
        summary: (data) => [{ key: 'Postcode', value: String(data['postcode']) }],
      },
      {
        id: 'address',
        title: 'Select your address',
        blocked: async (answers) =>
          (await propertiesAt(answers)).length
            ? undefined
            : { title: 'We could not find that postcode', message: `We have no addresses for ${postcodeOf(answers)} in our bin collection records. Check the postcode, or call us.` },
        schema: async (answers) => {
          const uprns = (await propertiesAt(answers)).map((p) => String(p.uprn));
          return z.object({ uprn: z.enum(uprns.length ? (uprns as [string, ...string[]]) : ['none']) });
        },
        labels: { uprn: 'Select your address' },
        optionLabels: async (answers) => ({ uprn: Object.fromEntries((await propertiesAt(answers)).map((p) => [String(p.uprn), addressOf(p)])) }),
        summary: async (data, answers) => {
          const property = (await propertiesAt(answers)).find((p) => String(p.uprn) === data['uprn']);
          return [{ key: 'Address', value: property ? addressOf(property) : String(data['uprn']) }];
        },
      },
      {
        id: 'bin',
        title: 'Which collection was missed?',
        facts: async (answers) => {
          const bins = await binsOf(answers);
          if (bins.status === 'degraded') return { heading: 'Your bin days', rows: [], notice: bins.message };
          return {
            heading: 'Your bin days',
            rows: bins.data.services.map((s) => ({
              key: s.name,
              value: `${s.schedule}. Last collection ${longDate(s.lastDate) ?? 'not recorded'}${s.lastOutcome ? ` (${s.lastOutcome.toLowerCase()})` : ''}. Next ${longDate(s.nextDate) ?? 'not scheduled'}.`,
            })),
          };
        },
        blocked: async (answers) => {
          const bins = await binsOf(answers);
          if (bins.status === 'degraded') return { title: 'We cannot check your collections right now', message: bins.message.replace('You can still raise a case.', 'Try again later, or call us.') };
          if (!bins.data.services.some((s) => s.reportable)) {
            const reasons = bins.data.services.map((s) => `${s.name}: ${s.refusal ?? 'not reportable'}`).join(' ');
            return { title: 'You cannot report a missed collection at the moment', message: reasons };
          }
          return undefined;
        },
        schema: async (answers) => {
          const bins = await binsOf(answers);
          const ids = bins.status === 'ok' ? bins.data.services.filter((s) => s.reportable).map((s) => s.id) : [];
          return z.object({ serviceId: z.enum(ids.length ? (ids as [string, ...string[]]) : ['none']) });
        },
        labels: { serviceId: 'Which collection was missed?' },
        optionLabels: async (answers) => {
          const bins = await binsOf(answers);
          return { serviceId: bins.status === 'ok' ? Object.fromEntries(bins.data.services.map((s) => [s.id, `${s.name} (due ${longDate(s.lastDate) ?? 'recently'})`])) : {} };
        },
        summary: async (data, answers) => {
          const bins = await binsOf(answers);
          const service = bins.status === 'ok' ? bins.data.services.find((s) => s.id === data['serviceId']) : undefined;
          return [{ key: 'Missed collection', value: service ? `${service.name}, due ${longDate(service.lastDate) ?? 'recently'}` : String(data['serviceId']) }];
        },
      },
      {
        id: 'name',
        title: 'What is your name?',
        schema: () => z.object({ fullName: z.string().trim().min(1).max(200) }),
        labels: { fullName: 'What is your name?' },
        summary: (data) => [{ key: 'Name', value: String(data['fullName']) }],
      },
    ],
    async submit(answers) {
      const bins = await binsOf(answers);
      if (bins.status === 'degraded') return { ok: false, message: bins.message.replace('You can still raise a case.', 'Try again later.') };
      const raw = bins.data.raw.find((s) => s.id === answers['bin']?.['serviceId']);
      const service = bins.data.services.find((s) => s.id === answers['bin']?.['serviceId']);
      if (!raw || !service?.reportable) return { ok: false, message: service?.refusal ?? 'That collection cannot be reported now.' };
      // Link the report to the resident when the name matches someone living there.
      const name = fold(String(answers['name']?.['fullName'] ?? ''));
      const resident = services.residents.atUprn(String(bins.data.property.uprn)).find((r) => fold(displayName(r)) === name);
      const key = `portal:missed:${bins.data.property.uprn}:${service.id}:${name}:${service.lastDate ?? ''}`;
      const opened = await engine.open({
        actor: services.portalActor,
        idempotencyKey: key,
        caseId: newCaseReference(key),
        caseType: 'waste.missed-collection',
        data: missedCollectionCaseData({ property: bins.data.property, service: raw }),
        channel: 'web',
        ...(resident ? { citizenId: resident.id } : {}),
      });
      try {
        await engine.transition({ actor: services.portalActor, idempotencyKey: `${key}:refer`, caseId: opened.caseId, transition: 'refer', channel: 'web' });
      } catch (error) {
        // Already referred (a repeat) is fine; a refused guard is told to the resident.
        const reason = (error as { reason?: string }).reason;
        if (reason !== 'transition-not-allowed') return { ok: false, message: (error as Error).message };
      }
      return {
        ok: true,
        reference: opened.caseId,
        nextSteps: `We have told the waste service. The crew will return to collect your ${service.name.toLowerCase()} within 2 working days.`,
      };
    },
  };
}
