/**
 * Installs the prompt pack into a sounds folder (`<out>/<lang>/dialer/<name>.wav`), voicing
 * each prompt from its text. Idempotent and cheap to re-run: a prompt whose text, voice and
 * generator are unchanged is kept, and a manager's upload is never overwritten (unless
 * `force`). Also writes `<out>/moh/dialer/music-on-hold.wav` for a music-on-hold class.
 */
import { createHash } from 'node:crypto';
import { copyFile, link, mkdir, readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { PROMPT_PACK } from './prompt-pack.js';
import { promptDir, promptPath, readPromptIndex, writePromptIndex } from './prompt-index.js';
import { VOICE_LANGUAGES, type VoiceLanguage } from './spoken-numbers.js';
import { ESPEAK_VOICE, Synthesizer } from './synthesizer.js';

export interface InstallPackOptions {
  /** The sounds root (Asterisk's /var/lib/asterisk/sounds, or the service's PROMPTS_DIR). */
  out: string;
  languages?: readonly VoiceLanguage[];
  /** Re-voice everything, manager uploads included. */
  force?: boolean;
  /** Prompts voiced at once (espeak-ng and sox are separate processes). Default 2. */
  concurrency?: number;
  synthesizer?: Synthesizer;
}

export interface InstallPackResult {
  written: number;
  unchanged: number;
  /** Kept because a manager replaced them. */
  uploadsKept: number;
}

export async function sha256File(path: string): Promise<string> {
  return createHash('sha256').update(await readFile(path)).digest('hex');
}

async function exists(path: string): Promise<boolean> {
  return stat(path).then(
    () => true,
    () => false,
  );
}

/** Voices the pack into `out`; throws with the apt-get line when espeak-ng or sox is missing. */
export async function installPromptPack(opts: InstallPackOptions): Promise<InstallPackResult> {
  const synth = opts.synthesizer ?? new Synthesizer();
  const missing = await synth.unavailable();
  if (missing) throw new Error(`cannot voice the prompt pack: ${missing}`);
  const result: InstallPackResult = { written: 0, unchanged: 0, uploadsKept: 0 };
  for (const lang of opts.languages ?? VOICE_LANGUAGES) {
    await mkdir(promptDir(opts.out, lang), { recursive: true });
    const index = await readPromptIndex(opts.out, lang);
    const todo = PROMPT_PACK.filter((p) => p.text[lang] !== undefined);
    const work = todo.map((p) => async () => {
      const text = p.text[lang] ?? '';
      const voice = p.music ? 'sox-tune' : (p.voice ?? ESPEAK_VOICE[lang]);
      const spec = synth.spec(voice, text);
      const path = promptPath(opts.out, lang, p.name);
      const known = index[p.name];
      if (known?.source === 'upload' && !opts.force && (await exists(path))) {
        result.uploadsKept += 1;
        return;
      }
      if (known?.spec === spec && (await exists(path))) {
        result.unchanged += 1;
        return;
      }
      if (p.music) await synth.music(path);
      else await synth.speak(text, voice, path);
      index[p.name] = { text, source: 'pack', sha256: await sha256File(path), spec };
      result.written += 1;
    });
    await runLimited(work, opts.concurrency ?? 2);
    await writePromptIndex(opts.out, lang, index);
    const moh = join(opts.out, 'moh', 'dialer');
    await mkdir(moh, { recursive: true });
    await copyFile(promptPath(opts.out, lang, 'music-on-hold'), join(moh, 'music-on-hold.wav'));
  }
  return result;
}

async function runLimited(tasks: Array<() => Promise<void>>, limit: number): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < tasks.length) await tasks[next++]!();
  };
  await Promise.all(Array.from({ length: Math.max(1, limit) }, worker));
}

/**
 * Gives `dest` its own copy of an installed pack (hard links where the file system allows,
 * else copies): prompts replaced or deleted there (always by rename or unlink) leave `from`
 * as it was. For demos and tests that start from a pack voiced once.
 */
export async function linkPromptPack(from: string, dest: string): Promise<void> {
  for (const entry of await readdir(from, { withFileTypes: true })) {
    const src = join(from, entry.name);
    const dst = join(dest, entry.name);
    if (entry.isDirectory()) {
      await mkdir(dst, { recursive: true });
      await linkPromptPack(src, dst);
    } else {
      await link(src, dst).catch(() => copyFile(src, dst));
    }
  }
}
