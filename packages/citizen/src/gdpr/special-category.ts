import { z } from 'zod';
import type { AccessibilityNeed, Citizen, CommunicationNeeds, VulnerabilityFlag } from '../schemas/types.js';
import { GdprError } from './errors.js';
import type { GdprActor } from './ports.js';

/**
 * The citizen fields holding special category data (UK GDPR Article 9) or
 * data as sensitive: vulnerability flags (health, disability, domestic
 * abuse…), accessibility needs (health and disability) and communication
 * needs (British Sign Language, interpreters, formats: they reveal
 * disability and often ethnic origin). The citizen schema has no separate
 * ethnicity or religion fields; a council that adds them should treat them
 * the same way.
 *
 * @example
 * ```ts
 * SPECIAL_CATEGORY_FIELDS.includes('vulnerabilities'); // true
 * ```
 */
export const SPECIAL_CATEGORY_FIELDS = ['vulnerabilities', 'accessibilityNeeds', 'communicationNeeds'] as const;

/**
 * One of {@link SPECIAL_CATEGORY_FIELDS}.
 *
 * @example
 * ```ts
 * const field: SpecialCategoryField = 'accessibilityNeeds';
 * ```
 */
export type SpecialCategoryField = (typeof SPECIAL_CATEGORY_FIELDS)[number];

/**
 * The audit entry of one read of special category data.
 *
 * @example
 * ```ts
 * const entry: SpecialCategoryAccessEntry = { actorId: 'agent-7', citizenId: 'c-1', purpose: 'safeguarding-referral', at: '2025-06-01T10:00:00.000Z', fields: ['vulnerabilities'] };
 * ```
 */
export interface SpecialCategoryAccessEntry {
  /** Who read it. */
  actorId: string;
  /** Whose data. */
  citizenId: string;
  /** Why (as given by the caller). */
  purpose: string;
  /** When (ISO). */
  at: string;
  /** Which fields were read. */
  fields: SpecialCategoryField[];
}

/**
 * The special category data of one citizen.
 *
 * @example
 * ```ts
 * const data: SpecialCategoryData = await access.read(citizen, { actor, purpose: 'adjustments' });
 * data.accessibilityNeeds; // ['hearing-loop']
 * ```
 */
export interface SpecialCategoryData {
  /** Vulnerability flags. */
  vulnerabilities: VulnerabilityFlag[];
  /** Accessibility needs. */
  accessibilityNeeds: AccessibilityNeed[];
  /** Communication needs, if recorded. */
  communicationNeeds?: CommunicationNeeds;
}

/**
 * Options for {@link createSpecialCategoryAccess}.
 *
 * @example
 * ```ts
 * const options: SpecialCategoryAccessOptions = { onAccess: (entry) => auditLog.append(entry) };
 * ```
 */
export interface SpecialCategoryAccessOptions {
  /** Writes the audit entry; called before the data is handed over, and if it throws nothing is handed over. */
  onAccess: (entry: SpecialCategoryAccessEntry) => void | Promise<void>;
  /** The clock. Default: `() => new Date()`. */
  now?: () => Date;
}

/**
 * What {@link createSpecialCategoryAccess} gives back.
 *
 * @example
 * ```ts
 * const access: SpecialCategoryAccess = createSpecialCategoryAccess({ onAccess });
 * ```
 */
export interface SpecialCategoryAccess {
  /** Read a citizen's special category data for a stated purpose (audited first). */
  read(citizen: Citizen, request: { actor: GdprActor; purpose: string; fields?: readonly SpecialCategoryField[] }): Promise<SpecialCategoryData>;
  /** The citizen without special category data, for screens and systems that have no need of it. Not audited: nothing sensitive leaves. */
  strip(citizen: Citizen): Citizen;
}

const requestSchema = z.object({
  actor: z.object({ id: z.string().min(1) }).loose(),
  purpose: z.string().trim().min(1, 'Say why the data is needed').max(500),
  fields: z.array(z.enum(SPECIAL_CATEGORY_FIELDS)).min(1).optional(),
});

/**
 * Guard special category data behind an audit port: every read names the
 * actor, the citizen, the purpose and the fields, and is written through
 * `onAccess` before the data is returned. Use `strip` to pass a citizen to
 * anything that does not need the sensitive fields.
 *
 * @example
 * ```ts
 * import { createSpecialCategoryAccess } from '@councilkit/citizen/gdpr';
 *
 * const access = createSpecialCategoryAccess({ onAccess: (entry) => auditStore.append(entry) });
 * const { vulnerabilities } = await access.read(citizen, { actor, purpose: 'safeguarding-referral', fields: ['vulnerabilities'] });
 * render('resident', { citizen: access.strip(citizen) });
 * ```
 */
export function createSpecialCategoryAccess(options: SpecialCategoryAccessOptions): SpecialCategoryAccess {
  if (!options || typeof options.onAccess !== 'function') throw new GdprError('invalid-options', 'Give onAccess: special category reads must be audited');
  const now = options.now ?? (() => new Date());
  return {
    async read(citizen, request) {
      const parsed = requestSchema.safeParse(request);
      if (!parsed.success) throw new GdprError('invalid-request', `The request is not valid: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
      const fields = [...new Set(parsed.data.fields ?? SPECIAL_CATEGORY_FIELDS)];
      await options.onAccess({ actorId: parsed.data.actor.id, citizenId: citizen.id, purpose: parsed.data.purpose, at: now().toISOString(), fields });
      const data: SpecialCategoryData = {
        vulnerabilities: fields.includes('vulnerabilities') ? structuredClone(citizen.vulnerabilities) : [],
        accessibilityNeeds: fields.includes('accessibilityNeeds') ? [...citizen.accessibilityNeeds] : [],
      };
      if (fields.includes('communicationNeeds') && citizen.communicationNeeds) data.communicationNeeds = structuredClone(citizen.communicationNeeds);
      return data;
    },
    strip(citizen) {
      const { communicationNeeds: _needs, ...rest } = structuredClone(citizen);
      return { ...rest, vulnerabilities: [], accessibilityNeeds: [] };
    },
  };
}
