import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createConsentLedger } from './consent-ledger.js';
import type { ConsentLedgerEntry } from './consent-ledger.js';
import { GdprError } from './errors.js';

const actor = { id: 'agent-1', teams: ['contact-centre'] };

describe('createConsentLedger', () => {
  it('records a lawful basis per purpose, withdraws consent and keeps the history', async () => {
    let clock = new Date('2025-01-01T09:00:00.000Z');
    const ledger = createConsentLedger({ now: () => clock });
    await ledger.record({ subjectId: 'c-1', purpose: 'email-updates', lawfulBasis: 'consent', actor });
    await ledger.record({ subjectId: 'c-1', purpose: 'council-tax-billing', lawfulBasis: 'legal-obligation', actor });
    expect(ledger.permits('c-1', 'email-updates')).toBe(true);
    clock = new Date('2025-03-01T09:00:00.000Z');
    const withdrawn = await ledger.withdraw({ subjectId: 'c-1', purpose: 'email-updates', actor: { id: 'portal', teams: [] } });
    expect(withdrawn.consent).toMatchObject({ status: 'withdrawn', withdrawnAt: '2025-03-01T09:00:00.000Z', recordedAt: '2025-01-01T09:00:00.000Z' });
    expect(ledger.permits('c-1', 'email-updates')).toBe(false);
    expect(ledger.permits('c-1', 'council-tax-billing')).toBe(true);
    expect(ledger.history('c-1', 'email-updates').map((e) => [e.sequence, e.consent.status, e.actorId])).toEqual([
      [1, 'given', 'agent-1'],
      [3, 'withdrawn', 'portal'],
    ]);
    expect(ledger.current('c-1').map((c) => [c.purpose, c.status])).toEqual([
      ['email-updates', 'withdrawn'],
      ['council-tax-billing', 'given'],
    ]);
    // Consent can be given again after a withdrawal; history grows.
    await ledger.record({ subjectId: 'c-1', purpose: 'email-updates', lawfulBasis: 'consent', actor });
    expect(ledger.permits('c-1', 'email-updates')).toBe(true);
    expect(ledger.history('c-1')).toHaveLength(4);
  });

  it('refuses to withdraw what is not consent, or not in force', async () => {
    const ledger = createConsentLedger();
    await ledger.record({ subjectId: 'c-1', purpose: 'billing', lawfulBasis: 'legal-obligation', actor });
    await expect(ledger.withdraw({ subjectId: 'c-1', purpose: 'billing', actor })).rejects.toMatchObject({ reason: 'not-consent-based' });
    await expect(ledger.withdraw({ subjectId: 'c-1', purpose: 'never', actor })).rejects.toMatchObject({ reason: 'no-consent' });
    await ledger.record({ subjectId: 'c-1', purpose: 'sms', lawfulBasis: 'consent', actor });
    await ledger.withdraw({ subjectId: 'c-1', purpose: 'sms', actor });
    await expect(ledger.withdraw({ subjectId: 'c-1', purpose: 'sms', actor })).rejects.toMatchObject({ reason: 'no-consent' });
  });

  it('treats expired consent as not permitting, persists through entries, forgets on erasure', async () => {
    let clock = new Date('2025-01-01T00:00:00.000Z');
    const written: ConsentLedgerEntry[] = [];
    const ledger = createConsentLedger({ now: () => clock, onEntry: (e) => void written.push(e) });
    await ledger.record({ subjectId: 'c-1', purpose: 'survey', lawfulBasis: 'consent', actor, expiresAt: '2025-06-01T00:00:00Z' });
    await ledger.record({ subjectId: 'c-2', purpose: 'survey', lawfulBasis: 'consent', actor });
    expect(ledger.permits('c-1', 'survey')).toBe(true);
    clock = new Date('2025-07-01T00:00:00.000Z');
    expect(ledger.permits('c-1', 'survey')).toBe(false);
    const reloaded = createConsentLedger({ entries: written, now: () => clock });
    expect(reloaded.entries()).toEqual(ledger.entries());
    expect((await reloaded.record({ subjectId: 'c-1', purpose: 'x', lawfulBasis: 'public-task', actor })).sequence).toBe(3);
    expect(await reloaded.forget('c-1')).toBe(2);
    expect(reloaded.history('c-1')).toEqual([]);
    expect(reloaded.history('c-2')).toHaveLength(1);
  });

  it('records nothing when the audit port fails', async () => {
    const ledger = createConsentLedger({ onEntry: () => Promise.reject(new Error('down')) });
    await expect(ledger.record({ subjectId: 'c-1', purpose: 'p', lawfulBasis: 'consent', actor })).rejects.toThrow('down');
    expect(ledger.entries()).toEqual([]);
  });

  it('answers any malformed input with GdprError', async () => {
    const ledger = createConsentLedger();
    await fc.assert(
      fc.asyncProperty(fc.anything(), async (input) => {
        await expect(ledger.record(input as never)).rejects.toBeInstanceOf(GdprError);
        await expect(ledger.withdraw(input as never)).rejects.toBeInstanceOf(GdprError);
      }),
      { numRuns: 300 },
    );
    await expect(ledger.record({ subjectId: 'c', purpose: 'p', lawfulBasis: 'consent', actor, expiresAt: 'soon' })).rejects.toMatchObject({ reason: 'invalid-consent' });
  });
});
