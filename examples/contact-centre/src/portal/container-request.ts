import { type ContainerType, checkContainerRequest, containerRequestCaseData } from '@councilkit/waste';
import { z } from 'zod';
import { readThrough } from '../back-offices/read-through.js';
import { displayName } from '../residents/resident-directory.js';
import type { Services } from '../services.js';
import { newCaseReference } from '../web/case-presenter.js';
import type { Answers, Journey } from '../web/journey.js';
import { addressSteps, foldName, nameStep } from './address-steps.js';

const pounds = (pence: number) => (pence ? new Intl.NumberFormat('en-GB', { style: 'currency', currency: 'GBP' }).format(pence / 100) : 'free');

/**
 * Request a bin or box: postcode, address, which container and why (the
 * waste package's per-property limit and charge rule runs on the answer, so
 * a request over the limit is refused on the question page with the
 * reason), name, check your answers, confirmation.
 */
export function containerRequestJourney(services: Services): Journey {
  const { waste, engine } = services;
  const address = addressSteps(waste);
  const facts = (answers: Answers) =>
    readThrough('containers', 'The waste system', async (signal) => {
      const [types, held] = await Promise.all([waste.client.listContainerTypes({ signal }), waste.client.getPropertyServices(address.uprnOf(answers), { signal })]);
      return { types: types.filter((t) => t.maxPerProperty > 0), services: held.services };
    });
  const dataFor = (answers: Answers, types: ContainerType[], held: Awaited<ReturnType<typeof waste.client.getPropertyServices>>['services']) => {
    const choice = answers['container'] ?? {};
    const containerType = types.find((t) => t.id === choice['containerType']);
    if (!containerType) return undefined;
    return {
      containerType,
      data: containerRequestCaseData({
        uprn: address.uprnOf(answers),
        containerType,
        services: held,
        reason: choice['reason'] as 'new' | 'extra' | 'replacement' | 'damaged',
        quantity: Number(choice['quantity']),
      }),
    };
  };

  return {
    slug: 'request-a-container',
    title: 'Request a bin or box',
    description: 'Ask for a new, extra or replacement bin, box or caddy.',
    steps: [
      ...address.steps,
      {
        id: 'container',
        title: 'Which container do you need?',
        blocked: async (answers) => {
          const found = await facts(answers);
          return found.status === 'ok' ? undefined : { title: 'We cannot take requests right now', message: 'Try again later, or call us.' };
        },
        schema: async (answers) => {
          const found = await facts(answers);
          const types = found.status === 'ok' ? found.data.types : [];
          const ids = types.map((t) => t.id);
          return z
            .object({
              containerType: z.enum(ids.length ? (ids as [string, ...string[]]) : ['none']),
              reason: z.enum(['new', 'extra', 'replacement', 'damaged']).describe('A replacement is for a lost or stolen container'),
              quantity: z.coerce.number().int().min(1).max(10),
            })
            .superRefine((value, ctx) => {
              if (found.status !== 'ok') return;
              const chosen = dataFor({ ...answers, container: value }, found.data.types, found.data.services);
              if (!chosen) return;
              const check = checkContainerRequest({ containerType: chosen.containerType, reason: chosen.data.reason, quantity: chosen.data.quantity, held: chosen.data.held, pending: chosen.data.pending });
              if (!check.eligible) ctx.addIssue({ code: 'custom', path: ['containerType'], message: check.message, input: value.containerType });
            });
        },
        labels: { containerType: 'Which container do you need?', reason: 'Why do you need it?', quantity: 'How many?' },
        optionLabels: async (answers) => {
          const found = await facts(answers);
          return {
            containerType: found.status === 'ok' ? Object.fromEntries(found.data.types.map((t) => [t.id, `${t.name} (${t.size}), ${pounds(t.charges.new)} for a new one`])) : {},
            reason: { new: 'New: I have never had one', extra: 'Extra: I need another one', replacement: 'Replacement: lost or stolen', damaged: 'Damaged: it is broken' },
          };
        },
        summary: async (data, answers) => {
          const found = await facts(answers);
          const type = found.status === 'ok' ? found.data.types.find((t) => t.id === data['containerType']) : undefined;
          return [
            { key: 'Container', value: `${data['quantity']} × ${type?.name ?? String(data['containerType'])}` },
            { key: 'Why', value: ({ new: 'New', extra: 'Extra', replacement: 'Replacement: lost or stolen', damaged: 'Damaged' } as Record<string, string>)[String(data['reason'])] ?? String(data['reason']) },
          ];
        },
      },
      nameStep,
    ],
    async submit(answers) {
      const found = await facts(answers);
      if (found.status !== 'ok') return { ok: false, message: 'We cannot take requests right now. Try again later.' };
      const chosen = dataFor(answers, found.data.types, found.data.services);
      if (!chosen) return { ok: false, message: 'Choose a container from the list.' };
      const check = checkContainerRequest({ containerType: chosen.containerType, reason: chosen.data.reason, quantity: chosen.data.quantity, held: chosen.data.held, pending: chosen.data.pending });
      if (!check.eligible) return { ok: false, message: check.message };
      const uprn = address.uprnOf(answers);
      const name = foldName(String(answers['name']?.['fullName'] ?? ''));
      const resident = services.residents.atUprn(String(uprn)).find((r) => foldName(displayName(r)) === name);
      const key = `portal:container:${uprn}:${chosen.containerType.id}:${chosen.data.reason}:${name}:${new Date().toISOString().slice(0, 10)}`;
      const opened = await engine.open({
        actor: services.portalActor,
        idempotencyKey: key,
        caseId: newCaseReference(key),
        caseType: 'waste.container-request',
        channel: 'web',
        data: chosen.data,
        ...(resident ? { citizenId: resident.id } : {}),
      });
      try {
        await engine.transition({ actor: services.portalActor, idempotencyKey: `${key}:refer`, caseId: opened.caseId, transition: 'refer', channel: 'web' });
      } catch (error) {
        if ((error as { reason?: string }).reason !== 'transition-not-allowed') return { ok: false, message: (error as Error).message };
      }
      return {
        ok: true,
        reference: opened.caseId,
        nextSteps: `We have ordered your ${chosen.containerType.name.toLowerCase()} from the waste service${check.charge ? `. The charge is ${pounds(check.charge)}, payable on delivery` : ''}. It is usually delivered within 10 working days.`,
      };
    },
  };
}
