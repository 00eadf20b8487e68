import { type Pcn, type PcnCaseData, type PcnEvent, type PcnEventType, type Timeline, derivePcnStatus } from '@councilkit/parking';
import { createWorkingDayCalendar, londonDate } from '@councilkit/cases';

/**
 * A `parking.pcn` case is the council's record of a PCN's lifecycle, and the
 * only facts its guards trust are the PCN's dates and events. The parking
 * system's API gives those as letters, challenges and payments, so this
 * rebuilds the events from them, then checks the rebuilt record reaches the
 * stage the parking system reports: a record that does not add up is never
 * raised, since every later guard would reason from wrong facts.
 */

// Letters that mark a lifecycle event. Decision letters on challenges are left to the challenges themselves.
const letterEvents: Partial<Record<Pcn['letters'][number]['kind'], PcnEventType>> = {
  'notice-to-owner': 'notice-to-owner-sent',
  'charge-certificate': 'charge-certificate-sent',
  'order-for-recovery': 'order-for-recovery-sent',
};

function challengeEvents(challenge: Pcn['representations'][number]): PcnEvent[] {
  const informal = challenge.kind === 'informal';
  const events: PcnEvent[] = [{ type: informal ? 'informal-challenge-received' : 'representation-received', on: challenge.receivedOn }];
  if (challenge.status === 'accepted' && challenge.decidedOn) events.push({ type: informal ? 'informal-challenge-accepted' : 'representation-accepted', on: challenge.decidedOn });
  if (challenge.status === 'rejected' && challenge.decidedOn) events.push({ type: informal ? 'informal-challenge-rejected' : 'notice-of-rejection-sent', on: challenge.decidedOn });
  return events;
}

/** The outcome of reading a PCN into case data. */
export type PcnRecordResult = { ok: true; data: PcnCaseData } | { ok: false; reason: string };

/**
 * Build a `parking.pcn` case's data from the parking system's PCN (and its
 * timeline, for the dates of payments), checked against the stage the
 * parking system reports.
 *
 * @example
 * ```ts
 * const pcn = await parking.client.findPcn({ pcnNumber, vrm });
 * const record = pcnRecordFrom(pcn, pcn.paid ? await parking.client.getPcnTimeline({ pcnNumber, vrm }) : undefined, new Date());
 * if (record.ok) await engine.open({ ..., caseType: 'parking.pcn', data: record.data });
 * ```
 */
export function pcnRecordFrom(pcn: Pcn, timeline: Timeline | undefined, now: Date): PcnRecordResult {
  const events: PcnEvent[] = [
    ...pcn.letters.flatMap((letter) => {
      const type = letterEvents[letter.kind];
      return type ? [{ type, on: letter.sentOn }] : [];
    }),
    ...pcn.representations.flatMap(challengeEvents),
    ...(timeline?.entries ?? []).flatMap((entry) => (entry.kind === 'payment' && entry.amount ? [{ type: 'payment' as const, on: entry.on, amount: entry.amount }] : [])),
  ].sort((a, b) => (a.on < b.on ? -1 : a.on > b.on ? 1 : 0));
  const data: PcnCaseData = { pcnNumber: pcn.pcnNumber, vrm: pcn.vrm, issuedOn: pcn.issuedOn, serviceMethod: pcn.serviceMethod, amountFull: pcn.amountFull, events, nation: 'england-and-wales' };
  let stage: string;
  try {
    stage = derivePcnStatus(data, { today: londonDate(now), calendar: createWorkingDayCalendar({ nation: data.nation }) }).stage;
  } catch (error) {
    return { ok: false, reason: `The parking system's record of this PCN could not be read: ${(error as Error).message}` };
  }
  if (stage !== pcn.stage) {
    return { ok: false, reason: `The parking system says this PCN is at "${pcn.stage.replace(/-/g, ' ')}", but its letters and payments say "${stage.replace(/-/g, ' ')}". Refer the caller to the parking team.` };
  }
  return { ok: true, data };
}
