/**
 * Words to prompts. A piece of text the pack already voices (the default opening's parts, a
 * surname) plays as that pack prompt; any other text (a company or product name, a manager's
 * own opening) plays as `say-<hash>`, voiced from the text when a campaign is readied, or
 * uploaded by a manager under that name. Pure.
 */
import { createHash } from 'node:crypto';
import { packFor, type PackPrompt } from './prompt-pack.js';
import type { VoiceLanguage } from './spoken-numbers.js';

/** Media URI of a prompt of the dialer's sounds folder. */
export function promptMedia(name: string): string {
  return `sound:dialer/${name}`;
}

/** The prompt name in a `sound:dialer/<name>` media URI, else null. */
export function promptOfMedia(media: string): string | null {
  const m = /^sound:dialer\/([a-z0-9][a-z0-9_-]{0,63})$/.exec(media.trim());
  return m ? m[1]! : null;
}

/** Text with its edges' spaces and punctuation removed: what a prompt is matched on. */
export function speechKey(text: string): string {
  return text.replace(/^[\s\p{P}]+|[\s\p{P}]+$/gu, '').replace(/\s+/g, ' ');
}

/** True when the text has something to say (not only spaces and punctuation). */
export function isSpeakable(text: string): boolean {
  return speechKey(text) !== '';
}

const byText = new Map<VoiceLanguage, Map<string, string>>();

function packTextIndex(lang: VoiceLanguage): Map<string, string> {
  let m = byText.get(lang);
  if (!m) {
    m = new Map();
    for (const p of packFor(lang).values()) if (!p.music && p.text[lang]) m.set(speechKey(p.text[lang]!), p.name);
    byText.set(lang, m);
  }
  return m;
}

/** The prompt that says `text` in `lang`: a pack prompt with those words, else `say-<hash>`. */
export function textPromptName(lang: VoiceLanguage, text: string): string {
  const key = speechKey(text);
  return packTextIndex(lang).get(key) ?? `say-${createHash('sha256').update(`${lang}|${key}`).digest('hex').slice(0, 16)}`;
}

/** The words a pack prompt says in `lang` (for the text of what was played); undefined for others. */
export function packWords(lang: VoiceLanguage, name: string): string | undefined {
  const p: PackPrompt | undefined = packFor(lang).get(name);
  return p?.text[lang];
}
