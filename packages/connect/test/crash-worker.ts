// Test-only (not published): one dispatcher process for the crash test.
//   node --conditions=@councilkit/source --import tsx test/crash-worker.ts
// Env: CRASH_DATABASE_URL, CRASH_SCHEMA, CRASH_OFFICE_URL, CRASH_WORKER_ID.
// Prints one JSON line per dispatch outcome on stdout so the parent can see
// what it did; SIGTERM stops it cleanly, SIGKILL (the point) does not.
import { createCaseEngine } from '@councilkit/cases';
import { createPostgresStore } from '@councilkit/store-postgres';
import { createDispatcher } from '../src/dispatcher.js';
import { crashDispatcherTuning, officeBackOffice, referralCaseType } from './crash-scenario.js';

const required = (name: string): string => {
  const value = process.env[name];
  if (!value) {
    process.stderr.write(`crash-worker: ${name} is not set\n`);
    process.exit(2);
  }
  return value;
};

const workerId = required('CRASH_WORKER_ID');
const say = (line: Record<string, unknown>) => process.stdout.write(`${JSON.stringify({ worker: workerId, ...line })}\n`);

const store = await createPostgresStore({ connectionString: required('CRASH_DATABASE_URL'), schema: required('CRASH_SCHEMA'), poolSize: 4, migrate: false });
const engine = createCaseEngine({ store, caseTypes: [referralCaseType] });
const dispatcher = createDispatcher({
  store,
  engine,
  backOffices: [officeBackOffice(required('CRASH_OFFICE_URL'), workerId)],
  workerId,
  ...crashDispatcherTuning,
  onEvent: (event) => {
    if (event.type === 'error') say({ type: 'error', error: String((event.error as Error)?.stack ?? event.error) });
    else if (event.type === 'circuit') say({ type: 'circuit', state: event.state.state });
    else if (event.type === 'incident') say({ type: 'incident', key: event.message.idempotencyKey, reason: event.reason });
    else say({ type: event.type, key: event.message.idempotencyKey });
  },
});

process.on('SIGTERM', () => {
  void (async () => {
    await dispatcher.stop();
    await store.close();
    say({ type: 'stopped' });
    process.exit(0);
  })();
});

dispatcher.start({ idleMs: 50 });
say({ type: 'ready', pid: process.pid });
