/**
 * Which prompts a campaign plays, and why: its opening (recorded media, or the template with
 * every prompt its fields can need — all digits for {号码}, every surname for {姓}), closings,
 * safe-harbour, the disclosure of its product and the consent questions. Used to refuse
 * deleting a prompt in use and to check, before a start, that Asterisk has every one. Pure.
 */
import { CONSENT_PROMPTS, disclosurePlaylist, termsOfCampaign, type CampaignProductFields } from '../consent/disclosure.js';
import { openingFields, openingUtterance, parseOpening, type OpeningValues } from './opening.js';
import { PACK_SURNAMES, surnamePrompt } from './prompt-pack.js';
import { spokenCharacters, spokenDigits, type VoiceLanguage } from './spoken-numbers.js';
import { promptOfMedia } from './text-prompts.js';

/** The parts of a campaign row this needs. */
export interface CampaignVoice extends CampaignProductFields {
  language: VoiceLanguage;
  companyName: string;
  openingMedia: string;
  openingText: string;
  closingMedia: string | null;
  refusalClosingMedia: string | null;
  safeHarbourMedia: string | null;
}

export type PromptUse = 'opening' | 'closing' | 'refusal closing' | 'safe-harbour' | 'disclosure';

export interface CampaignPrompts {
  language: VoiceLanguage;
  /** Prompt name → what it is used for (first use found). */
  uses: Map<string, PromptUse>;
  /** Prompts of the campaign's own words (not the pack's): name → the words, voiced on demand. */
  ownTexts: Map<string, string>;
  /** Media that are not the dialer's prompts (`sound:` of Asterisk's own, `tone:`…): left to Asterisk. */
  otherMedia: string[];
}

function mediaList(value: string | null): string[] {
  return (value ?? '')
    .split(',')
    .map((m) => m.trim())
    .filter(Boolean);
}

/** Every prompt an opening template can play, whatever the call's number, surname or agent. */
function openingPrompts(c: CampaignVoice, add: (name: string) => void, own: Map<string, string>): void {
  const parts = parseOpening(c.openingText);
  const values: OpeningValues = { company: c.companyName || null, number: '0123456789', surname: null, staffNo: null };
  const u = openingUtterance(parts, values, c.language);
  for (const m of u.media) add(promptOfMedia(m)!);
  for (const [name, text] of u.ownPrompts) own.set(name, text);
  const fields = openingFields(parts);
  const digits = spokenDigits('0123456789', c.language);
  if (fields.has('number')) digits.forEach(add);
  if (fields.has('surname')) PACK_SURNAMES.forEach((s) => add(surnamePrompt(s)));
  if (fields.has('staffNo')) [...digits, ...spokenCharacters('abcdefghijklmnopqrstuvwxyz', c.language)].forEach(add);
}

/** The prompts a campaign needs. Throws (with the reason) when its opening template or terms cannot be spoken. */
export function campaignPrompts(c: CampaignVoice): CampaignPrompts {
  const uses = new Map<string, PromptUse>();
  const ownTexts = new Map<string, string>();
  const otherMedia: string[] = [];
  const use = (what: PromptUse) => (name: string) => {
    if (!uses.has(name)) uses.set(name, what);
  };
  const fromMedia = (value: string | null, what: PromptUse) => {
    for (const m of mediaList(value)) {
      const name = promptOfMedia(m);
      if (name) use(what)(name);
      else otherMedia.push(m);
    }
  };
  if (c.openingMedia.trim()) fromMedia(c.openingMedia, 'opening');
  else openingPrompts(c, use('opening'), ownTexts);
  fromMedia(c.closingMedia, 'closing');
  fromMedia(c.refusalClosingMedia, 'refusal closing');
  fromMedia(c.safeHarbourMedia, 'safe-harbour');
  const t = termsOfCampaign(c);
  if (t.ok) {
    const d = disclosurePlaylist(t.terms, c.language);
    for (const m of [...Object.values(CONSENT_PROMPTS), ...d.media]) use('disclosure')(promptOfMedia(m)!);
    for (const [name, text] of Object.entries(d.ownPrompts)) ownTexts.set(name, text);
  }
  return { language: c.language, uses, ownTexts, otherMedia };
}
