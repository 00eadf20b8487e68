import { type Citizen, type CitizenAddress, citizenSchema } from '@councilkit/citizen';
import { type CitizenIndex, type CitizenSearch, type CitizenSearchHit, type SearchField, SearchError, createCitizenIndex } from '@councilkit/citizen/search';
import { createResidentGenerator } from '@councilkit/citizen/synthetic';
import type { CitizenDirectory } from '@councilkit/store-postgres';
import type { ResidentHit, ResidentSummary } from './resident-index.js';

/** Options for {@link createResidentDirectory}. */
export interface ResidentDirectoryOptions {
  /**
   * The SQL resident directory (`createCitizenDirectory` from
   * `@councilkit/store-postgres`) that keeps the residents and answers
   * searches. Default: none (memory only, searched by `createCitizenIndex`).
   */
  sql?: CitizenDirectory;
  /** How many synthetic residents to seed on first start. Default: 2,000. */
  seedCount?: number;
  /** Seed for the generator, so every fresh start makes the same borough. Default: `"anytown"`. */
  seed?: string;
  /**
   * The borough's properties, as the back offices know them. When given,
   * seeded households are moved into these properties, so a resident's UPRN
   * is one the waste and revenues back offices hold. Default: none (the
   * generator's own addresses).
   */
  properties?: BoroughProperty[];
  /**
   * Runs once over the freshly seeded residents before they are stored, to
   * add what later starts must find again (the demo borough gives vehicles
   * and PCN numbers here). Not run when residents are loaded. Default: none.
   */
  prepare?: (residents: Citizen[]) => Citizen[];
}

/** A property in the borough: enough to make a resident's home address. */
export interface BoroughProperty {
  uprn: string;
  usrn?: string;
  /** Address lines before the town, e.g. `["Flat 2", "5 High Street"]`. */
  lines: string[];
  town: string;
  postcode: string;
  /** The kind of property (`flat`, `house`...), when the back office says. */
  type?: string;
}

/** Split "12 Acacia Avenue" into the BS7666 primary addressable object and street. */
function toAddressParts(property: BoroughProperty): { sao?: string; pao?: string; street?: string } {
  const lines = property.lines.filter(Boolean);
  const last = lines[lines.length - 1] ?? '';
  const numbered = /^(\d+[A-Za-z]?)\s+(.+)$/.exec(last);
  const head = lines.slice(0, -1).join(', ') || undefined;
  if (numbered) return { ...(head ? { sao: head } : {}), pao: numbered[1]!, street: numbered[2]! };
  return { ...(head ? { sao: head } : {}), pao: last };
}

/** Move each seeded household into one of the borough's properties, keeping its move-in date. */
function moveInto(residents: Citizen[], properties: BoroughProperty[]): Citizen[] {
  const placeOf = new Map<string, BoroughProperty>();
  let next = 0;
  return residents.map((citizen) => {
    const key = citizen.households[0]?.householdId ?? citizen.id;
    let property = placeOf.get(key);
    if (!property) {
      property = properties[next++ % properties.length]!;
      placeOf.set(key, property);
    }
    const home = currentAddress(citizen);
    const moved: CitizenAddress = {
      use: 'home',
      ...(home?.from ? { from: home.from } : {}),
      address: {
        ...toAddressParts(property),
        town: property.town,
        postcode: property.postcode,
        uprn: property.uprn,
        ...(property.usrn ? { usrn: property.usrn } : {}),
      },
    };
    const candidate = { ...citizen, addresses: citizen.addresses.map((a) => (a === home ? moved : a)) };
    const checked = citizenSchema.safeParse(candidate);
    return checked.success ? checked.data : citizen;
  });
}

/** The council's residents: who agents search for and cases are about. */
export interface ResidentDirectory {
  /** Search with the citizen search contract: names (typos and nicknames), postcodes, addresses, UPRNs, references. */
  search(query: string, limit?: number): Promise<ResidentHit[]>;
  get(id: string): Citizen | undefined;
  summary(id: string): ResidentSummary | undefined;
  /** The residents living at a UPRN now. */
  atUprn(uprn: string): Citizen[];
  all(): Citizen[];
  count(): number;
  /** True when this start seeded the residents (the first start). */
  seeded: boolean;
  /** The in-memory search index when there is no SQL directory (erasure and restriction work on it). */
  index: CitizenIndex | undefined;
  /** Drop a resident from the pages' read copy, once erasure has removed their record. */
  forget(id: string): void;
  /** Whether processing of this resident's data is restricted (UK GDPR Article 18), so only the data protection officer may open it. */
  isRestricted(id: string): Promise<boolean>;
}

/** The address a resident lives at now: home, with no end date. */
export function currentAddress(citizen: Citizen): CitizenAddress | undefined {
  return citizen.addresses.find((a) => a.use === 'home' && !a.to) ?? citizen.addresses.find((a) => !a.to);
}

/** One line for an address: "Flat 2, 79 Manor Close, London, WC1H 3YB". */
export function formatAddress(entry: CitizenAddress | undefined): string {
  if (!entry) return 'No address held';
  const a = entry.address;
  const first = [a.pao, a.street].filter(Boolean).join(' ');
  return [a.sao, first, a.locality, a.town, a.postcode].filter(Boolean).join(', ');
}

/** The `local` identifier system holding a resident's vehicle registration. */
export const VEHICLE_SYSTEM = 'vehicle';
/** The `local` identifier system holding a PCN number issued to the resident's vehicle. */
export const PCN_SYSTEM = 'pcn';

/** The vehicle registration held on a resident, if they have one. */
export function vehicleOf(citizen: Citizen): string | undefined {
  return citizen.identifiers.find((i) => i.scheme === 'local' && i.system === VEHICLE_SYSTEM)?.value;
}

/** The PCN numbers held on a resident, oldest first. */
export function pcnNumbersOf(citizen: Citizen): string[] {
  return citizen.identifiers.filter((i) => i.scheme === 'local' && i.system === PCN_SYSTEM).map((i) => i.value);
}

/** "Mr Matthew Young" without the title: what an agent reads out. */
export function displayName(citizen: Citizen): string {
  return [citizen.name.given, citizen.name.family].filter(Boolean).join(' ') || 'Name not known';
}

function summarise(citizen: Citizen): ResidentSummary {
  const home = currentAddress(citizen);
  return {
    id: citizen.id,
    name: displayName(citizen),
    otherNames: [
      ...(citizen.name.preferred ? [[citizen.name.preferred, citizen.name.family].filter(Boolean).join(' ')] : []),
      ...citizen.previousNames.map((n) => [n.given ?? citizen.name.given, n.family].filter(Boolean).join(' ')),
    ],
    address: formatAddress(home),
    postcode: home?.address.postcode,
    uprn: home?.address.uprn,
    dateOfBirth: citizen.dateOfBirth?.value,
    // Council tax accounts, and the vehicle and PCNs a parking system knows them by.
    references: citizen.identifiers.filter((i) => i.scheme === 'council-tax-account' || (i.scheme === 'local' && (i.system === VEHICLE_SYSTEM || i.system === PCN_SYSTEM))).map((i) => i.value),
  };
}

const MATCHED_ON: Record<SearchField, ResidentHit['matchedOn']> = {
  uprn: 'uprn',
  postcode: 'postcode',
  identifier: 'reference',
  name: 'name',
  dateOfBirth: 'name',
  address: 'address',
};

const PAGE = 5000;

/**
 * Load the residents, seeding a synthetic borough with
 * `@councilkit/citizen/synthetic` when there are none yet. With `sql`, the
 * residents live in the SQL directory (seeded once, kept on later starts)
 * and searches run there; a read copy stays in memory for page rendering.
 */
export async function createResidentDirectory(options: ResidentDirectoryOptions = {}): Promise<ResidentDirectory> {
  let residents: Citizen[] = [];
  let seeded = false;
  const sql = options.sql;
  if (sql && (await sql.count()) > 0) {
    for (let page = await sql.list({ limit: PAGE }); page.length > 0; page = await sql.list({ afterId: page.at(-1)!.id, limit: PAGE })) {
      residents.push(...page);
    }
  } else {
    residents = createResidentGenerator({ seed: options.seed ?? 'anytown', today: new Date() }).residents(options.seedCount ?? 2000);
    if (options.properties?.length) residents = moveInto(residents, options.properties);
    if (options.prepare) residents = options.prepare(residents);
    seeded = true;
    await sql?.putMany(residents);
  }
  const index = sql ? undefined : createCitizenIndex({ citizens: residents });
  const searcher: CitizenSearch = sql ?? (index as CitizenIndex);
  const byId = new Map(residents.map((r) => [r.id, r]));
  const summaries = new Map(residents.map((r) => [r.id, summarise(r)]));
  const byUprn = new Map<string, Citizen[]>();
  for (const r of residents) {
    const uprn = currentAddress(r)?.address.uprn;
    if (uprn) byUprn.set(uprn, [...(byUprn.get(uprn) ?? []), r]);
  }
  const toHit = (hit: CitizenSearchHit): ResidentHit => ({
    ...(summaries.get(hit.citizen.id) ?? summarise(hit.citizen)),
    score: Math.round(hit.score * 1000) / 1000,
    matchedOn: MATCHED_ON[hit.reasons[0]?.field ?? 'name'],
  });
  return {
    async search(query, limit = 20) {
      const text = query.trim().slice(0, 200);
      if (!text) return [];
      try {
        const { hits } = await searcher.search({ text, limit: Math.min(Math.max(limit, 1), 200) });
        return hits.map(toHit);
      } catch (error) {
        // A query the contract cannot read (only punctuation, say) finds nobody rather than failing the page.
        if (error instanceof SearchError) return [];
        throw error;
      }
    },
    get: (id) => byId.get(id),
    summary: (id) => summaries.get(id),
    atUprn: (uprn) => byUprn.get(uprn) ?? [],
    all: () => residents,
    count: () => residents.length,
    seeded,
    index,
    isRestricted: async (id) => (sql ? sql.isRestricted(id) : (index?.isRestricted(id) ?? false)),
    forget(id) {
      const gone = byId.get(id);
      if (!gone) return;
      byId.delete(id);
      summaries.delete(id);
      residents = residents.filter((r) => r.id !== id);
      for (const [uprn, list] of byUprn) byUprn.set(uprn, list.filter((r) => r.id !== id));
    },
  };
}
