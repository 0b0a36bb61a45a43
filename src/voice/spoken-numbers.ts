/**
 * Numbers as the customer hears them, built from the pack's own number prompts (never
 * Asterisk's `number:`/`digits:`, which speak English with the stock sounds). Pure: each
 * function returns prompt names (`sound:dialer/<name>` once played), no I/O.
 *
 * Mandarin: 一 二 … 九 十 百 千 万 with 零 for a gap (1005 一千零五, 10010 一万零一十, 15 十五),
 * money as 元 角 分 (15.50 十五元五角, 15.05 十五元零五分), phone digits one by one with 幺 for 1
 * as operators read numbers aloud. English: cardinal words (twenty-one, three hundred and five).
 */
export type VoiceLanguage = 'zh' | 'en';
export const VOICE_LANGUAGES: readonly VoiceLanguage[] = ['zh', 'en'];

/** Largest number either language speaks (below 亿 / a hundred million). */
export const MAX_SPOKEN = 99_999_999;

const digit = (d: number): string => `num-${d}`;

function checkRange(n: number): void {
  if (!Number.isInteger(n) || n < 0 || n > MAX_SPOKEN) throw new RangeError(`cannot speak ${n}: whole numbers 0 to ${MAX_SPOKEN} only`);
}

/** 1..9999 in Mandarin; `leading` = first group of the number (10–19 read 十…, not 一十…). */
function zhGroup(n: number, leading: boolean): string[] {
  const out: string[] = [];
  const places: Array<[number, string | null]> = [
    [1000, 'num-1000'],
    [100, 'num-100'],
    [10, 'num-10'],
    [1, null],
  ];
  let gap = false;
  let started = false;
  for (const [place, unit] of places) {
    const d = Math.floor(n / place) % 10;
    if (d === 0) {
      if (started) gap = true;
      continue;
    }
    if (gap) out.push(digit(0));
    gap = false;
    // 十五, not 一十五, when the tens digit leads the whole number.
    if (!(place === 10 && d === 1 && !started && leading)) out.push(digit(d));
    if (unit) out.push(unit);
    started = true;
  }
  return out;
}

function zhNumber(n: number): string[] {
  if (n === 0) return [digit(0)];
  const high = Math.floor(n / 10_000);
  const low = n % 10_000;
  if (!high) return zhGroup(low, true);
  const out = [...zhGroup(high, true), 'num-10000'];
  if (low) {
    if (low < 1000) out.push(digit(0));
    out.push(...zhGroup(low, false));
  }
  return out;
}

/** 1..999 in English words. */
function enGroup(n: number): string[] {
  const out: string[] = [];
  const hundreds = Math.floor(n / 100);
  const rest = n % 100;
  if (hundreds) out.push(digit(hundreds), 'num-100');
  if (hundreds && rest) out.push('word-and');
  if (rest >= 20) {
    out.push(`num-${rest - (rest % 10)}`);
    if (rest % 10) out.push(digit(rest % 10));
  } else if (rest) {
    out.push(`num-${rest}`);
  }
  return out;
}

function enNumber(n: number): string[] {
  if (n === 0) return [digit(0)];
  const millions = Math.floor(n / 1_000_000);
  const thousands = Math.floor(n / 1000) % 1000;
  const rest = n % 1000;
  const out: string[] = [];
  if (millions) out.push(...enGroup(millions), 'num-1000000');
  if (thousands) out.push(...enGroup(thousands), 'num-1000');
  if (rest) {
    if ((millions || thousands) && rest < 100) out.push('word-and');
    out.push(...enGroup(rest));
  }
  return out;
}

/** A whole number as prompt names. */
export function spokenNumber(n: number, lang: VoiceLanguage): string[] {
  checkRange(n);
  return lang === 'zh' ? zhNumber(n) : enNumber(n);
}

/** An amount of yuan given in fen: 十五元五角 / fifteen yuan fifty fen. */
export function spokenYuan(fen: number, lang: VoiceLanguage): string[] {
  if (!Number.isInteger(fen) || fen < 0) throw new RangeError(`cannot speak a price of ${fen} fen`);
  const yuan = Math.floor(fen / 100);
  const jiao = Math.floor(fen / 10) % 10;
  const cents = fen % 10;
  if (lang === 'en') {
    const out = yuan || !(fen % 100) ? [...spokenNumber(yuan, lang), 'unit-yuan'] : [];
    if (fen % 100) {
      if (out.length) out.push('word-and');
      out.push(...spokenNumber(fen % 100, lang), 'unit-fen');
    }
    return out;
  }
  const out = yuan || !(fen % 100) ? [...spokenNumber(yuan, lang), 'unit-yuan'] : [];
  if (jiao) out.push(digit(jiao), 'unit-jiao');
  if (cents) {
    if (!jiao && out.length) out.push(digit(0));
    out.push(digit(cents), 'unit-fen');
  }
  return out;
}

/** A run of digits (a phone number, a short code) one digit at a time; 1 is 幺 in Mandarin. */
export function spokenDigits(digits: string, lang: VoiceLanguage): string[] {
  const out: string[] = [];
  for (const ch of digits) {
    if (!/[0-9]/.test(ch)) continue;
    out.push(lang === 'zh' && ch === '1' ? 'phone-1' : digit(Number(ch)));
  }
  return out;
}

/** Letters and digits spelled one by one (a product code, an SMS keyword such as TD). */
export function spokenCharacters(text: string, lang: VoiceLanguage): string[] {
  const out: string[] = [];
  for (const ch of text.toLowerCase()) {
    if (/[a-z]/.test(ch)) out.push(`letter-${ch}`);
    else if (/[0-9]/.test(ch)) out.push(...spokenDigits(ch, lang));
  }
  return out;
}
