/**
 * The agent's 工号: kept on the agent record by a manager, shown to the agent, and filled into
 * the opening and script on the agent's call card with the call's own values.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectCall } from '../consent/consent-support.js';
import { startHarness, type Harness } from '../support/harness.js';
import { signIn, type Caller } from '../support/harness-http.js';

let h: Harness;
let manager: Caller;
let agent: Caller;
let agentId: number;

beforeAll(async () => {
  h = await startHarness();
  manager = await signIn(h.service, 'staff-mgr', 'manager');
  agent = await signIn(h.service, 'staff-agent', 'agent');
});
afterAll(async () => {
  await h.stop();
});

describe('工号', () => {
  it('a manager sets it; bad ones are refused; the agent sees it', async () => {
    const created = await manager.call('POST', '/api/agents', { name: '王芳', extension: '7101', staffNo: 'A1023', userId: agent.userId });
    expect(created.statusCode, created.body).toBe(201);
    agentId = (created.json() as { id: number; staffNo: string }).id;
    expect(created.json()).toMatchObject({ staffNo: 'A1023' });
    const bad = await manager.call('PATCH', `/api/agents/${agentId}`, { staffNo: '工号 1' });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('letters and digits, up to 16');
    const me = await agent.call('GET', '/api/me/agent');
    expect(me.json()).toMatchObject({ agent: { staffNo: 'A1023' } });
  });

  it('the call card shows the opening and script with the company, number, surname and 工号 of this call', async () => {
    await h.loginAgent(agentId);
    const call = await connectCall(h, agentId, {
      companyName: '中国移动',
      openingText: '您好,[{姓}先生/女士,]我是{公司}的客服代表,请问您是{号码}的机主吗?',
      scriptText: '我是{公司}客服部,工号{工号},请问您现在方便接听电话吗?',
    });
    const { call: card } = (await agent.call('GET', `/api/agents/${agentId}/current-call`)).json() as { call: { phone: string; campaign: { openingText: string; scriptText: string; language: string } } };
    const national = card.phone.replace('+86', '');
    expect(card.campaign.openingText).toBe(`您好,我是中国移动的客服代表,请问您是${national}的机主吗?`);
    expect(card.campaign.scriptText).toBe('我是中国移动客服部,工号A1023,请问您现在方便接听电话吗?');
    expect(card.campaign.language).toBe('zh');
    h.sim.hangupFarEnd(call.customerChannel);
  });
});
