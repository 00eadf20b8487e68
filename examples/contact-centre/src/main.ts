import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { serve } from '@hono/node-server';
import { createApp } from './app.js';
import { defaultSeedUsers } from './auth/user-directory.js';

// Start the contact centre: `pnpm start` from this folder (or the workspace root).
const port = Number(process.env['PORT'] ?? 3000);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`PORT must be a port number, not "${process.env['PORT']}".`);
  process.exit(1);
}
const databaseUrl = process.env['DATABASE_URL'];
const dataDir = process.env['DATA_DIR'] ?? fileURLToPath(new URL('../.data', import.meta.url));
// Keys the erasure tombstones; without it the services keep one in the PGlite data directory (see services.ts).
const suppressionSecret = process.env['SUPPRESSION_SECRET'];
if (suppressionSecret !== undefined && suppressionSecret.length < 32) {
  console.error('SUPPRESSION_SECRET must be at least 32 characters (try: openssl rand -base64 32).');
  process.exit(1);
}

const contactCentre = await createApp({
  ...(databaseUrl ? { databaseUrl } : { dataDir }),
  ...(suppressionSecret ? { suppressionSecret } : {}),
  sessionSecret: process.env['SESSION_SECRET'] ?? randomBytes(32).toString('base64url'),
  // Browsers keep Secure cookies on http://localhost; behind plain HTTP on another host, set SECURE_COOKIES=false.
  secureCookies: process.env['SECURE_COOKIES'] !== 'false',
  ...(process.env['COUNCIL_NAME'] ? { branding: { councilName: process.env['COUNCIL_NAME'] } } : {}),
  ...(process.env['WASTE_BASE_URL'] ? { wasteBaseUrl: process.env['WASTE_BASE_URL'] } : {}),
  ...(process.env['REVENUES_BASE_URL'] ? { revenuesBaseUrl: process.env['REVENUES_BASE_URL'] } : {}),
  ...(process.env['PARKING_BASE_URL'] ? { parkingBaseUrl: process.env['PARKING_BASE_URL'] } : {}),
  webhookSecrets: {
    ...(process.env['WASTE_WEBHOOK_SECRET'] ? { waste: process.env['WASTE_WEBHOOK_SECRET'] } : {}),
    ...(process.env['REVENUES_WEBHOOK_SECRET'] ? { revenues: process.env['REVENUES_WEBHOOK_SECRET'] } : {}),
    ...(process.env['PARKING_WEBHOOK_SECRET'] ? { parking: process.env['PARKING_WEBHOOK_SECRET'] } : {}),
  },
});

const server = serve({ fetch: contactCentre.fetch, port, hostname: process.env['HOST'] ?? '127.0.0.1' }, (info) => {
  const { storage, startupNotes } = contactCentre.services;
  const url = `http://localhost:${info.port}`;
  console.log(`\n${contactCentre.branding.councilName}: contact centre and resident portal`);
  console.log(`  storage: ${storage.kind} (${storage.location})`);
  for (const note of startupNotes) console.log(`  ${note}`);
  console.log(`\n  Agent desktop:    ${url}/desktop`);
  console.log(`  Resident portal:  ${url}/portal`);
  console.log(`  JSON API:         ${url}/api/openapi.json`);
  console.log('\n  Sign in as:');
  for (const user of defaultSeedUsers) {
    console.log(`    ${user.username.padEnd(12)} password ${user.password.padEnd(26)} ${user.displayName} (${user.teams.join(', ')})`);
  }
  console.log('\nPress Ctrl+C to stop.');
});

const shutdown = () => {
  server.close();
  void contactCentre.close().then(() => process.exit(0));
};
process.once('SIGINT', shutdown);
process.once('SIGTERM', shutdown);
