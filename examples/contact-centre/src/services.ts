import { join } from 'node:path';
import { type ResidentDirectory, createResidentDirectory } from './residents/resident-directory.js';

/** Options for {@link createServices}: where data lives and how to seed it. */
export interface ServicesOptions {
  /** Folder for the embedded PGlite database. Default: `.data` in the example folder. */
  dataDir?: string;
  /** A PostgreSQL connection string. When set, it is used instead of PGlite. Default: `process.env.DATABASE_URL` is read by `main.ts`, not here. */
  databaseUrl?: string;
  /** Keep everything in memory (tests). Default: `false`. */
  inMemory?: boolean;
  /** Synthetic residents to seed on first start. Default: 2,000. */
  seedResidents?: number;
}

/** The packages composed for the pages and the API, behind one object. */
export interface Services {
  /** Which storage is in use, for the start-up message and the dashboard. */
  storage: { kind: 'pglite' | 'postgres' | 'memory'; location: string };
  /** Messages for the console on start, such as "seeded 2,000 residents". */
  startupNotes: string[];
  residents: ResidentDirectory;
  close(): Promise<void>;
}

/**
 * Compose the packages. Until the store and engine packages land this knows
 * only where data would live.
 */
export async function createServices(options: ServicesOptions): Promise<Services> {
  const storage: Services['storage'] = options.inMemory
    ? { kind: 'memory', location: 'memory' }
    : options.databaseUrl
      ? { kind: 'postgres', location: redact(options.databaseUrl) }
      : { kind: 'pglite', location: options.dataDir ?? '.data' };
  const startupNotes: string[] = [];
  const dataDir = options.dataDir ?? '.data';
  const residents = await createResidentDirectory({
    ...(options.inMemory ? {} : { file: join(dataDir, 'residents.json') }),
    ...(options.seedResidents !== undefined ? { seedCount: options.seedResidents } : {}),
  });
  startupNotes.push(
    residents.seeded
      ? `First start: seeded ${residents.count().toLocaleString('en-GB')} synthetic residents${options.inMemory ? ' (in memory)' : ` into ${dataDir}`}.`
      : `Loaded ${residents.count().toLocaleString('en-GB')} residents from ${dataDir}.`,
  );
  return { storage, startupNotes, residents, close: async () => {} };
}

function redact(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return 'a PostgreSQL database';
  }
}
