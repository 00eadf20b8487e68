import type { Citizen } from '../schemas/types.js';

/**
 * One row of any store, fed to {@link scanForPersonalData}: where it is
 * (table and key, for the report) and its value (any JSON-like value;
 * strings, numbers, nested objects and arrays are all searched).
 *
 * @example
 * ```ts
 * const row: ScanRow = { location: 'cases/case-7', value: caseRecord };
 * ```
 */
export interface ScanRow {
  /** Where the row is. */
  location: string;
  /** The row. */
  value: unknown;
}

/**
 * What kind of personal data a finding is.
 *
 * @example
 * ```ts
 * const kind: PersonalDataKind = 'identifier';
 * ```
 */
export type PersonalDataKind = 'record-id' | 'name' | 'identifier' | 'email' | 'phone' | 'date-of-birth';

/**
 * One place the person's data was found. The matched value is not repeated
 * (the report must not become a copy of the data).
 *
 * @example
 * ```ts
 * const finding: PersonalDataFinding = { location: 'cases/case-7', path: 'data.contactName', kind: 'name' };
 * ```
 */
export interface PersonalDataFinding {
  /** The row's location. */
  location: string;
  /** Dot path within the row (empty for the row itself). */
  path: string;
  /** What kind of data. */
  kind: PersonalDataKind;
}

/**
 * Options for {@link scanForPersonalData}.
 *
 * @example
 * ```ts
 * const options: ScanOptions = { subject: person.sources.map((s) => s.citizen), extraIds: [person.id, 'CT-881'] };
 * ```
 */
export interface ScanOptions {
  /** Every record held about the person, taken before erasure. */
  subject: readonly Citizen[];
  /** Other ids of the person (person id, source record ids) to look for. Default: none. */
  extraIds?: readonly string[];
}

interface Needle {
  kind: PersonalDataKind;
  /** Compared against text lower-cased with runs of spaces collapsed. */
  text?: string;
  /** Compared against the text's letters and digits only, lower-cased. */
  compact?: string;
  /** Must equal a whole value (ids), not a substring. */
  exact?: string;
}

function flat(text: string): string {
  return text.toLowerCase().replace(/\s+/g, ' ');
}

function compact(text: string): string {
  return text.toLowerCase().replace(/[^a-z0-9]/g, '');
}

function needlesOf(options: ScanOptions): Needle[] {
  const needles: Needle[] = [];
  const ids = new Set([...(options.extraIds ?? []), ...options.subject.map((c) => c.id)]);
  for (const id of ids) needles.push({ kind: 'record-id', exact: id });
  for (const citizen of options.subject) {
    const givens = [citizen.name.given, citizen.name.preferred, ...citizen.previousNames.map((p) => p.given)].filter((x): x is string => !!x);
    const families = [citizen.name.family, ...citizen.previousNames.map((p) => p.family)].filter((x): x is string => !!x);
    for (const family of families) {
      for (const given of givens) needles.push({ kind: 'name', text: flat(`${given} ${family}`) }, { kind: 'name', text: flat(`${family}, ${given}`) });
    }
    // A record that keeps the name split into fields (given and family apart) is found through the name-pair check in scanRow.
    for (const identifier of citizen.identifiers) needles.push({ kind: 'identifier', compact: compact(identifier.value) });
    for (const point of citizen.contactPoints) {
      if (point.kind === 'email') needles.push({ kind: 'email', text: flat(point.value) });
      else {
        needles.push({ kind: 'phone', compact: compact(point.value) });
        if (point.value.startsWith('+44')) needles.push({ kind: 'phone', compact: `0${point.value.slice(3)}` });
      }
    }
  }
  return needles.filter((n) => (n.compact === undefined || n.compact.length >= 6) && (n.text === undefined || n.text.length >= 3));
}

/**
 * Scan rows from any store for one person's personal data: their record
 * ids, full names (current and previous, either order, and given and family
 * name held in the same object), identifiers, email addresses, phone numbers
 * (any spacing, national or international), and the date of birth when it
 * sits in an object beside their family name. Run it after an erasure over
 * every table the council holds (citizens, households, cases, case events,
 * outbox, consents) to prove nothing is left: it should return `[]`.
 *
 * Postcodes, UPRNs and family names alone are not searched for: household
 * members legitimately share them.
 *
 * @example
 * ```ts
 * import { scanForPersonalData } from '@councilkit/citizen/gdpr';
 *
 * const subject = person.sources.map((s) => s.citizen); // taken before erasing
 * await erasure.execute(request, store);
 * const findings = await scanForPersonalData({ subject, extraIds: [person.id] }, store.allRows());
 * if (findings.length > 0) throw new Error(`Erasure left data in ${findings.map((f) => f.location).join(', ')}`);
 * ```
 */
export async function scanForPersonalData(options: ScanOptions, rows: Iterable<ScanRow> | AsyncIterable<ScanRow>): Promise<PersonalDataFinding[]> {
  const needles = needlesOf(options);
  const pairs = options.subject.flatMap((c) => {
    const given = c.name.given ? flat(c.name.given) : null;
    const families = [c.name.family, ...c.previousNames.map((p) => p.family)].filter((x): x is string => !!x).map(flat);
    return families.map((family) => ({ given, family, dob: c.dateOfBirth?.value ?? null }));
  });
  const findings: PersonalDataFinding[] = [];

  function visit(value: unknown, location: string, path: string): void {
    if (typeof value === 'string' || typeof value === 'number') {
      const text = String(value);
      const lower = flat(text);
      const squeezed = compact(text);
      for (const needle of needles) {
        const hit =
          (needle.exact !== undefined && text === needle.exact) ||
          (needle.text !== undefined && lower.includes(needle.text)) ||
          (needle.compact !== undefined && squeezed.includes(needle.compact));
        if (hit) {
          findings.push({ location, path, kind: needle.kind });
          return;
        }
      }
      return;
    }
    if (Array.isArray(value)) {
      value.forEach((item, index) => visit(item, location, path ? `${path}.${index}` : String(index)));
      return;
    }
    if (value !== null && typeof value === 'object') {
      const strings = Object.values(value).filter((v): v is string => typeof v === 'string').map(flat);
      for (const pair of pairs) {
        if (!strings.includes(pair.family)) continue;
        if (pair.given !== null && strings.includes(pair.given)) findings.push({ location, path, kind: 'name' });
        else if (pair.dob !== null && strings.some((s) => s === pair.dob)) findings.push({ location, path, kind: 'date-of-birth' });
      }
      for (const [key, item] of Object.entries(value)) visit(item, location, path ? `${path}.${key}` : key);
    }
  }

  for await (const row of rows as AsyncIterable<ScanRow>) visit(row.value, row.location, '');
  return findings;
}
