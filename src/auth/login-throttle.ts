/**
 * In-memory throttle of failed sign-ins. The sign-in route keeps two: one keyed by username
 * + client address, so guessing one account's password is slow while a typo-prone colleague
 * behind the same NAT is not locked out by someone else's failures on another account (and
 * the account's owner elsewhere is not locked out at all); and one keyed by the client
 * address alone with a higher limit, so spraying one guess over many usernames is slow too.
 */
import type { Clock } from '../clock.js';

/** Options of {@link LoginThrottle}. */
export interface LoginThrottleOptions {
  clock: Clock;
  /** Failures allowed inside the window before the key is refused. Default 10. */
  maxFailures?: number;
  /** Sliding window, ms. Default 15 min. */
  windowMs?: number;
  /** Keys remembered at most; the oldest are forgotten first (bounds memory under a spray). Default 50,000. */
  maxKeys?: number;
}

/** Result of {@link LoginThrottle.check}. */
export type ThrottleVerdict = { allowed: true } | { allowed: false; retryAfterMs: number };

/** Counts failures per key in a sliding window; refuses a key that reached the limit. */
export class LoginThrottle {
  private readonly clock: Clock;
  private readonly maxFailures: number;
  private readonly windowMs: number;
  private readonly maxKeys: number;
  /** key → failure times, oldest first. Map order = insertion order, used for eviction. */
  private readonly failures = new Map<string, number[]>();

  constructor(options: LoginThrottleOptions) {
    this.clock = options.clock;
    this.maxFailures = options.maxFailures ?? 10;
    this.windowMs = options.windowMs ?? 15 * 60 * 1000;
    this.maxKeys = options.maxKeys ?? 50_000;
    if (!(this.maxFailures >= 1) || !(this.windowMs > 0) || !(this.maxKeys >= 1)) {
      throw new RangeError('LoginThrottle: maxFailures, windowMs and maxKeys must be positive');
    }
  }

  /** The key for a username (case-insensitive) and client address. */
  static key(username: string, ip: string): string {
    return `${username.trim().toLowerCase()}\u0000${ip}`;
  }

  /** Whether another attempt is allowed now for this key. */
  check(key: string): ThrottleVerdict {
    const times = this.live(key);
    if (times.length < this.maxFailures) return { allowed: true };
    const oldest = times[times.length - this.maxFailures]!;
    return { allowed: false, retryAfterMs: Math.max(1, oldest + this.windowMs - this.clock.now()) };
  }

  /** Records a failed attempt. */
  recordFailure(key: string): void {
    const times = this.live(key);
    times.push(this.clock.now());
    // Only the last maxFailures matter for the verdict.
    if (times.length > this.maxFailures) times.splice(0, times.length - this.maxFailures);
    this.failures.delete(key);
    this.failures.set(key, times);
    while (this.failures.size > this.maxKeys) {
      const oldestKey = this.failures.keys().next().value as string;
      this.failures.delete(oldestKey);
    }
  }

  /** The key of a client address alone (the spray throttle). */
  static addressKey(ip: string): string {
    return `\u0001${ip}`;
  }

  /** Takes back the latest failure of a key (an attempt counted before it was checked, that succeeded). */
  forgiveLast(key: string): void {
    const times = this.failures.get(key);
    if (!times) return;
    times.pop();
    if (times.length === 0) this.failures.delete(key);
  }

  /** Forgets a key's failures (after a successful sign-in). */
  reset(key: string): void {
    this.failures.delete(key);
  }

  /** Number of keys currently remembered. */
  get size(): number {
    return this.failures.size;
  }

  private live(key: string): number[] {
    const times = this.failures.get(key);
    if (!times) return [];
    const cutoff = this.clock.now() - this.windowMs;
    const kept = times.filter((t) => t > cutoff);
    if (kept.length === 0) this.failures.delete(key);
    else if (kept.length !== times.length) this.failures.set(key, kept);
    return kept;
  }
}
