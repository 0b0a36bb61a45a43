/**
 * The campaign lifecycle, pure: draft → running ⇄ paused → completed → archived.
 *
 *  - start:    draft or paused → running, only when the campaign has what it needs
 *              (startProblems); starting again after a pause re-checks.
 *  - pause:    running → paused. Calls already up finish normally; nothing new is dialed.
 *  - complete: running or paused → completed. Contacts left are not dialed any more.
 *  - archive:  draft, paused or completed → archived (a running campaign is paused or
 *              completed first, so nothing is archived mid-call by a slip of the mouse).
 * Settings may be edited in draft and paused; a running campaign is paused first (so the
 * dialer never sees half a change), a completed or archived one is cloned instead.
 */
import type { CAMPAIGN_STATUSES } from '../db/schema.js';
import { disclosurePlaylist, termsOfCampaign } from '../consent/disclosure.js';
import { openingFields, OpeningTemplateError, parseOpening } from '../voice/opening.js';
import { windowProblems } from './calling-window.js';
import { windowOf, type CampaignRow } from './campaign-settings.js';

export type CampaignStatus = (typeof CAMPAIGN_STATUSES)[number];
export type CampaignAction = 'start' | 'pause' | 'complete' | 'archive';

const RULES: Readonly<Record<CampaignAction, { from: readonly CampaignStatus[]; to: CampaignStatus }>> = {
  start: { from: ['draft', 'paused'], to: 'running' },
  pause: { from: ['running'], to: 'paused' },
  complete: { from: ['running', 'paused'], to: 'completed' },
  archive: { from: ['draft', 'paused', 'completed'], to: 'archived' },
};

/** The status an action leads to. */
export function targetStatus(action: CampaignAction): CampaignStatus {
  return RULES[action].to;
}

/** Why `action` is not allowed from `status`, or null when it is. */
export function transitionRefusal(status: CampaignStatus, action: CampaignAction): string | null {
  const rule = RULES[action];
  if (rule.from.includes(status)) return null;
  if (status === rule.to) return `it is already ${status}`;
  if (status === 'archived') return 'it is archived';
  if (action === 'archive' && status === 'running') return 'it is running; pause or complete it first';
  return `it is ${status}; ${action} applies to a ${rule.from.join(' or ')} campaign`;
}

/** Why a campaign in `status` cannot be edited, or null when it can. */
export function editRefusal(status: CampaignStatus): string | null {
  if (status === 'draft' || status === 'paused') return null;
  if (status === 'running') return 'it is running; pause it first';
  return `it is ${status}; clone it to run it again with changes`;
}

/** Facts from outside the campaign row that starting depends on. */
export interface StartFacts {
  /** Contacts not finished (pending, held, dialing or with a callback). */
  readonly contactsLeft: number;
  /** The service-wide safe-harbour media (SAFE_HARBOUR_MEDIA), the fallback of the campaign's own. */
  readonly serviceSafeHarbourMedia: string | null;
  /** Prompts the campaign plays that Asterisk does not have in its language (asked over ARI before a start). */
  readonly missingPrompts?: readonly string[];
}

/** Why the opening cannot be spoken as set up (template, company, staff number), in words. */
export function openingProblems(c: CampaignRow): string[] {
  if (c.openingMedia.trim()) return [];
  let fields;
  try {
    fields = openingFields(parseOpening(c.openingText));
  } catch (err) {
    if (err instanceof OpeningTemplateError) return [`its opening text cannot be spoken: ${err.message}`];
    throw err;
  }
  const problems: string[] = [];
  if (fields.has('company') && !c.companyName.trim()) problems.push('its opening says {公司} but the campaign has no company name');
  // The recorded opening plays before an agent is connected; only a preview call knows its agent then.
  if (fields.has('staffNo') && c.dialMode !== 'preview') {
    problems.push('its opening says {工号}, but in progressive and predictive dialing no agent is known when the opening plays: put {工号} in the agent\'s script instead');
  }
  return problems;
}

function listed(names: readonly string[]): string {
  return names.length > 8 ? `${names.slice(0, 8).join(', ')} and ${names.length - 8} more` : names.join(', ');
}

/** Everything that stops the campaign from starting, in words; empty when it can start. */
export function startProblems(c: CampaignRow, facts: StartFacts): string[] {
  const problems: string[] = [];
  if (!c.openingMedia.trim() && !c.openingText.trim()) problems.push('it has no opening (neither text nor recorded media)');
  problems.push(...openingProblems(c));
  const product: string[] = [];
  if (!c.productCode) product.push('code');
  if (!c.productName) product.push('name');
  if (c.productPriceMinor === null) product.push('price');
  if (!c.productBillingPeriod) product.push('billing period');
  if (!c.productCancelHow) product.push('how to cancel');
  if (c.productFreeTrialDays > 0 && !c.productAfterTrial) product.push('what happens after the free trial');
  if (product.length) problems.push(`its product terms are incomplete (missing ${product.join(', ')})`);
  const terms = termsOfCampaign(c);
  if (terms.ok) {
    try {
      disclosurePlaylist(terms.terms, c.language);
    } catch (err) {
      problems.push(`its product terms cannot be spoken: ${(err as Error).message}`);
    }
  }
  if (facts.missingPrompts?.length) {
    problems.push(
      `Asterisk lacks ${facts.missingPrompts.length} prompt(s) it plays in language ${c.language}: ${listed(facts.missingPrompts)} (install the prompt pack with npm run prompts, or upload them in Prompts)`,
    );
  }
  if (c.dialMode === 'predictive' && !c.safeHarbourMedia && !facts.serviceSafeHarbourMedia) {
    problems.push('predictive dialing can abandon calls and needs a safe-harbour message (campaign or SAFE_HARBOUR_MEDIA)');
  }
  problems.push(...windowProblems(windowOf(c)).map((p) => `its calling window is unusable: ${p}`));
  if (facts.contactsLeft === 0) problems.push('it has no contacts left to dial');
  return problems;
}
