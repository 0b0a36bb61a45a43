/**
 * Which callee regions a campaign may dial right now. The answer per region comes from the
 * pure calling-window module; it is cached until the earliest moment any region's window
 * opens or closes, so a pass costs a map lookup and a boundary is never overshot.
 */
import { windowStatus, type CallingWindow, type WindowStatus } from '../campaigns/calling-window.js';
import { windowOf, type CampaignRow } from '../campaigns/campaign-settings.js';
import { calleeZones, regionOfNumber } from '../campaigns/number-zones.js';

interface Entry {
  key: string;
  open: string[];
  /** Recompute at or after this moment (ms); Infinity when nothing ever changes. */
  validUntil: number;
  computedAt: number;
}

export class WindowGate {
  private readonly cache = new Map<number, Entry>();

  /** Of `regions` (ISO country codes, ZZ for none), those whose callees may be dialed at `now`. */
  openRegions(c: CampaignRow, now: number, regions: readonly string[]): string[] {
    const w = windowOf(c);
    const key = `${JSON.stringify(w)}|${regions.join(',')}`;
    const hit = this.cache.get(c.id);
    if (hit && hit.key === key && now >= hit.computedAt && now < hit.validUntil) return hit.open;
    const open: string[] = [];
    let validUntil = Infinity;
    for (const region of regions) {
      const s = windowStatus(w, calleeZones(region, w.timeZone), now);
      if (s.open) open.push(region);
      if (s.changesAt !== null) validUntil = Math.min(validUntil, s.changesAt);
    }
    this.cache.set(c.id, { key, open, validUntil, computedAt: now });
    return open;
  }

  /** The window as it applies to one number. */
  statusForNumber(c: CampaignRow, e164: string, at: number): WindowStatus {
    return statusFor(windowOf(c), regionOfNumber(e164), at);
  }

  /** The window in the campaign's own zone (what the manager sees). */
  campaignStatus(c: CampaignRow, at: number): WindowStatus {
    const w = windowOf(c);
    return windowStatus(w, [w.timeZone], at);
  }
}

function statusFor(w: CallingWindow, region: string, at: number): WindowStatus {
  return windowStatus(w, calleeZones(region, w.timeZone), at);
}
