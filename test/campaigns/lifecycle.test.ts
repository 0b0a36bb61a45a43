import { describe, expect, it } from 'vitest';
import { editRefusal, startProblems, targetStatus, transitionRefusal, type CampaignAction, type CampaignStatus } from '../../src/campaigns/lifecycle.js';
import type { CampaignRow } from '../../src/campaigns/campaign-settings.js';
import { DEFAULT_OPENING_TEXT } from '../../src/db/schema.js';

const STATUSES: CampaignStatus[] = ['draft', 'running', 'paused', 'completed', 'archived'];
const ACTIONS: CampaignAction[] = ['start', 'pause', 'complete', 'archive'];
const ALLOWED = new Set(['draft:start', 'paused:start', 'running:pause', 'running:complete', 'paused:complete', 'draft:archive', 'paused:archive', 'completed:archive']);

const ready: CampaignRow = {
  id: 1,
  name: 'c',
  status: 'draft',
  dialMode: 'progressive',
  openingMedia: 'sound:dialer/opening',
  defaultRegion: 'CN',
  callerId: '',
  ringTimeoutSec: 25,
  dialEndpointTemplate: null,
  createdAt: 0,
  updatedAt: 0,
  productCode: 'VP15',
  productName: 'Value pack',
  productPriceMinor: 1500,
  productCurrency: 'CNY',
  productBillingPeriod: 'monthly',
  productFreeTrialDays: 0,
  productAfterTrial: null,
  productCancelHow: 'send TD to 10086',
  closingMedia: null,
  refusalClosingMedia: null,
  safeHarbourMedia: null,
  windowDays: [1, 2, 3, 4, 5],
  windowStart: '09:00',
  windowEnd: '20:00',
  windowIntervals: null,
  windowDatesOff: [],
  timeZone: 'Asia/Shanghai',
  maxAttempts: 3,
  retryDelaysSec: {},
  abandonCap: 0.03,
  refusalLimit: 3,
  wrapUpSec: null,
  dispositionRequired: null,
  requiredQualification: null,
  openingText: DEFAULT_OPENING_TEXT,
  scriptText: '',
  language: 'zh',
  companyName: '中国移动',
};
const facts = { contactsLeft: 10, serviceSafeHarbourMedia: null };

describe('lifecycle transitions', () => {
  for (const status of STATUSES) {
    for (const action of ACTIONS) {
      const allowed = ALLOWED.has(`${status}:${action}`);
      it(`${action} from ${status}: ${allowed ? `→ ${targetStatus(action)}` : 'refused with a reason'}`, () => {
        const refusal = transitionRefusal(status, action);
        if (allowed) expect(refusal).toBeNull();
        else expect(refusal).toMatch(/^it is /);
      });
    }
  }

  it('reasons say what to do', () => {
    expect(transitionRefusal('running', 'archive')).toBe('it is running; pause or complete it first');
    expect(transitionRefusal('running', 'start')).toBe('it is already running');
    expect(transitionRefusal('completed', 'start')).toBe('it is completed; start applies to a draft or paused campaign');
  });

  it('settings are edited in draft and paused only', () => {
    expect(editRefusal('draft')).toBeNull();
    expect(editRefusal('paused')).toBeNull();
    expect(editRefusal('running')).toBe('it is running; pause it first');
    expect(editRefusal('archived')).toMatch(/clone it/);
  });
});

describe('what starting needs', () => {
  it('a complete campaign with contacts may start', () => {
    expect(startProblems(ready, facts)).toEqual([]);
  });

  it('each missing piece is named', () => {
    const bare: CampaignRow = { ...ready, openingMedia: ' ', openingText: ' ', productCode: null, productPriceMinor: null, productCancelHow: null, productFreeTrialDays: 7, windowDays: [] };
    expect(startProblems(bare, { ...facts, contactsLeft: 0 })).toEqual([
      'it has no opening (neither text nor recorded media)',
      'its product terms are incomplete (missing code, price, how to cancel, what happens after the free trial)',
      'its calling window is unusable: no calling days are set',
      'it has no contacts left to dial',
    ]);
  });

  it('predictive needs a safe-harbour message, its own or the service-wide one', () => {
    const predictive: CampaignRow = { ...ready, dialMode: 'predictive' };
    expect(startProblems(predictive, facts)).toEqual([expect.stringMatching(/needs a safe-harbour message/)]);
    expect(startProblems({ ...predictive, safeHarbourMedia: 'sound:dialer/sorry' }, facts)).toEqual([]);
    expect(startProblems(predictive, { ...facts, serviceSafeHarbourMedia: 'sound:dialer/sorry' })).toEqual([]);
  });

  it('a spoken opening needs its company, and {工号} only where the agent is known before answer', () => {
    const spoken: CampaignRow = { ...ready, openingMedia: '' };
    expect(startProblems(spoken, facts)).toEqual([]);
    expect(startProblems({ ...spoken, companyName: ' ' }, facts)).toEqual(['its opening says {公司} but the campaign has no company name']);
    const withStaffNo = { ...spoken, openingText: '您好,我是{公司}的客服代表,工号{工号}' };
    expect(startProblems(withStaffNo, facts)).toEqual([expect.stringMatching(/^its opening says \{工号\}, but in progressive and predictive dialing/)]);
    expect(startProblems({ ...withStaffNo, dialMode: 'preview' }, facts)).toEqual([]);
    expect(startProblems({ ...spoken, openingText: '您好{公司' }, facts)).toEqual(['its opening text cannot be spoken: a "{" at character 3 is never closed']);
    // A recorded opening is played as it is: the template only shows on the agent's screen.
    expect(startProblems({ ...ready, companyName: '' }, facts)).toEqual([]);
  });

  it('terms the pack cannot speak, and prompts Asterisk lacks, stop a start', () => {
    expect(startProblems({ ...ready, productCurrency: 'USD' }, facts)).toEqual(['its product terms cannot be spoken: the prompt pack speaks prices in CNY only, not USD']);
    expect(startProblems(ready, { ...facts, missingPrompts: ['num-3', 'opening-greeting'] })).toEqual([
      'Asterisk lacks 2 prompt(s) it plays in language zh: num-3, opening-greeting (install the prompt pack with npm run prompts, or upload them in Prompts)',
    ]);
  });

  it('a window outside the compliance hours is an empty window', () => {
    expect(startProblems({ ...ready, windowStart: '06:00', windowEnd: '07:30' }, facts)).toEqual([
      'its calling window is unusable: window 06:00–07:30 lies outside the compliance hours 08:00–21:00 local',
    ]);
  });
});
