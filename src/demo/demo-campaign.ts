/**
 * The scripted demo campaign: 20 numbers with mixed far ends, 3 agents.
 */
import { DateTime } from 'luxon';
import type { NewCampaign } from '../campaigns/campaign-store.js';
import { shiftedClock, type Clock } from '../clock.js';
import type { FarEndScript } from '../sim/index.js';
import type { DeskRole } from './demo-desk.js';

export interface DemoNumber {
  national: string;
  script: FarEndScript;
  label: string;
  /** What the agent and this customer do once connected (demo-desk.ts); the customer hangs up when the desk is done. */
  desk?: DeskRole;
}

const answer = (ringMs: number, talkMs: number): FarEndScript => ({ kind: 'answer', ringMs, hangupAfterMs: talkMs });
/** A customer who hears the whole Mandarin opening (about 14 s with the number) and then talks. */
const listens = (ringMs: number, talkMs: number): FarEndScript => answer(ringMs, 14_000 + talkMs);

/** National CN mobile numbers; the simulator sees them as 86… through the trunk template. */
export const DEMO_NUMBERS: DemoNumber[] = [
  { national: '13800000001', script: listens(800, 4000), label: 'answers, listens, talks' },
  { national: '13800000002', script: listens(1500, 6000), label: 'answers, listens, talks' },
  { national: '13800000003', script: { kind: 'busy', ringMs: 300 }, label: 'busy' },
  { national: '13800000004', script: listens(600, 3000), label: 'answers, listens, talks' },
  { national: '13800000005', script: { kind: 'ring-forever' }, label: 'no answer' },
  { national: '13800000006', script: listens(1000, 5000), label: 'answers, listens, talks' },
  { national: '13800000007', script: { kind: 'congestion', ringMs: 200 }, label: 'congestion' },
  { national: '13800000008', script: answer(400, 700), label: 'hangs up during the opening' },
  { national: '13800000009', script: listens(1200, 4500), label: 'answers, listens, talks' },
  { national: '13800000010', script: { kind: 'reject', ringMs: 500 }, label: 'rejects' },
  { national: '13800000011', script: listens(900, 3500), label: 'answers, listens, talks' },
  { national: '13800000012', script: answer(300, 0), label: 'answers and hangs up at once' },
  { national: '13800000013', script: { kind: 'busy', ringMs: 100 }, label: 'busy' },
  { national: '13800000014', script: listens(700, 5500), label: 'answers, listens, talks' },
  { national: '13800000015', script: { kind: 'unavailable' }, label: 'unavailable' },
  { national: '13800000016', script: listens(1100, 4000), label: 'answers, listens, talks' },
  { national: '13800000017', script: { kind: 'ring-forever' }, label: 'no answer' },
  { national: '13800000018', script: listens(500, 6500), label: 'answers, listens, talks' },
  { national: '13800000019', script: listens(800, 2500), label: 'answers, listens, talks' },
  { national: '13800000020', script: listens(1300, 3000), label: 'answers, listens, talks' },
  ...dayCustomers(),
];

/**
 * The day's scripted customers (issue 14, item 9): three subscribe by keypress after the
 * system's verification, one refuses three times, one asks not to be called again. They stay
 * on the line until their desk is done (with a long stop in case it never is).
 */
function dayCustomers(): DemoNumber[] {
  const stays = (ringMs: number): FarEndScript => ({ kind: 'answer', ringMs, hangupAfterMs: 120_000 });
  return [
    { national: '13800000021', script: stays(600), label: 'subscribes by keypress', desk: 'subscribes' },
    { national: '13800000022', script: stays(900), label: 'subscribes by keypress', desk: 'subscribes' },
    { national: '13800000023', script: stays(500), label: 'refuses three times', desk: 'refuses-three-times' },
    { national: '13800000024', script: stays(700), label: 'subscribes by keypress', desk: 'subscribes' },
    { national: '13800000025', script: stays(800), label: 'asks not to be called again', desk: 'do-not-call' },
  ];
}

/** The desk role of a number as the service stores it (E.164, +86…). */
export function deskRoleOf(phone: string): DeskRole | undefined {
  return DEMO_NUMBERS.find((n) => `+86${n.national}` === phone)?.desk;
}

export const DEMO_AGENTS = [
  { name: 'Li Na', extension: '8001' },
  { name: 'Wang Wei', extension: '8002' },
  { name: 'Zhang Min', extension: '8003' },
];

/** The demo campaigns speak the manuals' opening from the Mandarin prompt pack ({公司}, {号码}). */
export const DEMO_VOICE = { language: 'zh', companyName: '中国移动', openingMedia: '' } satisfies Partial<NewCampaign>;

/** The demo compresses ARI time: one ARI second is this many real milliseconds. */
export const DEMO_SECOND_MS = 100;
/** The demo campaigns' ring timeout (ARI seconds): 2.5 s of real time at DEMO_SECOND_MS. */
export const DEMO_RING_TIMEOUT_SEC = 25;

/**
 * `--serve` only: a second campaign left in draft for the visitor to start from the manager
 * console, whose customers answer and talk 15–40 s, so the dashboard and the agent console
 * have live calls to show. They pick up within the compressed ring time (0.3–2.1 s of the
 * 2.5 s real the ring timeout is), so the floor is not mostly no-answer.
 */
export const LIVE_FLOOR_NUMBERS: DemoNumber[] = Array.from({ length: 40 }, (_, i) => ({
  national: `139000000${String(i + 1).padStart(2, '0')}`,
  script: answer(300 + ((i * 977) % 1800), 15_000 + ((i * 7919) % 25_000)),
  label: 'answers, talks a while',
}));

export function demoScripts(): Record<string, FarEndScript> {
  return Object.fromEntries([...DEMO_NUMBERS, ...LIVE_FLOOR_NUMBERS].map((n) => [`86${n.national}`, n.script]));
}

/** The demo's product: complete terms, so the campaign may start. */
export const DEMO_PRODUCT = {
  productCode: 'VP15',
  productName: '5G流量包',
  productPriceMinor: 1500,
  productCurrency: 'CNY',
  productBillingPeriod: 'monthly',
  productFreeTrialDays: 7,
  productAfterTrial: 'converts-to-paid',
  productCancelHow: 'send TD to 10086',
} satisfies Partial<NewCampaign>;

/**
 * The demo's clock: real time, starting at 10:00 Beijing time today, so the campaign's
 * calling window (09:00–20:00 for these Chinese numbers) is open whenever the demo is run.
 */
export function demoClock(): Clock {
  return shiftedClock(DateTime.now().setZone('Asia/Shanghai').set({ hour: 10, minute: 0, second: 0, millisecond: 0 }).toMillis());
}
