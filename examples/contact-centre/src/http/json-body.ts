import type { Context } from 'hono';
import type { z } from 'zod';
import { ProblemError, pointerFor } from './problem.js';

/**
 * Read a JSON body and validate it with a zod schema. Every way a caller can
 * get this wrong becomes a typed 4xx problem, never a 500: wrong media type
 * (415), unreadable JSON (400), wrong shape (422).
 */
export async function readJson<S extends z.ZodType>(c: Context, schema: S): Promise<z.output<S>> {
  const mediaType = (c.req.header('content-type') ?? '').split(';')[0]?.trim().toLowerCase();
  if (mediaType !== 'application/json') {
    throw new ProblemError('unsupported-media-type', `Expected application/json, got ${mediaType || 'no content type'}.`);
  }
  const text = await c.req.text();
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new ProblemError('malformed-json', 'The body could not be parsed as JSON.');
  }
  const result = schema.safeParse(parsed);
  if (!result.success) {
    throw new ProblemError(
      'validation-failed',
      'Some fields are missing or not valid.',
      result.error.issues.map((issue) => ({ pointer: pointerFor(issue.path), detail: issue.message })),
    );
  }
  return result.data;
}
