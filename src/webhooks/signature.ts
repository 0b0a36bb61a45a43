/**
 * Webhook signatures (pure): HMAC-SHA256 over `<timestamp>.<body>` with the endpoint's secret,
 * sent as `X-Dialer-Signature: t=<unix seconds>,v1=<hex>`. A receiver recomputes it over the
 * raw body, compares in constant time, and refuses timestamps too far from its clock (replays).
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/** The header carrying the signature. */
export const SIGNATURE_HEADER = 'x-dialer-signature';
/** The header carrying the event id (receivers de-duplicate on it). */
export const EVENT_ID_HEADER = 'x-dialer-event-id';
/** The header carrying the event type. */
export const EVENT_TYPE_HEADER = 'x-dialer-event';

/** A new endpoint secret: 32 random bytes, prefixed so it is recognisable in a config file. */
export function newWebhookSecret(): string {
  return `whsec_${randomBytes(32).toString('base64url')}`;
}

function hmac(secret: string, timestampSec: number, body: string): string {
  return createHmac('sha256', secret).update(`${timestampSec}.${body}`, 'utf8').digest('hex');
}

/** The signature header's value for a body sent at `timestampSec`. */
export function signWebhook(secret: string, timestampSec: number, body: string): string {
  return `t=${timestampSec},v1=${hmac(secret, timestampSec, body)}`;
}

/** Whether `header` signs `body` with `secret`, within `toleranceSec` of `nowSec`. */
export function verifyWebhookSignature(secret: string, header: string, body: string, nowSec: number, toleranceSec = 300): boolean {
  const parts = new Map(header.split(',').map((p) => p.split('=', 2) as [string, string]));
  const t = Number(parts.get('t'));
  const v1 = parts.get('v1');
  if (!Number.isInteger(t) || !v1 || Math.abs(nowSec - t) > toleranceSec) return false;
  const expected = Buffer.from(hmac(secret, t, body), 'hex');
  const given = Buffer.from(v1, 'hex');
  return given.length === expected.length && timingSafeEqual(given, expected);
}
