import type { qa as en } from '../en/qa.js';
import type { Mirror } from '../messages.js';

export const qa: Mirror<typeof en> = {
  'qaScoreKind.review': '质检',
  'qaScoreKind.re-review': '复核',
  'qaResult.fatal': '致命',
  'qaResult.passed': '合格',
  'qaResult.failed': '不合格',
  'severity.general': '一般',
  'severity.serious': '严重',
  'severity.minor': '轻微',
  'disputeStatus.open': '申诉中',
  'disputeStatus.upheld': '维持原判',
  'disputeStatus.amended': '已改分',
};
