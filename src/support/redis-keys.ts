/**
 * The one key builder and the one list of queue names. Every Redis key of a deployment
 * starts with its REDIS_PREFIX (one per environment), so environments can share a Redis;
 * BullMQ queues take the same prefix through their `prefix` option. Queue names never
 * contain ':' (BullMQ refuses them; they would blur the key structure).
 */

/** Every BullMQ queue of the service. */
export const QUEUE_NAMES = {
  /** Sampled recordings waiting for a QA reviewer (src/qa). */
  qaSampling: 'qa-sampling',
  /** Next-day subscription confirmation messages, as delayed jobs (src/consent). */
  consentFollowUp: 'consent-followup',
  /** Webhook deliveries, one job per lane (endpoint + call or subscription) (src/webhooks). */
  webhooks: 'webhooks',
} as const;

export type QueueName = (typeof QUEUE_NAMES)[keyof typeof QUEUE_NAMES];

const PART = /^[A-Za-z0-9_.-]+$/;

function checkPart(part: string, what: string): string {
  if (!PART.test(part)) throw new Error(`redis key ${what} "${part}" must be letters, digits, _ . - (no ':')`);
  return part;
}

/** `prefix:part:part…` for the service's own keys. */
export function redisKey(prefix: string, ...parts: string[]): string {
  return [checkPart(prefix, 'prefix'), ...parts.map((p) => checkPart(p, 'part'))].join(':');
}

/** A queue name checked for BullMQ (tests append a suffix to make per-test queues). */
export function queueName(name: string): string {
  return checkPart(name, 'queue name');
}

/** The hash key BullMQ keeps a job in: `prefix:queue:jobId`. */
export function bullJobKey(prefix: string, queue: string, jobId: string): string {
  return `${redisKey(prefix, queue)}:${jobId}`;
}

/** The key of a job's lock (its value is the token of whoever holds it). */
export function bullJobLockKey(prefix: string, queue: string, jobId: string): string {
  return `${bullJobKey(prefix, queue, jobId)}:lock`;
}
