import { describe, expect, it } from 'vitest';
import { barChart, escapeXml, lineChart } from './svg-charts.js';

describe('barChart', () => {
  const chart = barChart({
    id: 'ftr',
    title: 'First-time resolution',
    description: '2 of 3 services meet the benchmark.',
    bars: [
      { label: 'Waste', value: 0.97 },
      { label: 'Revenues <tax>', value: 0.5 },
    ],
    max: 1,
    target: { value: 0.95, label: '95% benchmark' },
    format: (v) => `${Math.round(v * 100)}%`,
  });

  it('is an image with a title and description screen readers announce', () => {
    expect(chart).toContain('role="img"');
    expect(chart).toContain('aria-labelledby="ftr-title ftr-desc"');
    expect(chart).toContain('<title id="ftr-title">First-time resolution</title>');
    expect(chart).toContain('<desc id="ftr-desc">2 of 3 services meet the benchmark.</desc>');
  });

  it('draws bars in proportion to the scale', () => {
    const widths = [...chart.matchAll(/<rect x="\d+" y="\d+" width="([\d.]+)"/g)].map((m) => Number(m[1]));
    expect(widths).toEqual([310.4, 160]);
  });

  it('offers the data as a table, target included, with text escaped', () => {
    expect(chart).toContain('Show the data');
    expect(chart).toContain('Revenues &lt;tax&gt;');
    expect(chart).not.toContain('<tax>');
    expect(chart).toMatch(/95% benchmark<\/th><td class="govuk-table__cell">95%/);
  });
});

describe('lineChart', () => {
  it('draws one line per series with a legend and a data table row per label', () => {
    const chart = lineChart({
      id: 'channels',
      title: 'Contacts by channel',
      description: 'Web rose.',
      labels: ['Mon', 'Tue', 'Wed'],
      series: [
        { name: 'Phone', values: [10, 8, 6] },
        { name: 'Web', values: [2, 6, 12] },
      ],
    });
    expect(chart.match(/<polyline/g)).toHaveLength(2);
    expect(chart).toContain('>Phone</text>');
    expect(chart).toContain('>Web</text>');
    expect(chart.match(/<tr class="govuk-table__row">/g)).toHaveLength(4);
    // The highest point sits on the top of the plot.
    expect(chart).toContain('610,16');
  });
});

describe('escapeXml', () => {
  it('escapes markup characters', () => {
    expect(escapeXml(`<a href="x">'&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;');
  });
});
