import { missedCollectionCaseData } from '@councilkit/waste';
import { z } from 'zod';
import { binDaysFor } from '../back-offices/bin-days.js';
import { displayName } from '../residents/resident-directory.js';
import type { Services } from '../services.js';
import { newCaseReference } from '../web/case-presenter.js';
import type { Answers, Journey } from '../web/journey.js';
import { addressSteps, foldName, nameStep } from './address-steps.js';

const longDate = (iso: string | undefined) =>
  iso ? new Intl.DateTimeFormat('en-GB', { weekday: 'long', day: 'numeric', month: 'long', timeZone: 'UTC' }).format(new Date(`${iso}T00:00:00Z`)) : undefined;

/**
 * Check your bin days and report a missed collection: postcode, address,
 * bin days with the collection to report, name, check your answers,
 * confirmation with the case reference. The case is raised on the web
 * channel and referred to the waste service straight away.
 */
export function missedBinJourney(services: Services): Journey {
  const { waste, engine } = services;
  const address = addressSteps(waste);
  const { uprnOf } = address;
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
      ...address.steps,
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
      nameStep,
    ],
    async submit(answers) {
      const bins = await binsOf(answers);
      if (bins.status === 'degraded') return { ok: false, message: bins.message.replace('You can still raise a case.', 'Try again later.') };
      const raw = bins.data.raw.find((s) => s.id === answers['bin']?.['serviceId']);
      const service = bins.data.services.find((s) => s.id === answers['bin']?.['serviceId']);
      if (!raw || !service?.reportable) return { ok: false, message: service?.refusal ?? 'That collection cannot be reported now.' };
      // Link the report to the resident when the name matches someone living there.
      const name = foldName(String(answers['name']?.['fullName'] ?? ''));
      const resident = services.residents.atUprn(String(bins.data.property.uprn)).find((r) => foldName(displayName(r)) === name);
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
