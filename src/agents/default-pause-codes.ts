/**
 * The pause (示忙) reasons shipped on first start (when the list is empty); managers change
 * them freely. Pure, so the consoles can tell a shipped label (worded from their catalogue
 * in the user's language) from one a manager wrote (shown as written).
 */
import { DISPOSITION_PENDING_CODE } from './agent-states.js';

/** The pause the system puts an agent in who left a preview card unanswered. */
export const IDLE_PAUSE_CODE = 'IDLE';

export const DEFAULT_PAUSE_CODES: ReadonlyArray<{ code: string; label: string }> = [
  { code: IDLE_PAUSE_CODE, label: '未响应 Not responding (set by the system)' },
  { code: DISPOSITION_PENDING_CODE, label: '待填处置 Disposition pending (set by the system)' },
  { code: 'BREAK', label: '休息 Break' },
  { code: 'MEAL', label: '用餐 Meal' },
  { code: 'TRAINING', label: '培训 Training' },
  { code: 'MEETING', label: '会议 Meeting' },
  { code: 'COACHING', label: '质检辅导 QA coaching' },
  { code: 'TECH', label: '设备故障 Technical problem' },
];
