/**
 * The sound files the tier's Asterisk plays: the opening, the safe-harbour message, every
 * consent prompt and the test product's name, plus the digit and letter prompts behind
 * Asterisk's `number:`, `digits:` and `characters:` media. Spoken by espeak-ng.
 */
import { join } from 'node:path';
import { CONSENT_PROMPTS } from '../../../src/consent/disclosure.js';
import { speak } from './sounds.js';

const DIALER_PROMPTS: Record<string, string> = {
  opening: '您好,打扰您了,我是测试公司的客服代表,请问您是机主吗?',
  // A short opening, for floors of many short calls.
  hello: '您好',
  'safe-harbour': '您好,这里是测试公司。很抱歉,现在没有客服代表可以接听,我们稍后再联系您。再见。',
  'consent/product-is': '产品是',
  'consent/price-is': '价格是',
  'consent/point': '点',
  'consent/yuan-per-month': '元每月',
  'consent/yuan-once': '元一次',
  'consent/charged-to-phone-bill': '费用从话费中扣除',
  'consent/to-cancel-send': '退订请发送',
  'consent/to-cancel': '退订方式',
  'consent/to': '到',
  'consent/free-trial-for': '免费试用',
  'consent/days': '天',
  'consent/after-trial-charged-automatically': '试用期后自动扣费',
  'consent/after-trial-ends': '试用期后自动结束,不收费',
  'products/vp15': '五G流量包',
  // The dialplan's own prompts (agent dial-in, inbound).
  'agent-enter-pin': '请输入您的密码,按井号键结束。',
  'agent-pin-wrong': '密码错误。',
  goodbye: '再见。',
  'service-unavailable': '系统暂时无法使用。',
  'nobody-available': '现在没有客服代表可以接听您的电话。',
  'echo-test': '回声测试。',
};

const CONSENT_WORDS: Record<keyof typeof CONSENT_PROMPTS, string> = {
  identityQuestion: '请问您是本机号码的机主吗?是请按一。',
  confirmQuestion: '确认订购请按一,不订购请按二。',
  invalidKey: '按键无效。',
  subscribed: '您已成功订购,感谢您的支持。',
  declined: '您没有订购,感谢您的接听。',
  notVerified: '本次未能确认,业务未开通。',
};

/** Writes every sound into `soundsDir` (Asterisk's sounds/ directory). */
export function installTestSounds(soundsDir: string): void {
  for (const [name, text] of Object.entries(DIALER_PROMPTS)) speak(join(soundsDir, 'dialer', `${name}.wav`), text);
  for (const [key, text] of Object.entries(CONSENT_WORDS)) {
    const media = CONSENT_PROMPTS[key as keyof typeof CONSENT_PROMPTS];
    speak(join(soundsDir, `${media.replace(/^sound:/, '')}.wav`), text);
  }
  // Asterisk's own say.c prompts, in the channel language (en).
  for (let n = 0; n <= 20; n++) speak(join(soundsDir, 'en/digits', `${n}.wav`), String(n), 'en');
  for (const n of [30, 40, 50, 60, 70, 80, 90]) speak(join(soundsDir, 'en/digits', `${n}.wav`), String(n), 'en');
  speak(join(soundsDir, 'en/digits/hundred.wav'), 'hundred', 'en');
  speak(join(soundsDir, 'en/digits/thousand.wav'), 'thousand', 'en');
  for (const c of 'abcdefghijklmnopqrstuvwxyz') speak(join(soundsDir, 'en/letters', `${c}.wav`), c, 'en');
}
