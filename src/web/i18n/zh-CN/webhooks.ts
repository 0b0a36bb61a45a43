/** 管理台“Webhook 推送”页:见 ../en/webhooks.ts。 */
import type { webhooks as en } from '../en/webhooks.js';
import type { Mirror } from '../messages.js';

export const webhooks: Mirror<typeof en> = {
  'managerTab.webhooks': '事件推送',
  'webhooks.title': '事件推送',
  'webhooks.signedNote': '每个事件以 {format} 格式推送并签名:{header} 头是用该接收地址的密钥对“时间戳 + 点 + 正文”计算的 {algorithm} 签名(见说明文档中的事件推送一节)。',
  'webhooks.col.address': '接收地址',
  'webhooks.col.events': '事件',
  'webhooks.col.secret': '密钥',
  'webhooks.showDeliveries': '推送记录',
  'webhooks.hideDeliveries': '收起推送记录',
  'webhooks.none': '还没有接收地址。',
  'webhooks.form.label': '登记接收地址',
  'webhooks.form.address': '接收地址',
  'webhooks.form.addressHint': '完整的网址(含协议头)',
  'webhooks.form.events': '事件',
  'webhooks.form.register': '登记',
  'webhooks.delivery.col.event': '事件',
  'webhooks.delivery.col.for': '对象',
  'webhooks.delivery.col.status': '状态',
  'webhooks.delivery.col.attempts': '尝试次数',
  'webhooks.delivery.col.lastAttempt': '最近一次尝试',
  'webhooks.delivery.col.answer': '对方应答',
  'webhooks.delivery.status.pending': '待推送',
  'webhooks.delivery.status.delivered': '已送达',
  'webhooks.delivery.status.failed': '失败',
  'webhooks.delivery.resend': '重新推送',
  'webhooks.delivery.none': '还没有向该地址推送过。',
};
