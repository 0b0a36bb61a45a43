/**
 * The opening as the manuals write it, with merge fields:
 * 「您好,打扰您了,我是{公司}的客服代表,请问您是{号码}的机主吗?」
 *
 * Fields (Chinese or English names): {公司}/{company} the campaign's company name, {号码}/{number}
 * the called number spoken digit by digit, {姓}/{surname} the customer's surname from the list,
 * {工号}/{staffNo} the agent's staff number. A part in square brackets is said only when every
 * field in it has a value: 「请问是[{姓}先生/女士,]…」. The same template gives the agent's
 * screen text and the play list, so the two never differ. Pure.
 */
import { parsePhoneNumberFromString } from 'libphonenumber-js';
import { PACK_SURNAMES, surnamePrompt } from './prompt-pack.js';
import { spokenCharacters, spokenDigits, type VoiceLanguage } from './spoken-numbers.js';
import { Utterance } from './utterance.js';

export type OpeningField = 'company' | 'number' | 'surname' | 'staffNo';

const FIELD_NAMES: Record<string, OpeningField> = {
  公司: 'company',
  company: 'company',
  号码: 'number',
  number: 'number',
  姓: 'surname',
  surname: 'surname',
  工号: 'staffNo',
  staffno: 'staffNo',
};

/** Each language's default opening (the manuals' wording in Mandarin). */
export const DEFAULT_OPENING: Record<VoiceLanguage, string> = {
  zh: '您好,打扰您了,我是{公司}的客服代表,请问您是{号码}的机主吗?',
  en: 'Hello, sorry to trouble you. This is the customer service representative of {company}. Am I speaking with the owner of the number {number}?',
};

export type OpeningPart = { kind: 'text'; text: string } | { kind: 'field'; field: OpeningField } | { kind: 'optional'; parts: OpeningPart[] };

export interface OpeningValues {
  company: string | null;
  /** The called number's digits as dialled nationally, e.g. 13812345678. */
  number: string | null;
  surname: string | null;
  staffNo: string | null;
}

export class OpeningTemplateError extends Error {
  override name = 'OpeningTemplateError';
}

/** Parses a template; throws OpeningTemplateError naming the problem (unknown field, bad brackets). */
export function parseOpening(template: string): OpeningPart[] {
  const top: OpeningPart[] = [];
  let current = top;
  let optional: OpeningPart[] | null = null;
  let buf = '';
  const flush = () => {
    if (buf) current.push({ kind: 'text', text: buf });
    buf = '';
  };
  for (let i = 0; i < template.length; i++) {
    const ch = template[i]!;
    if (ch === '{') {
      const end = template.indexOf('}', i);
      if (end < 0) throw new OpeningTemplateError(`a "{" at character ${i + 1} is never closed`);
      const name = template.slice(i + 1, end).trim();
      const field = FIELD_NAMES[name.toLowerCase()] ?? FIELD_NAMES[name];
      if (!field) throw new OpeningTemplateError(`unknown field {${name}}: use {公司}, {号码}, {姓} or {工号}`);
      flush();
      current.push({ kind: 'field', field });
      i = end;
    } else if (ch === '[') {
      if (optional) throw new OpeningTemplateError('optional parts [ ] cannot be nested');
      flush();
      optional = [];
      current = optional;
    } else if (ch === ']') {
      if (!optional) throw new OpeningTemplateError(`a "]" at character ${i + 1} has no "["`);
      flush();
      top.push({ kind: 'optional', parts: optional });
      optional = null;
      current = top;
    } else if (ch === '}') {
      throw new OpeningTemplateError(`a "}" at character ${i + 1} has no "{"`);
    } else {
      buf += ch;
    }
  }
  if (optional) throw new OpeningTemplateError('a "[" is never closed');
  flush();
  return top;
}

/** The fields a template uses (anywhere, optional parts included). */
export function openingFields(parts: OpeningPart[]): Set<OpeningField> {
  const out = new Set<OpeningField>();
  for (const p of parts) {
    if (p.kind === 'field') out.add(p.field);
    else if (p.kind === 'optional') for (const f of openingFields(p.parts)) out.add(f);
  }
  return out;
}

/** Only surnames the pack voices count: the screen then says exactly what is played. */
export function speakableSurname(surname: string | null): string | null {
  const s = surname?.trim() ?? '';
  return s && PACK_SURNAMES.includes(s) ? s : null;
}

function valueOf(field: OpeningField, v: OpeningValues): string | null {
  const raw = field === 'surname' ? speakableSurname(v.surname) : v[field];
  return raw && raw.trim() ? raw.trim() : null;
}

function walk(parts: OpeningPart[], v: OpeningValues, onText: (t: string) => void, onField: (f: OpeningField, value: string) => void, onUnset?: (f: OpeningField) => void): void {
  for (const p of parts) {
    if (p.kind === 'text') onText(p.text);
    else if (p.kind === 'field') {
      const value = valueOf(p.field, v);
      if (value) onField(p.field, value);
      else onUnset?.(p.field);
    } else if ([...openingFields(p.parts)].every((f) => valueOf(f, v))) {
      walk(p.parts, v, onText, onField);
    }
  }
}

const FIELD_TOKEN: Record<OpeningField, string> = { company: '{公司}', number: '{号码}', surname: '{姓}', staffNo: '{工号}' };

/** The opening as the agent reads it on screen; a field without a value (outside [ ]) stays visible as its token. */
export function openingText(parts: OpeningPart[], v: OpeningValues): string {
  let out = '';
  walk(
    parts,
    v,
    (t) => (out += t),
    (_f, value) => (out += value),
    (f) => (out += FIELD_TOKEN[f]),
  );
  return out;
}

/** The opening's play list (`sound:dialer/…` media), its words, and the prompts of its own text. */
export function openingUtterance(parts: OpeningPart[], v: OpeningValues, lang: VoiceLanguage): Utterance {
  const u = new Utterance(lang);
  walk(
    parts,
    v,
    (t) => u.say(t),
    (field, value) => {
      if (field === 'company') u.say(value);
      else if (field === 'number') u.pack(...spokenDigits(value, lang));
      else if (field === 'surname') u.pack(surnamePrompt(value));
      else u.pack(...spokenCharacters(value, lang));
    },
  );
  return u;
}

/** The customer's surname from a list row: a surname column, else the start of a full-name column. */
export function surnameFromFields(fields: Record<string, string>): string | null {
  const get = (keys: string[]): string | null => {
    for (const [k, v] of Object.entries(fields)) if (keys.includes(k.trim().toLowerCase()) && v.trim()) return v.trim();
    return null;
  };
  const surname = get(['surname', 'last_name', 'lastname', 'family_name', '姓', '姓氏']);
  if (surname) return surname;
  const name = get(['name', 'full_name', 'customer_name', '姓名', '客户姓名', '名字']);
  if (!name) return null;
  // Compound surnames (欧阳, 司马…) first, so 欧阳娜娜 is 欧阳, not 欧.
  return PACK_SURNAMES.find((s) => s.length > 1 && name.startsWith(s)) ?? [...name][0] ?? null;
}

/** The digits of a number as dialled at home (13812345678, 01012345678), from E.164: the {号码} field. */
export function nationalDigits(e164: string): string {
  const parsed = parsePhoneNumberFromString(e164);
  return (parsed ? parsed.formatNational() : e164).replace(/\D/g, '');
}
