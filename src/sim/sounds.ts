/**
 * The simulator's sounds folder, looked up as Asterisk does (file.c fileexists_core): the
 * language asked for, then `en`, then no language. Answers GET /sounds and /sounds/{id},
 * gives a `sound:` its real length, and the words of a dialer prompt for the play log.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { readWavInfo } from './wav.js';

export interface SimSound {
  id: string;
  text: string;
  formats: Array<{ language: string; format: string }>;
}

export class SimSounds {
  constructor(private readonly dir: string) {}

  /** The WAV file `sound:<id>` plays in `lang`, or null. */
  find(id: string, lang: string): string | null {
    if (id.includes('..')) return null;
    for (const l of [...new Set([lang, 'en', ''])]) {
      const path = join(this.dir, l, `${id}.wav`);
      try {
        if (statSync(path).isFile()) return path;
      } catch {
        // not in this language
      }
    }
    return null;
  }

  /** Length of the file in ms (prompts are small: read whole), or undefined when unreadable. */
  lengthOf(path: string): number | undefined {
    try {
      return readWavInfo(readFileSync(path)).durationMs;
    } catch {
      return undefined;
    }
  }

  /** The words of a dialer prompt (`dialer/<name>`) from its folder's prompts.json, else ''. */
  textOf(id: string, lang: string): string {
    const path = this.find(id, lang);
    if (!path) return '';
    try {
      const index = JSON.parse(readFileSync(join(path, '..', 'prompts.json'), 'utf8')) as Record<string, { text?: string }>;
      return index[id.split('/').pop() ?? '']?.text ?? '';
    } catch {
      return '';
    }
  }

  /** Every sound, with the languages it exists in; only those in `lang` when given. */
  list(lang?: string): SimSound[] {
    const byId = new Map<string, SimSound>();
    let langs: string[] = [];
    try {
      langs = readdirSync(this.dir, { withFileTypes: true })
        .filter((d) => d.isDirectory())
        .map((d) => d.name);
    } catch {
      return [];
    }
    for (const l of langs) {
      if (lang && l !== lang) continue;
      for (const file of walk(join(this.dir, l))) {
        if (!file.endsWith('.wav')) continue;
        const id = relative(join(this.dir, l), file).slice(0, -4).split(sep).join('/');
        const s = byId.get(id) ?? { id, text: '', formats: [] };
        s.formats.push({ language: l, format: 'wav' });
        byId.set(id, s);
      }
    }
    return [...byId.values()].sort((a, b) => a.id.localeCompare(b.id));
  }

  get(id: string): SimSound | null {
    return this.list().find((s) => s.id === id) ?? null;
  }
}

function* walk(dir: string): Generator<string> {
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return;
  }
  for (const e of entries) {
    const path = join(dir, e.name);
    if (e.isDirectory()) yield* walk(path);
    else yield path;
  }
}
