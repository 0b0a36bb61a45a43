/**
 * What the simulator played in the demo, from its 'sim: playing' log lines: the first
 * playbacks are printed prompt by prompt with their words (so the demo shows the Mandarin
 * pack being played), then only counted.
 */
import type { SimLogger } from '../sim/index.js';

interface Played {
  playbackId: string;
  media: string;
  lang: string;
  text?: string;
}

export class PlayLog {
  readonly byLanguage = new Map<string, number>();
  private readonly shown = new Set<string>();

  constructor(
    private readonly showPlaybacks = 1,
    private readonly print: (line: string) => void = (l) => console.log(l),
  ) {}

  readonly logger: SimLogger = {
    info: (obj: unknown, msg?: unknown) => {
      if (msg === 'sim: playing') this.played(obj as Played);
    },
    warn: () => undefined,
    error: () => undefined,
    debug: () => undefined,
  };

  private played(p: Played): void {
    this.byLanguage.set(p.lang, (this.byLanguage.get(p.lang) ?? 0) + 1);
    if (!this.shown.has(p.playbackId)) {
      if (this.shown.size >= this.showPlaybacks) return;
      this.shown.add(p.playbackId);
      this.print(`  ♪ playback ${p.playbackId} (${p.lang}):`);
    }
    this.print(`      ${p.media}${p.text ? `  「${p.text}」` : ''}`);
  }

  /** "412 prompts played (zh 412)". */
  summary(): string {
    const total = [...this.byLanguage.values()].reduce((a, b) => a + b, 0);
    return `${total} prompts played (${[...this.byLanguage].map(([l, n]) => `${l} ${n}`).join(', ') || 'none'})`;
  }
}
