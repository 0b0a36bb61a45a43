/**
 * The shipped prompt pack: every prompt the dialer plays, as text per language, voiced by
 * `npm run prompts` (espeak-ng + sox) into Asterisk's sounds layout `<lang>/dialer/<name>.wav`.
 * Managers may replace any of them with a recording (same name). Pure data.
 */
import type { VoiceLanguage } from './spoken-numbers.js';

export interface PackPrompt {
  name: string;
  /** The words per language; a language without text has no such prompt. */
  text: Partial<Record<VoiceLanguage, string>>;
  /** espeak-ng voice when not the language's own (surnames are Mandarin in English too). */
  voice?: string;
  /** Not speech: generated with sox (music on hold). */
  music?: true;
}

const ZH_DIGITS = '零一二三四五六七八九';
const EN_WORDS = [
  'zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten',
  'eleven', 'twelve', 'thirteen', 'fourteen', 'fifteen', 'sixteen', 'seventeen', 'eighteen', 'nineteen',
];
const EN_TENS = ['', '', 'twenty', 'thirty', 'forty', 'fifty', 'sixty', 'seventy', 'eighty', 'ninety'];

/** The hundred most common surnames and the usual compound ones (百家姓), for the {姓} field. */
export const PACK_SURNAMES = [
  ...'王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤',
  '欧阳', '司马', '上官', '诸葛', '东方', '皇甫', '令狐', '慕容',
];

/** Prompt name of a surname: its code points in hex (`王` → `surname-738b`). */
export function surnamePrompt(surname: string): string {
  return `surname-${[...surname].map((c) => c.codePointAt(0)!.toString(16)).join('-')}`;
}

function numbers(): PackPrompt[] {
  const out: PackPrompt[] = [];
  for (let d = 0; d < 20; d++) out.push({ name: `num-${d}`, text: { ...(d < 11 ? { zh: d === 10 ? '十' : ZH_DIGITS[d]! } : {}), en: EN_WORDS[d]! } });
  for (let t = 2; t < 10; t++) out.push({ name: `num-${t * 10}`, text: { en: EN_TENS[t]! } });
  out.push(
    { name: 'num-100', text: { zh: '百', en: 'hundred' } },
    { name: 'num-1000', text: { zh: '千', en: 'thousand' } },
    { name: 'num-10000', text: { zh: '万' } },
    { name: 'num-1000000', text: { en: 'million' } },
    { name: 'phone-1', text: { zh: '幺' } },
    { name: 'word-and', text: { en: 'and' } },
    { name: 'unit-yuan', text: { zh: '元', en: 'yuan' } },
    { name: 'unit-jiao', text: { zh: '角' } },
    { name: 'unit-fen', text: { zh: '分', en: 'fen' } },
    { name: 'unit-days', text: { zh: '天', en: 'days' } },
  );
  for (const l of 'abcdefghijklmnopqrstuvwxyz') out.push({ name: `letter-${l}`, text: { zh: l.toUpperCase(), en: l.toUpperCase() } });
  return out;
}

/** The default openings' fixed words (each language's DEFAULT opening template, split at its fields). */
export const OPENING_PROMPTS: PackPrompt[] = [
  { name: 'opening-greeting', text: { zh: '您好,打扰您了,我是', en: 'Hello, sorry to trouble you. This is the customer service representative of' } },
  { name: 'opening-representative', text: { zh: '的客服代表,请问您是', en: 'Am I speaking with the owner of the number' } },
  { name: 'opening-owner', text: { zh: '的机主吗' } },
  { name: 'opening-staff-no', text: { zh: '我的工号是', en: 'My staff number is' } },
  { name: 'opening-convenient', text: { zh: '请问您现在方便接听电话吗', en: 'Is it convenient for you to talk now' } },
];

const SPEECH: PackPrompt[] = [
  ...OPENING_PROMPTS,
  // Identity, disclosure and consent keys (src/consent/disclosure.ts).
  { name: 'consent-identity-question', text: { zh: '为确认您的身份,如果您是本机号码的机主或长期使用人,请按1。', en: 'To confirm your identity: if you are the owner or long-term user of this number, please press 1.' } },
  { name: 'consent-product-is', text: { zh: '您将订购的业务是', en: 'The service offered is' } },
  { name: 'consent-product-code', text: { zh: '业务代码', en: 'product code' } },
  { name: 'consent-price-is', text: { zh: '资费为', en: 'The price is' } },
  { name: 'consent-free-trial-for', text: { zh: '可免费体验', en: 'It is free for' } },
  { name: 'consent-after-trial-charged', text: { zh: '体验期满后,如不退订,将自动开始收费。', en: 'When the free period ends, you will be charged automatically unless you cancel.' } },
  { name: 'consent-after-trial-ends', text: { zh: '体验期满后自动结束,不收取任何费用。', en: 'When the free period ends, the service stops by itself and nothing is charged.' } },
  { name: 'consent-charged-to-phone-bill', text: { zh: '费用从您的话费中扣除。', en: 'The charge is added to your phone bill.' } },
  { name: 'consent-to-cancel-send', text: { zh: '退订请发送', en: 'To cancel, text' } },
  { name: 'consent-to', text: { zh: '到', en: 'to' } },
  { name: 'consent-to-cancel', text: { zh: '退订方式', en: 'To cancel' } },
  { name: 'consent-press-1-subscribe-2-decline', text: { zh: '同意订购请按1,不同意请按2。', en: 'To subscribe, press 1. To decline, press 2.' } },
  { name: 'consent-invalid-key', text: { zh: '您的按键无效,请重新输入。', en: 'That key is not valid. Please try again.' } },
  { name: 'consent-subscribed', text: { zh: '您已成功订购,感谢您的支持。', en: 'Your subscription is confirmed. Thank you.' } },
  { name: 'consent-declined', text: { zh: '您已选择不订购,我们不会为您开通该业务。', en: 'You have declined. The service will not be activated.' } },
  { name: 'consent-not-verified', text: { zh: '未能完成确认,我们不会为您开通该业务。', en: 'We could not confirm your choice. The service will not be activated.' } },
  { name: 'period-once', text: { zh: '一次性', en: 'once' } },
  { name: 'period-daily', text: { zh: '每天', en: 'per day' } },
  { name: 'period-weekly', text: { zh: '每周', en: 'per week' } },
  { name: 'period-monthly', text: { zh: '每月', en: 'per month' } },
  { name: 'period-quarterly', text: { zh: '每季度', en: 'per quarter' } },
  { name: 'period-yearly', text: { zh: '每年', en: 'per year' } },
  // The manuals' two closings (requirements §2) and the FTC safe-harbour message.
  { name: 'closing-thanks', text: { zh: '感谢您接听电话,祝您身体健康,生活愉快,再见!', en: 'Thank you for taking our call. We wish you good health and a happy life. Goodbye!' } },
  { name: 'closing-refusal', text: { zh: '很抱歉,打扰您了,祝您身体健康,再见!', en: 'Sorry to have troubled you. We wish you good health. Goodbye!' } },
  {
    name: 'safe-harbour',
    text: {
      zh: '您好,这里是客服中心。很抱歉,现在没有空闲的客服代表接听您的电话,我们稍后再与您联系。如不希望再接到我们的电话,请回拨本号码告知。再见。',
      en: 'Hello, this is the customer service centre. Sorry, no representative is free to take your call; we will call you again later. If you do not wish to be called, please call this number back and tell us. Goodbye.',
    },
  },
  // Agents dialling in to log their softphone on (dialplan).
  { name: 'agent-enter-pin', text: { zh: '请输入您的坐席密码,以井号键结束。', en: 'Please enter your agent PIN, then press the hash key.' } },
  { name: 'agent-pin-wrong', text: { zh: '密码错误,请核对后重新拨打。', en: 'That PIN is not correct. Please check it and dial again.' } },
  { name: 'agent-logged-in', text: { zh: '您已登录,请稍候,客户来电将直接接入。', en: 'You are logged in. Please hold; customers will be connected to you.' } },
  { name: 'agent-logged-out', text: { zh: '您已退出登录,再见。', en: 'You are logged out. Goodbye.' } },
  { name: 'echo-test', text: { zh: '回声测试,请说话,您会听到自己的声音。', en: 'Echo test. Speak, and you will hear yourself.' } },
  { name: 'service-unavailable', text: { zh: '系统暂时无法登录,请稍后再试。', en: 'The dialer is not available right now. Please try again later.' } },
  // Customers calling back when no agent takes inbound calls (dialplan inbound.conf).
  { name: 'nobody-available', text: { zh: '您好,现在没有客服代表可以接听您的电话,请稍后再拨。', en: 'Hello. No representative can take your call right now; please call again later.' } },
  { name: 'goodbye', text: { zh: '再见。', en: 'Goodbye.' } },
  // Customers calling a campaign's number back (src/inbound): while an agent is put through, and when nobody is free.
  { name: 'inbound-welcome', text: { zh: '您好,感谢您的来电,正在为您接通客服代表,请稍候。', en: 'Hello, thank you for calling. Connecting you to a representative, please hold.' } },
  {
    name: 'inbound-callback',
    text: {
      zh: '您好,感谢您的来电。现在所有客服代表都在忙,我们会尽快给您回电。再见。',
      en: 'Hello, thank you for calling. All our representatives are busy; we will call you back shortly. Goodbye.',
    },
  },
  { name: 'music-on-hold', text: { zh: '', en: '' }, music: true },
];

/** Every prompt of the pack, in a stable order. */
export const PROMPT_PACK: readonly PackPrompt[] = [
  ...numbers(),
  ...SPEECH,
  ...PACK_SURNAMES.map((s): PackPrompt => ({ name: surnamePrompt(s), text: { zh: s, en: s }, voice: 'cmn' })),
];

/** Pack prompts of one language: name → words (music: empty string). */
const byLanguage = new Map<VoiceLanguage, Map<string, PackPrompt>>();

export function packFor(lang: VoiceLanguage): ReadonlyMap<string, PackPrompt> {
  let m = byLanguage.get(lang);
  if (!m) {
    m = new Map(PROMPT_PACK.filter((p) => p.text[lang] !== undefined).map((p) => [p.name, p]));
    byLanguage.set(lang, m);
  }
  return m;
}

/** Names the pack has in `lang`, for lookups without the entries. */
export function isPackPrompt(name: string, lang: VoiceLanguage): boolean {
  return packFor(lang).has(name);
}
