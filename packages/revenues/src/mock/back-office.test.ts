import { describe, expect, it } from 'vitest';
import { REVENUES_PROBLEM_TYPES, RevenuesError } from '../errors.js';
import { createMockRevenuesBackOffice, MOCK_REVENUES_FIXTURES } from './index.js';

const NOW = new Date('2026-11-24T10:00:00Z');
const { singleAdult, mover } = MOCK_REVENUES_FIXTURES;

function setup() {
  const backOffice = createMockRevenuesBackOffice({ now: () => NOW });
  const send = async (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) => {
    const response = await backOffice.fetch(`${backOffice.baseUrl}${path}`, {
      method,
      headers: { 'content-type': 'application/json', ...headers },
      ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
    });
    const text = await response.text();
    return { status: response.status, type: response.headers.get('content-type'), headers: response.headers, body: text ? (JSON.parse(text) as Record<string, unknown>) : undefined };
  };
  return { backOffice, send };
}

describe('mock revenues back office over HTTP', () => {
  it('refuses bad options', () => {
    expect(() => createMockRevenuesBackOffice({ paymentDays: [] })).toThrow(RevenuesError);
  });

  it('answers unknown paths and methods with problem+json', async () => {
    const { send } = setup();
    expect(await send('GET', '/nothing')).toMatchObject({ status: 404, type: 'application/problem+json', body: { type: REVENUES_PROBLEM_TYPES['not-found'] } });
    expect(await send('DELETE', `/accounts/${singleAdult.accountId}`)).toMatchObject({ status: 405 });
    expect((await send('GET', '/accounts/%E0%A4%A')).status).toBe(404);
  });

  it('requires an Idempotency-Key on writes and changes nothing without one', async () => {
    const { send, backOffice } = setup();
    const before = backOffice.account(singleAdult.accountId);
    const answer = await send('POST', `/accounts/${singleAdult.accountId}/single-person-discount`, { livingAloneSince: '2026-01-01', declaration: true });
    expect(answer).toMatchObject({ status: 400, body: { type: REVENUES_PROBLEM_TYPES['idempotency-key-missing'] } });
    expect(backOffice.account(singleAdult.accountId)).toEqual(before);
  });

  it('marks a replay and keeps one effect', async () => {
    const { send, backOffice } = setup();
    const request = () => send('POST', `/accounts/${singleAdult.accountId}/single-person-discount`, { declaration: true, livingAloneSince: '2026-01-01' }, { 'idempotency-key': 'k1' });
    const first = await request();
    const second = await request();
    expect(second.body).toEqual(first.body);
    expect(second.headers.get('idempotency-replayed')).toBe('true');
    expect(backOffice.account(singleAdult.accountId)?.discounts).toHaveLength(1);
  });

  it.each([
    ['not JSON', '{"kind":', 400],
    ['a wrong type', { kind: 'out', moveDate: 20261201 }, 400],
    ['SQL in a field', { kind: "in'; DROP TABLE accounts;--", moveDate: '2026-11-20' }, 400],
    ['an unknown field', { kind: 'in', moveDate: '2026-11-20', admin: true }, 400],
    ['an array body', [1, 2, 3], 400],
    ['an oversized body', { kind: 'in', moveDate: '2026-11-20', notes: 'x'.repeat(70_000) }, 413],
  ])('refuses %s with a clear problem and changes nothing', async (_label, body, status) => {
    const { send, backOffice } = setup();
    const before = JSON.stringify(backOffice.account(mover.accountId));
    const answer = await send('POST', `/accounts/${mover.accountId}/moves`, body, { 'idempotency-key': `k-${status}` });
    expect(answer.status).toBe(status);
    expect(answer.type).toBe('application/problem+json');
    expect(typeof answer.body?.detail).toBe('string');
    expect(JSON.stringify(backOffice.account(mover.accountId))).toBe(before);
    expect((await send('GET', '/updates')).body).toMatchObject({ updates: [] });
  });

  it('counts lookups of unknown references too, so a lock does not reveal which references exist', async () => {
    const { send } = setup();
    for (let attempt = 0; attempt < 5; attempt += 1) await send('POST', '/accounts/lookup', { reference: '999999999', postcode: 'AT1 1AA' });
    const locked = await send('POST', '/accounts/lookup', { reference: '999999999', postcode: 'AT1 1AA' });
    expect(locked).toMatchObject({ status: 429, body: { type: REVENUES_PROBLEM_TYPES['account-locked'] } });
    expect(locked.headers.get('retry-after')).toBe('900');
  });

  it('refuses a bad updates cursor', async () => {
    const { send } = setup();
    expect((await send('GET', '/updates?since=abc')).status).toBe(400);
  });

  it('refuses to advance a request it does not have', () => {
    const { backOffice } = setup();
    expect(() => backOffice.advance('MV-999999', 'closed')).toThrow(RevenuesError);
  });
});
