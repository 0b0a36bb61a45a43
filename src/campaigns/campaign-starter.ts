/**
 * Starting a campaign with its voice checked: the campaign's own words (company, product
 * name, its opening's text) are voiced into the prompts folder when they have no prompt yet,
 * then Asterisk itself is asked (ARI /sounds) for every prompt the campaign plays, in its
 * language. Whatever Asterisk lacks is a reason not to start (409), next to the others.
 */
import type { Logger } from 'pino';
import type { Telephony } from '../telephony/telephony.js';
import { campaignPrompts } from '../voice/campaign-prompts.js';
import type { CampaignRow } from './campaign-settings.js';
import type { CampaignStore } from './campaign-store.js';
import { transitionRefusal } from './lifecycle.js';
import type { PromptStore } from './prompt-store.js';

export interface CampaignStarterOptions {
  campaigns: CampaignStore;
  prompts: PromptStore;
  telephony: Pick<Telephony, 'missingSounds'>;
  logger: Logger;
}

export class CampaignStarter {
  constructor(private readonly o: CampaignStarterOptions) {}

  /** Prompt names the campaign plays that Asterisk does not have in the campaign's language. */
  async missingPrompts(c: CampaignRow): Promise<string[]> {
    let needed;
    try {
      needed = campaignPrompts(c);
    } catch {
      return []; // the opening or the terms cannot be spoken: startProblems says why
    }
    const unvoiced = await this.o.prompts.voiceMissing(needed.language, needed.ownTexts);
    if (unvoiced.length) this.o.logger.warn({ campaignId: c.id, prompts: unvoiced }, 'campaign: own words without a prompt (no espeak-ng/sox here); upload them');
    const ids = [...needed.uses.keys()].map((name) => `dialer/${name}`);
    const missing = await this.o.telephony.missingSounds(ids, needed.language);
    return missing.map((id) => id.slice('dialer/'.length));
  }

  /** POST /api/campaigns/:id/start: the lifecycle's start, with Asterisk's prompts checked first. */
  async start(id: number): Promise<CampaignRow> {
    const c = this.o.campaigns.get(id);
    // A refused transition says so without asking Asterisk anything.
    if (transitionRefusal(c.status, 'start')) return this.o.campaigns.act(id, 'start');
    return this.o.campaigns.act(id, 'start', { missingPrompts: await this.missingPrompts(c) });
  }
}
