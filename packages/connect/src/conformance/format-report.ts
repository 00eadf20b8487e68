import type { ConformanceReport } from './run-conformance.js';

/**
 * Render a conformance report as plain text: one line per check, failures
 * first within each operation's order, and a verdict. Suitable for CI logs.
 *
 * @example
 * ```ts
 * const report = await runConformance({ baseUrl, interface: wasteInterface });
 * console.log(formatConformanceReport(report));
 * // Conformance of waste 1.0.0 at http://localhost:4010
 * //   PASS  getProperty.responds: HTTP 200, body matches the schema
 * //   FAIL  reportMissedCollection.idempotent-replay: ...
 * // 12 checks: 11 passed, 1 failed. NOT CONFORMANT.
 * ```
 */
export function formatConformanceReport(report: Omit<ConformanceReport, 'text'>): string {
  const failed = report.checks.filter((check) => !check.ok).length;
  const lines = [`Conformance of ${report.interface} ${report.version} at ${report.baseUrl}`];
  for (const check of report.checks) lines.push(`  ${check.ok ? 'PASS' : 'FAIL'}  ${check.id}: ${check.detail}`);
  lines.push(
    `${report.checks.length} checks: ${report.checks.length - failed} passed, ${failed} failed. ${report.passed ? 'CONFORMANT.' : 'NOT CONFORMANT.'}`,
  );
  return lines.join('\n');
}
