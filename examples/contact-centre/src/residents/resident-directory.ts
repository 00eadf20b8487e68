import { existsSync } from 'node:fs';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { type Citizen, type CitizenAddress, citizenSchema } from '@councilkit/citizen';
import { createResidentGenerator } from '@councilkit/citizen/synthetic';
import { z } from 'zod';
import { type ResidentHit, type ResidentIndex, type ResidentSummary, createResidentIndex } from './resident-index.js';

/** Options for {@link createResidentDirectory}. */
export interface ResidentDirectoryOptions {
  /** JSON file the residents are kept in. Default: none (memory only). */
  file?: string;
  /** How many synthetic residents to seed on first start. Default: 2,000. */
  seedCount?: number;
  /** Seed for the generator, so every fresh start makes the same borough. Default: `"anytown"`. */
  seed?: string;
}

/** The council's residents: who agents search for and cases are about. */
export interface ResidentDirectory {
  search(query: string, limit?: number): ResidentHit[];
  get(id: string): Citizen | undefined;
  summary(id: string): ResidentSummary | undefined;
  /** The residents living at a UPRN now. */
  atUprn(uprn: string): Citizen[];
  all(): Citizen[];
  count(): number;
  /** True when this start seeded the residents (the first start). */
  seeded: boolean;
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
    references: citizen.identifiers.filter((i) => i.scheme === 'council-tax-account').map((i) => i.value),
  };
}

const storedFile = z.object({ version: z.literal(1), residents: z.array(z.unknown()) });

/**
 * Load the residents, seeding a synthetic borough with
 * `@councilkit/citizen/synthetic` when there are none yet. Every stored
 * record is validated with `citizenSchema` on the way in.
 */
export async function createResidentDirectory(options: ResidentDirectoryOptions = {}): Promise<ResidentDirectory> {
  let residents: Citizen[] = [];
  let seeded = false;
  if (options.file && existsSync(options.file)) {
    const parsed = storedFile.safeParse(JSON.parse(await readFile(options.file, 'utf8')));
    if (!parsed.success) throw new Error(`${options.file} is not a residents file this version can read.`);
    for (const raw of parsed.data.residents) {
      const citizen = citizenSchema.safeParse(raw);
      if (citizen.success) residents.push(citizen.data);
    }
  } else {
    residents = createResidentGenerator({ seed: options.seed ?? 'anytown', today: new Date() }).residents(options.seedCount ?? 2000);
    seeded = true;
    if (options.file) {
      await mkdir(dirname(options.file), { recursive: true });
      // Write then rename, so a crash mid-write never leaves half a file.
      await writeFile(`${options.file}.tmp`, JSON.stringify({ version: 1, residents }));
      await rename(`${options.file}.tmp`, options.file);
    }
  }
  const byId = new Map(residents.map((r) => [r.id, r]));
  const summaries = new Map(residents.map((r) => [r.id, summarise(r)]));
  const index: ResidentIndex = createResidentIndex([...summaries.values()]);
  const byUprn = new Map<string, Citizen[]>();
  for (const r of residents) {
    const uprn = currentAddress(r)?.address.uprn;
    if (uprn) byUprn.set(uprn, [...(byUprn.get(uprn) ?? []), r]);
  }
  return {
    search: (query, limit) => index.search(query, limit),
    get: (id) => byId.get(id),
    summary: (id) => summaries.get(id),
    atUprn: (uprn) => byUprn.get(uprn) ?? [],
    all: () => residents,
    count: () => residents.length,
    seeded,
  };
}
