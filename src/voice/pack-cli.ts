/**
 * `npm run prompts -- --out DIR [--lang zh,en] [--force]`: voices the prompt pack into DIR in
 * Asterisk's sounds layout (DIR/<lang>/dialer/<name>.wav, DIR/moh/dialer/). Point DIR at
 * Asterisk's sounds folder (or the volume mounted there) and at the service's PROMPTS_DIR.
 */
import { parseArgs } from 'node:util';
import { installPromptPack } from './pack-installer.js';
import { VOICE_LANGUAGES, type VoiceLanguage } from './spoken-numbers.js';

const { values } = parseArgs({
  options: { out: { type: 'string' }, lang: { type: 'string' }, force: { type: 'boolean' }, help: { type: 'boolean' } },
});
if (values.help || !values.out) {
  console.error('usage: npm run prompts -- --out DIR [--lang zh,en] [--force]');
  process.exit(values.help ? 0 : 2);
}
const langs = (values.lang ?? VOICE_LANGUAGES.join(',')).split(',').map((l) => l.trim());
const bad = langs.filter((l) => !VOICE_LANGUAGES.includes(l as VoiceLanguage));
if (bad.length) {
  console.error(`unknown language ${bad.join(', ')}: the pack has ${VOICE_LANGUAGES.join(', ')}`);
  process.exit(2);
}
try {
  const r = await installPromptPack({ out: values.out, languages: langs as VoiceLanguage[], force: values.force ?? false });
  console.log(`prompt pack in ${values.out}: ${r.written} voiced, ${r.unchanged} unchanged, ${r.uploadsKept} manager uploads kept`);
} catch (err) {
  console.error((err as Error).message);
  process.exit(1);
}
