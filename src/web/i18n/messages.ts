/**
 * The message catalogues of the consoles, one per language.
 *
 * Layout (keep it this simple so branches can add keys and merge):
 * - `en/<area>.ts` and `zh-CN/<area>.ts` hold the same keys for one area: `common` (shell,
 *   sign-in, shared parts, roles), `errors` (API error codes, validation), `agent`,
 *   `manager`, `manager-people` (users, pause codes, prompts, DNC), `subscriptions`
 *   (subscriptions, calls), `qa`, `floor` (dispositions per campaign, assignments, do-not-call,
 *   wrap-up, 工号, prompts' languages and uses, the dashboard's pacing explanation),
 *   `webhooks` (the manager's Webhooks tab), `inbound` (customers calling back: the agent's history panel),
 *   `qa-floor` (correction tasks, bonus items, the rubric tab, a campaign's QA sampling floors).
 * - Keys are `<area or screen>.<what>` in camelCase, e.g. `agent.softphone.logIn`. Words from a
 *   server list use the list's value as the last part, e.g. `disposition.not-interested`, and
 *   are looked up with a template literal (`t(\`disposition.${d}\`)`), which the compiler
 *   still checks against the list's type.
 * - The English file is the reference: `{name}` holes in it are the message's parameters
 *   (type-checked at every `t()` call). A message that counts has plural forms,
 *   `{ one: '…', other: '…' }`, chosen by Intl.PluralRules on the `count` parameter (Chinese
 *   has only `other`).
 * - The Chinese file is typed as a mirror of the English one: a key missing or extra in
 *   either fails the typecheck, and test/web/catalogue.test.ts fails on a key no console
 *   uses, or Latin words in a Chinese message (outside a few agreed abbreviations).
 * - Chinese is written as a Chinese call-centre floor reads it: 坐席, 工号, 示忙/示闲, 质检,
 *   外呼, 录音, 诈单, 话术, 分机 …
 * To add a message: add the key to the English area file, then to the Chinese one, then use it.
 */
import { agent as enAgent } from './en/agent.js';
import { common as enCommon } from './en/common.js';
import { errors as enErrors } from './en/errors.js';
import { floor as enFloor } from './en/floor.js';
import { manager as enManager } from './en/manager.js';
import { managerPeople as enManagerPeople } from './en/manager-people.js';
import { qa as enQa } from './en/qa.js';
import { qaFloor as enQaFloor } from './en/qa-floor.js';
import { subscriptions as enSubscriptions } from './en/subscriptions.js';
import { webhooks as enWebhooks } from './en/webhooks.js';
import { supervision as enSupervision } from './en/supervision.js';
import { inbound as enInbound } from './en/inbound.js';
import { transfers as enTransfers } from './en/transfers.js';
import { agent as zhAgent } from './zh-CN/agent.js';
import { common as zhCommon } from './zh-CN/common.js';
import { errors as zhErrors } from './zh-CN/errors.js';
import { floor as zhFloor } from './zh-CN/floor.js';
import { manager as zhManager } from './zh-CN/manager.js';
import { managerPeople as zhManagerPeople } from './zh-CN/manager-people.js';
import { qa as zhQa } from './zh-CN/qa.js';
import { qaFloor as zhQaFloor } from './zh-CN/qa-floor.js';
import { subscriptions as zhSubscriptions } from './zh-CN/subscriptions.js';
import { webhooks as zhWebhooks } from './zh-CN/webhooks.js';
import { supervision as zhSupervision } from './zh-CN/supervision.js';
import { inbound as zhInbound } from './zh-CN/inbound.js';
import { transfers as zhTransfers } from './zh-CN/transfers.js';

/** A message: a text with `{name}` holes, or plural forms of one. */
export type Message = string | { zero?: string; one?: string; two?: string; few?: string; many?: string; other: string };

/** Another language's area file: exactly the English one's keys. */
export type Mirror<T> = { readonly [K in keyof T]: Message };

export const en = { ...enCommon, ...enErrors, ...enAgent, ...enManager, ...enManagerPeople, ...enSubscriptions, ...enQa, ...enQaFloor, ...enFloor, ...enWebhooks, ...enSupervision, ...enInbound, ...enTransfers } as const;

export type MsgKey = Extract<keyof typeof en, string>;
export type Catalogue = Mirror<typeof en>;

export const zhCN: Catalogue = { ...zhCommon, ...zhErrors, ...zhAgent, ...zhManager, ...zhManagerPeople, ...zhSubscriptions, ...zhQa, ...zhQaFloor, ...zhFloor, ...zhWebhooks, ...zhSupervision, ...zhInbound, ...zhTransfers };
