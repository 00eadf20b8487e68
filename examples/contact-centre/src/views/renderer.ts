import { fileURLToPath } from 'node:url';
import nunjucks from 'nunjucks';
import type { Branding } from '../branding.js';

/** Where the example lives on disk, so paths work from any working directory. */
export const exampleRoot = fileURLToPath(new URL('../../', import.meta.url));
/** govuk-frontend's compiled output: Nunjucks macros, CSS, JS and assets. */
export const govukDist = fileURLToPath(new URL('../../node_modules/govuk-frontend/dist/', import.meta.url));
const viewsDir = fileURLToPath(new URL('../../views/', import.meta.url));

/** Renders a named template with the page's context merged over the shared one. */
export type Render = (template: string, context: Record<string, unknown>) => string;

/**
 * Configure Nunjucks with our views first and govuk-frontend's `dist` second,
 * so templates import macros as `govuk/components/<name>/macro.njk`.
 */
export function createRenderer(options: { branding: Branding; watch?: boolean }): Render {
  const env = new nunjucks.Environment(new nunjucks.FileSystemLoader([viewsDir, govukDist], { watch: options.watch ?? false }), {
    autoescape: true,
    throwOnUndefined: false,
  });
  env.addGlobal('branding', options.branding);
  env.addFilter('date', (value: unknown) => formatDate(value, false));
  env.addFilter('dateTime', (value: unknown) => formatDate(value, true));
  env.addFilter('dob', (value: unknown) => {
    if (typeof value !== 'string') return 'Not known';
    if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return formatDate(value, false);
    if (/^\d{4}-\d{2}$/.test(value)) return new Intl.DateTimeFormat('en-GB', { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(new Date(`${value}-01T00:00:00Z`));
    return value;
  });
  env.addFilter('pounds', (value: unknown) =>
    typeof value === 'number' ? new Intl.NumberFormat('en-GB', { style: 'currency', currency: 'GBP' }).format(value) : '',
  );
  return (template, context) => env.render(template, context);
}

function formatDate(value: unknown, withTime: boolean): string {
  if (typeof value !== 'string' && typeof value !== 'number' && !(value instanceof Date)) return '';
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return '';
  return new Intl.DateTimeFormat('en-GB', {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    ...(withTime ? { hour: 'numeric', minute: '2-digit', hour12: true } : {}),
    timeZone: 'Europe/London',
  }).format(date);
}
