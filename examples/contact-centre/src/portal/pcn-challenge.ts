import { type Pcn, checkChallengeAllowed, pcnNumberSchema, vrmSchema } from '@councilkit/parking';
import { z } from 'zod';
import { readThrough } from '../back-offices/read-through.js';
import type { Services } from '../services.js';
import { newCaseReference } from '../web/case-presenter.js';
import type { Answers, Journey } from '../web/journey.js';

const pounds = (pence: number) => new Intl.NumberFormat('en-GB', { style: 'currency', currency: 'GBP' }).format(pence / 100);
const day = (iso: string | null) =>
  iso ? new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(new Date(`${iso}T00:00:00Z`)) : 'not set';
const stageName = (stage: string) => stage.replace(/-/g, ' ');

/**
 * Check a penalty charge notice by its number and the vehicle registration
 * (both, always: nobody can browse PCNs), see what is due and until when as
 * the parking back office works it out, and make an informal challenge.
 */
export function pcnChallengeJourney(services: Services): Journey {
  const { parking, engine } = services;
  const lookup = (answers: Answers) =>
    readThrough<Pcn>('the penalty charge', 'The parking system', (signal) =>
      parking.client.findPcn({ pcnNumber: String(answers['pcn']?.['pcnNumber'] ?? ''), vrm: String(answers['pcn']?.['vrm'] ?? '') }, { signal }),
    );
  const allowed = (pcn: Pcn) => checkChallengeAllowed({ stage: pcn.stage, serviceMethod: pcn.serviceMethod, kind: 'informal' });

  return {
    slug: 'parking-fine',
    title: 'Check or challenge a parking fine',
    description: 'See how much a penalty charge notice (PCN) costs now, and challenge it if you think it is wrong.',
    steps: [
      {
        id: 'pcn',
        title: 'Enter your penalty charge notice details',
        schema: () => z.object({ pcnNumber: pcnNumberSchema, vrm: vrmSchema.pipe(z.string().min(2)) }),
        labels: { pcnNumber: 'Penalty charge notice number', vrm: 'Vehicle registration number' },
        summary: (data) => [
          { key: 'PCN number', value: String(data['pcnNumber']) },
          { key: 'Vehicle registration', value: String(data['vrm']) },
        ],
      },
      {
        id: 'action',
        title: 'What do you want to do?',
        blocked: async (answers) => {
          const found = await lookup(answers);
          if (found.status === 'ok') return undefined;
          return found.reason === 'not-found'
            ? { title: 'We could not find that penalty charge notice', message: 'Check the PCN number and the vehicle registration on the notice. Both must match.' }
            : { title: 'We cannot check penalty charges right now', message: 'Try again later, or call us.' };
        },
        facts: async (answers) => {
          const found = await lookup(answers);
          if (found.status !== 'ok') return { heading: 'Your penalty charge', rows: [], notice: found.message };
          const pcn = found.data;
          return {
            heading: `Penalty charge ${pcn.pcnNumber}`,
            rows: [
              { key: 'Contravention', value: `${pcn.contravention} (code ${pcn.contraventionCode})` },
              { key: 'Where', value: pcn.location },
              { key: 'Stage', value: stageName(pcn.stage) },
              { key: 'Amount due now', value: pcn.amountDue ? `${pounds(pcn.amountDue)}${pcn.dueBy ? `, pay by ${day(pcn.dueBy)}` : ''}` : 'Nothing to pay' },
              ...(pcn.discountUntil ? [{ key: 'Discount', value: `${pounds(pcn.amountDiscounted)} if paid by ${day(pcn.discountUntil)}` }] : []),
            ],
          };
        },
        schema: () => z.object({ action: z.enum(['challenge', 'pay-later']) }),
        labels: { action: 'What do you want to do?' },
        optionLabels: () => ({ action: { challenge: 'Challenge the penalty charge', 'pay-later': 'Nothing now: I will pay it' } }),
        summary: (data) => [{ key: 'What you want to do', value: data['action'] === 'challenge' ? 'Challenge the penalty charge' : 'Pay later' }],
        stop: (data) =>
          data['action'] === 'pay-later'
            ? { title: 'Paying your penalty charge', message: 'Pay the amount shown by the date shown, using the payment details on your notice. The discount ends on the date shown.' }
            : undefined,
      },
      {
        id: 'statement',
        title: 'Why should the penalty charge be cancelled?',
        blocked: async (answers) => {
          const found = await lookup(answers);
          if (found.status !== 'ok') return { title: 'We cannot check penalty charges right now', message: 'Try again later, or call us.' };
          const check = allowed(found.data);
          return check.allowed ? undefined : { title: 'You cannot make an informal challenge now', message: check.message };
        },
        schema: () =>
          z.object({
            statement: z.string().trim().min(1).max(5000).describe('Tell us what happened, and why you think the penalty charge is wrong'),
            contactEmail: z.email().max(254).optional().describe('We will send the decision here'),
          }),
        labels: { statement: 'Why should the penalty charge be cancelled?', contactEmail: 'Email address' },
        summary: (data) => [
          { key: 'Your reasons', value: String(data['statement']) },
          { key: 'Email address', value: data['contactEmail'] ? String(data['contactEmail']) : 'Not given' },
        ],
      },
    ],
    async submit(answers) {
      const found = await lookup(answers);
      if (found.status !== 'ok') return { ok: false, message: found.message };
      const pcn = found.data;
      const check = allowed(pcn);
      if (!check.allowed) return { ok: false, message: check.message };
      const statement = String(answers['statement']?.['statement'] ?? '');
      const key = `portal:pcn:${pcn.pcnNumber}:${statement}`;
      const opened = await engine.open({
        actor: services.portalActor,
        idempotencyKey: key,
        caseId: newCaseReference(key),
        caseType: 'parking.challenge',
        channel: 'web',
        data: {
          pcnNumber: pcn.pcnNumber,
          vrm: pcn.vrm,
          serviceMethod: pcn.serviceMethod,
          stage: pcn.stage,
          statement,
          ...(answers['statement']?.['contactEmail'] ? { contactEmail: String(answers['statement']['contactEmail']) } : {}),
        },
      });
      try {
        await engine.transition({ actor: services.portalActor, idempotencyKey: `${key}:submit`, caseId: opened.caseId, transition: 'submit', channel: 'web' });
      } catch (error) {
        if ((error as { reason?: string }).reason !== 'transition-not-allowed') return { ok: false, message: (error as Error).message };
      }
      return {
        ok: true,
        reference: opened.caseId,
        nextSteps: 'We have sent your challenge to the parking team. The penalty charge is put on hold while they consider it, and they will write to you with their decision.',
      };
    },
  };
}
