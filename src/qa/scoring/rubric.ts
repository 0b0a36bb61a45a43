/**
 * The QA scoring rubric: categories of items with points, out of 100 (requirements §4:
 * business ability 50, service attitude 25, professional skill 20, overall 5), and the pass
 * mark. Pure data and validation; versions are stored by the rubric store.
 */

/** One scored item. Deductions are made against an item; it never goes below 0. */
export interface RubricItem {
  /** Stable code, e.g. 'opening'. Unique in the rubric. */
  code: string;
  nameZh: string;
  nameEn: string;
  maxPoints: number;
  /** What the reviewer checks. */
  description?: string;
}

export interface RubricCategory {
  code: string;
  nameZh: string;
  nameEn: string;
  /** The sum of the items' points. */
  maxPoints: number;
  items: RubricItem[];
}

/** A bonus item (manual 000's 特别加分项): points added, up to its maxPoints; the total stays at most 100. */
export interface RubricBonusItem {
  code: string;
  nameZh: string;
  nameEn: string;
  maxPoints: number;
  description?: string;
}

/** A rubric version's content. */
export interface RubricDefinition {
  categories: RubricCategory[];
  /** Bonus items, outside the 100 points of the categories. */
  bonusItems?: RubricBonusItem[];
  /** A total below this is a defect (as is any fatal error). */
  passScore: number;
}

/**
 * The default rubric, from the manuals' four categories. The manuals name the categories,
 * their weights, the 5-second opening (来电接入后五秒内未报读开头语), charges and free-trial
 * terms, and activating without consent; the other items and their points are ours.
 */
export const DEFAULT_RUBRIC: RubricDefinition = Object.freeze({
  passScore: 80,
  categories: [
    {
      code: 'business',
      nameZh: '业务能力',
      nameEn: 'Business ability',
      maxPoints: 50,
      items: [
        { code: 'opening', nameZh: '开头语', nameEn: 'Opening', maxPoints: 5, description: 'Standard opening within 5 s of connect (来电接入后五秒内报读开头语)' },
        { code: 'identity', nameZh: '身份核实', nameEn: 'Identity check', maxPoints: 8, description: 'Confirms the account holder / long-term user; re-confirms a new person' },
        { code: 'needs', nameZh: '需求挖掘', nameEn: 'Needs discovery', maxPoints: 5, description: 'Asks before pitching; links the offer to the customer' },
        { code: 'product', nameZh: '产品介绍', nameEn: 'Product presentation', maxPoints: 10, description: 'The product offered, accurately and completely' },
        { code: 'charges', nameZh: '资费说明', nameEn: 'Charges stated', maxPoints: 10, description: 'Price, billing period, way of charging, free-trial and cancellation terms, plainly' },
        { code: 'consent', nameZh: '客户确认', nameEn: 'Customer confirmation', maxPoints: 7, description: 'Clear permission before any order; no order on the agent’s word' },
        { code: 'objections', nameZh: '异议处理', nameEn: 'Handling objections', maxPoints: 5, description: 'Answers doubts honestly; accepts a refusal' },
      ],
    },
    {
      code: 'attitude',
      nameZh: '服务态度',
      nameEn: 'Service attitude',
      maxPoints: 25,
      items: [
        { code: 'courtesy', nameZh: '礼貌用语', nameEn: 'Courtesy', maxPoints: 8, description: 'Polite phrases throughout (您好、请、谢谢、抱歉)' },
        { code: 'listening', nameZh: '耐心倾听', nameEn: 'Listening', maxPoints: 6, description: 'Lets the customer finish; does not interrupt' },
        { code: 'tone', nameZh: '语气语调', nameEn: 'Tone of voice', maxPoints: 6, description: 'Warm, friendly, never impatient' },
        { code: 'respect', nameZh: '尊重客户意愿', nameEn: 'Respecting the customer’s wishes', maxPoints: 5, description: 'Ends politely after a refusal; honours do-not-call requests' },
      ],
    },
    {
      code: 'skill',
      nameZh: '专业技巧',
      nameEn: 'Professional skill',
      maxPoints: 20,
      items: [
        { code: 'knowledge', nameZh: '业务知识', nameEn: 'Product knowledge', maxPoints: 6, description: 'Answers questions correctly' },
        { code: 'expression', nameZh: '表达清晰', nameEn: 'Clear expression', maxPoints: 5, description: 'Standard wording, moderate pace, no jargon' },
        { code: 'control', nameZh: '通话控制', nameEn: 'Call control', maxPoints: 5, description: 'Leads the call; reasonable length; no zero-length calls (不得有零时长)' },
        { code: 'closing', nameZh: '结束语', nameEn: 'Closing', maxPoints: 4, description: 'Standard closing (感谢您接听电话… / 很抱歉,打扰您了…)' },
      ],
    },
    {
      code: 'overall',
      nameZh: '综合表现',
      nameEn: 'Overall',
      maxPoints: 5,
      items: [{ code: 'impression', nameZh: '整体印象', nameEn: 'Overall impression', maxPoints: 5, description: 'The call as a whole' }],
    },
  ],
}) as RubricDefinition;

/** Points a rubric's categories add up to. */
export const RUBRIC_TOTAL = 100;

const CODE = /^[a-z0-9][a-z0-9_-]{0,39}$/;

/** Every problem of a rubric definition, in words; empty when it is valid. */
export function rubricProblems(def: RubricDefinition): string[] {
  const problems: string[] = [];
  const isPoints = (x: unknown): x is number => typeof x === 'number' && Number.isInteger(x) && x >= 0 && x <= RUBRIC_TOTAL;
  if (!isPoints(def.passScore)) problems.push(`passScore must be an integer from 0 to ${RUBRIC_TOTAL}`);
  if (!Array.isArray(def.categories) || def.categories.length === 0) return [...problems, 'categories must be a non-empty list'];
  // Category codes and item codes are two name spaces (deductions name items).
  const categoryCodes = new Set<string>();
  const itemCodes = new Set<string>();
  const seen = (codes: Set<string>, code: string, where: string) => {
    if (!CODE.test(code)) problems.push(`${where}: code "${code}" must be lower-case letters, digits, - or _ (max 40)`);
    else if (codes.has(code)) problems.push(`${where}: code "${code}" is used twice`);
    codes.add(code);
  };
  let total = 0;
  for (const [ci, cat] of def.categories.entries()) {
    const where = `categories[${ci}]`;
    seen(categoryCodes, cat.code, where);
    if (!cat.nameZh || !cat.nameEn) problems.push(`${where}: needs nameZh and nameEn`);
    if (!isPoints(cat.maxPoints)) problems.push(`${where}: maxPoints must be an integer from 0 to ${RUBRIC_TOTAL}`);
    total += cat.maxPoints;
    if (!Array.isArray(cat.items) || cat.items.length === 0) {
      problems.push(`${where}: items must be a non-empty list`);
      continue;
    }
    let sum = 0;
    for (const [ii, item] of cat.items.entries()) {
      const w = `${where}.items[${ii}]`;
      seen(itemCodes, item.code, w);
      if (!item.nameZh || !item.nameEn) problems.push(`${w}: needs nameZh and nameEn`);
      if (!isPoints(item.maxPoints) || item.maxPoints === 0) problems.push(`${w}: maxPoints must be an integer from 1 to ${RUBRIC_TOTAL}`);
      sum += item.maxPoints;
    }
    if (sum !== cat.maxPoints) problems.push(`${where} (${cat.code}): items add up to ${sum}, not the category's ${cat.maxPoints}`);
  }
  if (total !== RUBRIC_TOTAL) problems.push(`categories add up to ${total}, not ${RUBRIC_TOTAL}`);
  for (const [bi, bonus] of (def.bonusItems ?? []).entries()) {
    const w = `bonusItems[${bi}]`;
    // Bonus codes share the items' name space: a score names either by its code.
    seen(itemCodes, bonus.code, w);
    if (!bonus.nameZh || !bonus.nameEn) problems.push(`${w}: needs nameZh and nameEn`);
    if (!isPoints(bonus.maxPoints) || bonus.maxPoints === 0) problems.push(`${w}: maxPoints must be an integer from 1 to ${RUBRIC_TOTAL}`);
  }
  return problems;
}
