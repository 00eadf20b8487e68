import { type Account, assessMoveDate } from '@councilkit/revenues';
import { z } from 'zod';
import { readThrough } from '../back-offices/read-through.js';
import { normalisePostcode } from '../residents/resident-index.js';
import type { Services } from '../services.js';
import { newCaseReference } from '../web/case-presenter.js';
import type { Answers, Journey } from '../web/journey.js';

const londonToday = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' }).format(new Date());
const postcode = z
  .string()
  .trim()
  .min(1)
  .max(10)
  .refine((v) => normalisePostcode(v) !== undefined, 'Enter a real postcode, like AT1 1AA')
  .transform((v) => normalisePostcode(v)!);

/**
 * Tell us you are moving home: find the council tax account by its number
 * and the property's postcode (a second factor, so nobody can browse
 * accounts; the back office locks an account after repeated failures), the
 * move and its date (checked with the revenues package's move-date rule),
 * the new address, check your answers, confirmation.
 */
export function movingHomeJourney(services: Services): Journey {
  const { revenues, engine } = services;
  const lookup = (answers: Answers) =>
    readThrough<Account>('a council tax account', 'The council tax system', (signal) =>
      revenues.client.findAccount({ reference: String(answers['account']?.['reference'] ?? ''), postcode: String(answers['account']?.['postcode'] ?? '') }, { signal }),
    );

  return {
    slug: 'moving-home',
    title: 'Tell us you are moving home',
    description: 'Update your council tax when you move out of the area or to another address in it.',
    steps: [
      {
        id: 'account',
        title: 'Find your council tax account',
        schema: () =>
          z.object({
            reference: z.string().trim().regex(/^\d{6,12}$/, 'Enter your council tax account number, like 500100004').describe('This is on your council tax bill'),
            postcode: postcode.describe('The postcode of the address you pay council tax for'),
          }),
        labels: { reference: 'Council tax account number', postcode: 'Postcode' },
        summary: (data) => [
          { key: 'Council tax account', value: String(data['reference']) },
          { key: 'Postcode', value: String(data['postcode']) },
        ],
      },
      {
        id: 'move',
        title: 'About your move',
        blocked: async (answers) => {
          const found = await lookup(answers);
          if (found.status === 'ok') return undefined;
          return found.reason === 'not-found'
            ? { title: 'We could not find your account', message: 'Check the account number on your bill and the postcode of the property. After 5 wrong tries the account is locked for 15 minutes.' }
            : { title: 'We cannot check council tax accounts right now', message: 'Try again later, or call us.' };
        },
        facts: async (answers) => {
          const found = await lookup(answers);
          if (found.status !== 'ok') return { heading: 'Your account', rows: [], notice: found.message };
          return {
            heading: 'Your account',
            rows: [
              { key: 'Property', value: [...found.data.propertyAddress.lines, found.data.propertyAddress.postcode].join(', ') },
              { key: 'Band', value: found.data.band },
            ],
          };
        },
        schema: () =>
          z
            .object({
              kind: z.enum(['out', 'within']).describe('Tell us separately about a new property you are moving into'),
              moveDate: z.iso.date(),
            })
            .superRefine((value, ctx) => {
              const answer = assessMoveDate({ moveDate: value.moveDate, today: londonToday() });
              if (answer.decision === 'refuse') ctx.addIssue({ code: 'custom', path: ['moveDate'], message: answer.message, input: value.moveDate });
            }),
        labels: { kind: 'Where are you moving?', moveDate: 'When do you move?' },
        optionLabels: () => ({ kind: { out: 'I am leaving the area', within: 'I am moving to another address in the area' } }),
        summary: (data) => [
          { key: 'Move', value: data['kind'] === 'out' ? 'Leaving the area' : 'Moving within the area' },
          { key: 'Move date', value: new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(new Date(`${String(data['moveDate'])}T00:00:00Z`)) },
        ],
      },
      {
        id: 'address',
        title: 'What is your new address?',
        schema: () =>
          z.object({
            line1: z.string().trim().min(1).max(100),
            line2: z.string().trim().max(100).optional(),
            town: z.string().trim().min(1).max(100),
            postcode,
          }),
        labels: { line1: 'Address line 1', line2: 'Address line 2', town: 'Town or city', postcode: 'Postcode' },
        summary: (data) => [{ key: 'New address', value: [data['line1'], data['line2'], data['town'], data['postcode']].filter(Boolean).join(', ') }],
      },
    ],
    async submit(answers) {
      const found = await lookup(answers);
      if (found.status !== 'ok') return { ok: false, message: found.message };
      const move = answers['move']!;
      const address = answers['address']!;
      const newAddress = { lines: [address['line1'], address['line2'], address['town']].filter(Boolean).map(String), postcode: String(address['postcode']) };
      const key = `portal:move:${found.data.accountId}:${String(move['moveDate'])}:${String(move['kind'])}`;
      const opened = await engine.open({
        actor: services.portalActor,
        idempotencyKey: key,
        caseId: newCaseReference(key),
        caseType: 'revenues.moving-home',
        channel: 'web',
        data: {
          accountId: found.data.accountId,
          accountReference: found.data.reference,
          kind: String(move['kind']),
          moveDate: String(move['moveDate']),
          ...(move['kind'] === 'out' ? { forwardingAddress: newAddress } : { newAddress }),
        },
      });
      try {
        await engine.transition({ actor: services.portalActor, idempotencyKey: `${key}:refer`, caseId: opened.caseId, transition: 'refer', channel: 'web' });
      } catch (error) {
        if ((error as { reason?: string }).reason !== 'transition-not-allowed') return { ok: false, message: (error as Error).message };
      }
      return {
        ok: true,
        reference: opened.caseId,
        nextSteps: 'We have sent your move to the council tax team. They will send a new bill, or a final bill to your new address, worked out to the day you move.',
      };
    },
  };
}
