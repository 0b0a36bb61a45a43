/**
 * What the agent pool asks about campaigns when it offers an agent to a call: who may take
 * the campaign's calls and at which priority, how long its wrap-up is, and whether a call
 * still waits for its disposition. `CampaignRoster` (src/campaigns) answers from SQLite;
 * `OPEN_ACCESS` is the floor without rules (every agent on every campaign, no wrap-up).
 */
export interface CampaignAccess {
  /** The agent's priority on the campaign (higher first), or null when they may not take its calls. */
  priority(agentId: number, campaignId: number): number | null;
  /** Wrap-up after a call of the campaign, ms. */
  wrapUpMs(campaignId: number): number;
  /** The call was talked and has no disposition yet, although its campaign requires one. */
  dispositionPending(callId: string): boolean;
}

export const OPEN_ACCESS: CampaignAccess = {
  priority: () => 0,
  wrapUpMs: () => 0,
  dispositionPending: () => false,
};
