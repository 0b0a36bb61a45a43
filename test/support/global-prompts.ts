/**
 * Vitest global set-up: the prompt pack, voiced once per checkout with espeak-ng and sox
 * (about half a minute the first time, a quick check afterwards) into
 * node_modules/.cache/dialer-prompt-pack. Tests read its path from TEST_PROMPT_PACK_DIR and
 * link it into their own folders (linkPromptPack), never changing it.
 */
import { join } from 'node:path';
import { installPromptPack } from '../../src/voice/pack-installer.js';

export const PROMPT_PACK_CACHE = join(import.meta.dirname, '..', '..', 'node_modules', '.cache', 'dialer-prompt-pack');

export async function setup(): Promise<void> {
  const r = await installPromptPack({ out: PROMPT_PACK_CACHE });
  if (r.written) console.log(`prompt pack: ${r.written} prompts voiced into ${PROMPT_PACK_CACHE}`);
  process.env.TEST_PROMPT_PACK_DIR = PROMPT_PACK_CACHE;
}
