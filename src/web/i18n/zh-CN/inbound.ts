import type { inbound as en } from '../en/inbound.js';
import type { Mirror } from '../messages.js';

export const inbound: Mirror<typeof en> = {
  'agent.inbound.badge': '客户回电',
  'agent.history.title': '客户历史',
  'agent.history.calls': '历史通话',
  'agent.history.noCalls': '与该客户没有历史通话。',
  'agent.history.when': '时间',
  'agent.history.direction': '方向',
  'agent.history.campaign': '营销活动',
  'agent.history.agent': '坐席',
  'agent.history.outcome': '结果',
  'agent.history.talk': '通话时长',
  'agent.history.disposition': '处置',
  'direction.outbound': '外呼',
  'direction.inbound': '呼入',
  'agent.history.subscriptions': '已订业务',
  'agent.history.noSubscriptions': '无已订业务。',
  'agent.history.activeSince': '{date} 起生效',
  'agent.history.cancelledAt': '已于 {date} 退订',
  'agent.history.doNotCall': '免打扰',
  'agent.history.dncGlobal': '自 {date} 起在免打扰名单中。',
  'agent.history.dncCampaign': '自 {date} 起在本活动的免打扰名单中。',
  'agent.history.dncNone': '不在免打扰名单中。',
};
