/**
 * The softphone side of a login: the agent's holding bridge, and the checks of a softphone
 * that dialed the login extension (extension, PIN, throttle). No session state here.
 */
import { eq } from 'drizzle-orm';
import type { LoginThrottle } from '../auth/login-throttle.js';
import { verifyPassword } from '../auth/password.js';
import type { Db } from '../db/database.js';
import { agents } from '../db/schema.js';
import { ignoreAriNotFound } from '../errors.js';
import type { Telephony } from '../telephony/telephony.js';

export type AgentRow = typeof agents.$inferSelect;

/** Creates the agent's holding bridge; a bridge left over from a crashed run is replaced rather than refused. */
export async function ensureHoldingBridge(telephony: Telephony, bridgeId: string): Promise<void> {
  await telephony.createBridge(bridgeId, 'holding').catch(async (err: unknown) => {
    await telephony.destroyBridge(bridgeId).catch(() => undefined);
    await telephony.createBridge(bridgeId, 'holding').catch(() => {
      throw err;
    });
  });
}

/** A dial-in login accepted (the agent), or refused with the reason in words. */
export type DialInCheck = { ok: true; agent: AgentRow } | { ok: false; reason: string };

/**
 * Checks a dial-in login: the agent is found by extension and PIN; wrong PINs count against
 * the extension, and an extension over the limit is refused without a PIN check.
 */
export async function checkDialInLogin(
  db: Db,
  throttle: LoginThrottle | undefined,
  extension: string,
  pin: string,
  isLoggedIn: (agentId: number) => boolean,
): Promise<DialInCheck> {
  const throttleKey = `pin:${extension}`;
  const throttled = throttle?.check(throttleKey).allowed === false;
  const agent = db.select().from(agents).where(eq(agents.extension, extension)).get();
  const pinOk = !throttled && agent?.pinHash ? await verifyPassword(pin, agent.pinHash) : false;
  if (pinOk) throttle?.reset(throttleKey);
  else if (!throttled) throttle?.recordFailure(throttleKey);
  if (throttled) return { ok: false, reason: 'too many wrong PINs' };
  if (!agent) return { ok: false, reason: 'unknown extension' };
  if (!pinOk) return { ok: false, reason: 'bad pin' };
  if (isLoggedIn(agent.id)) return { ok: false, reason: 'already logged in' };
  return { ok: true, agent };
}

/** Plays the refusal message (if any) to a refused dial-in softphone and hangs it up. */
export async function refuseDialIn(telephony: Telephony, channelId: string, badPinMedia: string | undefined): Promise<void> {
  if (badPinMedia) await telephony.playOnChannel(channelId, `pb-${channelId}-refused`, badPinMedia).catch(() => undefined);
  await telephony.hangup(channelId, 'normal').catch(ignoreAriNotFound);
}
