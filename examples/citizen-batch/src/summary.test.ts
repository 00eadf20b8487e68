import { parseCitizen } from '@councilkit/citizen';
import { describe, expect, it } from 'vitest';
import { formatSummary, summariseBatch } from './summary.js';

describe('summariseBatch', () => {
  it('counts valid and invalid records, reasons and normalisations by field', () => {
    const results = [
      parseCitizen({ id: 'a', name: { family: 'Khan' }, addresses: [{ address: { pao: '1', town: 'Leeds', postcode: 'ls61aa' } }, { address: { pao: '2', town: 'Leeds', postcode: 'ls6 2ab ' } }] }),
      parseCitizen({ id: 'b', name: { family: 'Shaw' }, dateOfBirth: '31/02/1990' }),
      parseCitizen({ id: 'c', name: { family: 'Shaw' }, dateOfBirth: '30/02/1990', contactPoints: [{ kind: 'email', value: 'nope' }] }),
      parseCitizen('not a record'),
    ];
    const summary = summariseBatch(results);
    expect(summary).toEqual({
      total: 4,
      valid: 1,
      invalid: 3,
      invalidByReason: [
        { message: 'Enter a real date of birth', records: 2 },
        { message: 'Enter an email address in the correct format, like name@example.com', records: 1 },
        { message: "Enter the resident's details in the correct format", records: 1 },
      ],
      normalisationsByField: [{ field: 'addresses[].address.postcode', count: 2 }],
    });
    const text = formatSummary(summary);
    expect(text).toContain('Checked 4 resident records');
    expect(text).toContain('     2  Enter a real date of birth');
    expect(text).toContain('     2  addresses[].address.postcode');
  });
});
