/**
 * Password (and agent PIN) hashing with Node's built-in scrypt, a memory-hard KDF.
 *
 * Encoded form: `scrypt$<N>$<r>$<p>$<salt b64>$<hash b64>`. The cost parameters travel
 * with each hash, so they can be raised later: old hashes still verify with their own
 * parameters and {@link needsRehash} tells the caller to re-hash on the next good login.
 */
import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';

/** scrypt cost parameters. */
export interface ScryptParams {
  /** CPU/memory cost; a power of two. */
  N: number;
  /** Block size. */
  r: number;
  /** Parallelisation. */
  p: number;
}

/** Current defaults: N=2^15, r=8, p=1 (32 MiB, ~0.1 s on a server core). */
export const DEFAULT_SCRYPT_PARAMS: Readonly<ScryptParams> = Object.freeze({ N: 2 ** 15, r: 8, p: 1 });

const SALT_BYTES = 16;
const KEY_BYTES = 64;
// Bounds on parameters read back from a stored hash, so a tampered row cannot make
// verification allocate gigabytes or spin for minutes.
const MAX_N = 2 ** 20;
const MAX_R = 32;
const MAX_P = 16;

/** A stored hash taken apart. */
export interface ParsedPasswordHash extends ScryptParams {
  salt: Buffer;
  hash: Buffer;
}

function scryptAsync(secret: string, salt: Buffer, keyLen: number, params: ScryptParams): Promise<Buffer> {
  const options: ScryptOptions = {
    N: params.N,
    r: params.r,
    p: params.p,
    // scrypt needs ~128·N·r·p bytes; Node's default ceiling (32 MiB) is exactly what N=2^15,r=8
    // needs and is rejected, so allow twice the requirement.
    maxmem: 256 * params.N * params.r * params.p,
  };
  return new Promise((resolve, reject) => {
    scrypt(secret, salt, keyLen, options, (err, key) => (err ? reject(err) : resolve(key)));
  });
}

// NFKC so that the same password typed through different input methods (full-width digits
// from a Chinese IME, composed vs decomposed accents) hashes the same (NIST SP 800-63B §5.1.1.2).
function normalize(secret: string): string {
  return secret.normalize('NFKC');
}

function isPowerOfTwo(n: number): boolean {
  return Number.isInteger(n) && n > 1 && (n & (n - 1)) === 0;
}

function assertParams(params: ScryptParams): void {
  if (!isPowerOfTwo(params.N) || params.N > MAX_N) throw new RangeError(`scrypt N must be a power of two ≤ ${MAX_N}`);
  if (!Number.isInteger(params.r) || params.r < 1 || params.r > MAX_R) throw new RangeError(`scrypt r must be 1..${MAX_R}`);
  if (!Number.isInteger(params.p) || params.p < 1 || params.p > MAX_P) throw new RangeError(`scrypt p must be 1..${MAX_P}`);
}

/**
 * Hashes a password or PIN with a fresh random salt.
 * @param secret non-empty; length policy is the caller's (PINs are short, passwords are not).
 * @param params cost parameters; defaults to {@link DEFAULT_SCRYPT_PARAMS}.
 */
export async function hashPassword(secret: string, params: ScryptParams = DEFAULT_SCRYPT_PARAMS): Promise<string> {
  if (typeof secret !== 'string' || secret.length === 0) throw new TypeError('cannot hash an empty secret');
  assertParams(params);
  const salt = randomBytes(SALT_BYTES);
  const key = await scryptAsync(normalize(secret), salt, KEY_BYTES, params);
  return ['scrypt', params.N, params.r, params.p, salt.toString('base64'), key.toString('base64')].join('$');
}

const B64 = /^[A-Za-z0-9+/]+={0,2}$/;

/** Parses an encoded hash; null when it is not a well-formed scrypt hash within bounds. */
export function parsePasswordHash(encoded: string): ParsedPasswordHash | null {
  const parts = encoded.split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return null;
  const [, nText, rText, pText, saltText, hashText] = parts as [string, string, string, string, string, string];
  if (![nText, rText, pText].every((t) => /^[1-9][0-9]{0,9}$/.test(t))) return null;
  if (!B64.test(saltText) || !B64.test(hashText)) return null;
  const params = { N: Number(nText), r: Number(rText), p: Number(pText) };
  try {
    assertParams(params);
  } catch {
    return null;
  }
  const salt = Buffer.from(saltText, 'base64');
  const hash = Buffer.from(hashText, 'base64');
  if (salt.length < 8 || hash.length < 16 || hash.length > 256) return null;
  return { ...params, salt, hash };
}

/**
 * Checks a password or PIN against a stored hash, in constant time over the derived key.
 * A malformed stored hash verifies nothing (false), it never throws.
 */
export async function verifyPassword(secret: string, encoded: string): Promise<boolean> {
  const parsed = parsePasswordHash(encoded);
  if (!parsed || typeof secret !== 'string' || secret.length === 0) return false;
  const key = await scryptAsync(normalize(secret), parsed.salt, parsed.hash.length, parsed);
  return timingSafeEqual(key, parsed.hash);
}

/** True when a stored hash uses weaker parameters than `params` (or is malformed). */
export function needsRehash(encoded: string, params: ScryptParams = DEFAULT_SCRYPT_PARAMS): boolean {
  const parsed = parsePasswordHash(encoded);
  if (!parsed) return true;
  return parsed.N < params.N || parsed.r < params.r || parsed.p < params.p || parsed.hash.length < KEY_BYTES;
}
