import { describe, expect, it } from 'vitest';
import { type ResidentSummary, createResidentIndex, normalisePostcode } from './resident-index.js';

const resident = (id: string, name: string, address: string, postcode: string, uprn: string, references: string[] = []): ResidentSummary => ({
  id,
  name,
  otherNames: [],
  address,
  postcode,
  uprn,
  dateOfBirth: undefined,
  references,
});

const index = createResidentIndex([
  resident('1', 'Jane Smith', '12 Acacia Avenue, Anytown', 'AT1 2AB', '100023336956', ['CT12345678']),
  resident('2', 'John Smyth', '14 Acacia Avenue, Anytown', 'AT1 2AB', '100023336957'),
  resident('3', 'Siobhán O’Connor', '3 Mill Lane, Anytown', 'AT2 9ZZ', '200000000001'),
  resident('4', 'Priya Patel', '7 Station Road, Anytown', 'AT3 4CD', '300000000002'),
]);

describe('resident search', () => {
  it('finds by UPRN exactly', () => {
    expect(index.search('100023336957').map((r) => r.id)).toEqual(['2']);
  });

  it('finds by postcode in any case and spacing, in address order', () => {
    expect(index.search('at12ab').map((r) => r.id)).toEqual(['1', '2']);
    expect(index.search('AT2').map((r) => r.id)).toEqual(['3']);
  });

  it('finds by reference', () => {
    expect(index.search('ct 1234 5678')[0]).toMatchObject({ id: '1', matchedOn: 'reference' });
  });

  it('tolerates typos and word order in names, best match first', () => {
    expect(index.search('jane smiht')[0]?.id).toBe('1');
    expect(index.search('patel priya')[0]?.id).toBe('4');
    expect(index.search('siobhan oconnor')[0]?.id).toBe('3');
  });

  it('finds by street', () => {
    expect(index.search('station road')[0]).toMatchObject({ id: '4', matchedOn: 'address' });
  });

  it('returns nothing for nonsense and blank queries', () => {
    expect(index.search('zzqxv')).toEqual([]);
    expect(index.search('   ')).toEqual([]);
  });
});

describe('normalisePostcode', () => {
  it('normalises valid postcodes and refuses others', () => {
    expect(normalisePostcode(' sw1a1aa ')).toBe('SW1A 1AA');
    expect(normalisePostcode('not a postcode')).toBeUndefined();
  });
});
