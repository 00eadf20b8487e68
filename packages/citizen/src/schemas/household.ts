import { z } from 'zod';
import { addressSchema } from './address.js';
import { idField, inOrder, isoDateField, uprnField } from './fields.js';

/**
 * How a person relates to their household.
 *
 * @example
 * ```ts
 * householdRelationshipSchema.parse('partner');
 * ```
 */
export const householdRelationshipSchema = z.enum(['head', 'partner', 'child', 'parent', 'sibling', 'other-relative', 'lodger', 'carer', 'other'], {
  error: 'Select how the person is related to the household',
});

/**
 * A resident's link to a household, held on the citizen record.
 *
 * @example
 * ```ts
 * householdLinkSchema.parse({ householdId: 'hh-42', relationship: 'head', from: '2020-01-01' });
 * ```
 */
export const householdLinkSchema = z
  .object({
    householdId: idField('household reference'),
    relationship: householdRelationshipSchema,
    from: isoDateField('date joined').optional(),
    to: isoDateField('date left').optional(),
  })
  .refine((link) => inOrder(link.from, link.to), { path: ['to'], message: 'Date left must be the same as or after the date joined' });

/**
 * A household: the people who live at one property together. Councils need
 * it for council tax discounts, benefits, waste containers and safeguarding.
 *
 * @example
 * ```ts
 * householdSchema.parse({ id: 'hh-42', uprn: '100023336956', members: [{ citizenId: 'c-1', relationship: 'head' }] });
 * ```
 */
export const householdSchema = z.object({
  id: idField('household reference'),
  uprn: uprnField.optional(),
  address: addressSchema.optional(),
  members: z
    .array(
      z
        .object({
          citizenId: idField('resident reference'),
          relationship: householdRelationshipSchema,
          from: isoDateField('date joined').optional(),
          to: isoDateField('date left').optional(),
        })
        .refine((member) => inOrder(member.from, member.to), { path: ['to'], message: 'Date left must be the same as or after the date joined' }),
      { error: 'Household members must be a list' },
    )
    .max(100, 'Enter no more than 100 household members')
    .default([]),
});
