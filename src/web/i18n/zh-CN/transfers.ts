/** 坐席台的转接控制:见 ../en/transfers.ts。 */
import type { transfers as en } from '../en/transfers.js';
import type { Mirror } from '../messages.js';

export const transfers: Mirror<typeof en> = {
  'transfer.title': '转接',
  'transfer.target': '转接给',
  'transfer.chooseTarget': '选择同事',
  'transfer.availability.ready': '空闲',
  'transfer.availability.offline': '未签入:将呼叫其分机',
  'transfer.availability.busy': '忙碌',
  'transfer.teamLead': '组长',
  'transfer.supervisor': '主管',
  'transfer.supervisorRings': '呼叫其监控分机',
  'transfer.blind': '直接转接',
  'transfer.consult': '咨询转接',
  'transfer.conference': '三方通话',
  'transfer.complete': '接入三方',
  'transfer.leave': '退出通话',
  'transfer.cancel': '返回客户',
  'transfer.dropThird': '挂断第三方',
  'transfer.phase.reaching': '正在呼叫{name}……客户正在听等待音乐',
  'transfer.phase.reachingConference': '正在呼叫{name}加入通话……',
  'transfer.phase.consulting': '正在与{name}沟通,客户保持等待',
  'transfer.phase.conference': '与{name}三方通话中',
  'transfer.hint': '同事20秒内未接听,将自动回到客户通话。',
};
