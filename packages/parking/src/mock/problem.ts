import { createProblemFactory } from '@councilkit/connect/mock';
import { PARKING_PROBLEM_TYPES } from '../errors.js';
import type { ParkingProblemKind } from '../errors.js';

const TITLES: Record<ParkingProblemKind, string> = {
  validation: 'The request is not valid',
  'payload-too-large': 'The request is too large',
  'idempotency-key-missing': 'An Idempotency-Key header is required',
  'idempotency-key-reuse': 'The Idempotency-Key was used for a different request',
  'not-found': 'Not found',
  'not-allowed-at-stage': 'Not possible at this stage',
  'amount-mismatch': 'That is not the amount due',
  'not-eligible': 'Not eligible',
  conflict: 'Conflict',
  unavailable: 'Service unavailable',
};

/** Build a parking problem+json response. */
export const problem = createProblemFactory({ types: PARKING_PROBLEM_TYPES, titles: TITLES });
