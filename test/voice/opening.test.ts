import { describe, expect, it } from 'vitest';
import { DEFAULT_OPENING, nationalDigits, openingText, openingUtterance, parseOpening, surnameFromFields, type OpeningValues } from '../../src/voice/opening.js';
import { surnamePrompt } from '../../src/voice/prompt-pack.js';

const values: OpeningValues = { company: '中国移动', number: '13812345678', surname: '王', staffNo: 'A102' };

describe('the opening as the manuals write it', () => {
  it('the default Mandarin opening: fixed words from the pack, the company voiced, the number digit by digit', () => {
    const parts = parseOpening(DEFAULT_OPENING.zh);
    expect(openingText(parts, values)).toBe('您好,打扰您了,我是中国移动的客服代表,请问您是13812345678的机主吗?');
    const u = openingUtterance(parts, values, 'zh');
    expect(u.text()).toBe('您好,打扰您了,我是中国移动的客服代表,请问您是幺三八幺二三四五六七八的机主吗');
    expect(u.media[0]).toBe('sound:dialer/opening-greeting');
    expect(u.media[1]).toMatch(/^sound:dialer\/say-[0-9a-f]{16}$/);
    expect(u.media.slice(2, 4)).toEqual(['sound:dialer/opening-representative', 'sound:dialer/phone-1']);
    expect(u.media.at(-1)).toBe('sound:dialer/opening-owner');
    expect([...u.ownPrompts.values()]).toEqual(['中国移动']);
  });

  it('the English opening uses the English pack', () => {
    const u = openingUtterance(parseOpening(DEFAULT_OPENING.en), values, 'en');
    expect(u.media[0]).toBe('sound:dialer/opening-greeting');
    expect(u.text()).toContain('Am I speaking with the owner of the number one three eight one two');
  });

  it('surname and 工号 fields; an optional part is dropped when its field has no value', () => {
    const parts = parseOpening('您好,[{姓}先生/女士,]我是{company}的客服代表,我的工号是{工号}');
    const u = openingUtterance(parts, values, 'zh');
    expect(u.media).toContain(`sound:dialer/${surnamePrompt('王')}`);
    expect(u.text()).toContain('我的工号是A幺零二');
    expect(openingText(parts, values)).toBe('您好,王先生/女士,我是中国移动的客服代表,我的工号是A102');
    // A surname the pack cannot say is treated as unknown, on screen as in the audio.
    const rare = { ...values, surname: '禤' };
    expect(openingText(parts, rare)).toBe('您好,我是中国移动的客服代表,我的工号是A102');
    // On screen, a field with no value outside [ ] stays visible, so the agent sees what is unset.
    expect(openingText(parts, { ...values, staffNo: null })).toBe('您好,王先生/女士,我是中国移动的客服代表,我的工号是{工号}');
    expect(openingUtterance(parts, rare, 'zh').text()).not.toContain('先生');
  });

  it('bad templates are refused with the reason', () => {
    expect(() => parseOpening('您好{公司')).toThrow('a "{" at character 3 is never closed');
    expect(() => parseOpening('您好{部门}')).toThrow('unknown field {部门}');
    expect(() => parseOpening('[[{姓}]]')).toThrow('cannot be nested');
    expect(() => parseOpening('您好]')).toThrow('has no "["');
  });

  it('the surname from the list: a surname column, else the full name (compound surnames whole)', () => {
    expect(surnameFromFields({ 姓: '李' })).toBe('李');
    expect(surnameFromFields({ Surname: '张' })).toBe('张');
    expect(surnameFromFields({ 姓名: '欧阳娜娜' })).toBe('欧阳');
    expect(surnameFromFields({ name: '王小明' })).toBe('王');
    expect(surnameFromFields({ city: '北京' })).toBeNull();
  });

  it('the called number as dialled at home', () => {
    expect(nationalDigits('+8613812345678')).toBe('13812345678');
    expect(nationalDigits('+861012345678')).toBe('01012345678');
  });
});
