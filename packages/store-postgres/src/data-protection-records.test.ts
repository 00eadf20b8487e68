// Suppression tombstones and the consent ledger kept in SQL: written through
// the hooks of @councilkit/citizen/gdpr, read back by a fresh store on the
// same schema as after a restart. PGlite always; the real PostgreSQL server
// too when TEST_DATABASE_URL is set.
import { citizenSchema } from '@councilkit/citizen';
import type { Citizen } from '@councilkit/citizen';
import { createConsentLedger, createSuppressionList, scanForPersonalData } from '@councilkit/citizen/gdpr';
import { describe, expect, it } from 'vitest';
import { createSqlDataProtectionRecords } from './data-protection-records.js';
import { StoreError } from './errors.js';
import { scanStore } from './store-scan.js';
import { randomSchema, useStoreBackends } from './test-support.js';

const SECRET = 'a suppression secret long enough for hmac-sha-256';
const actor = { id: 'agent-1', teams: ['contact-centre'] };
const person = citizenSchema.parse({
  id: 'c-erased',
  name: { given: 'Grace', family: 'Hopper' },
  dateOfBirth: { value: '1976-12-09', precision: 'full' },
  identifiers: [{ scheme: 'nino', value: 'JG103759A' }],
  contactPoints: [{ kind: 'email', value: 'grace.hopper@example.org' }],
}) as Citizen;
const comingBack = citizenSchema.parse({ id: 'new-1', name: { given: 'G', family: 'Smith' }, contactPoints: [{ kind: 'email', value: 'Grace.Hopper@example.org' }] }) as Citizen;

const backends = useStoreBackends({ poolSize: 2 });

for (const [name, skip, open] of backends) {
  describe.skipIf(skip)(`data-protection records on ${name}`, () => {
    it('keeps a tombstone across a restart: a list built from a new store flags the person again, and the table holds none of their data', async () => {
      const schema = randomSchema('ck_dprecords');
      const first = await open(schema);
      const records = createSqlDataProtectionRecords({ driver: first.driver, schema: first.schema });
      const list = createSuppressionList({ secret: SECRET, tombstones: await records.loadTombstones(), onTombstone: records.saveTombstone });
      const tombstone = await list.tombstoneFor([person]);
      await list.add(tombstone);
      await records.saveTombstone(tombstone); // saved twice (a retry): still one row

      const second = await open(schema);
      const reloaded = await createSqlDataProtectionRecords({ driver: second.driver, schema: second.schema }).loadTombstones();
      expect(reloaded).toEqual([tombstone]);
      const after = createSuppressionList({ secret: SECRET, tombstones: reloaded });
      expect(await after.check(comingBack)).toMatchObject({ suppressed: true, tombstoneIds: [tombstone.id], matchedOn: ['email'] });
      expect((await createSuppressionList({ secret: `${SECRET} but another`, tombstones: reloaded }).check(comingBack)).suppressed).toBe(false);

      const findings = await scanForPersonalData({ subject: [person], extraIds: [person.id] }, scanStore({ driver: second.driver, schema: second.schema }));
      expect(findings).toEqual([]);
    });

    it('round-trips consent entries in order, refuses a taken sequence, and forgets a subject', async () => {
      const schema = randomSchema('ck_dprecords');
      const store = await open(schema);
      const records = createSqlDataProtectionRecords({ driver: store.driver, schema: store.schema });
      const ledger = createConsentLedger({ entries: await records.loadConsents(), onEntry: records.appendConsent, onForget: records.forgetConsents });
      await ledger.record({ subjectId: 'c-1', purpose: 'surveys', lawfulBasis: 'consent', actor, expiresAt: '2030-01-01T00:00:00.000Z' });
      await ledger.record({ subjectId: 'c-2', purpose: 'surveys', lawfulBasis: 'consent', actor, note: 'by phone' });
      await ledger.withdraw({ subjectId: 'c-1', purpose: 'surveys', actor });

      const restarted = createSqlDataProtectionRecords({ driver: (await open(schema)).driver, schema });
      const loaded = await restarted.loadConsents();
      expect(loaded).toEqual(ledger.entries());
      expect(loaded.map((e) => e.sequence)).toEqual([1, 2, 3]);
      const again = createConsentLedger({ entries: loaded, onEntry: restarted.appendConsent, onForget: restarted.forgetConsents });
      expect(again.permits('c-1', 'surveys')).toBe(false);
      expect(again.permits('c-2', 'surveys')).toBe(true);

      // A second process appending on a stale ledger is refused, not merged out of order.
      await expect(records.appendConsent({ ...loaded[0]!, sequence: 3 })).rejects.toThrow();
      expect(await again.forget('c-1')).toBe(2);
      expect((await restarted.loadConsents()).map((e) => e.subjectId)).toEqual(['c-2']);
    });
  });
}

describe('createSqlDataProtectionRecords options', () => {
  it('refuses a missing driver with a StoreError', () => {
    expect(() => createSqlDataProtectionRecords({} as never)).toThrow(StoreError);
  });
});
