import { describe, expect, it } from 'vitest';
import { checkChallengeAllowed } from './challenge.js';
import { PCN_STAGES } from './pcn-lifecycle.js';

describe('checkChallengeAllowed', () => {
  it('allows an informal challenge on an officer-served PCN only before a notice to owner', () => {
    const allowed = PCN_STAGES.filter((stage) => checkChallengeAllowed({ stage, serviceMethod: 'affixed', kind: 'informal' }).allowed);
    expect(allowed).toEqual(['issued', 'discount', 'full-charge']);
  });

  it('allows a representation on an officer-served PCN only at the notice to owner', () => {
    const allowed = PCN_STAGES.filter((stage) => checkChallengeAllowed({ stage, serviceMethod: 'handed', kind: 'representation' }).allowed);
    expect(allowed).toEqual(['notice-to-owner']);
  });

  it('takes representations on a postal PCN at once, and no informal challenge', () => {
    const representation = PCN_STAGES.filter((stage) => checkChallengeAllowed({ stage, serviceMethod: 'postal', kind: 'representation' }).allowed);
    const informal = PCN_STAGES.filter((stage) => checkChallengeAllowed({ stage, serviceMethod: 'postal', kind: 'informal' }).allowed);
    expect(representation).toEqual(['issued', 'discount', 'full-charge']);
    expect(informal).toEqual([]);
  });

  it('says why, in words an agent can read out', () => {
    expect(checkChallengeAllowed({ stage: 'paid', serviceMethod: 'affixed', kind: 'informal' })).toMatchObject({ allowed: false, message: 'This PCN is paid; there is nothing to challenge.' });
    expect(checkChallengeAllowed({ stage: 'representation', serviceMethod: 'affixed', kind: 'representation' })).toMatchObject({ message: expect.stringMatching(/already being decided/) });
    expect(checkChallengeAllowed({ stage: 'charge-certificate', serviceMethod: 'affixed', kind: 'representation' })).toMatchObject({ message: expect.stringMatching(/has passed/) });
    expect(checkChallengeAllowed({ stage: 'discount', serviceMethod: 'postal', kind: 'informal' })).toMatchObject({ message: expect.stringMatching(/sent by post/) });
  });
});
