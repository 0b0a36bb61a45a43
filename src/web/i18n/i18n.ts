/**
 * The consoles' words: `t(key, params)` looks a message up in the user's language's
 * catalogue (./messages.ts explains the layout and how to add keys), fills `{name}` holes,
 * picks plural forms with Intl.PluralRules and writes numbers with Intl.NumberFormat.
 *
 * Why no i18n library: the catalogues are plain typed objects, so the compiler checks every
 * key and its parameters (the holes of the English text) with nothing to extract or
 * generate; what libraries add beyond that (plural rules, number formats) is the browser's
 * own Intl, used here directly. The language is fixed for the page's life (a change of
 * language reloads the page), so no reactive context is needed either.
 */
import { en, zhCN, type Catalogue, type Message, type MsgKey } from './messages.js';

export type { MsgKey } from './messages.js';

/** The consoles' languages, Simplified Chinese first (the default). */
export const LOCALES = ['zh-CN', 'en'] as const;
export type Locale = (typeof LOCALES)[number];

const CATALOGUES: Record<Locale, Catalogue> = { 'zh-CN': zhCN, en };

let current: Locale = 'zh-CN';

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (LOCALES as readonly string[]).includes(value);
}

/** Sets the page's language (before the first render). */
export function setLocale(locale: Locale): void {
  current = locale;
}

export function locale(): Locale {
  return current;
}

// The holes `{name}` of a message, as a union of names.
type Holes<S> = S extends `${string}{${infer P}}${infer R}` ? P | Holes<R> : never;
type English = typeof en;
type TextOf<M> = M extends string ? M : M extends { other: infer O } ? O : never;
/** The parameters a message takes: its English text's holes (plural messages also `count`). */
export type ParamsOf<K extends MsgKey> = Holes<TextOf<English[K]>> | (English[K] extends string ? never : 'count');
export type Param = string | number;
type Args<K extends MsgKey> = [ParamsOf<K>] extends [never] ? [] : [params: Record<ParamsOf<K>, Param>];

/** A number in the page's language (grouping, decimals). Identifiers are passed as strings instead. */
export function num(value: number, opts: Intl.NumberFormatOptions = { maximumFractionDigits: 2 }, lang: Locale = current): string {
  return new Intl.NumberFormat(lang, opts).format(value);
}

/** Fills a message's holes; numbers are written in the language `lang`. */
export function fill(text: string, params: Record<string, Param> = {}, lang: Locale = current): string {
  return text.replace(/\{(\w+)\}/g, (hole, name: string) => {
    const v = params[name];
    if (v === undefined) return hole;
    return typeof v === 'number' ? num(v, undefined, lang) : v;
  });
}

/**
 * The message `key` in language `lang`, filled from `params`; a plural message takes the form
 * for `params.count`. Pure: the service uses it for the few pages it writes itself.
 */
export function messageIn(lang: Locale, key: MsgKey, params: Record<string, Param> = {}): string {
  const message: Message = CATALOGUES[lang][key] ?? en[key];
  if (typeof message === 'string') return fill(message, params, lang);
  const count = typeof params.count === 'number' ? params.count : 0;
  const form = new Intl.PluralRules(lang).select(count) as keyof typeof message;
  return fill(message[form] ?? message.other, params, lang);
}

/** The message `key` in the page's language, with its parameters filled in. */
export function t<K extends MsgKey>(key: K, ...args: Args<K>): string {
  return messageIn(current, key, (args[0] ?? {}) as Record<string, Param>);
}

/** Whether `key` is a message (for keys built from data, e.g. an error code). */
export function hasMessage(key: string): key is MsgKey {
  return Object.hasOwn(en, key);
}

/** The message of a key built from data at run time (checked with {@link hasMessage}). */
export function tDynamic(key: MsgKey, params: Record<string, Param> = {}): string {
  return messageIn(current, key, params);
}
