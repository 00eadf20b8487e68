import { CHANNELS, type CaseRecord, type Channel, computeMetrics } from '@councilkit/cases';
import { barChart, lineChart } from '../charts/svg-charts.js';
import type { Services } from '../services.js';

/**
 * The channel mix the council compares itself against (its mix before
 * self-service): the saving from channel shift is measured against it.
 * A council sets its own; these shares are this demonstration's assumption.
 */
export const baselineChannelMix: Record<Channel, number> = { 'face-to-face': 0.2, phone: 0.6, web: 0.15, email: 0.05 };

const percent = (v: number) => `${Math.round(v * 1000) / 10}%`;
const pounds = (v: number) => new Intl.NumberFormat('en-GB', { style: 'currency', currency: 'GBP' }).format(v);
const channelName: Record<Channel, string> = { phone: 'Phone', web: 'Web', 'face-to-face': 'Face to face', email: 'Email' };
const day = 86_400_000;

/**
 * Everything on the performance dashboard, computed by `@councilkit/cases`
 * metrics over the last 28 days, drawn as server-side SVG charts with text
 * alternatives.
 */
export async function dashboardView(services: Services, now: Date, days = 28) {
  const to = new Date(now.getTime() + 1);
  const from = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()) - (days - 1) * day);
  const overall = await services.engine.metrics({ from, to, baselineMix: baselineChannelMix });
  if (overall.volume === 0) return { empty: true, days };
  const cases = await services.store.findCases({ openedFrom: from.toISOString(), openedBefore: to.toISOString() });
  const byType = new Map<string, CaseRecord[]>();
  for (const record of cases) byType.set(record.caseType, [...(byType.get(record.caseType) ?? []), record]);
  const titleOf = (name: string) => services.caseTypes.find((t) => t.name === name)?.title ?? name;
  const perType = [...byType].map(([name, records]) => ({ name: titleOf(name), metrics: computeMetrics({ cases: records, from, to }) }));

  const ftrBars = [
    ...(overall.firstTimeResolutionRate !== null ? [{ label: 'All services', value: overall.firstTimeResolutionRate }] : []),
    ...perType.filter((t) => t.metrics.firstTimeResolutionRate !== null).map((t) => ({ label: t.name, value: t.metrics.firstTimeResolutionRate! })),
  ];
  const slaBars = [
    ...(overall.slaMetRate !== null ? [{ label: 'All services', value: overall.slaMetRate }] : []),
    ...perType.filter((t) => t.metrics.slaMetRate !== null).map((t) => ({ label: t.name, value: t.metrics.slaMetRate! })),
  ];

  // Contacts per day by channel, over the last 14 days of the period.
  const trendDays = Math.min(days, 14);
  const start = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()) - (trendDays - 1) * day;
  const labels = Array.from({ length: trendDays }, (_, i) =>
    new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', timeZone: 'UTC' }).format(new Date(start + i * day)),
  );
  const series = CHANNELS.map((channel) => ({ name: channelName[channel], values: new Array<number>(trendDays).fill(0) }));
  for (const record of cases) {
    const index = Math.floor((Date.parse(record.openedAt) - start) / day);
    const s = series[CHANNELS.indexOf(record.channel)];
    if (s && index >= 0 && index < trendDays) s.values[index] = (s.values[index] ?? 0) + 1;
  }

  const cost = overall.costToServe;
  const ftr = overall.firstTimeResolutionRate;
  const charts = {
    ftr: ftrBars.length
      ? barChart({
          id: 'chart-ftr',
          title: 'First-time resolution against the 95% benchmark',
          description: `${ftr === null ? 'No cases resolved yet' : `${percent(ftr)} of resolved cases were resolved at first contact`}, against a benchmark of 95%. ${ftrBars.filter((b) => b.value >= 0.95).length} of ${ftrBars.length} bars meet it.`,
          bars: ftrBars,
          max: 1,
          target: { value: 0.95, label: '95% benchmark' },
          format: percent,
          valueHeading: 'Resolved at first contact',
        })
      : undefined,
    sla: slaBars.length
      ? barChart({
          id: 'chart-sla',
          title: 'SLA met',
          description: `${overall.slaMetRate === null ? 'No resolved cases with a target yet' : `${percent(overall.slaMetRate)} of resolved cases with a target met it`}.`,
          bars: slaBars,
          max: 1,
          format: percent,
          valueHeading: 'Met the SLA',
        })
      : undefined,
    channels: lineChart({
      id: 'chart-channels',
      title: `Contacts by channel, last ${trendDays} days`,
      description: `${CHANNELS.map((ch) => `${channelName[ch]} ${overall.byChannel[ch].count}`).join(', ')} contacts in the last ${days} days.`,
      labels,
      series,
    }),
    cost: barChart({
      id: 'chart-cost',
      title: 'Cost to serve by channel',
      description: `${pounds(cost.total)} in total, ${cost.perCase === null ? '' : `${pounds(cost.perCase)} per case. `}${
        cost.channelShiftSaving !== undefined
          ? `Against the baseline mix this is ${cost.channelShiftSaving >= 0 ? 'a saving' : 'an extra cost'} of ${pounds(Math.abs(cost.channelShiftSaving))}.`
          : ''
      }`,
      bars: CHANNELS.map((ch) => ({ label: `${channelName[ch]} (${pounds(cost.unitCosts[ch])} each)`, value: cost.byChannel[ch] })),
      format: pounds,
      valueHeading: 'Cost',
    }),
    shift:
      cost.baselineTotal !== undefined
        ? barChart({
            id: 'chart-shift',
            title: 'Saving from channel shift',
            description: `The same ${overall.volume} contacts would have cost ${pounds(cost.baselineTotal)} with the baseline channel mix; they cost ${pounds(cost.total)}.`,
            bars: [
              { label: 'Baseline channel mix', value: cost.baselineTotal },
              { label: 'Actual channel mix', value: cost.total },
            ],
            format: pounds,
            valueHeading: 'Cost',
          })
        : undefined,
  };

  return {
    empty: false,
    days,
    metrics: overall,
    figures: [
      { label: 'Contacts', value: String(overall.volume) },
      { label: 'First-time resolution', value: ftr === null ? 'No data' : percent(ftr) },
      { label: 'SLA met', value: overall.slaMetRate === null ? 'No data' : percent(overall.slaMetRate) },
      { label: 'Cost to serve', value: pounds(cost.total) },
      { label: 'Channel-shift saving', value: cost.channelShiftSaving === undefined ? 'No baseline' : pounds(cost.channelShiftSaving) },
    ],
    charts,
    baseline: CHANNELS.map((ch) => `${channelName[ch]} ${percent(baselineChannelMix[ch])}`).join(', '),
  };
}
