/**
 * The prompt pack for the tier's Asterisk: the one the test run's global set-up voiced
 * (TEST_PROMPT_PACK_DIR), or — outside vitest, e.g. the real-Asterisk bench — voiced here
 * into the same cache (espeak-ng and sox; quick when already there).
 */
import { installPromptPack } from '../../../src/voice/pack-installer.js';
import { PROMPT_PACK_CACHE } from '../../support/global-prompts.js';

export async function promptPackDir(): Promise<string> {
  if (process.env.TEST_PROMPT_PACK_DIR) return process.env.TEST_PROMPT_PACK_DIR;
  await installPromptPack({ out: PROMPT_PACK_CACHE });
  return PROMPT_PACK_CACHE;
}
