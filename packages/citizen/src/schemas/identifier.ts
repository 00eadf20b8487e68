import { z } from 'zod';
import { councilTaxReferenceField, nhsNumberField, ninoField } from './fields.js';

/**
 * An identifier another organisation (or another council system) gave the
 * resident. National schemes are validated and normalised; `local` covers
 * anything else (a housing system's tenant number, a social care ID) with the
 * name of the issuing system.
 *
 * @example
 * ```ts
 * identifierSchema.parse({ scheme: 'nino', value: 'ab 12 34 56 c' }); // { scheme: 'nino', value: 'AB123456' }
 * identifierSchema.parse({ scheme: 'local', system: 'housing', value: 'T-00123' });
 * ```
 */
export const identifierSchema = z.discriminatedUnion(
  'scheme',
  [
    z.object({ scheme: z.literal('nino'), value: ninoField }),
    z.object({ scheme: z.literal('nhs-number'), value: nhsNumberField }),
    z.object({ scheme: z.literal('council-tax-account'), value: councilTaxReferenceField }),
    z.object({
      scheme: z.literal('local'),
      system: z.string({ error: 'Enter the system that issued the reference' }).trim().min(1, 'Enter the system that issued the reference').max(100, 'System name must be 100 characters or fewer'),
      value: z.string({ error: 'Enter the reference' }).trim().min(1, 'Enter the reference').max(100, 'Reference must be 100 characters or fewer'),
    }),
  ],
  { error: 'Select a type of identifier' },
);
