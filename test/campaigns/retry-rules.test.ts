import { describe, expect, it } from 'vitest';
import { DEFAULT_MAX_ATTEMPTS, DEFAULT_RETRY_DELAYS_SEC, retryOutcomeOf, settleAfterCall, type RetryPolicy } from '../../src/campaigns/retry-rules.js';
import { CALL_OUTCOMES } from '../../src/db/schema.js';

const NOW = Date.UTC(2025, 0, 7, 2, 0, 0);
const policy: RetryPolicy = {
  maxAttempts: 3,
  delaysSec: { busy: 600, 'no-answer': 3600, rejected: null, congestion: 120, failed: 1800, abandoned: 900 },
};

describe('settling a contact after a call', () => {
  it('answered is done, whatever attempts are left', () => {
    expect(settleAfterCall('answered', 1, policy, NOW)).toEqual({ status: 'done', reason: 'answered' });
  });

  it.each([
    ['busy', 600],
    ['no-answer', 3600],
    ['congestion', 120],
    ['failed', 1800],
    ['abandoned', 900],
    ['interrupted', 1800],
  ] as const)('%s is retried after its own delay (%i s) while attempts are left', (outcome, delay) => {
    expect(settleAfterCall(outcome, 1, policy, NOW)).toEqual({ status: 'pending', notBefore: NOW + delay * 1000, reason: expect.stringContaining('retry 2 of 3') });
  });

  it('a null delay means the outcome is never retried', () => {
    expect(settleAfterCall('rejected', 1, policy, NOW)).toEqual({ status: 'failed', reason: 'rejected: not retried by this campaign' });
  });

  it('the last attempt finishes the contact as failed', () => {
    expect(settleAfterCall('busy', 2, policy, NOW).status).toBe('pending');
    expect(settleAfterCall('busy', 3, policy, NOW)).toEqual({ status: 'failed', reason: 'busy: 3 of 3 attempts made' });
    expect(settleAfterCall('busy', 1, { ...policy, maxAttempts: 1 }, NOW).status).toBe('failed');
  });

  it('a number that does not exist (unallocated) is never retried, whatever attempts and delays are left', () => {
    expect(settleAfterCall('unallocated', 1, { ...policy, maxAttempts: 5 }, NOW)).toEqual({
      status: 'failed',
      reason: 'unallocated: the number does not exist; not retried',
    });
  });

  it('every call outcome has a rule (interrupted counts as failed, answered and unallocated have none)', () => {
    for (const o of CALL_OUTCOMES) {
      const rule = retryOutcomeOf(o);
      if (o === 'answered' || o === 'unallocated') expect(rule).toBeNull();
      else expect(Object.keys(DEFAULT_RETRY_DELAYS_SEC)).toContain(rule);
    }
  });
});

describe('the default retry rules (manual 002)', () => {
  it('give an unanswered customer at least 3 attempts, every retry at least 15 minutes after the last', () => {
    expect(DEFAULT_MAX_ATTEMPTS).toBeGreaterThanOrEqual(3);
    for (const [outcome, delay] of Object.entries(DEFAULT_RETRY_DELAYS_SEC)) {
      if (delay !== null) expect(delay, outcome).toBeGreaterThanOrEqual(15 * 60);
    }
    const defaults: RetryPolicy = { maxAttempts: DEFAULT_MAX_ATTEMPTS, delaysSec: DEFAULT_RETRY_DELAYS_SEC };
    let at = NOW;
    const attempts = [at];
    for (let n = 1; ; n++) {
      const s = settleAfterCall('no-answer', n, defaults, at);
      if (s.status !== 'pending') break;
      at = s.notBefore;
      attempts.push(at);
    }
    expect(attempts.length).toBeGreaterThanOrEqual(3);
  });
});
