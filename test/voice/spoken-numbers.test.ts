import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PROMPT_PACK } from '../../src/voice/prompt-pack.js';
import { MAX_SPOKEN, spokenCharacters, spokenDigits, spokenNumber, spokenYuan, type VoiceLanguage } from '../../src/voice/spoken-numbers.js';
import { packWords } from '../../src/voice/text-prompts.js';

/** The words a list of pack prompts says. */
function say(names: string[], lang: VoiceLanguage): string {
  return names.map((n) => packWords(lang, n) ?? `<${n}?>`).join(lang === 'zh' ? '' : ' ');
}

describe('Mandarin numbers', () => {
  it.each([
    [0, '零'],
    [7, '七'],
    [10, '十'],
    [15, '十五'],
    [20, '二十'],
    [105, '一百零五'],
    [110, '一百一十'],
    [1005, '一千零五'],
    [1050, '一千零五十'],
    [3000, '三千'],
    [10_000, '一万'],
    [10_010, '一万零一十'],
    [15_000, '一万五千'],
    [100_500, '十万零五百'],
    [1_200_034, '一百二十万零三十四'],
    [99_999_999, '九千九百九十九万九千九百九十九'],
  ])('%d is %s', (n, words) => {
    expect(say(spokenNumber(n, 'zh'), 'zh')).toBe(words);
  });

  it.each([
    [1500, '十五元'],
    [1550, '十五元五角'],
    [1505, '十五元零五分'],
    [1555, '十五元五角五分'],
    [50, '五角'],
    [0, '零元'],
    [800, '八元'],
  ])('%d fen is %s', (fen, words) => {
    expect(say(spokenYuan(fen, 'zh'), 'zh')).toBe(words);
  });

  it('phone numbers digit by digit, 1 as 幺', () => {
    expect(say(spokenDigits('13812345678', 'zh'), 'zh')).toBe('幺三八幺二三四五六七八');
    expect(say(spokenDigits('+86 10086', 'zh'), 'zh')).toBe('八六幺零零八六');
  });
});

describe('English numbers', () => {
  it.each([
    [0, 'zero'],
    [13, 'thirteen'],
    [21, 'twenty one'],
    [305, 'three hundred and five'],
    [1005, 'one thousand and five'],
    [15_000, 'fifteen thousand'],
    [2_000_017, 'two million and seventeen'],
  ])('%d is %s', (n, words) => {
    expect(say(spokenNumber(n, 'en'), 'en')).toBe(words);
  });

  it('money and codes', () => {
    expect(say(spokenYuan(1550, 'en'), 'en')).toBe('fifteen yuan and fifty fen');
    expect(say(spokenYuan(30, 'en'), 'en')).toBe('thirty fen');
    expect(say(spokenCharacters('td5', 'en'), 'en')).toBe('T D five');
  });
});

describe('every number has its prompts, in both languages', () => {
  const names = new Set(PROMPT_PACK.map((p) => p.name));
  it('whole numbers and prices', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: MAX_SPOKEN }), fc.constantFrom<VoiceLanguage>('zh', 'en'), (n, lang) => {
        for (const name of [...spokenNumber(n, lang), ...spokenYuan(n, lang)]) expect(packWords(lang, name), `${lang} ${name}`).toBeDefined();
      }),
    );
    expect(names.has('phone-1')).toBe(true);
  });

  it('refuses what it cannot say', () => {
    expect(() => spokenNumber(MAX_SPOKEN + 1, 'zh')).toThrow(RangeError);
    expect(() => spokenNumber(1.5, 'en')).toThrow(RangeError);
    expect(() => spokenYuan(-1, 'zh')).toThrow(RangeError);
  });
});
