import { AccessDeniedError, CaseError, ConflictError } from '@councilkit/cases';
import type { ProblemType } from './problem.js';

/**
 * Map the packages' typed errors to problem types, so a caller's mistake
 * (a closed case, another team's case, a stale version) is a 4xx with a
 * reason, never a 500.
 */
export function problemForDomainError(error: unknown): { type: ProblemType; detail: string } | undefined {
  if (error instanceof AccessDeniedError) return { type: 'access-denied', detail: 'This case is restricted to another team. The attempt has been recorded.' };
  if (error instanceof ConflictError) return { type: 'conflict', detail: 'Someone else changed this case. Reload it and try again.' };
  if (error instanceof CaseError) {
    switch (error.reason) {
      case 'case-not-found':
        return { type: 'not-found', detail: 'There is no case with that reference.' };
      case 'unknown-case-type':
        return { type: 'not-found', detail: error.message };
      case 'invalid-command':
      case 'invalid-data':
      case 'invalid-options':
      case 'invalid-migration':
        return { type: 'validation-failed', detail: error.message };
      default:
        return { type: 'case-refused', detail: error.message };
    }
  }
  return undefined;
}
