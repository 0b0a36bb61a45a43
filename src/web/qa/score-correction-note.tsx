/** On a score: the agent's call back to the customer, and whether it came within 30 minutes of hang-up and so halved the deductions (manual 000). */
import { t } from '../i18n/i18n.js';

type Correction = { callId: string; afterMs: number } | null | undefined;

export function ScoreCorrectionNote({ score }: { score: { detail: unknown } }) {
  const d = score.detail as { halved?: boolean; correction?: Correction };
  if (!d.correction) return null;
  const minutes = Math.max(0, Math.round(d.correction.afterMs / 60_000));
  return (
    <div class={d.halved ? 'ok' : 'muted'} data-testid="score-correction">
      {d.halved ? t('qaCorrection.halved', { minutes }) : t('qaCorrection.tooLate', { minutes })}
    </div>
  );
}
