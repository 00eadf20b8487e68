import { z } from 'zod';

/**
 * The status vocabulary back offices report service requests in: mySociety's
 * extended Open311 set, shared by every councilkit standard interface.
 *
 * @example
 * ```ts
 * backOfficeStatuses.includes('action_scheduled'); // true
 * ```
 */
export const backOfficeStatuses = [
  'open',
  'investigating',
  'action_scheduled',
  'in_progress',
  'fixed',
  'closed',
  'duplicate',
  'not_councils_responsibility',
  'no_further_action',
  'internal_referral',
  'cancelled',
  'reopen',
  'for_triage',
] as const;

/**
 * One status from {@link backOfficeStatuses}.
 *
 * @example
 * ```ts
 * const status: BackOfficeStatus = 'not_councils_responsibility';
 * ```
 */
export type BackOfficeStatus = (typeof backOfficeStatuses)[number];

/**
 * Whether a string is in the shared status vocabulary.
 *
 * @example
 * ```ts
 * isBackOfficeStatus('fixed'); // true
 * isBackOfficeStatus('done'); // false
 * ```
 */
export function isBackOfficeStatus(value: string): value is BackOfficeStatus {
  return (backOfficeStatuses as readonly string[]).includes(value);
}

/**
 * The wire shape of one status update, as a back office reports it by polling
 * (`GET .../updates?since=`) or pushes it to the webhook. `status` is any
 * string here so that an update with a status outside the vocabulary is still
 * read and recorded instead of failing the whole page.
 *
 * @example
 * ```ts
 * statusUpdateSchema.parse({ id: 'u-1', reference: 'WM-1001', status: 'fixed', updatedAt: '2026-11-24T09:00:00+00:00' });
 * ```
 */
export const statusUpdateSchema = z.object({
  /** Unique id of this update: used to make applying it idempotent. */
  id: z.string().min(1),
  /** The back office's reference for the service request (the one it returned on creation). */
  reference: z.string().min(1),
  /** The new status, normally one of {@link backOfficeStatuses}. */
  status: z.string().min(1),
  /** When the status changed, ISO 8601 with offset. */
  updatedAt: z.string().min(1),
  /** What the back office says about it, readable by a resident or agent. */
  description: z.string().optional(),
  /** The case id we sent, if the back office echoes it. */
  caseId: z.string().optional(),
});

/**
 * One status update. See {@link statusUpdateSchema}.
 *
 * @example
 * ```ts
 * const update: StatusUpdate = { id: 'u-1', reference: 'WM-1', status: 'fixed', updatedAt: '2026-11-24T10:00:00+00:00' };
 * ```
 */
export type StatusUpdate = z.infer<typeof statusUpdateSchema>;

/**
 * The wire shape of one page of `GET .../updates?since=<cursor>`: the updates
 * after `since`, oldest first, and the cursor to pass next time. An empty
 * page still returns a cursor (the same one is fine).
 *
 * @example
 * ```ts
 * updatesPageSchema.parse({ updates: [], cursor: '42' });
 * ```
 */
export const updatesPageSchema = z.object({
  updates: z.array(statusUpdateSchema),
  cursor: z.string(),
});

/**
 * One page of updates. See {@link updatesPageSchema}.
 *
 * @example
 * ```ts
 * const page: UpdatesPage = await waste.updates(cursor);
 * cursor = page.cursor;
 * ```
 */
export type UpdatesPage = z.infer<typeof updatesPageSchema>;
