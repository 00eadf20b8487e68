import { z } from 'zod';
import { dateTimeField, inOrder, optionalText } from './fields.js';

/**
 * The lawful basis for processing under UK GDPR Article 6(1): (a) `consent`,
 * (b) `contract`, (c) `legal-obligation`, (d) `vital-interests`,
 * (e) `public-task` and (f) `legitimate-interests`. Most council processing is
 * `public-task` or `legal-obligation`; a public authority cannot rely on
 * legitimate interests for its public tasks.
 *
 * @example
 * ```ts
 * lawfulBasisSchema.parse('public-task');
 * ```
 */
export const lawfulBasisSchema = z.enum(['consent', 'contract', 'legal-obligation', 'vital-interests', 'public-task', 'legitimate-interests'], {
  error: 'Select a lawful basis from UK GDPR Article 6',
});

/**
 * A record of why the council may use a resident's data for one purpose, and
 * on what lawful basis. When the basis is `consent` the status can be
 * `withdrawn`, which needs the time it was withdrawn.
 *
 * @example
 * ```ts
 * consentSchema.parse({ purpose: 'case-updates-by-sms', lawfulBasis: 'consent', recordedAt: '2025-01-10T09:00:00Z' });
 * ```
 */
export const consentSchema = z
  .object({
    purpose: z
      .string({ error: 'Enter the purpose' })
      .trim()
      .min(1, 'Enter the purpose')
      .max(200, 'Purpose must be 200 characters or fewer'),
    lawfulBasis: lawfulBasisSchema,
    status: z.enum(['given', 'withdrawn'], { error: 'Select given or withdrawn' }).default('given'),
    recordedAt: dateTimeField('date recorded'),
    expiresAt: dateTimeField('expiry date').optional(),
    withdrawnAt: dateTimeField('date withdrawn').optional(),
    note: optionalText('note', 1000),
  })
  .superRefine((consent, ctx) => {
    if (consent.status === 'withdrawn' && consent.lawfulBasis !== 'consent') {
      ctx.addIssue({ code: 'custom', path: ['status'], message: 'Only consent given as the lawful basis can be withdrawn', input: consent });
    }
    if (consent.status === 'withdrawn' && !consent.withdrawnAt) {
      ctx.addIssue({ code: 'custom', path: ['withdrawnAt'], message: 'Enter when consent was withdrawn', input: consent });
    }
    if (!inOrder(consent.recordedAt, consent.withdrawnAt)) {
      ctx.addIssue({ code: 'custom', path: ['withdrawnAt'], message: 'Date withdrawn must be after the date recorded', input: consent });
    }
  });
