#!/usr/bin/env node
// pnpm check:pack (CI, after pnpm build): prove the published tarball works for
// a council developer who is not in this workspace. Packs the package, installs
// the tarball into a fresh npm project under the OS temp folder (its registry
// dependencies come from the npm registry, as they would for a real user),
// then imports it both as ESM and as CommonJS, including its subpath exports,
// and checks that parseCitizen really validates and normalises a record.
// Exits non-zero on any failure. KEEP_PACK_SMOKE=1 keeps the temp folder.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const packageDir = join(root, 'packages', 'citizen');
const work = mkdtempSync(join(tmpdir(), 'councilkit-pack-smoke-'));
const run = (command, args, cwd) => {
  console.log(`$ ${command} ${args.join(' ')}   (in ${cwd})`);
  return execFileSync(command, args, { cwd, stdio: ['ignore', 'pipe', 'inherit'], encoding: 'utf8' });
};

// One record as a clerk might type it, and what it must become.
const record = {
  id: 'smoke-1',
  name: { given: '  Ada ', family: 'Lovelace' },
  dateOfBirth: '10/12/1985',
  addresses: [{ address: { pao: '12', street: 'St James Square', town: 'London', postcode: 'sw1y4jh', uprn: '000100023336956' } }],
  contactPoints: [{ kind: 'phone', value: '020 7946 0000', preferred: true }],
  identifiers: [{ scheme: 'nino', value: 'ab 12 34 56 c' }],
};
const checks = `
  const record = ${JSON.stringify(record)};
  const result = parseCitizen(record);
  if (!result.success) throw new Error('parseCitizen refused a good record: ' + JSON.stringify(result.errors));
  const c = result.citizen;
  const expect = (what, actual, wanted) => {
    if (JSON.stringify(actual) !== JSON.stringify(wanted)) throw new Error(what + ': got ' + JSON.stringify(actual) + ', wanted ' + JSON.stringify(wanted));
    console.log('  ok ' + what + ' = ' + JSON.stringify(actual));
  };
  expect('postcode', c.addresses[0].address.postcode, 'SW1Y 4JH');
  expect('uprn', c.addresses[0].address.uprn, '100023336956');
  expect('phone', c.contactPoints[0].value, '+442079460000');
  expect('nino', c.identifiers[0].value, 'AB123456');
  expect('date of birth', c.dateOfBirth, { value: '1985-12-10', precision: 'full' });
  const bad = parseCitizen({ ...record, dateOfBirth: '31/02/1985' });
  expect('bad date of birth', bad.success ? [] : bad.errors, [{ path: 'dateOfBirth', message: 'Enter a real date of birth' }]);
  const generator = createResidentGenerator({ seed: 1 });
  const resident = generator.residents(1)[0];
  expect('synthetic resident parses', parseCitizen(generator.messy(resident)).success, true);
  expect('matching subpath loads', typeof matching, 'object');
`;

let failed = false;
try {
  if (!existsSync(join(packageDir, 'dist', 'index.js'))) throw new Error('packages/citizen/dist is missing: run `pnpm build` first');
  run('pnpm', ['pack', '--pack-destination', work], packageDir);
  const tarball = readdirSync(work).find((file) => file.endsWith('.tgz'));
  if (!tarball) throw new Error('pnpm pack produced no tarball');
  console.log(`packed ${tarball}`);

  const app = join(work, 'app');
  mkdirSync(app);
  writeFileSync(join(app, 'package.json'), `${JSON.stringify({ name: 'pack-smoke-app', version: '1.0.0', private: true }, null, 2)}\n`);
  run('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error', join(work, tarball)], app);

  writeFileSync(
    join(app, 'esm-check.mjs'),
    `import { parseCitizen } from '@councilkit/citizen';\nimport { createResidentGenerator } from '@councilkit/citizen/synthetic';\nimport * as matching from '@councilkit/citizen/matching';\nconsole.log('ESM import of @councilkit/citizen');\n${checks}`,
  );
  writeFileSync(
    join(app, 'cjs-check.cjs'),
    `const { parseCitizen } = require('@councilkit/citizen');\nconst { createResidentGenerator } = require('@councilkit/citizen/synthetic');\nconst matching = require('@councilkit/citizen/matching');\nconsole.log('CommonJS require of @councilkit/citizen');\n${checks}`,
  );
  for (const file of ['esm-check.mjs', 'cjs-check.cjs']) process.stdout.write(run(process.execPath, [file], app));
  console.log('\npack smoke passed: @councilkit/citizen installs from its tarball and works from ESM and CommonJS.');
} catch (error) {
  failed = true;
  console.error(`\npack smoke FAILED: ${error instanceof Error ? error.message : String(error)}`);
} finally {
  if (process.env.KEEP_PACK_SMOKE) console.log(`kept ${work}`);
  else rmSync(work, { recursive: true, force: true });
}
process.exit(failed ? 1 : 0);
