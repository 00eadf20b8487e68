import { createProblemFactory } from '@councilkit/connect/mock';
import { REVENUES_PROBLEM_TYPES } from '../errors.js';
import type { RevenuesProblemKind } from '../errors.js';

const TITLES: Record<RevenuesProblemKind, string> = {
  validation: 'The request is not valid',
  'payload-too-large': 'The request is too large',
  'idempotency-key-missing': 'An Idempotency-Key header is required',
  'idempotency-key-reuse': 'The Idempotency-Key was used for a different request',
  'not-found': 'Not found',
  'account-locked': 'Too many attempts',
  'not-eligible': 'Not eligible',
  conflict: 'Conflict',
  unavailable: 'Service unavailable',
};

/** Build a revenues problem+json response. */
export const problem = createProblemFactory({ types: REVENUES_PROBLEM_TYPES, titles: TITLES });
