/**
 * Sounds the tier plays besides the product's prompt pack (which every tier Asterisk gets):
 * a recorded opening (`sound:dialer/opening`, what the tests' campaigns use unless they test
 * the spoken template) and a short one for floors of many short calls. Spoken by espeak-ng,
 * in Mandarin, where Asterisk looks for the zh channels' prompts.
 */
import { join } from 'node:path';
import { speak } from './sounds.js';

const OWN_PROMPTS: Record<string, string> = {
  opening: '您好,打扰您了,我是测试公司的客服代表,请问您是机主吗?',
  hello: '您好',
};

/** Writes the sounds into `soundsDir` (Asterisk's sounds/ directory). */
export function installTestSounds(soundsDir: string): void {
  for (const [name, text] of Object.entries(OWN_PROMPTS)) speak(join(soundsDir, 'zh/dialer', `${name}.wav`), text);
}
