import { describe, expect, it } from 'vitest';
import { newWebhookSecret, signWebhook, verifyWebhookSignature } from '../../src/webhooks/signature.js';

describe('webhook signatures', () => {
  const secret = 'whsec_test';
  const body = '{"version":1,"id":"evt_1","type":"call.ended","data":{}}';

  it('are HMAC-SHA256 over "<timestamp>.<body>" as t=…,v1=<hex>', () => {
    // Independent check: openssl dgst -sha256 -hmac whsec_test of "1700000000.<body>".
    const header = signWebhook(secret, 1_700_000_000, body);
    expect(header).toBe('t=1700000000,v1=d04879adcd7029e559ba5869e705c9951ca39173b32d9022612482b3d7dd438a');
    expect(verifyWebhookSignature(secret, header, body, 1_700_000_000)).toBe(true);
  });

  it('fail for another body, secret or timestamp, and for stale timestamps', () => {
    const header = signWebhook(secret, 1_700_000_000, body);
    expect(verifyWebhookSignature(secret, header, `${body} `, 1_700_000_000)).toBe(false);
    expect(verifyWebhookSignature('whsec_other', header, body, 1_700_000_000)).toBe(false);
    expect(verifyWebhookSignature(secret, header.replace('t=1700000000', 't=1700000001'), body, 1_700_000_000)).toBe(false);
    expect(verifyWebhookSignature(secret, header, body, 1_700_000_000 + 301)).toBe(false);
    expect(verifyWebhookSignature(secret, 'garbage', body, 1_700_000_000)).toBe(false);
  });

  it('secrets are random and recognisable', () => {
    const a = newWebhookSecret();
    expect(a).toMatch(/^whsec_[A-Za-z0-9_-]{43}$/);
    expect(newWebhookSecret()).not.toBe(a);
  });
});
