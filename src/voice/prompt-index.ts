/**
 * The sounds folder of the dialer, in Asterisk's layout: `<root>/<lang>/dialer/<name>.wav`,
 * so `sound:dialer/<name>` plays in the language asked for (ARI `lang`, or the channel's).
 * Beside the files, `<root>/<lang>/dialer/prompts.json` says what each prompt is: its words,
 * who made it (the pack, the synthesizer from a campaign's text, or a manager's upload) and
 * the sha256 of its audio. Asterisk ignores the JSON; the service, the pack installer and the
 * simulator read it.
 */
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { VoiceLanguage } from './spoken-numbers.js';

export type PromptSource = 'pack' | 'synth' | 'upload';

export interface PromptIndexEntry {
  /** The words spoken ('' for music or an upload without words). */
  text: string;
  source: PromptSource;
  /** sha256 (hex) of the WAV file. */
  sha256: string;
  /** What the file was generated from (voice, text, generator version); absent for uploads. */
  spec?: string;
}

export type PromptIndex = Record<string, PromptIndexEntry>;

export const INDEX_FILE = 'prompts.json';

/** The folder holding one language's prompts. */
export function promptDir(root: string, lang: VoiceLanguage | string): string {
  return join(root, lang, 'dialer');
}

export function promptPath(root: string, lang: VoiceLanguage | string, name: string): string {
  return join(promptDir(root, lang), `${name}.wav`);
}

export async function readPromptIndex(root: string, lang: VoiceLanguage | string): Promise<PromptIndex> {
  try {
    const parsed: unknown = JSON.parse(await readFile(join(promptDir(root, lang), INDEX_FILE), 'utf8'));
    return parsed && typeof parsed === 'object' ? (parsed as PromptIndex) : {};
  } catch {
    return {};
  }
}

/** Writes the index atomically (a reader never sees half a file). */
export async function writePromptIndex(root: string, lang: VoiceLanguage | string, index: PromptIndex): Promise<void> {
  const dir = promptDir(root, lang);
  await mkdir(dir, { recursive: true });
  const sorted = Object.fromEntries(Object.entries(index).sort(([a], [b]) => a.localeCompare(b)));
  const tmp = join(dir, `${INDEX_FILE}.${process.pid}.part`);
  await writeFile(tmp, `${JSON.stringify(sorted, null, 1)}\n`);
  await rename(tmp, join(dir, INDEX_FILE));
}
