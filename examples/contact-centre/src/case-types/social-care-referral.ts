import { defineCaseType } from '@councilkit/cases';
import { z } from 'zod';

/**
 * Adult social care referral: restricted to the social care team. Agents
 * outside it cannot read or act on these cases, and each refused attempt is
 * audited by the engine.
 */
export const socialCareReferral = defineCaseType({
  name: 'social-care.adult-referral',
  version: 1,
  title: 'Adult social care referral',
  schema: z.object({
    concern: z.enum(['self-neglect', 'falls', 'carer-breakdown', 'safeguarding', 'hospital-discharge', 'other']).describe('The main concern'),
    details: z.string().trim().min(1).max(2000).describe('What the caller told you'),
    urgent: z.boolean().describe('Is anyone at risk of harm today?'),
  }),
  initial: 'received',
  states: {
    received: { title: 'Received', owner: { team: 'social-care', queue: 'triage' } },
    assessing: { title: 'Assessing', owner: { team: 'social-care', queue: 'assessment' } },
    'waiting-for-family': { title: 'Waiting for family', owner: { team: 'social-care', queue: 'assessment' }, pausesSla: true },
    closed: { title: 'Closed', resolved: true, terminal: true },
  },
  transitions: {
    triage: { from: 'received', to: 'assessing', title: 'Start an assessment' },
    'no-further-action': { from: ['received', 'assessing'], to: 'closed', title: 'No further action' },
    'wait-for-family': { from: 'assessing', to: 'waiting-for-family', title: 'Wait for family' },
    'family-replied': { from: 'waiting-for-family', to: 'assessing', title: 'Family replied' },
    'complete-assessment': { from: 'assessing', to: 'closed', title: 'Assessment complete' },
  },
  sla: { warning: { workingDays: 1 }, breach: { workingDays: 2 } },
  access: { teams: ['social-care'] },
});
