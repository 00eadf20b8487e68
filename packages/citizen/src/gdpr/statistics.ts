import type { SubjectCase } from './ports.js';

/**
 * Case counts that must survive erasure: by case type, by channel, and by
 * outcome (`<status>:<state>`).
 *
 * @example
 * ```ts
 * const stats: CaseStatistics = caseStatistics(allCases);
 * stats.byChannel.phone; // 412
 * ```
 */
export interface CaseStatistics {
  /** All cases. */
  total: number;
  /** Per case type. */
  byType: Record<string, number>;
  /** Per channel. */
  byChannel: Record<string, number>;
  /** Per `<status>:<state>`. */
  byOutcome: Record<string, number>;
}

function bump(counts: Record<string, number>, key: string): void {
  counts[key] = (counts[key] ?? 0) + 1;
}

/**
 * Count cases by type, channel and outcome. Compare the counts before and
 * after an erasure to show that pseudonymising a person's cases kept the
 * council's statistics.
 *
 * @example
 * ```ts
 * const before = caseStatistics(await store.allCases());
 * await erasure.execute(request, store);
 * expect(caseStatistics(await store.allCases())).toEqual(before);
 * ```
 */
export function caseStatistics(cases: Iterable<Pick<SubjectCase, 'caseType' | 'channel' | 'status' | 'state'>>): CaseStatistics {
  const stats: CaseStatistics = { total: 0, byType: {}, byChannel: {}, byOutcome: {} };
  for (const item of cases) {
    stats.total += 1;
    bump(stats.byType, item.caseType);
    bump(stats.byChannel, item.channel);
    bump(stats.byOutcome, `${item.status}:${item.state}`);
  }
  return stats;
}
