/**
 * A play list under construction: the media to play and, alongside, the very words they say,
 * so what is stored as "the text played" cannot drift from the audio. Pure.
 */
import { packWords, promptMedia, textPromptName, isSpeakable } from './text-prompts.js';
import type { VoiceLanguage } from './spoken-numbers.js';

export class Utterance {
  readonly media: string[] = [];
  private readonly words: string[] = [];
  /** Prompts that are not the pack's (they must be voiced or uploaded before playing): name → text. */
  readonly ownPrompts = new Map<string, string>();

  constructor(readonly lang: VoiceLanguage) {}

  /** Pack prompts by name (numbers, fixed sentences). */
  pack(...names: string[]): this {
    for (const name of names) {
      const words = packWords(this.lang, name);
      if (words === undefined) throw new Error(`the ${this.lang} prompt pack has no prompt ${name}`);
      this.media.push(promptMedia(name));
      this.words.push(words);
    }
    return this;
  }

  /** Free text: the pack prompt with these words, else the text's own `say-…` prompt. */
  say(text: string): this {
    if (!isSpeakable(text)) return this;
    const name = textPromptName(this.lang, text);
    if (!name.startsWith('say-')) return this.pack(name);
    this.media.push(promptMedia(name));
    this.words.push(text.trim());
    this.ownPrompts.set(name, text.trim());
    return this;
  }

  /** Punctuation in the words only (nothing is played): a comma or a full stop. */
  mark(kind: ',' | '.'): this {
    const zh = kind === ',' ? ',' : '。';
    if (this.words.length && !/[,.。!?,]$/.test(this.words[this.words.length - 1]!)) this.words[this.words.length - 1] += this.lang === 'zh' ? zh : kind;
    return this;
  }

  /** The words, joined as the language writes them. */
  text(): string {
    return this.words.join(this.lang === 'zh' ? '' : ' ').replace(/\s+([,.?!])/g, '$1');
  }
}
