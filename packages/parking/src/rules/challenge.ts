import type { PcnServiceMethod, PcnStage } from './pcn-lifecycle.js';

/**
 * The answer from {@link checkChallengeAllowed}.
 *
 * @example
 * ```ts
 * const answer: ChallengeAllowed = checkChallengeAllowed({ stage: 'discount', serviceMethod: 'affixed', kind: 'informal' });
 * answer.allowed; // true
 * ```
 */
export type ChallengeAllowed = { allowed: true } | { allowed: false; code: 'not-allowed-at-stage'; message: string };

const INFORMAL_STAGES: readonly PcnStage[] = ['issued', 'discount', 'full-charge'];

/**
 * Whether a challenge of this kind can be made at the PCN's stage. An
 * informal challenge is possible before a notice to owner (officer-served
 * PCNs only); a formal representation after a notice to owner, or at once for
 * a postal PCN, which is its own notice to owner.
 *
 * @example
 * ```ts
 * checkChallengeAllowed({ stage: 'notice-to-owner', serviceMethod: 'affixed', kind: 'informal' });
 * // { allowed: false, code: 'not-allowed-at-stage', message: 'A notice to owner has been sent, so make a formal representation instead.' }
 * ```
 */
export function checkChallengeAllowed(input: { stage: PcnStage; serviceMethod: PcnServiceMethod; kind: 'informal' | 'representation' }): ChallengeAllowed {
  const { stage, serviceMethod, kind } = input;
  const postal = serviceMethod === 'postal';
  if (stage === 'paid' || stage === 'cancelled') {
    return { allowed: false, code: 'not-allowed-at-stage', message: `This PCN is ${stage}; there is nothing to challenge.` };
  }
  if (stage === 'informal-challenge' || stage === 'representation' || stage === 'appeal') {
    return { allowed: false, code: 'not-allowed-at-stage', message: 'A challenge on this PCN is already being decided. Wait for the decision letter.' };
  }
  if (kind === 'informal') {
    if (postal) return { allowed: false, code: 'not-allowed-at-stage', message: 'This PCN was sent by post, so make a formal representation instead.' };
    if (INFORMAL_STAGES.includes(stage)) return { allowed: true };
    return { allowed: false, code: 'not-allowed-at-stage', message: 'A notice to owner has been sent, so make a formal representation instead.' };
  }
  if (postal ? INFORMAL_STAGES.includes(stage) : stage === 'notice-to-owner') return { allowed: true };
  if (!postal && INFORMAL_STAGES.includes(stage)) {
    return { allowed: false, code: 'not-allowed-at-stage', message: 'Formal representations open when the notice to owner arrives; make an informal challenge now.' };
  }
  return { allowed: false, code: 'not-allowed-at-stage', message: 'The time for representations has passed; the notice of rejection or charge certificate explains what can be done now.' };
}
