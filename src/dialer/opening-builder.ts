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
import { nationalDigits, openingFields, openingText, openingUtterance, parseOpening, surnameFromFields, type OpeningPart, type OpeningValues } from '../voice/opening.js';

export interface BuiltOpening {
  /** ARI media, comma-separated, played as one playback. */
  media: string;
  /** The words, as the agent's screen shows them. */
  text: string;
}

export class OpeningBuilder {
  private readonly parsed = new Map<number, { version: string; parts: OpeningPart[] }>();

  constructor(private readonly db: Db) {}

  /** The call's values for the template's fields. */
  values(c: CampaignRow, contact: { phone: string; fields: Record<string, string> }, agentId?: number): OpeningValues {
    return {
      company: c.companyName || null,
      number: nationalDigits(contact.phone),
      surname: surnameFromFields(contact.fields),
      staffNo: agentId === undefined ? null : this.staffNo(agentId),
    };
  }

  build(c: CampaignRow, contact: { phone: string; fields: Record<string, string> }, agentId?: number): BuiltOpening {
    const parts = this.partsOf(c);
    const v = this.values(c, contact, openingFields(parts).has('staffNo') ? agentId : undefined);
    if (c.openingMedia.trim()) return { media: c.openingMedia, text: openingText(parts, v) };
    return { media: openingUtterance(parts, v, c.language).media.join(','), text: openingText(parts, v) };
  }

  private partsOf(c: CampaignRow): OpeningPart[] {
    const version = `${c.updatedAt}|${c.openingText}`;
    const hit = this.parsed.get(c.id);
    if (hit?.version === version) return hit.parts;
    const parts = parseOpening(c.openingText);
    this.parsed.set(c.id, { version, parts });
    return parts;
  }

  private staffNo(agentId: number): string | null {
    return this.db.select({ staffNo: agents.staffNo }).from(agents).where(eq(agents.id, agentId)).get()?.staffNo ?? null;
  }
}
