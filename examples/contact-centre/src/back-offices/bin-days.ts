import { createWorkingDayCalendar } from '@councilkit/cases';
import type { WorkingDayCalendar } from '@councilkit/cases';
import { type Property, type WasteService, checkMissedCollection } from '@councilkit/waste';
import { type ReadThrough, readThrough } from './read-through.js';
import type { WasteWiring } from './waste.js';

const calendars = new Map<string, WorkingDayCalendar>();
/** The working-day calendar of a property's nation (bank holidays differ across the UK). */
export function calendarFor(nation: Property['nation']): WorkingDayCalendar {
  let calendar = calendars.get(nation);
  if (!calendar) {
    calendar = createWorkingDayCalendar({ nation });
    calendars.set(nation, calendar);
  }
  return calendar;
}

/** One bin service as a page shows it, with whether a missed collection can be reported now. */
export interface BinService {
  id: string;
  name: string;
  schedule: string;
  lastDate: string | undefined;
  lastOutcome: string | undefined;
  nextDate: string | undefined;
  reportable: boolean;
  /** Why it cannot be reported, in words the agent can read out. */
  refusal: string | undefined;
  /** Until when it can be reported (ISO date). */
  reportableUntil: string | undefined;
}

/** A property with its bin services, as the back office answered. */
export interface BinDays {
  property: Property;
  services: BinService[];
  raw: WasteService[];
}

/** Present one service, with eligibility checked by the waste package's own rule. */
export function presentService(property: Property, service: WasteService, now: Date): BinService {
  const check = checkMissedCollection({ service, now, calendar: calendarFor(property.nation) });
  const name = service.name.charAt(0).toUpperCase() + service.name.slice(1);
  return {
    id: service.id,
    name,
    schedule: service.schedule?.description ?? '',
    lastDate: service.last?.date,
    lastOutcome: service.last?.outcome,
    nextDate: service.next?.date,
    reportable: check.eligible,
    refusal: check.eligible ? undefined : check.message,
    reportableUntil: check.eligible ? check.until : undefined,
  };
}

/** Bin days for a UPRN, or a notice when the waste back office cannot answer. */
export async function binDaysFor(waste: WasteWiring, uprn: number, now = new Date()): Promise<ReadThrough<BinDays>> {
  return readThrough('bin days', 'The waste system', async (signal) => {
    const [property, services] = await Promise.all([waste.client.getProperty(uprn, { signal }), waste.client.getPropertyServices(uprn, { signal })]);
    return { property, services: services.services.map((s) => presentService(property, s, now)), raw: services.services };
  });
}
