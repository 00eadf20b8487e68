import { z } from 'zod';
import { ConnectError, describeIssues } from './errors.js';
import type { HttpMethod } from './back-office.js';

/**
 * Path, query or header values in a sample request.
 *
 * @example
 * ```ts
 * const params: SampleValues = { uprn: 100023336956 };
 * ```
 */
export type SampleValues = Record<string, string | number | boolean>;

/**
 * One operation of a standard interface, described for the conformance suite:
 * where it lives, a sample request that must succeed against the fixtures the
 * implementation under test holds, and the schema its answer must match.
 *
 * Writes are checked for idempotency: the sample body is sent with a fresh
 * `Idempotency-Key`, replayed with the same key (same answer expected, no
 * second effect), and sent again with the same key and `alternateBody`
 * (409 or 422 expected).
 *
 * @example
 * ```ts
 * const getPcn: StandardOperation = {
 *   method: 'GET',
 *   path: '/pcns/{number}',
 *   params: { number: 'AB12345678' },
 *   query: { vrm: 'AB12CDE' },
 *   unknownQuery: { vrm: 'ZZ99ZZZ' },
 *   response: z.object({ number: z.string(), amountDue: z.number() }),
 * };
 * ```
 */
export interface StandardOperation {
  /** HTTP method. */
  method: HttpMethod;
  /** Path under the base URL with `{name}` placeholders, e.g. `/properties/{uprn}/services`. */
  path: string;
  /** One line on what it does; shown in reports. */
  summary?: string;
  /** Sample path parameters naming fixtures that exist, e.g. `{ uprn: 100023336956 }`. */
  params?: SampleValues;
  /** Sample query parameters, e.g. `{ postcode: 'SW1A 1AA' }`. */
  query?: SampleValues;
  /** Sample JSON body for writes. */
  body?: unknown;
  /** Schema of a successful answer's JSON body (or of the text, when `contentType` is not JSON). */
  response: z.ZodType;
  /** Media type of a successful answer. Default `application/json`. */
  contentType?: string;
  /** Whether the operation changes anything (checked for idempotency). Default: every method except GET. */
  write?: boolean;
  /** A second valid body, different from `body`: sent with the first key, it must be refused with 409 or 422. Needed for writes that take a body. */
  alternateBody?: unknown;
  /** A body the operation must refuse with 400 or 422 problem+json. Default `{}`. */
  invalidBody?: unknown;
  /** Path parameters that name nothing, for the not-found check. Default: each sample parameter with `-unknown` added (numbers: 999999999999). */
  unknownParams?: SampleValues;
  /** Query parameters that name nothing (for lookups keyed by query, e.g. a PCN and VRM). When given, the not-found check uses them. */
  unknownQuery?: SampleValues;
  /** Where statuses from the shared vocabulary appear in a successful answer, so they can be checked. */
  statuses?: (response: unknown) => readonly string[];
}

/**
 * A standard interface, described for the conformance suite: its operations
 * with sample requests and response schemas, and its status updates feed.
 * The waste, revenues and parking packages each export one for their
 * contract; a supplier runs the suite against their implementation.
 *
 * @example
 * ```ts
 * import { z } from 'zod';
 * import { defineStandardInterface } from '@councilkit/connect';
 *
 * export const wasteInterface = defineStandardInterface({
 *   name: 'waste',
 *   version: '1.0.0',
 *   operations: {
 *     getProperty: {
 *       method: 'GET',
 *       path: '/properties/{uprn}',
 *       params: { uprn: 100023336956 },
 *       response: z.object({ uprn: z.number(), postcode: z.string() }),
 *     },
 *     reportMissedCollection: {
 *       method: 'POST',
 *       path: '/missed-collections',
 *       body: { uprn: 100023336956, serviceId: 'refuse' },
 *       alternateBody: { uprn: 100023336956, serviceId: 'recycling' },
 *       response: z.object({ reference: z.string(), status: z.string() }),
 *       statuses: (response) => [(response as { status: string }).status],
 *     },
 *   },
 *   updates: { path: '/updates' },
 * });
 * ```
 */
export interface StandardInterface {
  /** Short name, e.g. `waste`. */
  name: string;
  /** Version of the contract, e.g. `1.0.0`. */
  version: string;
  /** Human title for reports. */
  title?: string;
  /** The operations, by name. */
  operations: Record<string, StandardOperation>;
  /** The status updates feed (`GET <path>?since=<cursor>` answering an `UpdatesPage`). Omit if the interface has none. */
  updates?: { /** Default `/updates`. */ path?: string };
}

const sampleValues = z.record(z.string(), z.union([z.string(), z.number(), z.boolean()]));

const standardInterfaceSchema = z.object({
  name: z.string().min(1),
  version: z.string().min(1),
  title: z.string().optional(),
  operations: z.record(
    z.string(),
    z.object({
      method: z.enum(['GET', 'POST', 'PUT', 'PATCH', 'DELETE']),
      path: z.string().startsWith('/', 'path must start with /'),
      summary: z.string().optional(),
      params: sampleValues.optional(),
      query: sampleValues.optional(),
      body: z.unknown().optional(),
      response: z.custom<z.ZodType>(
        (value) => typeof value === 'object' && value !== null && typeof (value as { safeParse?: unknown }).safeParse === 'function',
        'response must be a zod schema',
      ),
      contentType: z.string().optional(),
      write: z.boolean().optional(),
      alternateBody: z.unknown().optional(),
      invalidBody: z.unknown().optional(),
      unknownParams: sampleValues.optional(),
      unknownQuery: sampleValues.optional(),
      statuses: z.function().optional(),
    }),
  ),
  updates: z.object({ path: z.string().startsWith('/').optional() }).optional(),
});

/**
 * Check a {@link StandardInterface} description at definition time: every
 * path placeholder has a sample value, and the shape is right. Returns the
 * description unchanged.
 *
 * @throws {@link ConnectError} with reason `invalid-definition`.
 * @example
 * ```ts
 * const described = defineStandardInterface({ name: 'parking', version: '1.0.0', operations: {} });
 * ```
 */
export function defineStandardInterface<const Interface extends StandardInterface>(description: Interface): Interface {
  const checked = standardInterfaceSchema.safeParse(description);
  if (!checked.success) {
    throw new ConnectError('invalid-definition', `Standard interface "${String(description?.name)}" is not valid: ${describeIssues(checked.error.issues)}`);
  }
  for (const [name, operation] of Object.entries(description.operations)) {
    for (const match of operation.path.matchAll(/\{([^}]+)\}/g)) {
      const param = match[1] as string;
      if (operation.params?.[param] === undefined) {
        throw new ConnectError('invalid-definition', `Standard interface "${description.name}": operation "${name}" needs a sample value for {${param}} in params`);
      }
    }
  }
  return description;
}
