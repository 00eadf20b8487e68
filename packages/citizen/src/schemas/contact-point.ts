import { z } from 'zod';
import { emailField, phoneField } from './fields.js';

/**
 * A way to reach a resident: a UK phone number (normalised to E.164) or an
 * email address (domain lower-cased), with what it is used for and whether it
 * is the one they prefer for that kind of contact.
 *
 * @example
 * ```ts
 * contactPointSchema.parse({ kind: 'phone', value: '0113 496 0000', use: 'home', preferred: true });
 * // { kind: 'phone', value: '+441134960000', use: 'home', preferred: true, verified: false }
 * ```
 */
export const contactPointSchema = z.discriminatedUnion(
  'kind',
  [
    z.object({
      kind: z.literal('phone'),
      value: phoneField,
      use: z.enum(['mobile', 'home', 'work', 'other'], { error: 'Select what the phone number is for' }).default('home'),
      preferred: z.boolean({ error: 'Preferred must be true or false' }).default(false),
      verified: z.boolean({ error: 'Verified must be true or false' }).default(false),
    }),
    z.object({
      kind: z.literal('email'),
      value: emailField,
      use: z.enum(['home', 'work', 'other'], { error: 'Select what the email address is for' }).default('home'),
      preferred: z.boolean({ error: 'Preferred must be true or false' }).default(false),
      verified: z.boolean({ error: 'Verified must be true or false' }).default(false),
    }),
  ],
  { error: 'Select a type of contact: phone or email' },
);

/**
 * The channel a resident prefers the council to use. `sms` and `phone` use a
 * phone contact point, `email` an email one; `post` the correspondence (or
 * home) address; `web` means they would rather self-serve.
 *
 * @example
 * ```ts
 * preferredChannelSchema.parse('email');
 * ```
 */
export const preferredChannelSchema = z.enum(['email', 'phone', 'sms', 'post', 'web', 'face-to-face'], {
  error: 'Select a preferred way to contact the resident',
});
