import { MatchingError } from './errors.js';
import { normaliseValue, postcodePart } from './normalise.js';
import type { Normaliser } from './normalise.js';

/**
 * One record to link: a plain object of field name to string (or `null` when
 * the source system does not hold it). Any source can be linked once mapped
 * to this shape; see `citizenToLinkageRecord` for the councilkit citizen model.
 *
 * @example
 * ```ts
 * const record: LinkageRecord = { id: 'ct-0012', first_name: 'Ada', surname: 'Lovelace', dob: '1815-12-10', postcode: null };
 * ```
 */
export type LinkageRecord = Readonly<Record<string, string | null | undefined>>;

/** A normalised column: the cleaned values and an integer code per record (-1 when missing). */
export interface PreparedColumn {
  readonly values: (string | null)[];
  readonly codes: number[];
}

/**
 * Records normalised once, column by column, so that scoring compares
 * integers and short strings instead of re-cleaning values per pair.
 * Internal: built by the matcher.
 */
export interface PreparedRecords {
  readonly ids: string[];
  readonly records: LinkageRecord[];
  readonly idIndex: Map<string, number>;
  size(): number;
  column(field: string): PreparedColumn;
  /** Integer codes of a value derived from a field (postcode sector, name prefix…), -1 when missing. */
  derived(field: string, derivation: string): number[];
  /** Days since 1970 for a date field, NaN when missing. */
  days(field: string): number[];
  /** Share of non-missing values of `field` equal to the value with this code. */
  termFrequency(field: string, code: number): number;
  append(record: LinkageRecord): number;
  /** The shared string intern table, so codes are comparable across fields (forename vs surname). */
  code(value: string): number;
}

function derive(value: string, derivation: string): string | null {
  if (derivation === 'postcode-sector') return postcodePart(value, 'sector');
  if (derivation === 'postcode-district') return postcodePart(value, 'district');
  if (derivation === 'postcode-area') return postcodePart(value, 'area');
  if (derivation === 'year') return value.slice(0, 4);
  if (derivation === 'day-month') return value.slice(5);
  if (derivation === 'email-local') {
    const at = value.indexOf('@');
    return at > 0 ? value.slice(0, at) : null;
  }
  const prefix = /^prefix-(\d+)$/.exec(derivation);
  if (prefix) return value.slice(0, Number(prefix[1]));
  if (derivation === 'initial') return value.slice(0, 1);
  return value;
}

function toDays(value: string | null): number {
  if (value === null) return Number.NaN;
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) return Number.NaN;
  return Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])) / 86_400_000;
}

/** Build prepared records. Throws `invalid-record` / `duplicate-record-id` for unusable input. */
export function prepareRecords(
  input: readonly LinkageRecord[],
  idField: string,
  normaliserOf: (field: string) => Normaliser,
): PreparedRecords {
  const records: LinkageRecord[] = [];
  const ids: string[] = [];
  const idIndex = new Map<string, number>();
  const intern = new Map<string, number>();
  const columns = new Map<string, PreparedColumn>();
  const derivedColumns = new Map<string, number[]>();
  const dayColumns = new Map<string, number[]>();
  const frequencies = new Map<string, { counts: Map<number, number>; total: number }>();

  const code = (value: string): number => {
    let found = intern.get(value);
    if (found === undefined) {
      found = intern.size;
      intern.set(value, found);
    }
    return found;
  };

  const addId = (record: LinkageRecord, position: number): void => {
    if (record === null || typeof record !== 'object') {
      throw new MatchingError('invalid-record', `Record ${position} is not an object`);
    }
    const raw = record[idField];
    if (raw === null || raw === undefined || String(raw) === '') {
      throw new MatchingError('invalid-record', `Record ${position} has no "${idField}"`);
    }
    const id = String(raw);
    if (idIndex.has(id)) throw new MatchingError('duplicate-record-id', `Record id "${id}" appears more than once`);
    idIndex.set(id, ids.length);
    ids.push(id);
    records.push(record);
  };
  input.forEach((record, position) => addId(record, position));

  const normalised = (record: LinkageRecord, field: string): string | null => {
    const raw = record[field];
    if (raw === null || raw === undefined) return null;
    return normaliseValue(normaliserOf(field), String(raw));
  };

  const column = (field: string): PreparedColumn => {
    let found = columns.get(field);
    if (!found) {
      const values = records.map((record) => normalised(record, field));
      found = { values, codes: values.map((value) => (value === null ? -1 : code(value))) };
      columns.set(field, found);
    }
    return found;
  };

  const derivedKey = (field: string, derivation: string): string => `${field}\u0000${derivation}`;
  const derived = (field: string, derivation: string): number[] => {
    const key = derivedKey(field, derivation);
    let found = derivedColumns.get(key);
    if (!found) {
      found = column(field).values.map((value) => {
        if (value === null) return -1;
        const part = derive(value, derivation);
        return part === null || part === '' ? -1 : code(`\u0001${derivation}\u0001${part}`);
      });
      derivedColumns.set(key, found);
    }
    return found;
  };

  const days = (field: string): number[] => {
    let found = dayColumns.get(field);
    if (!found) {
      found = column(field).values.map(toDays);
      dayColumns.set(field, found);
    }
    return found;
  };

  const termFrequency = (field: string, valueCode: number): number => {
    let table = frequencies.get(field);
    if (!table) {
      const counts = new Map<number, number>();
      let total = 0;
      for (const c of column(field).codes) {
        if (c < 0) continue;
        counts.set(c, (counts.get(c) ?? 0) + 1);
        total += 1;
      }
      table = { counts, total };
      frequencies.set(field, table);
    }
    if (table.total === 0) return 0;
    return (table.counts.get(valueCode) ?? 0) / table.total;
  };

  return {
    ids,
    records,
    idIndex,
    size: () => ids.length,
    column,
    derived,
    days,
    termFrequency,
    code,
    append(record) {
      addId(record, ids.length);
      for (const [field, prepared] of columns) {
        const value = normalised(record, field);
        prepared.values.push(value);
        prepared.codes.push(value === null ? -1 : code(value));
      }
      for (const [key, codes] of derivedColumns) {
        const [field, derivation] = key.split('\u0000') as [string, string];
        const value = column(field).values[ids.length - 1] ?? null;
        const part = value === null ? null : derive(value, derivation);
        codes.push(part === null || part === '' ? -1 : code(`\u0001${derivation}\u0001${part}`));
      }
      for (const [field, values] of dayColumns) values.push(toDays(column(field).values[ids.length - 1] ?? null));
      for (const [field, table] of frequencies) {
        const valueCode = column(field).codes[ids.length - 1] ?? -1;
        if (valueCode < 0) continue;
        table.counts.set(valueCode, (table.counts.get(valueCode) ?? 0) + 1);
        table.total += 1;
      }
      return ids.length - 1;
    },
  };
}
