/**
 * Vitest global set-up: one private redis-server for the whole run, unless REDIS_URL is
 * given. Tests read the address from process.env.TEST_REDIS_URL.
 */
import { startPrivateRedis, type PrivateRedis } from '../../src/support/private-redis.js';

let redis: PrivateRedis | undefined;

export async function setup(): Promise<void> {
  if (process.env.REDIS_URL) {
    process.env.TEST_REDIS_URL = process.env.REDIS_URL;
    return;
  }
  redis = await startPrivateRedis();
  process.env.TEST_REDIS_URL = redis.url;
}

export async function teardown(): Promise<void> {
  await redis?.stop();
}
