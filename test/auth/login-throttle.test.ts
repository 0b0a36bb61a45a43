import { describe, expect, it } from 'vitest';
import { LoginThrottle } from '../../src/auth/login-throttle.js';
import { ManualClock } from '../http/support.js';

const MIN = 60_000;

describe('LoginThrottle', () => {
  it('refuses a key after 10 failures within 15 minutes and frees it as failures age out', () => {
    const clock = new ManualClock();
    const throttle = new LoginThrottle({ clock });
    const key = LoginThrottle.key('Alice', '10.0.0.1');
    for (let i = 0; i < 10; i++) {
      expect(throttle.check(key).allowed).toBe(true);
      throttle.recordFailure(key);
      clock.advance(MIN);
    }
    // 10 failures at t=0..9 min; now t=10 min.
    const verdict = throttle.check(key);
    expect(verdict).toEqual({ allowed: false, retryAfterMs: 5 * MIN });
    clock.advance(5 * MIN); // the first failure leaves the window
    expect(throttle.check(key).allowed).toBe(true);
  });

  it('keys by username (case-insensitive) and address separately', () => {
    const clock = new ManualClock();
    const throttle = new LoginThrottle({ clock, maxFailures: 2 });
    const a = LoginThrottle.key('bob', '10.0.0.1');
    throttle.recordFailure(a);
    throttle.recordFailure(LoginThrottle.key(' BOB ', '10.0.0.1'));
    expect(throttle.check(a).allowed).toBe(false);
    expect(throttle.check(LoginThrottle.key('bob', '10.0.0.2')).allowed).toBe(true);
    expect(throttle.check(LoginThrottle.key('carol', '10.0.0.1')).allowed).toBe(true);
    throttle.reset(a);
    expect(throttle.check(a).allowed).toBe(true);
  });

  it('bounds memory by forgetting the oldest keys', () => {
    const clock = new ManualClock();
    const throttle = new LoginThrottle({ clock, maxKeys: 100 });
    for (let i = 0; i < 1000; i++) throttle.recordFailure(LoginThrottle.key(`user${i}`, '10.0.0.1'));
    expect(throttle.size).toBe(100);
  });
});
