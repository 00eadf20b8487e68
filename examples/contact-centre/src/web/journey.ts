import { Hono } from 'hono';
import type { Context } from 'hono';
import type { z } from 'zod';
import type { AppEnv } from '../http/env.js';
import { type FieldError, type FormValues, fieldsFor, readForm } from '../forms/schema-form.js';
import { type PageKit, ensureSession, page } from './page.js';

/** Answers so far in one journey: each step's validated data by step id. */
export type Answers = Record<string, Record<string, unknown>>;

/** A row for a GOV.UK summary list. */
export interface SummaryRow {
  key: string;
  value: string;
}

/**
 * One question page. Everything that depends on earlier answers is a
 * function of them, so a step can offer the addresses at the postcode the
 * resident gave on the step before.
 */
export interface JourneyStep {
  id: string;
  /** The question: the page's heading. */
  title: string;
  /** The zod object the answers must satisfy. */
  schema: (answers: Answers) => z.ZodObject | Promise<z.ZodObject>;
  /** Labels for the generated fields, by field name. */
  labels?: Record<string, string>;
  /** Words for enum options, by field name then value (such as an address for a UPRN). */
  optionLabels?: (answers: Answers) => Promise<Record<string, Record<string, string>>> | Record<string, Record<string, string>>;
  /** Stop before asking, given earlier answers: "nothing can be reported at this address". */
  blocked?: (answers: Answers) => Promise<{ title: string; message: string } | undefined>;
  /** Facts to show above the question, such as the bin days found. */
  facts?: (answers: Answers) => Promise<{ heading: string; rows: SummaryRow[]; notice?: string }>;
  /** How the answer reads on the check-your-answers page. */
  summary: (data: Record<string, unknown>, answers: Answers) => SummaryRow[] | Promise<SummaryRow[]>;
  /** Leave the step out, given earlier answers. */
  skip?: (answers: Answers) => boolean;
  /** Ask for nothing and stop here, such as "no missed collection to report". */
  stop?: (data: Record<string, unknown>, answers: Answers) => { title: string; message: string } | undefined;
}

/** A resident journey: question pages, check your answers, confirmation with a reference. */
export interface Journey {
  /** URL segment, e.g. `missed-bin`. */
  slug: string;
  title: string;
  description: string;
  steps: JourneyStep[];
  /** Create the case. Return a reference, or field errors to show on the check page. */
  submit: (answers: Answers) => Promise<{ ok: true; reference: string; nextSteps: string } | { ok: false; message: string }>;
}

function activeSteps(journey: Journey, answers: Answers): JourneyStep[] {
  return journey.steps.filter((step) => !step.skip?.(answers));
}

function answersFor(c: Context<AppEnv>, kit: PageKit, journey: Journey): Answers {
  const session = ensureSession(c, kit);
  session.journeys[journey.slug] ??= {};
  return session.journeys[journey.slug] as Answers;
}

/** Flatten stored step data back into form values, so "Change" links show what was given. */
function valuesFrom(data: Record<string, unknown> | undefined, prefix = ''): FormValues {
  const values: FormValues = {};
  for (const [key, value] of Object.entries(data ?? {})) {
    const name = prefix + key;
    if (value && typeof value === 'object' && !Array.isArray(value)) Object.assign(values, valuesFrom(value as Record<string, unknown>, `${name}.`));
    else if (Array.isArray(value)) values[name] = value.map(String);
    else if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value)) {
      const [y, m, d] = value.split('-');
      Object.assign(values, { [name]: value, [`${name}-year`]: y!, [`${name}-month`]: String(Number(m)), [`${name}-day`]: String(Number(d)) });
    } else if (value !== undefined) values[name] = String(value);
  }
  return values;
}

/** Routes for every journey under /portal/<slug>/... */
export function journeyRoutes(kit: PageKit, journeys: Journey[]): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const bySlug = new Map(journeys.map((j) => [j.slug, j]));

  const renderStep = async (
    c: Context<AppEnv>,
    journey: Journey,
    step: JourneyStep,
    answers: Answers,
    values: FormValues,
    errors: FieldError[] = [],
  ) => {
    const schema = await step.schema(answers);
    const fields = fieldsFor(schema, { ...(step.labels ? { labels: step.labels } : {}), ...(step.optionLabels ? { optionLabels: await step.optionLabels(answers) } : {}) });
    const steps = activeSteps(journey, answers);
    const index = steps.indexOf(step);
    const back = index > 0 ? `/portal/${journey.slug}/${steps[index - 1]!.id}` : `/portal`;
    const facts = step.facts ? await step.facts(answers) : undefined;
    return page(
      c,
      kit,
      'portal/question.njk',
      {
        area: 'portal',
        title: step.title,
        journey,
        step,
        fields,
        values,
        facts,
        back,
        errors,
        hasErrors: errors.length > 0,
        errorsByName: Object.fromEntries(errors.map((e) => [e.name, e.text])),
        pageHeading: step.title,
        action: `/portal/${journey.slug}/${step.id}`,
      },
      errors.length ? 422 : 200,
    );
  };

  app.get('/portal/:journey', (c) => {
    const journey = bySlug.get(c.req.param('journey'));
    if (!journey) return c.notFound();
    const session = ensureSession(c, kit);
    session.journeys[journey.slug] = {};
    return c.redirect(`/portal/${journey.slug}/${journey.steps[0]!.id}`, 303);
  });

  app.get('/portal/:journey/check', async (c) => {
    const journey = bySlug.get(c.req.param('journey'));
    if (!journey) return c.notFound();
    const answers = answersFor(c, kit, journey);
    const steps = activeSteps(journey, answers);
    const missing = steps.find((s) => !answers[s.id]);
    if (missing) return c.redirect(`/portal/${journey.slug}/${missing.id}`, 303);
    const rows = (
      await Promise.all(steps.map(async (s) => (await s.summary(answers[s.id]!, answers)).map((r) => ({ ...r, href: `/portal/${journey.slug}/${s.id}` }))))
    ).flat();
    return page(c, kit, 'portal/check-answers.njk', { area: 'portal', title: 'Check your answers', journey, rows, back: `/portal/${journey.slug}/${steps[steps.length - 1]!.id}` });
  });

  app.post('/portal/:journey/check', async (c) => {
    const journey = bySlug.get(c.req.param('journey'));
    if (!journey) return c.notFound();
    const answers = answersFor(c, kit, journey);
    const steps = activeSteps(journey, answers);
    const missing = steps.find((s) => !answers[s.id]);
    if (missing) return c.redirect(`/portal/${journey.slug}/${missing.id}`, 303);
    const outcome = await journey.submit(answers);
    if (!outcome.ok) {
      return page(c, kit, 'portal/stopped.njk', { area: 'portal', title: 'We could not accept this', message: outcome.message, journey }, 422);
    }
    const session = ensureSession(c, kit);
    session.journeys[journey.slug] = { confirmation: { reference: outcome.reference, nextSteps: outcome.nextSteps } };
    return c.redirect(`/portal/${journey.slug}/confirmation`, 303);
  });

  app.get('/portal/:journey/confirmation', (c) => {
    const journey = bySlug.get(c.req.param('journey'));
    if (!journey) return c.notFound();
    const confirmation = answersFor(c, kit, journey)['confirmation'] as { reference: string; nextSteps: string } | undefined;
    if (!confirmation) return c.redirect(`/portal/${journey.slug}`, 303);
    return page(c, kit, 'portal/confirmation.njk', { area: 'portal', title: `${journey.title}: done`, journey, ...confirmation });
  });

  app.get('/portal/:journey/:step', async (c) => {
    const journey = bySlug.get(c.req.param('journey'));
    const step = journey?.steps.find((s) => s.id === c.req.param('step'));
    if (!journey || !step) return c.notFound();
    const answers = answersFor(c, kit, journey);
    const steps = activeSteps(journey, answers);
    const index = steps.indexOf(step);
    const earlier = steps.slice(0, Math.max(0, index)).find((s) => !answers[s.id]);
    if (index < 0 || earlier) return c.redirect(`/portal/${journey.slug}/${(earlier ?? steps[0]!).id}`, 303);
    const blocked = await step.blocked?.(answers);
    if (blocked) return page(c, kit, 'portal/stopped.njk', { area: 'portal', title: blocked.title, message: blocked.message, journey, back: index > 0 ? `/portal/${journey.slug}/${steps[index - 1]!.id}` : '/portal' });
    return renderStep(c, journey, step, answers, valuesFrom(answers[step.id]));
  });

  app.post('/portal/:journey/:step', async (c) => {
    const journey = bySlug.get(c.req.param('journey'));
    const step = journey?.steps.find((s) => s.id === c.req.param('step'));
    if (!journey || !step) return c.notFound();
    const answers = answersFor(c, kit, journey);
    const schema = await step.schema(answers);
    const fields = fieldsFor(schema, { ...(step.labels ? { labels: step.labels } : {}), ...(step.optionLabels ? { optionLabels: await step.optionLabels(answers) } : {}) });
    const result = readForm(schema, fields, c.get('formData'));
    if (!result.ok) return renderStep(c, journey, step, answers, result.values, result.errors);
    answers[step.id] = result.data as Record<string, unknown>;
    // A changed answer can change later questions: forget the answers after it.
    const steps = activeSteps(journey, answers);
    const index = steps.indexOf(step);
    for (const later of journey.steps.slice(journey.steps.indexOf(step) + 1)) {
      if (later.id !== step.id) delete answers[later.id];
    }
    const stop = step.stop?.(answers[step.id]!, answers);
    if (stop) return page(c, kit, 'portal/stopped.njk', { area: 'portal', title: stop.title, message: stop.message, journey });
    const next = steps[index + 1];
    return c.redirect(next ? `/portal/${journey.slug}/${next.id}` : `/portal/${journey.slug}/check`, 303);
  });

  return app;
}
