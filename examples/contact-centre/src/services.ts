import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
  type Actor,
  type CaseEngine,
  type CaseStore,
  type CaseType,
  type Scheduler,
  type WorkingDayCalendar,
  createCaseEngine,
  type RestrictingErasureStore,
  createMemoryErasureStore,
  createMemoryRestrictionLedger,
  createMemoryStore,
  createScheduler,
  createWorkingDayCalendar,
  londonDate,
} from '@councilkit/cases';
import { type Dispatcher, type StatusSync, createDispatcher, createStatusSync, createWebhookHandler } from '@councilkit/connect';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { type CitizenDirectory, type SqlDriver, createCitizenDirectory, createPGliteDriver, createSqlDataProtectionRecords, createSqlErasureStore, createStore, scanStore } from '@councilkit/store-postgres';
import {
  type Erasure,
  type ScanRow,
  type SubjectAccessExporter,
  type SuppressionList,
  createErasure,
  createSubjectAccessExport,
  createSuppressionList,
} from '@councilkit/citizen/gdpr';
import { randomBytes } from 'node:crypto';
import { createParkingCaseTypes, parkingStatusMap } from '@councilkit/parking';
import { createRevenuesCaseTypes, revenuesStatusMap } from '@councilkit/revenues';
import { createWasteCaseTypes, wasteStatusMap } from '@councilkit/waste';
import type { Citizen } from '@councilkit/citizen';
import { createBoroughBackOffices, giveVehicles } from './back-offices/borough.js';
import type { ParkingWiring, RevenuesWiring } from './back-offices/revenues-parking.js';
import { type WasteWiring, createWasteWiring } from './back-offices/waste.js';
import type { StaffUser } from './auth/user-directory.js';
import { generalEnquiry } from './case-types/general-enquiry.js';
import { socialCareReferral } from './case-types/social-care-referral.js';
import { type ResidentDirectory, createResidentDirectory } from './residents/resident-directory.js';
import { DATA_PROTECTION_TEAM, caseNotices, controller, retentionRules, sourceNotices } from './data-protection-policy.js';

/** Options for {@link createServices}: where data lives and how to seed it. */
export interface ServicesOptions {
  /** Folder for the embedded PGlite database and the residents file. Default: `.data` in the working directory. */
  dataDir?: string;
  /** A PostgreSQL connection string. When set, cases live there instead of PGlite. Default: none. */
  databaseUrl?: string;
  /** Keep everything in memory (tests, quick demos). Default: `false`. */
  inMemory?: boolean;
  /** Synthetic residents to seed on first start. Default: 2,000. */
  seedResidents?: number;
  /** Run the SLA timer scheduler and back-office workers in the background. Default: `true`. */
  workers?: boolean;
  /** How often background workers look for work, in ms. Default: 1,000. */
  workerIntervalMs?: number;
  /** Retry policy for referrals before they become incidents. Default: 5 attempts, 1 s base, 60 s cap. */
  dispatcherRetry?: { maxAttempts?: number; baseMs?: number; maxMs?: number };
  /**
   * Shared secrets for back offices that push status updates to
   * `/webhooks/<name>` (HMAC-signed, replay-safe). A back office without a
   * secret has no webhook and is polled only. Default: none.
   */
  webhookSecrets?: Partial<Record<'waste' | 'revenues' | 'parking', string>>;
  /** PostgreSQL schema for the case tables. Default: `"councilkit"`. */
  databaseSchema?: string;
  /** A real waste back office. Default: none, so the in-process mock from `@councilkit/waste/mock` answers. */
  wasteBaseUrl?: string;
  /** A real revenues back office. Default: none, so the in-process mock from `@councilkit/revenues/mock` answers. */
  revenuesBaseUrl?: string;
  /** A real parking back office. Default: none, so the in-process mock from `@councilkit/parking/mock` answers. */
  parkingBaseUrl?: string;
  /**
   * Secret keying erasure tombstones (so an erased resident typed in again is
   * flagged), at least 32 characters; the same on every start and instance.
   * Default: on PGlite, one generated on first start and kept in
   * `<dataDir>/suppression-secret` (mode 0600); on PostgreSQL and in memory,
   * random per start (tombstones then stop matching after a restart, and a
   * start-up note says so).
   */
  suppressionSecret?: string;
}

/** The data-protection desk's tools (UK GDPR Articles 15, 17 and 18). */
export interface DataProtectionServices {
  /** Plans and carries out erasure and restriction by the retention rules in `data-protection-policy.ts`. */
  erasure: Erasure;
  /** Subject access exports: JSON and a readable document, third parties redacted. */
  subjectAccess: SubjectAccessExporter;
  /** The erasure store acting as this officer: SQL on PGlite and PostgreSQL, memory otherwise; case restrictions name them. */
  erasureStore(officer: Actor): RestrictingErasureStore;
  /** Every stored row (cases database and residents directory) for `scanForPersonalData`; none in memory. */
  scan: (() => AsyncIterable<ScanRow>) | undefined;
  /** The erasure tombstones: kept in the cases database on PGlite and PostgreSQL (so they survive a restart), in memory otherwise. */
  suppression: SuppressionList;
}

/** The packages composed for the pages and the API, behind one object. */
export interface Services {
  /** Which storage is in use, for the start-up message. */
  storage: { kind: 'pglite' | 'postgres' | 'memory'; location: string };
  /** Messages for the console on start, such as "seeded 2,000 residents". */
  startupNotes: string[];
  residents: ResidentDirectory;
  store: CaseStore;
  engine: CaseEngine;
  calendar: WorkingDayCalendar;
  /** Every case type the engine serves, newest version of each. */
  caseTypes: CaseType[];
  scheduler: Scheduler;
  /** Delivers outbox referrals to the back offices. */
  dispatcher: Dispatcher;
  /** Applies back-office status updates to cases. */
  statusSync: StatusSync;
  /** Signed webhook endpoints by back-office name, for those with a secret. */
  webhooks: Map<string, (request: Request) => Promise<Response>>;
  /** Run one round of background work now: timers, referrals, status updates. Tests and demos call it. */
  runWorkersOnce(): Promise<void>;
  waste: WasteWiring;
  revenues: RevenuesWiring;
  parking: ParkingWiring;
  /** The actor a member of staff acts as on cases. */
  actorFor(user: StaffUser): Actor;
  /** The actor for a resident using the portal (not signed in). */
  portalActor: Actor;
  dataProtection: DataProtectionServices;
  close(): Promise<void>;
}

/** The file holding the PGlite install's suppression secret, inside the data directory. */
const SUPPRESSION_SECRET_FILE = 'suppression-secret';

/**
 * The tombstones' secret must not change between starts, or old tombstones stop
 * matching. On PGlite the install owns its data directory, so generate one on
 * first start and keep it there; on PostgreSQL several instances share the
 * database but not a folder, so only the operator can give them one secret.
 */
async function suppressionSecretFor(options: ServicesOptions, dataDir: string, kind: Services['storage']['kind'], notes: string[]): Promise<string> {
  if (options.suppressionSecret) return options.suppressionSecret;
  if (kind === 'pglite') {
    const file = join(dataDir, SUPPRESSION_SECRET_FILE);
    const fresh = randomBytes(32).toString('base64url');
    try {
      // 'wx' fails if the file exists, so two starts racing cannot both write one.
      await writeFile(file, `${fresh}\n`, { mode: 0o600, flag: 'wx' });
      notes.push(`Generated the suppression secret for erasure tombstones in ${file} (readable by this user only). Back it up apart from the database: without it, old tombstones stop matching. Or set SUPPRESSION_SECRET.`);
      return fresh;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      return (await readFile(file, 'utf8')).trim();
    }
  }
  if (kind === 'postgres') {
    notes.push('SUPPRESSION_SECRET is not set: erasure tombstones are saved but will not match after a restart. Set the same secret (32+ characters) on every instance.');
  }
  return randomBytes(32).toString('base64url');
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

/**
 * Compose the packages: the case store (PGlite by default, PostgreSQL when
 * `databaseUrl` is set, memory for tests), the case engine with every case
 * type, the SLA scheduler, and the residents directory.
 */
export async function createServices(options: ServicesOptions): Promise<Services> {
  const startupNotes: string[] = [];
  const dataDir = options.dataDir ?? '.data';
  const storage: Services['storage'] = options.inMemory
    ? { kind: 'memory', location: 'memory' }
    : options.databaseUrl
      ? { kind: 'postgres', location: redact(options.databaseUrl) }
      : { kind: 'pglite', location: join(dataDir, 'cases') };

  // PGlite creates its own folder but not the folders above it.
  if (!options.inMemory) await mkdir(dataDir, { recursive: true });
  const sqlStore = options.inMemory
    ? undefined
    : await createStore(
        options.databaseUrl
          ? { databaseUrl: options.databaseUrl, ...(options.databaseSchema ? { schema: options.databaseSchema } : {}) }
          : { dataDir: join(dataDir, 'cases') },
      );
  const store: CaseStore = sqlStore ?? createMemoryStore();
  if (sqlStore?.migration.applied.length) startupNotes.push(`Database ready: applied migrations ${sqlStore.migration.applied.join(', ')}.`);

  const waste = createWasteWiring(options.wasteBaseUrl ? { baseUrl: options.wasteBaseUrl } : {});
  const today = londonDate(new Date());

  // Residents live in the SQL directory: beside the cases on PostgreSQL, and on PGlite in their own
  // database (opened after the cases store took the data-directory lock) created with pg_trgm.
  let residentsDb: PGlite | undefined;
  let residentsDriver: SqlDriver | undefined;
  let sqlResidents: CitizenDirectory | undefined;
  if (sqlStore) {
    if (sqlStore.kind === 'postgresql') {
      sqlResidents = await createCitizenDirectory({ driver: sqlStore.driver, schema: sqlStore.schema });
    } else {
      residentsDb = await PGlite.create({ dataDir: join(dataDir, 'residents'), extensions: { pg_trgm } });
      residentsDriver = createPGliteDriver({ db: residentsDb });
      sqlResidents = await createCitizenDirectory({ driver: residentsDriver });
    }
  }
  const residents = await createResidentDirectory({
    properties: waste.properties,
    ...(sqlResidents ? { sql: sqlResidents } : {}),
    ...(options.seedResidents !== undefined ? { seedCount: options.seedResidents } : {}),
    // Vehicles and PCN numbers are kept on the residents, so later starts give the parking mock the same PCNs.
    ...(options.parkingBaseUrl ? {} : { prepare: (seeded: Citizen[]) => giveVehicles(seeded, { today }) }),
  });
  startupNotes.push(
    residents.seeded
      ? `First start: seeded ${residents.count().toLocaleString('en-GB')} synthetic residents${options.inMemory ? ' (in memory)' : ` into ${dataDir}`}.`
      : `Loaded ${residents.count().toLocaleString('en-GB')} residents from ${dataDir}; data kept from the last start.`,
  );

  // The borough's council tax accounts and PCNs are worked out from the residents on every start.
  const { revenues, parking, notes: boroughNotes } = createBoroughBackOffices({
    residents: residents.all(),
    properties: waste.properties,
    today,
    ...(options.revenuesBaseUrl ? { revenuesBaseUrl: options.revenuesBaseUrl } : {}),
    ...(options.parkingBaseUrl ? { parkingBaseUrl: options.parkingBaseUrl } : {}),
  });
  const described = [
    ['Waste', waste.mock, waste.baseUrl, 'WASTE_BASE_URL'],
    ['Revenues', revenues.mock, revenues.baseUrl, 'REVENUES_BASE_URL'],
    ['Parking', parking.mock, parking.baseUrl, 'PARKING_BASE_URL'],
  ] as const;
  for (const [name, mock, url, variable] of described) {
    startupNotes.push(mock ? `${name} back office: the in-process mock (set ${variable} for a real one).` : `${name} back office: ${url}.`);
  }
  startupNotes.push(...boroughNotes);

  const calendar = createWorkingDayCalendar({ nation: 'england-and-wales' });
  const wasteCaseTypes = createWasteCaseTypes();
  const caseTypes: CaseType[] = [
    generalEnquiry,
    socialCareReferral,
    ...wasteCaseTypes.all,
    ...createRevenuesCaseTypes().all,
    ...createParkingCaseTypes().all,
  ] as CaseType[];
  const engine = createCaseEngine({ store, caseTypes, calendar });
  const backOffices = [waste.handle, revenues.handle, parking.handle];
  const dispatcher = createDispatcher({
    store,
    engine,
    backOffices,
    workerId: `contact-centre-${process.pid}`,
    retry: { maxAttempts: 5, baseMs: 1000, maxMs: 60_000, ...options.dispatcherRetry },
  });
  const statusSync = createStatusSync({ store, engine, backOffices, statusMap: { ...wasteStatusMap, ...revenuesStatusMap, ...parkingStatusMap } });
  const webhooks = new Map<string, (request: Request) => Promise<Response>>();
  for (const [backOffice, secret] of Object.entries(options.webhookSecrets ?? {})) {
    if (secret) webhooks.set(backOffice, createWebhookHandler({ secret, sync: statusSync, backOffice }));
  }
  if (webhooks.size) startupNotes.push(`Status webhooks: ${[...webhooks.keys()].map((name) => `/webhooks/${name}`).join(', ')}.`);
  let polling: Promise<unknown> | undefined;
  const pollOnce = () => (polling ??= statusSync.poll().finally(() => (polling = undefined)));
  const scheduler = createScheduler({
    engine,
    workerId: `contact-centre-${process.pid}`,
    intervalMs: options.workerIntervalMs ?? 1000,
    onError: (error) => console.error('[contact-centre] SLA scheduler:', error),
  });
  const workers = options.workers ?? true;
  const interval = options.workerIntervalMs ?? 1000;
  let poller: NodeJS.Timeout | undefined;
  if (workers) {
    scheduler.start();
    dispatcher.start({ idleMs: interval });
    poller = setInterval(() => void pollOnce().catch((error) => console.error('[contact-centre] status sync:', error)), interval * 2);
  }

  // In memory, restrictions outlive the per-request erasure stores by sharing one ledger.
  const memoryRestrictions = createMemoryRestrictionLedger();
  const secret = await suppressionSecretFor(options, dataDir, storage.kind, startupNotes);
  // Tombstones live beside the cases (never the secret): an erased resident stays flagged after a restart.
  const records = sqlStore ? createSqlDataProtectionRecords({ driver: sqlStore.driver, schema: sqlStore.schema }) : undefined;
  const suppression = createSuppressionList({
    secret,
    ...(records ? { tombstones: await records.loadTombstones(), onTombstone: records.saveTombstone } : {}),
  });
  const dataProtection: DataProtectionServices = {
    erasure: createErasure({ retention: retentionRules, suppression }),
    subjectAccess: createSubjectAccessExport({ controller, processing: sourceNotices, caseProcessing: caseNotices, cases: engine, knownCitizens: () => residents.all() }),
    erasureStore(officer) {
      const access = { engine, actor: officer, teams: [DATA_PROTECTION_TEAM] };
      if (sqlStore && sqlResidents) return createSqlErasureStore({ store: sqlStore, directory: sqlResidents, access });
      if (!residents.index) throw new Error('The residents have neither a SQL directory nor an in-memory index');
      return createMemoryErasureStore({ store, directory: residents.index, access, restrictions: memoryRestrictions });
    },
    scan: sqlStore
      ? async function* () {
          yield* scanStore({ driver: sqlStore.driver, schema: sqlStore.schema });
          // On PGlite the residents have their own database; on PostgreSQL they share the cases schema.
          if (residentsDriver) yield* scanStore({ driver: residentsDriver });
        }
      : undefined,
    suppression,
  };

  return {
    storage,
    startupNotes,
    dataProtection,
    residents,
    store,
    engine,
    calendar,
    caseTypes,
    scheduler,
    dispatcher,
    statusSync,
    waste,
    revenues,
    parking,
    webhooks,
    async runWorkersOnce() {
      await scheduler.tick();
      await dispatcher.dispatchOnce();
      await pollOnce();
    },
    actorFor: (user) => ({ id: user.id, teams: user.teams, roles: user.roles }),
    portalActor: { id: 'portal:resident', teams: ['residents'], roles: ['resident'] },
    async close() {
      if (workers) {
        clearInterval(poller);
        await Promise.all([scheduler.stop(), dispatcher.stop(), polling]);
      }
      await sqlStore?.close();
      await residentsDb?.close();
    },
  };
}
