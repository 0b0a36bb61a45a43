import { describe, expect, it } from 'vitest';
import {
  DEFAULT_SCRYPT_PARAMS,
  hashPassword,
  needsRehash,
  parsePasswordHash,
  verifyPassword,
} from '../../src/auth/password.js';

describe('password hashing (scrypt)', () => {
  it('round-trips with the default parameters and refuses a wrong password', async () => {
    const encoded = await hashPassword('correct horse battery');
    expect(await verifyPassword('correct horse battery', encoded)).toBe(true);
    expect(await verifyPassword('correct horse batterY', encoded)).toBe(false);
    expect(await verifyPassword('', encoded)).toBe(false);
  });

  it('encodes scrypt$N$r$p$salt$hash with a 16-byte salt and a 64-byte key', async () => {
    const encoded = await hashPassword('s3cret-password');
    expect(encoded).toMatch(/^scrypt\$32768\$8\$1\$[A-Za-z0-9+/=]+\$[A-Za-z0-9+/=]+$/);
    const parsed = parsePasswordHash(encoded);
    expect(parsed).not.toBeNull();
    expect(parsed).toMatchObject({ N: 2 ** 15, r: 8, p: 1 });
    expect(parsed!.salt).toHaveLength(16);
    expect(parsed!.hash).toHaveLength(64);
  });

  it('salts: the same password hashes differently each time', async () => {
    const params = { N: 2 ** 10, r: 8, p: 1 };
    const [a, b] = await Promise.all([hashPassword('same-password', params), hashPassword('same-password', params)]);
    expect(a).not.toBe(b);
    expect(await verifyPassword('same-password', a)).toBe(true);
    expect(await verifyPassword('same-password', b)).toBe(true);
  });

  it('verifies with the parameters stored in the hash, and flags weaker hashes for re-hashing', async () => {
    const weak = await hashPassword('old-password-1', { N: 2 ** 12, r: 8, p: 1 });
    expect(parsePasswordHash(weak)).toMatchObject({ N: 4096 });
    expect(await verifyPassword('old-password-1', weak)).toBe(true);
    expect(needsRehash(weak)).toBe(true);
    expect(needsRehash(weak, { N: 2 ** 12, r: 8, p: 1 })).toBe(false);
    const strong = await hashPassword('new-password-1');
    expect(needsRehash(strong, DEFAULT_SCRYPT_PARAMS)).toBe(false);
  });

  it('works for short agent PINs and normalises full-width digits (NFKC)', async () => {
    const params = { N: 2 ** 10, r: 8, p: 1 };
    const pin = await hashPassword('4821', params);
    expect(await verifyPassword('4821', pin)).toBe(true);
    expect(await verifyPassword('４８２１', pin)).toBe(true);
    expect(await verifyPassword('4822', pin)).toBe(false);
  });

  it.each([
    ['', 'empty'],
    ['bcrypt$10$abc', 'other scheme'],
    ['scrypt$32768$8$1$c2FsdA==', 'missing part'],
    ['scrypt$32767$8$1$c2FsdHNhbHRzYWx0$aGFzaGhhc2hoYXNoaGFzaA==', 'N not a power of two'],
    [`scrypt$${2 ** 24}$8$1$c2FsdHNhbHRzYWx0$aGFzaGhhc2hoYXNoaGFzaA==`, 'N absurdly large'],
    ['scrypt$32768$8$1$!!!$aGFzaGhhc2hoYXNoaGFzaA==', 'bad base64'],
    ['scrypt$32768$8$1$c2FsdA==$aGFzaGhhc2hoYXNoaGFzaA==', 'salt too short'],
  ])('treats a malformed stored hash as matching nothing (%s: %s)', async (encoded) => {
    expect(parsePasswordHash(encoded)).toBeNull();
    expect(await verifyPassword('anything-at-all', encoded)).toBe(false);
    expect(needsRehash(encoded)).toBe(true);
  });

  it('refuses to hash an empty secret or use invalid parameters', async () => {
    await expect(hashPassword('')).rejects.toThrow(TypeError);
    await expect(hashPassword('password-123', { N: 1000, r: 8, p: 1 })).rejects.toThrow(RangeError);
  });
});
