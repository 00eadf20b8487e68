import type { Citizen } from '../schemas/types.js';
import { createAliasSets, ukNicknames } from './aliases.js';
import type { AliasSets } from './aliases.js';
import type { BlockingRule } from './blocking.js';
import {
  addressComparison,
  dateOfBirthComparison,
  emailComparison,
  nameComparison,
  ninoComparison,
  phoneComparison,
} from './comparisons.js';
import type { Comparison } from './comparisons.js';

/**
 * The linkage record of a citizen: flat fields that the citizen comparisons
 * read. Missing values are `null`.
 *
 * @example
 * ```ts
 * const record: CitizenLinkageRecord = citizenToLinkageRecord(citizen);
 * record.nino; // 'AB123456' or null
 * ```
 */
export type CitizenLinkageRecord = {
  /** The citizen's id (or `<source>:<id>` when a source is given). */
  readonly id: string;
  /** The source system, when given. */
  readonly source: string | null;
  /** Given name (the preferred name is not used: it is often a nickname, which the alias level handles). */
  readonly first_name: string | null;
  /** Family name. */
  readonly surname: string | null;
  /** The most recent previous family name (before marriage, say). */
  readonly previous_surname: string | null;
  /** Date of birth, ISO. */
  readonly dob: string | null;
  /** Postcode of the current home address. */
  readonly postcode: string | null;
  /** UPRN of the current home address. */
  readonly uprn: string | null;
  /** National Insurance number. */
  readonly nino: string | null;
  /** Preferred (else first) email address. */
  readonly email: string | null;
  /** Preferred (else first) phone number. */
  readonly phone: string | null;
};

/**
 * Options for {@link citizenToLinkageRecord}.
 *
 * @example
 * ```ts
 * citizenToLinkageRecord(citizen, { source: 'housing' }).id; // 'housing:<citizen id>'
 * ```
 */
export interface CitizenToLinkageOptions {
  /** The source system name, prefixed to the id so ids stay unique across systems. Default: none. */
  source?: string;
}

function currentAddress(citizen: Citizen): Citizen['addresses'][number] | undefined {
  const homes = citizen.addresses.filter((entry) => entry.use === 'home');
  const pool = homes.length > 0 ? homes : citizen.addresses;
  return pool.find((entry) => entry.to === undefined) ?? pool[0];
}

/**
 * Map a councilkit {@link Citizen} to a linkage record for the matcher.
 *
 * @example
 * ```ts
 * import { citizenToLinkageRecord, createMatcher, citizenMatcherOptions } from '@councilkit/citizen/matching';
 *
 * const records = citizens.map((citizen) => citizenToLinkageRecord(citizen, { source: 'council-tax' }));
 * const matcher = createMatcher(citizenMatcherOptions());
 * matcher.train(records);
 * ```
 */
export function citizenToLinkageRecord(citizen: Citizen, options: CitizenToLinkageOptions = {}): CitizenLinkageRecord {
  const address = currentAddress(citizen)?.address;
  const pick = (kind: 'email' | 'phone'): string | null => {
    const points = citizen.contactPoints.filter((point) => point.kind === kind);
    return (points.find((point) => point.preferred) ?? points[0])?.value ?? null;
  };
  const previous = [...citizen.previousNames].reverse().find((name) => name.family !== undefined);
  return {
    id: options.source ? `${options.source}:${citizen.id}` : citizen.id,
    source: options.source ?? null,
    first_name: citizen.name.given ?? null,
    surname: citizen.name.family ?? null,
    previous_surname: previous?.family ?? null,
    dob: citizen.dateOfBirth?.value ?? null,
    postcode: address?.postcode ?? null,
    uprn: address?.uprn ?? null,
    nino: citizen.identifiers.find((identifier) => identifier.scheme === 'nino')?.value ?? null,
    email: pick('email'),
    phone: pick('phone'),
  };
}

/**
 * Options for {@link citizenMatcherOptions}.
 *
 * @example
 * ```ts
 * citizenMatcherOptions({ aliases: createAliasSets([...ukNicknames, ['siobhan', 'shiv']]) });
 * ```
 */
export interface CitizenMatcherOptionsInput {
  /** Nickname sets for the first name. Default: {@link ukNicknames}. */
  aliases?: AliasSets;
}

/**
 * Comparisons and blocking rules for records made by
 * {@link citizenToLinkageRecord} (or any source mapped to the same field
 * names): names with nicknames, forename/surname swaps and previous surnames, date of birth with
 * day/month swaps, an address (UPRN, then postcode down to area), NINO without suffix, email and
 * phone in E.164. UPRN and postcode are one address comparison, so an
 * address is counted once. Spread into `createMatcher` and add thresholds.
 *
 * @example
 * ```ts
 * const matcher = createMatcher({ ...citizenMatcherOptions(), thresholds: { link: 0.99, review: 0.8 } });
 * ```
 */
export function citizenMatcherOptions(input: CitizenMatcherOptionsInput = {}): {
  comparisons: Comparison[];
  blocking: BlockingRule[];
  trainingBlocking: BlockingRule[];
  idField: string;
} {
  const aliases = input.aliases ?? createAliasSets(ukNicknames);
  return {
    idField: 'id',
    comparisons: [
      nameComparison({ field: 'first_name', swappedWith: 'surname', aliases }),
      nameComparison({ field: 'surname', swappedWith: 'first_name', previousField: 'previous_surname' }),
      dateOfBirthComparison({ field: 'dob' }),
      addressComparison({ postcodeField: 'postcode', uprnField: 'uprn' }),
      ninoComparison({ field: 'nino' }),
      emailComparison({ field: 'email', fuzzy: false }),
      phoneComparison({ field: 'phone' }),
    ],
    blocking: [
      { keys: ['dob'] },
      { keys: ['nino'] },
      { keys: ['email'] },
      { keys: ['phone'] },
      { keys: ['surname', { field: 'postcode', transform: 'postcode-district' }] },
      { keys: ['first_name', 'surname'] },
      { keys: ['first_name', 'postcode'] },
      { keys: ['uprn'] },
      { keys: ['postcode'] },
    ],
    // Surname + district and UPRN rules mostly pair members of one household: kept out of training.
    trainingBlocking: [{ keys: ['dob'] }, { keys: ['nino'] }, { keys: ['email'] }, { keys: ['first_name', 'surname'] }],
  };
}
