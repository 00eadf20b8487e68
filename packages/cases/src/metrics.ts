import { z } from 'zod';
import { CaseError } from './engine/errors.js';
import { CHANNELS } from './records.js';
import type { CaseRecord, Channel } from './records.js';

/**
 * Cost of one contact on each channel, in pounds.
 *
 * @example
 * ```ts
 * const costs: UnitCosts = { 'face-to-face': 17, phone: 4.6, web: 0.6, email: 0.6 };
 * ```
 */
export type UnitCosts = Record<Channel, number>;

/**
 * Default unit costs: the figures councils commonly quote (Socitm channel
 * costs): £17 face to face, £4.60 phone, £0.60 web and email.
 *
 * @example
 * ```ts
 * DEFAULT_UNIT_COSTS.phone; // 4.6
 * ```
 */
export const DEFAULT_UNIT_COSTS: Readonly<UnitCosts> = Object.freeze({ 'face-to-face': 17, phone: 4.6, web: 0.6, email: 0.6 });

/**
 * Options for {@link computeMetrics}.
 *
 * @example
 * ```ts
 * const options: MetricsOptions = { cases, from: new Date('2026-04-01'), to: new Date('2026-05-01'), unitCosts: { phone: 5.1 } };
 * ```
 */
export interface MetricsOptions {
  /** Cases to measure; only those opened in `[from, to)` count. */
  cases: readonly CaseRecord[];
  /** Start of the period (inclusive). */
  from: Date;
  /** End of the period (exclusive). */
  to: Date;
  /** Unit costs per channel; missing channels take {@link DEFAULT_UNIT_COSTS}. */
  unitCosts?: Partial<UnitCosts>;
  /**
   * The channel mix to compare against (e.g. last year's), as shares or counts;
   * normalised to sum to 1. Default: none, so no channel-shift saving is reported.
   */
  baselineMix?: Partial<Record<Channel, number>>;
}

/**
 * A count and its share of the total (0-1).
 *
 * @example
 * ```ts
 * const web: CountShare = { count: 60, share: 0.6 };
 * ```
 */
export interface CountShare {
  /** How many. */
  count: number;
  /** Share of the period's volume, 0-1. */
  share: number;
}

/**
 * Cost to serve, in pounds, with the channel-shift saving against a baseline mix.
 *
 * @example
 * ```ts
 * metrics.costToServe.channelShiftSaving; // 1234.5
 * ```
 */
export interface CostToServe {
  /** Unit costs used. */
  unitCosts: UnitCosts;
  /** Total cost of the period's contacts. */
  total: number;
  /** Cost per channel. */
  byChannel: Record<Channel, number>;
  /** Average cost per case (null when there were none). */
  perCase: number | null;
  /** What the same volume would have cost with the baseline mix (absent without a baseline). */
  baselineTotal?: number;
  /** `baselineTotal - total`: positive when the shift to cheaper channels saved money. */
  channelShiftSaving?: number;
}

/**
 * Contact-centre metrics over a period. Rates are fractions 0-1 (multiply by
 * 100 for a percentage) and `null` when nothing could be measured.
 *
 * @example
 * ```ts
 * const metrics: CaseMetrics = computeMetrics({ cases, from, to });
 * metrics.firstTimeResolutionRate; // 0.95
 * ```
 */
export interface CaseMetrics {
  /** The period measured, ISO instants. */
  period: { from: string; to: string };
  /** Cases opened in the period. */
  volume: number;
  /** Volume by channel. */
  byChannel: Record<Channel, CountShare>;
  /** Volume by case type name. */
  byCaseType: Record<string, CountShare>;
  /** Of the period's cases, how many have been resolved (now or before a reopen). */
  resolved: number;
  /** Resolved cases resolved at first contact and never reopened, over resolved cases. */
  firstTimeResolutionRate: number | null;
  /** Resolved cases with an SLA that met it, over resolved cases with an SLA. */
  slaMetRate: number | null;
  /** Average recorded agent effort per case, seconds (cases with a recorded time only). */
  averageHandlingSeconds: number | null;
  /** Average time from open to (last) resolution, hours. */
  averageTimeToResolveHours: number | null;
  /** Reopened cases over resolved cases. */
  reopenRate: number | null;
  /** Cost to serve. */
  costToServe: CostToServe;
}

const costSchema = z.number().finite().min(0);
const optionsSchema = z.object({
  from: z.date(),
  to: z.date(),
  unitCosts: z.partialRecord(z.enum(CHANNELS as [Channel, ...Channel[]]), costSchema).optional(),
  baselineMix: z.partialRecord(z.enum(CHANNELS as [Channel, ...Channel[]]), costSchema).optional(),
});

function ratio(part: number, whole: number): number | null {
  return whole === 0 ? null : part / whole;
}

function pounds(value: number): number {
  return Math.round(value * 100) / 100;
}

/**
 * Compute metrics from case records, with no I/O: first-time resolution rate,
 * SLA met rate, volumes and mix by channel and case type, average handling
 * time, reopen rate and cost to serve with the channel-shift saving.
 * Throws `CaseError` with reason `invalid-options` for a bad period or negative costs.
 *
 * @example
 * ```ts
 * import { computeMetrics } from '@councilkit/cases';
 *
 * const metrics = computeMetrics({
 *   cases: await store.findCases({}),
 *   from: new Date('2026-04-01T00:00:00Z'),
 *   to: new Date('2027-04-01T00:00:00Z'),
 *   baselineMix: { 'face-to-face': 0.2, phone: 0.6, web: 0.15, email: 0.05 },
 * });
 * console.log(`${(metrics.firstTimeResolutionRate ?? 0) * 100}% resolved at first contact`);
 * ```
 */
export function computeMetrics(options: MetricsOptions): CaseMetrics {
  const parsed = optionsSchema.safeParse(options);
  if (!parsed.success || options.from.getTime() > options.to.getTime() || Number.isNaN(options.from.getTime())) {
    throw new CaseError(
      'invalid-options',
      `Invalid metrics options: ${parsed.success ? 'from must be before to' : parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`,
    );
  }
  const from = options.from.toISOString();
  const to = options.to.toISOString();
  const cases = options.cases.filter((c) => c.openedAt >= from && c.openedAt < to);
  const unitCosts: UnitCosts = { ...DEFAULT_UNIT_COSTS, ...(parsed.data.unitCosts ?? {}) };
  const volume = cases.length;

  const channelCounts = Object.fromEntries(CHANNELS.map((c) => [c, 0])) as Record<Channel, number>;
  const typeCounts: Record<string, number> = {};
  let resolved = 0;
  let firstTime = 0;
  let withSla = 0;
  let slaMet = 0;
  let reopened = 0;
  let handled = 0;
  let handlingTotal = 0;
  let resolveHoursTotal = 0;
  let resolvedWithTime = 0;
  for (const c of cases) {
    channelCounts[c.channel] += 1;
    typeCounts[c.caseType] = (typeCounts[c.caseType] ?? 0) + 1;
    if (c.handlingSeconds !== undefined) {
      handled += 1;
      handlingTotal += c.handlingSeconds;
    }
    const everResolved = c.resolvedAt !== undefined || c.reopenCount > 0;
    if (!everResolved) continue;
    resolved += 1;
    if (c.reopenCount > 0) reopened += 1;
    if (c.resolvedAt !== undefined && c.resolvedAtFirstContact === true && c.reopenCount === 0) firstTime += 1;
    if (c.slaMet !== undefined) {
      withSla += 1;
      if (c.slaMet) slaMet += 1;
    }
    if (c.resolvedAt !== undefined) {
      resolvedWithTime += 1;
      resolveHoursTotal += (Date.parse(c.resolvedAt) - Date.parse(c.openedAt)) / 3_600_000;
    }
  }

  const share = (count: number): CountShare => ({ count, share: volume === 0 ? 0 : count / volume });
  const byChannelCost = Object.fromEntries(CHANNELS.map((c) => [c, pounds(channelCounts[c] * unitCosts[c])])) as Record<Channel, number>;
  const total = pounds(CHANNELS.reduce((sum, c) => sum + channelCounts[c] * unitCosts[c], 0));
  const costToServe: CostToServe = { unitCosts, total, byChannel: byChannelCost, perCase: volume === 0 ? null : pounds(total / volume) };
  const baseline = parsed.data.baselineMix;
  if (baseline) {
    const weight = CHANNELS.reduce((sum, c) => sum + (baseline[c] ?? 0), 0);
    if (weight > 0) {
      const baselineUnit = CHANNELS.reduce((sum, c) => sum + ((baseline[c] ?? 0) / weight) * unitCosts[c], 0);
      costToServe.baselineTotal = pounds(baselineUnit * volume);
      costToServe.channelShiftSaving = pounds(baselineUnit * volume - total);
    }
  }

  return {
    period: { from, to },
    volume,
    byChannel: Object.fromEntries(CHANNELS.map((c) => [c, share(channelCounts[c])])) as Record<Channel, CountShare>,
    byCaseType: Object.fromEntries(Object.entries(typeCounts).map(([name, count]) => [name, share(count)])),
    resolved,
    firstTimeResolutionRate: ratio(firstTime, resolved),
    slaMetRate: ratio(slaMet, withSla),
    averageHandlingSeconds: handled === 0 ? null : handlingTotal / handled,
    averageTimeToResolveHours: resolvedWithTime === 0 ? null : resolveHoursTotal / resolvedWithTime,
    reopenRate: ratio(reopened, resolved),
    costToServe,
  };
}
