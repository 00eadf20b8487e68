import { describe, expect, it } from 'vitest';
import { hashPassword, verifyPassword } from './password.js';
import { createAttemptLimiter } from './attempt-limiter.js';
import { createSessionStore, tokensMatch } from './session-store.js';

const secret = 'a-test-secret-that-is-long-enough-to-use';

describe('session store', () => {
  it('finds a session only by its correctly signed cookie value', () => {
    const store = createSessionStore({ secret });
    const session = store.create();
    const value = store.cookieValue(session);
    expect(store.fromCookie(value)?.id).toBe(session.id);
    expect(store.fromCookie(`${session.id}.forged`)).toBeUndefined();
    expect(store.fromCookie(session.id)).toBeUndefined();
    expect(createSessionStore({ secret: `${secret}-other` }).fromCookie(value)).toBeUndefined();
  });

  it('expires idle sessions and sessions past their absolute lifetime', () => {
    let now = 0;
    const store = createSessionStore({ secret, idleMs: 1000, absoluteMs: 5000, now: () => now });
    const idle = store.cookieValue(store.create());
    now = 1001;
    expect(store.fromCookie(idle)).toBeUndefined();
    const busy = store.cookieValue(store.create());
    for (now = 1500; now < 6000; now += 900) expect(store.fromCookie(busy)).toBeDefined();
    now = 6100; // idle for exactly 1000 ms (allowed), but 5099 ms old (not)
    expect(store.fromCookie(busy)).toBeUndefined();
  });

  it('rotates the id and CSRF token on sign-in and forgets the old id', () => {
    const store = createSessionStore({ secret });
    const before = store.create();
    const oldValue = store.cookieValue(before);
    const after = store.rotate(before);
    expect(after.id).not.toBe(before.id);
    expect(after.csrfToken).not.toBe(before.csrfToken);
    expect(store.fromCookie(oldValue)).toBeUndefined();
    expect(store.fromCookie(store.cookieValue(after))).toBeDefined();
  });

  it('refuses a short secret', () => {
    expect(() => createSessionStore({ secret: 'short' })).toThrow();
  });

  it('compares CSRF tokens exactly', () => {
    expect(tokensMatch('abc', 'abc')).toBe(true);
    expect(tokensMatch('abc', 'abd')).toBe(false);
    expect(tokensMatch('abc', undefined)).toBe(false);
    expect(tokensMatch('abc', ['abc'])).toBe(false);
  });
});

describe('passwords', () => {
  it('hashes with a fresh salt and verifies only the right password', async () => {
    const first = await hashPassword('correct horse');
    const second = await hashPassword('correct horse');
    expect(first).not.toBe(second);
    expect(first.startsWith('scrypt$')).toBe(true);
    expect(await verifyPassword('correct horse', first)).toBe(true);
    expect(await verifyPassword('correct horse!', first)).toBe(false);
    expect(await verifyPassword('correct horse', 'not-a-hash')).toBe(false);
  });
});

describe('attempt limiter', () => {
  it('locks a username after repeated failures, for the window only', () => {
    let now = 0;
    const limiter = createAttemptLimiter({ maxFailures: 3, windowMs: 1000, now: () => now });
    for (let i = 0; i < 3; i++) limiter.fail('Agent');
    expect(limiter.isLocked('agent')).toBe(true);
    now = 1001;
    expect(limiter.isLocked('agent')).toBe(false);
    limiter.fail('agent');
    limiter.succeed('agent');
    expect(limiter.isLocked('agent')).toBe(false);
  });
});
