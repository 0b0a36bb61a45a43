/**
 * Builds each call's opening before it is dialled (never on the answer path): the campaign's
 * recorded opening media as they are, or its template spoken from the prompt pack with the
 * call's own values — company, the called number digit by digit, the surname from the list,
 * the reserved agent's 工号. The parsed template is kept per campaign version.
 */
import { eq } from 'drizzle-orm';
import type { CampaignRow } from '../campaigns/campaign-settings.js';
import type { Db } from '../db/database.js';
import { agents } from '../db/schema.js';
import { nationalDigits, openingFields, openingText, openingUtterance, parseOpening, surnameFromFields, type OpeningField, type OpeningPart, type OpeningValues } from '../voice/opening.js';

export interface BuiltOpening {
  /** ARI media, comma-separated, played as one playback. */
  media: string;
  /** The words, as the agent's screen shows them. */
  text: string;
}

export class OpeningBuilder {
  private readonly parsed = new Map<number, { version: string; parts: OpeningPart[]; fields: Set<OpeningField> }>();

  constructor(private readonly db: Db) {}

  /**
   * The call's values for the fields the template uses (null for the others): this runs in
   * the dial pass for every call, and parsing a number is not free.
   */
  values(c: CampaignRow, contact: { phone: string; fields: Record<string, string> }, used: ReadonlySet<OpeningField>, agentId?: number): OpeningValues {
    return {
      company: used.has('company') ? c.companyName || null : null,
      number: used.has('number') ? nationalDigits(contact.phone) : null,
      surname: used.has('surname') ? surnameFromFields(contact.fields) : null,
      staffNo: used.has('staffNo') && agentId !== undefined ? this.staffNo(agentId) : null,
    };
  }

  build(c: CampaignRow, contact: { phone: string; fields: Record<string, string> }, agentId?: number): BuiltOpening {
    const { parts, fields } = this.templateOf(c);
    const v = this.values(c, contact, fields, agentId);
    if (c.openingMedia.trim()) return { media: c.openingMedia, text: openingText(parts, v) };
    return { media: openingUtterance(parts, v, c.language).media.join(','), text: openingText(parts, v) };
  }

  private templateOf(c: CampaignRow): { parts: OpeningPart[]; fields: Set<OpeningField> } {
    const version = `${c.updatedAt}|${c.openingText}`;
    const hit = this.parsed.get(c.id);
    if (hit?.version === version) return hit;
    const parts = parseOpening(c.openingText);
    const entry = { version, parts, fields: openingFields(parts) };
    this.parsed.set(c.id, entry);
    return entry;
  }

  private staffNo(agentId: number): string | null {
    return this.db.select({ staffNo: agents.staffNo }).from(agents).where(eq(agents.id, agentId)).get()?.staffNo ?? null;
  }
}
