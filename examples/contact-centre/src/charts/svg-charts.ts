/**
 * Charts drawn on the server as inline SVG: no JavaScript, no build step.
 * Each chart is a `<figure>` whose SVG has a title and a description for
 * screen readers, and a "Show the data" table as the full text alternative.
 * Colours are from the GOV.UK palette with at least 3:1 contrast against
 * white, and series are also told apart by marker shape, never by colour alone.
 */

/** Palette with at least 3:1 contrast on white (WCAG 2.2 1.4.11). */
export const chartColours = ['#1d70b8', '#00703c', '#912b88', '#d4351c', '#0b0c0c', '#6f777b'] as const;
const markers = ['circle', 'square', 'triangle', 'diamond', 'circle', 'square'] as const;

/** One bar. */
export interface Bar {
  label: string;
  value: number;
}

/** Options for {@link barChart}. */
export interface BarChartOptions {
  /** Unique on the page: used for ids. */
  id: string;
  title: string;
  /** One or two sentences saying what the chart shows and the headline. */
  description: string;
  bars: Bar[];
  /** Format a value for labels and the data table. Default: the number as is. */
  format?: (value: number) => string;
  /** The top of the scale. Default: the largest value (or 1 when all are 0). */
  max?: number;
  /** A benchmark line, such as 95% first-time resolution. */
  target?: { value: number; label: string };
  /** Name of the value column in the data table. Default: `"Value"`. */
  valueHeading?: string;
}

/** Escape text for XML and HTML. */
export function escapeXml(value: string): string {
  return value.replace(/[&<>"']/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch]!);
}

const round = (n: number) => Math.round(n * 10) / 10;

function dataTable(id: string, caption: string, headings: string[], rows: string[][]): string {
  const head = headings.map((h) => `<th scope="col" class="govuk-table__header">${escapeXml(h)}</th>`).join('');
  const body = rows
    .map(
      (row) =>
        `<tr class="govuk-table__row">${row
          .map((cell, i) => (i === 0 ? `<th scope="row" class="govuk-table__header">${escapeXml(cell)}</th>` : `<td class="govuk-table__cell">${escapeXml(cell)}</td>`))
          .join('')}</tr>`,
    )
    .join('');
  return `<details class="govuk-details" id="${id}-data"><summary class="govuk-details__summary"><span class="govuk-details__summary-text">Show the data<span class="govuk-visually-hidden">: ${escapeXml(caption)}</span></span></summary><div class="govuk-details__text"><table class="govuk-table"><caption class="govuk-table__caption govuk-table__caption--s">${escapeXml(caption)}</caption><thead class="govuk-table__head"><tr class="govuk-table__row">${head}</tr></thead><tbody class="govuk-table__body">${body}</tbody></table></div></details>`;
}

function figure(id: string, title: string, description: string, width: number, height: number, body: string, table: string): string {
  return `<figure class="app-chart" id="${id}"><figcaption class="govuk-heading-s app-chart__caption">${escapeXml(title)}</figcaption><svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" aria-labelledby="${id}-title ${id}-desc"><title id="${id}-title">${escapeXml(title)}</title><desc id="${id}-desc">${escapeXml(description)}</desc>${body}</svg><p class="govuk-body-s">${escapeXml(description)}</p>${table}</figure>`;
}

/**
 * A horizontal bar chart, with an optional benchmark line.
 *
 * @example
 * ```ts
 * barChart({ id: 'ftr', title: 'First-time resolution', description: '91% against a 95% benchmark',
 *   bars: [{ label: 'Waste', value: 0.91 }], max: 1, target: { value: 0.95, label: '95% benchmark' },
 *   format: (v) => `${Math.round(v * 100)}%` });
 * ```
 */
export function barChart(options: BarChartOptions): string {
  const format = options.format ?? ((v: number) => String(v));
  // Wide enough for the longest label at 15px, so no label is cut off.
  const longest = Math.max(0, ...options.bars.map((b) => b.label.length));
  const labelWidth = Math.min(320, Math.max(100, Math.ceil(longest * 7.8) + 12));
  const plotWidth = 320;
  const rowHeight = 34;
  const top = 10;
  const width = labelWidth + plotWidth + 90;
  const height = top + options.bars.length * rowHeight + (options.target ? 34 : 14);
  const max = options.max ?? Math.max(1, options.target?.value ?? 0, ...options.bars.map((b) => b.value));
  const x = (v: number) => labelWidth + (Math.max(0, Math.min(v, max)) / max) * plotWidth;
  const rows = options.bars
    .map((bar, i) => {
      const y = top + i * rowHeight;
      const w = round(x(bar.value) - labelWidth);
      return `<text x="${labelWidth - 8}" y="${y + 21}" text-anchor="end" font-size="15" fill="#0b0c0c">${escapeXml(bar.label)}</text><rect x="${labelWidth}" y="${y + 6}" width="${w}" height="${rowHeight - 12}" fill="${chartColours[0]}"/><text x="${round(labelWidth + w + 6)}" y="${y + 21}" font-size="15" fill="#0b0c0c">${escapeXml(format(bar.value))}</text>`;
    })
    .join('');
  const axis = `<line x1="${labelWidth}" y1="${top}" x2="${labelWidth}" y2="${top + options.bars.length * rowHeight}" stroke="#0b0c0c" stroke-width="2"/>`;
  const target = options.target
    ? `<line x1="${round(x(options.target.value))}" y1="${top - 4}" x2="${round(x(options.target.value))}" y2="${top + options.bars.length * rowHeight + 4}" stroke="#d4351c" stroke-width="3" stroke-dasharray="6 4"/><text x="${round(x(options.target.value))}" y="${height - 6}" text-anchor="middle" font-size="14" fill="#0b0c0c">${escapeXml(options.target.label)}</text>`
    : '';
  const rowsTable = options.bars.map((b) => [b.label, format(b.value)]);
  if (options.target) rowsTable.push([options.target.label, format(options.target.value)]);
  return figure(
    options.id,
    options.title,
    options.description,
    width,
    height,
    axis + rows + target,
    dataTable(options.id, options.title, ['', options.valueHeading ?? 'Value'], rowsTable),
  );
}

/** One line on a line chart. */
export interface Series {
  name: string;
  values: number[];
}

/** Options for {@link lineChart}. */
export interface LineChartOptions {
  id: string;
  title: string;
  description: string;
  /** Labels along the bottom, one per value in each series (such as dates). */
  labels: string[];
  series: Series[];
  format?: (value: number) => string;
}

function marker(shape: (typeof markers)[number], cx: number, cy: number, colour: string): string {
  switch (shape) {
    case 'square':
      return `<rect x="${round(cx - 4)}" y="${round(cy - 4)}" width="8" height="8" fill="${colour}"/>`;
    case 'triangle':
      return `<path d="M${round(cx)} ${round(cy - 5)}L${round(cx + 5)} ${round(cy + 4)}L${round(cx - 5)} ${round(cy + 4)}Z" fill="${colour}"/>`;
    case 'diamond':
      return `<path d="M${round(cx)} ${round(cy - 5)}L${round(cx + 5)} ${round(cy)}L${round(cx)} ${round(cy + 5)}L${round(cx - 5)} ${round(cy)}Z" fill="${colour}"/>`;
    default:
      return `<circle cx="${round(cx)}" cy="${round(cy)}" r="4.5" fill="${colour}"/>`;
  }
}

/**
 * A line chart of several series over the same labels, with a legend.
 *
 * @example
 * ```ts
 * lineChart({ id: 'channels', title: 'Contacts by channel', description: 'Web overtook phone in March.',
 *   labels: ['Jan', 'Feb'], series: [{ name: 'Phone', values: [120, 100] }, { name: 'Web', values: [80, 130] }] });
 * ```
 */
export function lineChart(options: LineChartOptions): string {
  const format = options.format ?? ((v: number) => String(v));
  const left = 50;
  const right = 20;
  const top = 16;
  const plotHeight = 220;
  const plotWidth = 560;
  const legendTop = top + plotHeight + 46;
  const width = left + plotWidth + right;
  const height = legendTop + Math.ceil(options.series.length / 3) * 24 + 6;
  const max = Math.max(1, ...options.series.flatMap((s) => s.values));
  const n = Math.max(1, options.labels.length - 1);
  const x = (i: number) => left + (i / n) * plotWidth;
  const y = (v: number) => top + plotHeight - (v / max) * plotHeight;
  const grid = [0, 0.5, 1]
    .map((f) => {
      const v = max * f;
      return `<line x1="${left}" y1="${round(y(v))}" x2="${left + plotWidth}" y2="${round(y(v))}" stroke="#b1b4b6" stroke-width="1"/><text x="${left - 6}" y="${round(y(v) + 5)}" text-anchor="end" font-size="13" fill="#0b0c0c">${escapeXml(format(Math.round(v)))}</text>`;
    })
    .join('');
  const step = Math.max(1, Math.ceil(options.labels.length / 8));
  const xLabels = options.labels
    .map((label, i) => (i % step === 0 || i === options.labels.length - 1 ? `<text x="${round(x(i))}" y="${top + plotHeight + 20}" text-anchor="middle" font-size="13" fill="#0b0c0c">${escapeXml(label)}</text>` : ''))
    .join('');
  const lines = options.series
    .map((s, si) => {
      const colour = chartColours[si % chartColours.length]!;
      const shape = markers[si % markers.length]!;
      const points = s.values.map((v, i) => `${round(x(i))},${round(y(v))}`).join(' ');
      return `<polyline points="${points}" fill="none" stroke="${colour}" stroke-width="3"/>${s.values.map((v, i) => marker(shape, x(i), y(v), colour)).join('')}`;
    })
    .join('');
  const legend = options.series
    .map((s, si) => {
      const colour = chartColours[si % chartColours.length]!;
      const lx = left + (si % 3) * 190;
      const ly = legendTop + Math.floor(si / 3) * 24;
      return `<line x1="${lx}" y1="${ly}" x2="${lx + 24}" y2="${ly}" stroke="${colour}" stroke-width="3"/>${marker(markers[si % markers.length]!, lx + 12, ly, colour)}<text x="${lx + 32}" y="${ly + 5}" font-size="14" fill="#0b0c0c">${escapeXml(s.name)}</text>`;
    })
    .join('');
  const table = dataTable(
    options.id,
    options.title,
    ['', ...options.series.map((s) => s.name)],
    options.labels.map((label, i) => [label, ...options.series.map((s) => format(s.values[i] ?? 0))]),
  );
  return figure(options.id, options.title, options.description, width, height, grid + xLabels + lines + legend, table);
}
