import type { ParseCitizenResult } from '@councilkit/citizen';

/** What a batch run found, ready to print or to send to a data quality dashboard. */
export interface BatchSummary {
  total: number;
  valid: number;
  invalid: number;
  /** How many records failed for each message (a record with two problems counts under both). */
  invalidByReason: Array<{ message: string; records: number }>;
  /** How many values were tidied into normal form, by field (list positions removed). */
  normalisationsByField: Array<{ field: string; count: number }>;
}

/** Count what happened to a batch of parsed records. Pure: no I/O, so it is easy to test. */
export function summariseBatch(results: readonly ParseCitizenResult[]): BatchSummary {
  const reasons = new Map<string, number>();
  const fields = new Map<string, number>();
  let valid = 0;
  for (const result of results) {
    if (result.success) {
      valid += 1;
      for (const change of result.normalisations) {
        const field = change.path.replace(/\.\d+(?=\.|$)/g, '[]') || '(record)';
        fields.set(field, (fields.get(field) ?? 0) + 1);
      }
      continue;
    }
    for (const message of new Set(result.errors.map((error) => error.message))) reasons.set(message, (reasons.get(message) ?? 0) + 1);
  }
  const byCount = <K extends string>(key: K, map: Map<string, number>, countKey: string) =>
    [...map.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([name, count]) => ({ [key]: name, [countKey]: count }));
  return {
    total: results.length,
    valid,
    invalid: results.length - valid,
    invalidByReason: byCount('message', reasons, 'records') as BatchSummary['invalidByReason'],
    normalisationsByField: byCount('field', fields, 'count') as BatchSummary['normalisationsByField'],
  };
}

/** Render a summary as plain text for a terminal. */
export function formatSummary(summary: BatchSummary): string {
  const pad = (n: number) => String(n).padStart(6);
  const lines = [
    `Checked ${summary.total} resident records`,
    `${pad(summary.valid)}  valid`,
    `${pad(summary.invalid)}  invalid`,
    '',
    'Invalid records by reason:',
    ...(summary.invalidByReason.length > 0 ? summary.invalidByReason.map((r) => `${pad(r.records)}  ${r.message}`) : ['     -  none']),
    '',
    'Normalisations applied to valid records:',
    ...(summary.normalisationsByField.length > 0 ? summary.normalisationsByField.map((f) => `${pad(f.count)}  ${f.field}`) : ['     -  none']),
  ];
  return lines.join('\n');
}
