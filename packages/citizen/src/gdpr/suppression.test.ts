import { describe, expect, it } from 'vitest';
import { citizenSchema } from '../schemas/citizen.js';
import type { Citizen } from '../schemas/types.js';
import { createConsentLedger } from './consent-ledger.js';
import { createErasure } from './erasure.js';
import type { ErasureStore, RetentionRule } from './erasure.js';
import { createSuppressionList } from './suppression.js';
import type { SuppressionTombstone } from './suppression.js';

const SECRET = 'a suppression secret long enough for hmac-sha-256';
const dpo = { id: 'dpo-1', teams: ['information-governance'] };
const person = citizenSchema.parse({
  id: 'c-1',
  name: { given: 'Ada', family: 'Lovelace' },
  dateOfBirth: { value: '1980-12-10', precision: 'full' },
  identifiers: [{ scheme: 'nino', value: 'JG103759A' }],
  contactPoints: [{ kind: 'email', value: 'ada@example.org' }],
}) as Citizen;
const retention: RetentionRule[] = [{ appliesTo: { source: '*' }, onErasure: 'delete', basis: 'No longer needed' }];

function recordingStore(calls: string[]): ErasureStore {
  return {
    async deleteRecord(target) {
      calls.push(`delete ${target.recordId}`);
    },
    async pseudonymiseRecord() {
      calls.push('pseudonymise-record');
    },
    async pseudonymiseCase() {
      calls.push('pseudonymise-case');
    },
    async restrict() {
      calls.push('restrict');
    },
    async removeHouseholdMember(id) {
      calls.push(`household ${id}`);
    },
  };
}

const request = { subject: { id: 'c-1', sources: [{ source: 'contact-centre', recordId: 'c-1', updatedAt: '2020-01-01T00:00:00.000Z', citizen: person }] }, cases: [], mode: 'erase' as const, actor: dpo, reason: 'Article 17 request' };

describe('suppression list persistence hook', () => {
  it('writes each tombstone through onTombstone before keeping it, and a list built from what was written flags the person', async () => {
    const written: SuppressionTombstone[] = [];
    const list = createSuppressionList({ secret: SECRET, onTombstone: (t) => void written.push(t) });
    const tombstone = await list.tombstoneFor([person]);
    await list.add(tombstone);
    expect(written).toEqual([tombstone]);
    expect(written[0]?.keys.every((key) => !key.includes('JG103759A') && !key.includes('ada@'))).toBe(true);
    const reloaded = createSuppressionList({ secret: SECRET, tombstones: written });
    expect(await reloaded.check(citizenSchema.parse({ id: 'new', name: { family: 'Someone' }, identifiers: [{ scheme: 'nino', value: 'jg 10 37 59 a' }] }) as Citizen)).toMatchObject({
      suppressed: true,
      tombstoneIds: [tombstone.id],
      matchedOn: ['nino'],
    });
  });

  it('keeps nothing when onTombstone fails, and the erasure stops before anything is deleted', async () => {
    const list = createSuppressionList({ secret: SECRET, onTombstone: () => Promise.reject(new Error('database down')) });
    await expect(list.add(await list.tombstoneFor([person]))).rejects.toThrow('database down');
    expect(list.list()).toEqual([]);
    expect((await list.check(person)).suppressed).toBe(false);

    const calls: string[] = [];
    const erasure = createErasure({ retention, suppression: list });
    await expect(erasure.execute(request, recordingStore(calls))).rejects.toThrow('database down');
    expect(calls).toEqual([]);
  });

  it('has the tombstone saved before the erasure deletes, and forgets consents through onForget', async () => {
    const calls: string[] = [];
    const list = createSuppressionList({ secret: SECRET, onTombstone: (t) => void calls.push(`tombstone ${t.id}`), newId: () => 't-1' });
    const ledger = createConsentLedger({ onForget: (id) => void calls.push(`forget ${id}`) });
    await ledger.record({ subjectId: 'c-1', purpose: 'surveys', lawfulBasis: 'consent', actor: dpo });
    const outcome = await createErasure({ retention, suppression: list, consents: ledger }).execute(request, recordingStore(calls));
    expect(outcome.status).toBe('erased');
    expect(calls).toEqual(['tombstone t-1', 'delete c-1', 'household c-1', 'forget c-1']);
    expect(ledger.history('c-1')).toEqual([]);
  });

  it('keeps the consent entries when onForget fails', async () => {
    const ledger = createConsentLedger({ onForget: () => Promise.reject(new Error('down')) });
    await ledger.record({ subjectId: 'c-1', purpose: 'surveys', lawfulBasis: 'consent', actor: dpo });
    await expect(ledger.forget('c-1')).rejects.toThrow('down');
    expect(ledger.history('c-1')).toHaveLength(1);
  });
});
