import { defineCaseType } from '@councilkit/cases';
import { z } from 'zod';

/**
 * A council's own case type for questions the agent answers on the call.
 * Councils define case types like this next to the ones the service
 * packages ship; "answer" resolves at first contact, which is what the
 * dashboard's first-time resolution rate counts.
 */
export const generalEnquiry = defineCaseType({
  name: 'contact-centre.general-enquiry',
  version: 1,
  title: 'General enquiry',
  schema: z.object({
    topic: z.enum(['council-tax', 'benefits', 'waste', 'parking', 'housing', 'planning', 'other']).describe('What the enquiry is about'),
    question: z.string().trim().min(1).max(1000).describe('What the resident asked, in their words'),
  }),
  initial: 'received',
  states: {
    received: { title: 'Received', owner: { team: 'contact-centre', queue: 'enquiries' } },
    answered: { title: 'Answered', resolved: true, terminal: true },
    'call-back': { title: 'Call back needed', owner: { team: 'contact-centre', queue: 'call-backs' } },
    closed: { title: 'Closed', resolved: true, terminal: true },
  },
  transitions: {
    answer: { from: 'received', to: 'answered', title: 'Answered on the call', resolvesAtFirstContact: true },
    'arrange-call-back': { from: 'received', to: 'call-back', title: 'Arrange a call back' },
    'close-after-call-back': { from: 'call-back', to: 'closed', title: 'Called back and answered' },
  },
  sla: { warning: { workingDays: 1 }, breach: { workingDays: 2 } },
});
