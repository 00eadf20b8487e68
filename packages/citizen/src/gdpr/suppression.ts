import { normaliseValue } from '../matching/normalise.js';
import type { Citizen } from '../schemas/types.js';
import { GdprError } from './errors.js';

/**
 * What a suppression key was made from. Only the kind is kept in the clear.
 *
 * @example
 * ```ts
 * const kind: SuppressionKeyKind = 'nino';
 * ```
 */
export type SuppressionKeyKind = 'nino' | 'nhs-number' | 'council-tax-account' | 'email' | 'phone' | 'name-dob';

/**
 * A suppression tombstone: what is left of an erased person so that they
 * are not silently recreated. It holds only keyed hashes (HMAC-SHA-256
 * under the council's secret) of their identifiers, contact details and
 * name with date of birth, never the values.
 *
 * @example
 * ```ts
 * const tombstone: SuppressionTombstone = { id: 't-1', createdAt: '2025-06-01T10:00:00.000Z', reason: 'erasure', keys: ['nino:9f2c…'] };
 * ```
 */
export interface SuppressionTombstone {
  /** Tombstone id. */
  id: string;
  /** When made. */
  createdAt: string;
  /** Why (`erasure`, or a council reason). */
  reason: string;
  /** `<kind>:<hex HMAC>` keys. */
  keys: string[];
}

/**
 * The answer of a suppression check.
 *
 * @example
 * ```ts
 * const check: SuppressionCheck = await suppression.check(citizen);
 * if (check.suppressed) flagForReview(check.tombstoneIds, check.matchedOn);
 * ```
 */
export interface SuppressionCheck {
  /** True when the citizen matches a tombstone. */
  suppressed: boolean;
  /** The tombstones matched. */
  tombstoneIds: string[];
  /** Which kinds of key matched. */
  matchedOn: SuppressionKeyKind[];
}

/**
 * Options for {@link createSuppressionList}.
 *
 * @example
 * ```ts
 * const options: SuppressionListOptions = { secret: process.env.SUPPRESSION_SECRET!, tombstones: await records.loadTombstones(), onTombstone: (t) => records.saveTombstone(t) };
 * ```
 */
export interface SuppressionListOptions {
  /** The HMAC key: at least 32 bytes (or 32 characters). Keep it out of the database the tombstones are in. */
  secret: string | Uint8Array;
  /** Tombstones to start from (a persisted list). Default: none. */
  tombstones?: readonly SuppressionTombstone[];
  /**
   * Called with each tombstone `add` is given, before it is kept; if it
   * throws (or rejects), nothing is kept and `add` rejects with that error,
   * so an erasure stops before anything is deleted. Default: none.
   */
  onTombstone?: (tombstone: SuppressionTombstone) => void | Promise<void>;
  /** The clock. Default: `() => new Date()`. */
  now?: () => Date;
  /** Tombstone ids. Default: `crypto.randomUUID()`. */
  newId?: () => string;
}

/**
 * What {@link createSuppressionList} gives back.
 *
 * @example
 * ```ts
 * const suppression: SuppressionList = createSuppressionList({ secret });
 * ```
 */
export interface SuppressionList {
  /** Make (not add) a tombstone for a person from all their records. */
  tombstoneFor(records: readonly Citizen[], reason?: string): Promise<SuppressionTombstone>;
  /** Add a tombstone: written through `onTombstone` first, then kept. Await it. */
  add(tombstone: SuppressionTombstone): Promise<void>;
  /** Check a new or incoming citizen record against every tombstone. */
  check(citizen: Citizen): Promise<SuppressionCheck>;
  /** Every tombstone, for persisting. */
  list(): SuppressionTombstone[];
}

function keyMaterial(citizen: Citizen): Array<[SuppressionKeyKind, string]> {
  const out: Array<[SuppressionKeyKind, string]> = [];
  for (const identifier of citizen.identifiers) {
    if (identifier.scheme === 'nino') out.push(['nino', normaliseValue('nino', identifier.value) ?? identifier.value]);
    else if (identifier.scheme !== 'local') out.push([identifier.scheme, identifier.value]);
  }
  for (const point of citizen.contactPoints) out.push([point.kind, point.value.toLowerCase()]);
  const family = normaliseValue('name', citizen.name.family ?? null);
  const given = normaliseValue('name', citizen.name.given ?? null);
  if (family && given && citizen.dateOfBirth?.precision === 'full') out.push(['name-dob', `${family}|${given}|${citizen.dateOfBirth.value}`]);
  return out;
}

function hex(buffer: ArrayBuffer): string {
  return [...new Uint8Array(buffer)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

/**
 * Create a suppression list of tombstones for erased people. An incoming
 * record (a new contact, a nightly import) that shares an identifier,
 * email, phone number, or name and full date of birth with an erased person
 * is flagged, so the council decides on purpose whether to create them
 * again. The keys are keyed hashes: without the secret the list reveals
 * nothing, and it cannot be reversed by hashing guesses.
 *
 * Uses Web Crypto (`globalThis.crypto.subtle`), present in Node 20.
 *
 * @example
 * ```ts
 * import { createSuppressionList } from '@councilkit/citizen/gdpr';
 *
 * const suppression = createSuppressionList({ secret: process.env.SUPPRESSION_SECRET! });
 * await suppression.add(await suppression.tombstoneFor(person.sources.map((s) => s.citizen)));
 * (await suppression.check(incoming)).suppressed; // true if it is the erased person again
 * ```
 */
export function createSuppressionList(options: SuppressionListOptions): SuppressionList {
  const secret = typeof options?.secret === 'string' ? new TextEncoder().encode(options.secret) : options?.secret;
  if (!(secret instanceof Uint8Array) || secret.length < 32) throw new GdprError('invalid-options', 'The suppression secret must be at least 32 bytes');
  const now = options.now ?? (() => new Date());
  const newId = options.newId ?? (() => globalThis.crypto.randomUUID());
  const tombstones: SuppressionTombstone[] = structuredClone([...(options.tombstones ?? [])]);
  const byKey = new Map<string, Set<string>>();
  const keyPromise = globalThis.crypto.subtle.importKey('raw', new Uint8Array(secret), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);

  function index(tombstone: SuppressionTombstone): void {
    for (const key of tombstone.keys) {
      let set = byKey.get(key);
      if (!set) byKey.set(key, (set = new Set()));
      set.add(tombstone.id);
    }
  }
  tombstones.forEach(index);

  async function keysOf(citizens: readonly Citizen[]): Promise<string[]> {
    const key = await keyPromise;
    const out = new Set<string>();
    for (const citizen of citizens) {
      for (const [kind, value] of keyMaterial(citizen)) {
        const mac = await globalThis.crypto.subtle.sign('HMAC', key, new TextEncoder().encode(`${kind}\u0000${value}`));
        out.add(`${kind}:${hex(mac)}`);
      }
    }
    return [...out].sort();
  }

  return {
    async tombstoneFor(records, reason = 'erasure') {
      return { id: newId(), createdAt: now().toISOString(), reason, keys: await keysOf(records) };
    },
    async add(tombstone) {
      const copy = structuredClone(tombstone);
      if (options.onTombstone) await options.onTombstone(structuredClone(copy));
      tombstones.push(copy);
      index(copy);
    },
    async check(citizen) {
      const ids = new Set<string>();
      const kinds = new Set<SuppressionKeyKind>();
      for (const key of await keysOf([citizen])) {
        const found = byKey.get(key);
        if (!found) continue;
        for (const id of found) ids.add(id);
        kinds.add(key.slice(0, key.indexOf(':')) as SuppressionKeyKind);
      }
      return { suppressed: ids.size > 0, tombstoneIds: [...ids], matchedOn: [...kinds] };
    },
    list() {
      return structuredClone(tombstones);
    },
  };
}
