import { z } from 'zod';
import { inOrder, isoDateField, optionalText, postcodeField, uprnField, usrnField } from './fields.js';

/**
 * Where a property is: British National Grid easting and northing in metres
 * (as in AddressBase and most council GIS), or WGS84 latitude and longitude.
 *
 * @example
 * ```ts
 * coordinatesSchema.parse({ system: 'bng', easting: 530047, northing: 179951 });
 * ```
 */
export const coordinatesSchema = z.discriminatedUnion(
  'system',
  [
    z.object({
      system: z.literal('bng'),
      easting: z.number({ error: 'Easting must be a number of metres' }).min(0, 'Easting must be between 0 and 700000').max(700_000, 'Easting must be between 0 and 700000'),
      northing: z.number({ error: 'Northing must be a number of metres' }).min(0, 'Northing must be between 0 and 1300000').max(1_300_000, 'Northing must be between 0 and 1300000'),
    }),
    z.object({
      system: z.literal('wgs84'),
      latitude: z.number({ error: 'Latitude must be a number' }).min(-90, 'Latitude must be between -90 and 90').max(90, 'Latitude must be between -90 and 90'),
      longitude: z.number({ error: 'Longitude must be a number' }).min(-180, 'Longitude must be between -180 and 180').max(180, 'Longitude must be between -180 and 180'),
    }),
  ],
  { error: 'Coordinates must be British National Grid ("bng") or latitude and longitude ("wgs84")' },
);

/**
 * A UK address in the BS7666 shape used by local land and property
 * gazetteers: secondary addressable object (SAO, such as "Flat 2"), primary
 * addressable object (PAO, such as "14" or "Rose Cottage"), street,
 * locality, town and postcode, with the property's UPRN, the street's USRN
 * and optional coordinates.
 *
 * Rules: there must be a first line (SAO, PAO or street); a postcode or a
 * UPRN (new-build plots often have a UPRN before a postcode); and a town
 * unless the postcode is a BFPO number. Postcode, UPRN and USRN are
 * normalised (see `validatePostcode`, `validateUprn`, `validateUsrn`).
 *
 * @example
 * ```ts
 * const address = addressSchema.parse({ pao: '10', street: 'Downing Street', town: 'London', postcode: 'sw1a2aa', uprn: '100023336956' });
 * address.postcode; // "SW1A 2AA"
 * ```
 */
export const addressSchema = z
  .object({
    sao: optionalText('flat, unit or room'),
    pao: optionalText('building number or name'),
    street: optionalText('street'),
    locality: optionalText('locality'),
    town: optionalText('town or city', 100),
    postcode: postcodeField.optional(),
    uprn: uprnField.optional(),
    usrn: usrnField.optional(),
    coordinates: coordinatesSchema.optional(),
  })
  .superRefine((address, ctx) => {
    if (!address.sao && !address.pao && !address.street) {
      ctx.addIssue({ code: 'custom', path: ['pao'], message: 'Enter address line 1, typically the building and street', input: address });
    }
    if (!address.postcode && !address.uprn) {
      ctx.addIssue({ code: 'custom', path: ['postcode'], message: 'Enter a postcode', input: address });
    }
    if (!address.town && !address.postcode?.startsWith('BFPO')) {
      ctx.addIssue({ code: 'custom', path: ['town'], message: 'Enter a town or city', input: address });
    }
  });

/**
 * How a resident uses an address. `home` is where they live, `correspondence`
 * where letters go, `temporary` a stay (such as temporary accommodation), `billing` where bills go.
 *
 * @example
 * ```ts
 * const use: AddressUse = 'correspondence';
 * ```
 */
export type AddressUse = 'home' | 'correspondence' | 'temporary' | 'billing';

/**
 * One entry in a resident's address history: the address, how it is used,
 * and when (ISO dates, `to` absent while current).
 *
 * @example
 * ```ts
 * citizenAddressSchema.parse({ use: 'home', from: '2019-06-01', address: { pao: '14', street: 'Acacia Avenue', town: 'Leeds', postcode: 'LS1 4AP' } });
 * ```
 */
export const citizenAddressSchema = z
  .object({
    use: z.enum(['home', 'correspondence', 'temporary', 'billing'], { error: 'Select how the address is used' }).default('home'),
    address: addressSchema,
    from: isoDateField('date moved in').optional(),
    to: isoDateField('date moved out').optional(),
  })
  .refine((entry) => inOrder(entry.from, entry.to), { path: ['to'], message: 'Date moved out must be the same as or after the date moved in' });
