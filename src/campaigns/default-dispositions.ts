/**
 * The dispositions a new campaign starts with. Pure and free of the database schema, so the
 * consoles can tell a shipped label (worded from their catalogue in the user's language)
 * from one a manager wrote (shown as written).
 */
import type { DispositionCategory } from '../db/schema.js';

export interface DispositionDefinition {
  code: string;
  label: string;
  category: DispositionCategory;
}

/** A new campaign's list; the codes are those agents gave before dispositions were per campaign. */
export const DEFAULT_DISPOSITIONS: readonly DispositionDefinition[] = [
  { code: 'sale', label: '成功订购 Sale (verified subscription)', category: 'sale' },
  { code: 'declined', label: '拒绝办理 Declined the offer', category: 'refusal' },
  { code: 'refused', label: '拒绝通话 Refused to talk', category: 'refusal' },
  { code: 'not-interested', label: '不感兴趣 Not interested', category: 'no-interest' },
  { code: 'callback', label: '预约回访 Call back later', category: 'callback' },
  { code: 'do-not-call', label: '不要再打 Do not call again', category: 'do-not-call' },
  { code: 'wrong-person', label: '非机主 Wrong person', category: 'wrong-person' },
  { code: 'other', label: '其他 Other', category: 'other' },
];
