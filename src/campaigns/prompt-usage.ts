/**
 * Where each prompt is used: by a campaign that is not archived (its opening, closings,
 * safe-harbour, disclosure — src/voice/campaign-prompts.ts), by the service-wide safe-harbour
 * message, or by the agent dial-in (the dialplan plays agent-* and music on hold). A prompt
 * in use cannot be deleted.
 */
import { ne } from 'drizzle-orm';
import type { Db } from '../db/database.js';
import { campaigns } from '../db/schema.js';
import { campaignPrompts, type PromptUse } from '../voice/campaign-prompts.js';
import { VOICE_LANGUAGES } from '../voice/spoken-numbers.js';
import { promptOfMedia } from '../voice/text-prompts.js';

export interface PromptUser {
  campaignId: number | null;
  /** In words: "campaign 3 (春季流量包): opening". */
  label: string;
  /** The same as data, for the consoles to word: a campaign's (with its name and the prompt's use), the service-wide safe-harbour message, or the dialplan. */
  kind: 'campaign' | 'safe-harbour' | 'dialplan';
  campaignName?: string;
  use?: PromptUse;
}

/** Prompts the dialplan and the agent login play (dialplan/agent-login.conf, inbound.conf; AgentPool's wrong PIN). */
export const DIALPLAN_PROMPTS = ['agent-enter-pin', 'agent-pin-wrong', 'echo-test', 'service-unavailable', 'nobody-available', 'goodbye', 'music-on-hold', 'inbound-welcome', 'inbound-callback'] as const;

export class PromptUsage {
  constructor(
    private readonly db: Db,
    private readonly serviceSafeHarbourMedia: string | null,
  ) {}

  /** `<lang>/<name>` → who uses it. */
  uses(): Map<string, PromptUser[]> {
    const out = new Map<string, PromptUser[]>();
    const add = (lang: string, name: string, user: PromptUser) => {
      const key = `${lang}/${name}`;
      out.set(key, [...(out.get(key) ?? []), user]);
    };
    for (const c of this.db.select().from(campaigns).where(ne(campaigns.status, 'archived')).all()) {
      let needed;
      try {
        needed = campaignPrompts(c);
      } catch {
        continue; // an opening or terms that cannot be spoken use no prompt yet (starting it says why)
      }
      for (const [name, use] of needed.uses) add(needed.language, name, { campaignId: c.id, label: `campaign ${c.id} (${c.name}): ${use}`, kind: 'campaign', campaignName: c.name, use });
    }
    for (const m of (this.serviceSafeHarbourMedia ?? '').split(',')) {
      const name = promptOfMedia(m);
      if (name) for (const lang of VOICE_LANGUAGES) add(lang, name, { campaignId: null, label: 'the service-wide safe-harbour message (SAFE_HARBOUR_MEDIA)', kind: 'safe-harbour' });
    }
    for (const name of DIALPLAN_PROMPTS) for (const lang of VOICE_LANGUAGES) add(lang, name, { campaignId: null, label: 'the dialplan (agent dial-in, callers nobody takes)', kind: 'dialplan' });
    return out;
  }
}
