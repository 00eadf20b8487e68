import type { Property } from '@councilkit/waste';
import { z } from 'zod';
import { normalisePostcode } from '../residents/resident-index.js';
import type { WasteWiring } from '../back-offices/waste.js';
import type { Answers, JourneyStep } from '../web/journey.js';

/** One line for a property as the waste back office describes it. */
export const addressOf = (p: Property) => [...p.address.lines, p.address.town, p.postcode].join(', ');

/** Fold a name for a forgiving comparison: case, accents and punctuation ignored. */
export const foldName = (s: string) => s.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[^a-z]+/g, ' ').trim();

/**
 * The two questions most waste journeys start with: "What is your
 * postcode?" and "Select your address", from the properties the waste back
 * office holds. Answers are kept as `postcode.postcode` and `address.uprn`.
 */
export function addressSteps(waste: WasteWiring): { steps: JourneyStep[]; uprnOf: (answers: Answers) => number; propertyOf: (answers: Answers) => Promise<Property | undefined> } {
  const postcodeOf = (answers: Answers) => String(answers['postcode']?.['postcode'] ?? '');
  const propertiesAt = async (answers: Answers) => {
    try {
      return await waste.client.findPropertiesByPostcode(postcodeOf(answers));
    } catch {
      return [];
    }
  };
  const uprnOf = (answers: Answers) => Number(answers['address']?.['uprn']);
  const steps: JourneyStep[] = [
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
  ];
  return {
    steps,
    uprnOf,
    propertyOf: async (answers) => (await propertiesAt(answers)).find((p) => p.uprn === uprnOf(answers)),
  };
}

/** "What is your name?", so a report can be linked to the resident living there. */
export const nameStep: JourneyStep = {
  id: 'name',
  title: 'What is your name?',
  schema: () => z.object({ fullName: z.string().trim().min(1).max(200) }),
  labels: { fullName: 'What is your name?' },
  summary: (data) => [{ key: 'Name', value: String(data['fullName']) }],
};
