import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ConnectError } from './errors.js';
import { createCallTimeout } from './timeout.js';

describe('createCallTimeout', () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'performance'] });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('never aborts a call before timeoutMs, even the last call to join a shared signal', () => {
    const timeouts = createCallTimeout({ timeoutMs: 100, windowMs: 25 });
    const first = timeouts.signal();
    vi.advanceTimersByTime(24);
    const last = timeouts.signal();
    expect(last).toBe(first);
    vi.advanceTimersByTime(99);
    expect(last.aborted).toBe(false);
    vi.advanceTimersByTime(2);
    expect(last.aborted).toBe(true);
    expect(last.reason).toBeInstanceOf(DOMException);
    expect((last.reason as DOMException).name).toBe('TimeoutError');
  });

  it('gives a call starting after the window its own signal', () => {
    const timeouts = createCallTimeout({ timeoutMs: 100, windowMs: 25 });
    const first = timeouts.signal();
    vi.advanceTimersByTime(25);
    const second = timeouts.signal();
    expect(second).not.toBe(first);
    vi.advanceTimersByTime(100);
    expect(first.aborted).toBe(true);
    expect(second.aborted).toBe(false);
    vi.advanceTimersByTime(25);
    expect(second.aborted).toBe(true);
  });

  it('waits out the rest when the timer runs before the deadline', () => {
    const timeouts = createCallTimeout({ timeoutMs: 100, windowMs: 0 });
    const signal = timeouts.signal();
    // The clock says less time has passed than the timer thinks, as when libuv's cached loop time lags.
    const now = performance.now();
    const spy = vi.spyOn(performance, 'now').mockReturnValue(now + 50);
    vi.advanceTimersByTime(100);
    expect(signal.aborted).toBe(false);
    spy.mockRestore();
    vi.advanceTimersByTime(50);
    expect(signal.aborted).toBe(true);
  });

  it('gives a call starting after a signal fired a fresh one', () => {
    const timeouts = createCallTimeout({ timeoutMs: 100, windowMs: 25 });
    const first = timeouts.signal();
    vi.advanceTimersByTime(125);
    expect(first.aborted).toBe(true);
    const next = timeouts.signal();
    expect(next.aborted).toBe(false);
    vi.advanceTimersByTime(99);
    expect(next.aborted).toBe(false);
  });

  it('starts a fresh signal after many calls in one window, so fetch never piles too many listeners on one', () => {
    const timeouts = createCallTimeout({ timeoutMs: 100, windowMs: 25 });
    const signals = new Set(Array.from({ length: 2500 }, () => timeouts.signal()));
    expect(signals.size).toBe(3);
  });

  it('with windowMs 0 gives every call its own signal', () => {
    const timeouts = createCallTimeout({ timeoutMs: 100, windowMs: 0 });
    expect(timeouts.signal()).not.toBe(timeouts.signal());
  });

  it('refuses out-of-range options with invalid-options', () => {
    for (const options of [{ timeoutMs: 0 }, { timeoutMs: 1.5 }, { timeoutMs: 100, windowMs: -1 }, { timeoutMs: 100, windowMs: 5000 }]) {
      let caught: unknown;
      try {
        createCallTimeout(options);
      } catch (error) {
        caught = error;
      }
      expect(caught).toBeInstanceOf(ConnectError);
      expect((caught as ConnectError).reason).toBe('invalid-options');
    }
  });
});
