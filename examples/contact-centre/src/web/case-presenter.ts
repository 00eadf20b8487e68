import { createHash, randomBytes } from 'node:crypto';
import type { CaseEvent, CaseRecord, CaseType, SlaState } from '@councilkit/cases';
import type { UserDirectory } from '../auth/user-directory.js';
import { fieldsFor, humanise } from '../forms/schema-form.js';

const slaTags: Record<SlaState, { text: string; colour: string }> = {
  'on-track': { text: 'On track', colour: 'green' },
  warning: { text: 'Due soon', colour: 'yellow' },
  breached: { text: 'Overdue', colour: 'red' },
  paused: { text: 'Paused', colour: 'grey' },
  met: { text: 'Met', colour: 'green' },
  missed: { text: 'Missed', colour: 'red' },
  none: { text: 'No target', colour: 'grey' },
};

/** The GOV.UK tag for an SLA state. */
export function slaTag(state: SlaState): { text: string; classes: string } {
  const tag = slaTags[state];
  return { text: tag.text, classes: `govuk-tag--${tag.colour}` };
}

const alphabet = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/**
 * A case reference a resident can read out over the phone: 10 characters
 * from Crockford's base 32 (no I, L, O or U), grouped for reading.
 */
export function newCaseReference(seed?: string): string {
  // From a seed (the actor and idempotency key), so a repeated command asks
  // for the same case id and the engine can replay it.
  const bytes = seed ? createHash('sha256').update(seed).digest().subarray(0, 10) : randomBytes(10);
  const chars = [...bytes].map((b) => alphabet[b % 32]).join('');
  return `${chars.slice(0, 5)}-${chars.slice(5)}`;
}

/** A single-use key for a form, so a double-click does not raise two cases. */
export function newFormKey(): string {
  return randomBytes(16).toString('base64url');
}

function formatValue(value: unknown): string {
  if (value === undefined || value === null || value === '') return 'Not given';
  if (typeof value === 'boolean') return value ? 'Yes' : 'No';
  if (Array.isArray(value)) return value.map((v) => formatValue(v)).join(', ') || 'None';
  if (typeof value === 'object') return Object.entries(value as Record<string, unknown>).map(([k, v]) => `${humanise(k)}: ${formatValue(v)}`).join('; ');
  if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value)) {
    return new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(new Date(`${value}T00:00:00Z`));
  }
  if (typeof value === 'string' && /^[a-z]+(-[a-z]+)+$/.test(value)) return humanise(value);
  return String(value);
}

/** Case data as summary-list rows, labelled the way the raising form labelled them. */
export function dataRows(caseType: CaseType | undefined, data: Record<string, unknown>): Array<{ key: string; value: string }> {
  const labels = new Map(caseType ? fieldsFor(caseType.schema).map((f) => [f.name.split('.')[0]!, f.label] as const) : []);
  return Object.entries(data).map(([key, value]) => ({ key: labels.get(key) ?? humanise(key), value: formatValue(value) }));
}

/** Who did something, in words. */
export function actorName(users: UserDirectory, actorId: string): string {
  if (actorId === 'portal:resident') return 'Resident, online';
  if (actorId.startsWith('system:')) return 'System';
  return users.byId(actorId)?.displayName ?? actorId;
}

/** One line of a case's history for the timeline. */
export function presentEvent(users: UserDirectory, caseType: CaseType | undefined, event: CaseEvent): { at: string; title: string; who: string; detail: string | undefined } {
  const transition = typeof event.payload['transition'] === 'string' ? event.payload['transition'] : undefined;
  const transitionTitle = transition ? (caseType?.transitions[transition]?.title ?? humanise(transition)) : undefined;
  const toTitle = event.to ? (caseType?.states[event.to]?.title ?? humanise(event.to)) : undefined;
  const titles: Partial<Record<CaseEvent['type'], string>> = {
    opened: `Case raised${event.channel ? ` by ${event.channel === 'face-to-face' ? 'face to face' : event.channel}` : ''}`,
    transitioned: transitionTitle ? `${transitionTitle}${toTitle ? ` (now ${toTitle.toLowerCase()})` : ''}` : `Moved to ${toTitle ?? 'a new state'}`,
    resolved: transitionTitle ? `Resolved: ${transitionTitle.toLowerCase()}` : 'Resolved',
    closed: transitionTitle ? `Closed: ${transitionTitle.toLowerCase()}` : 'Closed',
    'note-added': 'Note added',
    claimed: 'Claimed',
    released: 'Released back to the queue',
    assigned: 'Assigned',
    'external-reference-recorded': 'Back office reference recorded',
    'sla-warning': 'Due soon: SLA warning',
    'sla-breached': 'Overdue: SLA breached',
    escalated: 'Escalated',
    reopened: 'Reopened',
    paused: 'SLA clock paused',
    resumed: 'SLA clock restarted',
    'citizen-linked': 'Linked to a resident',
  };
  const detail =
    typeof event.payload['text'] === 'string'
      ? event.payload['text']
      : typeof event.payload['reference'] === 'string'
        ? `${String(event.payload['system'] ?? 'Back office')} reference ${event.payload['reference']}`
        : typeof event.payload['reason'] === 'string'
          ? event.payload['reason']
          : undefined;
  return { at: event.at, title: titles[event.type] ?? humanise(event.type), who: actorName(users, event.actorId), detail };
}

/** A case in a list or a timeline. */
export function presentCase(caseType: CaseType | undefined, record: CaseRecord, sla: SlaState) {
  return {
    id: record.id,
    title: caseType?.title ?? humanise(record.caseType),
    stateTitle: caseType?.states[record.state]?.title ?? humanise(record.state),
    status: record.status,
    channel: record.channel,
    openedAt: record.openedAt,
    updatedAt: record.updatedAt,
    assignee: record.assignee,
    team: record.team,
    queue: record.queue,
    citizenId: record.citizenId,
    breachAt: record.sla?.breachAt,
    sla: slaTag(sla),
  };
}
