/**
 * The consoles' message catalogues (src/web/i18n): both languages hold the same keys with the
 * same parameters, every key is used somewhere, every API error code has its words, and the
 * Chinese holds no English beyond a few agreed abbreviations.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Errors } from '../../src/errors.js';
import { messageIn } from '../../src/web/i18n/i18n.js';
import { en, zhCN, type Message } from '../../src/web/i18n/messages.js';

const SRC = join(import.meta.dirname, '../../src');

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    // The catalogues themselves do not count as uses.
    if (statSync(path).isDirectory()) return path.endsWith(join('i18n', 'en')) || path.endsWith(join('i18n', 'zh-CN')) ? [] : sources(path);
    return /\.tsx?$/.test(name) && name !== 'messages.ts' ? [path] : [];
  });
}

const texts = (m: Message): string[] => (typeof m === 'string' ? [m] : Object.values(m).filter((v): v is string => typeof v === 'string'));
const holes = (m: Message): string[] => [...new Set(texts(m).flatMap((s) => [...s.matchAll(/\{(\w+)\}/g)].map((x) => x[1]!)))].sort();

/** Latin words a Chinese message may contain: names of formats, standards and systems. */
const AGREED = new Set(['CSV', 'UTF', 'GBK', 'Excel', 'IANA', 'ARI', 'Asterisk', 'WAV', 'Hz', 'CN', 'SHA', 'English', 'PJSIP', 'sound', 'dialer', 'opening', 'number', 'carrier', 'Asia', 'Shanghai']);

describe('message catalogues', () => {
  const enKeys = Object.keys(en).sort();
  const zhKeys = Object.keys(zhCN).sort();

  it('both languages have exactly the same keys', () => {
    expect(zhKeys.filter((k) => !Object.hasOwn(en, k))).toEqual([]);
    expect(enKeys.filter((k) => !Object.hasOwn(zhCN, k))).toEqual([]);
  });

  it('a Chinese message takes the parameters of the English one (error messages may leave the API\'s free-text details out)', () => {
    const mismatched = enKeys.filter((k) => {
      const want = holes(en[k as keyof typeof en]);
      const got = holes(zhCN[k as keyof typeof zhCN]);
      return k.startsWith('error.') ? got.some((h) => !want.includes(h)) : JSON.stringify(got) !== JSON.stringify(want);
    });
    expect(mismatched).toEqual([]);
  });

  it('every key is used by a console or the service (literally, or under a prefix looked up with a template or listWord)', () => {
    const code = sources(SRC).map((f) => readFileSync(f, 'utf8')).join('\n');
    const literal = new Set([...code.matchAll(/['"`]([a-zA-Z][\w-]*(?:\.[\w:.-]+)+)['"`]/g)].map((m) => m[1]!));
    const prefixes = [
      ...[...code.matchAll(/`([a-zA-Z][\w.-]*\.)\$\{/g)].map((m) => m[1]!),
      ...[...code.matchAll(/listWord\('([\w-]+)'/g)].map((m) => `${m[1]}.`),
    ];
    const unused = enKeys.filter((k) => !literal.has(k) && !prefixes.some((p) => k.startsWith(p)));
    expect(unused).toEqual([]);
  });

  it('every API error code has its words, and no words are kept for a code the API does not have', () => {
    const codes = Object.values(Errors).map((E) => new E('x', 'y', 'z').code).sort();
    const worded = enKeys.filter((k) => k.startsWith('error.DIALER_ERR_')).map((k) => k.slice('error.'.length));
    expect(worded.sort()).toEqual(codes);
  });

  it('the Chinese is Chinese: no Latin words besides the agreed abbreviations', () => {
    const english = zhKeys.flatMap((k) => {
      const words = texts(zhCN[k as keyof typeof zhCN]).flatMap((s) => s.replace(/\{\w+\}/g, '').match(/[A-Za-z]{2,}/g) ?? []);
      return words.filter((w) => !AGREED.has(w)).map((w) => `${k}: ${w}`);
    });
    expect(english).toEqual([]);
  });

  it('counts take the plural form in English, the one form in Chinese, with numbers written for the language', () => {
    expect(messageIn('en', 'agent.quality.showAll', { count: 1 })).toBe('Show all 1 score');
    expect(messageIn('en', 'agent.quality.showAll', { count: 12 })).toBe('Show all 12 scores');
    expect(messageIn('zh-CN', 'agent.quality.showAll', { count: 12 })).toBe('显示全部 12 条评分');
    expect(messageIn('en', 'campaigns.left', { count: 12345, pending: 2 })).toBe('12,345 contacts left of which 2 pending');
    expect(messageIn('zh-CN', 'pager.rowsOf', { from: 1, to: 50, total: 1200 })).toBe('第 1–50 条,共 1,200 条');
  });

  it('a message without a translation of its own falls back to English rather than showing a key', () => {
    expect(messageIn('zh-CN', 'lang.en')).toBe('English');
    expect(messageIn('zh-CN', 'role.qa')).toBe('质检员');
  });
});
