import { describe, expect, it } from 'vitest';
import { checkBankDetails } from './bank-details.js';

describe('checkBankDetails', () => {
  it('accepts typed sort codes with dashes or spaces', () => {
    expect(checkBankDetails({ sortCode: '12-34-56', accountNumber: '1234 5678', accountHolder: ' A Lovelace ', paymentDay: 15 })).toEqual({
      ok: true,
      value: { sortCode: '123456', accountNumber: '12345678', accountHolder: 'A Lovelace', paymentDay: 15 },
    });
  });

  it('names every bad field', () => {
    const result = checkBankDetails({ sortCode: '12345', accountNumber: '1234567', accountHolder: '', paymentDay: 31 });
    expect(result.ok === false && result.problems.map((problem) => problem.field)).toEqual(['sortCode', 'accountNumber', 'accountHolder', 'paymentDay']);
  });

  it('refuses wrong types and injection strings', () => {
    const result = checkBankDetails({ sortCode: 123456, accountNumber: "1' OR '1'='1", accountHolder: '<script>', paymentDay: '1' });
    expect(result.ok).toBe(false);
    expect(result.ok === false && result.problems).toHaveLength(4);
  });

  it('uses the council\'s payment days', () => {
    expect(checkBankDetails({ sortCode: '123456', accountNumber: '12345678', accountHolder: 'A B', paymentDay: 10, paymentDays: [10, 20] }).ok).toBe(true);
    expect(checkBankDetails({ sortCode: '123456', accountNumber: '12345678', accountHolder: 'A B', paymentDay: 1, paymentDays: [10, 20] }).ok).toBe(false);
  });
});
