/**
 * What the manager console reads beyond the domain APIs: each campaign with its contacts left
 * and what may be done with it in its status (the lifecycle's own reasons), and the agent
 * accounts a manager may link to an agent record.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AgentAccount } from '../../src/http/routes/agent-account-routes.js';
import type { CampaignView } from '../../src/http/routes/campaign-routes.js';
import { OPENING, startHarness, TEST_PRODUCT, type Harness } from '../support/harness.js';
import { signIn, type Caller } from '../support/harness-http.js';

let h: Harness;
let manager: Caller;
beforeEach(async () => {
  h = await startHarness();
  manager = await signIn(h.service, 'mgr', 'manager');
});
afterEach(async () => {
  await h.stop();
});

describe('campaign views', () => {
  it('list every campaign with contacts left and the refusal of each change in its status', async () => {
    const draft = (await manager.call('POST', '/api/campaigns', { name: 'Draft', openingMedia: OPENING, ...TEST_PRODUCT })).json() as CampaignView;
    expect(draft.refusals).toEqual({ edit: null, start: null, pause: 'it is draft; pause applies to a running campaign', complete: 'it is draft; complete applies to a running or paused campaign', archive: null });
    await manager.call('POST', `/api/campaigns/${draft.id}/contacts`, { contacts: [{ phone: '13812345678' }, { phone: '13912345678' }] });
    const started = (await manager.call('POST', `/api/campaigns/${draft.id}/start`)).json() as CampaignView;
    expect(started.refusals).toMatchObject({ edit: 'it is running; pause it first', start: 'it is already running', pause: null, archive: 'it is running; pause or complete it first' });
    await manager.call('POST', `/api/campaigns/${draft.id}/pause`);

    const res = await manager.call('GET', '/api/campaigns');
    const [only] = (res.json() as { campaigns: CampaignView[] }).campaigns;
    expect(only).toMatchObject({ id: draft.id, status: 'paused', contactsLeft: 2, refusals: { edit: null, start: null, pause: 'it is already paused' } });
  });
});

describe('GET /api/agent-accounts', () => {
  it('lists agent-role accounts with the agent records linked to them, for managers only', async () => {
    const linked = await h.service.users.create({ username: 'agent.li', password: 'agent-li-password', role: 'agent', displayName: 'Li' });
    const free = await h.service.users.create({ username: 'agent.wu', password: 'agent-wu-password', role: 'agent' });
    await h.service.users.create({ username: 'qa.wang', password: 'qa-wang-password', role: 'qa' });
    const agent = await h.service.agentRegistry.create({ name: 'Li', extension: '7001', userId: linked.id });

    const res = await manager.call('GET', '/api/agent-accounts');
    expect(res.statusCode).toBe(200);
    expect((res.json() as { accounts: AgentAccount[] }).accounts).toEqual([
      { id: linked.id, username: 'agent.li', displayName: 'Li', disabled: false, agentIds: [agent.id] },
      { id: free.id, username: 'agent.wu', displayName: '', disabled: false, agentIds: [] },
    ]);

    for (const role of ['agent', 'qa'] as const) {
      const other = await signIn(h.service, `someone-${role}`, role);
      expect((await other.call('GET', '/api/agent-accounts')).statusCode).toBe(403);
    }
  });
});
