/**
 * Where the evidence is in the call's recording (requirements §3: "which call, which product
 * and terms, when, and where in the recording"): each stored moment with its time, its offset
 * from the recording's start, and the segment holding it; then the verification's steps.
 */
import { playTime, preciseTime } from '../../shared/format.js';
import { listWord } from '../../shared/words.js';
import { TableHead } from '../../shared/ui.js';
import type { RecordingOffset, SubscriptionDetail, VerificationStep } from '../types.js';
import { t } from '../../i18n/i18n.js';

/** The stored moments, in words (a moment the console does not know is shown by its key). */
function segmentWords(o: RecordingOffset): string {
  return o.segment === null ? t('evidence.outside') : t('evidence.segmentAt', { segment: String(o.segment), at: playTime(o.segmentOffsetMs) });
}

export function EvidenceOffsets({ sub }: { sub: SubscriptionDetail }) {
  const moments = Object.entries(sub.offsets).sort(([, a], [, b]) => a.at - b.at);
  return (
    <section data-testid="evidence-offsets" aria-label={t('evidence.where')}>
      <h3>{t('evidence.where')}</h3>
      <table>
        <TableHead columns={[t('evidence.moment'), t('agent.calls.time'), `#${t('evidence.into')}`, t('evidence.segment')]} />
        <tbody>
          {moments.map(([key, o]) => (
            <tr data-testid={`offset-${key}`} data-call-offset-ms={o.callOffsetMs ?? ''} data-segment={o.segment ?? ''} data-segment-offset-ms={o.segmentOffsetMs ?? ''}>
              <td>{listWord('moment', key)}</td>
              <td>{preciseTime(o.at)}</td>
              <td class="num">{o.callOffsetMs === null ? <span class="muted">{t('evidence.before')}</span> : playTime(o.callOffsetMs)}</td>
              <td>{segmentWords(o)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p class="muted small">
        {t('evidence.channels')}
        <code>{sub.identityKeyChannel}</code> / <code>{sub.consentKeyChannel}</code>
      </p>
    </section>
  );
}

/** One step as read: what was played, or which key came from which channel. */
function stepWhat(s: VerificationStep): string {
  if (s.digit !== undefined) return s.channelId ? t('evidence.keyOn', { digit: s.digit, channel: s.channelId }) : t('evidence.key', { digit: s.digit });
  return s.media ?? '';
}

/** The verification's own steps, timed from its start (folded: there are dozens). */
export function VerificationSteps({ steps }: { steps: VerificationStep[] }) {
  const start = steps[0]?.at ?? 0;
  return (
    <details class="steps" data-testid="verification-steps">
      <summary>{t('evidence.steps', { count: steps.length })}</summary>
      <table>
        <TableHead columns={[`#${t('evidence.after')}`, t('evidence.step'), t('evidence.what')]} />
        <tbody>
          {steps.map((s) => (
            <tr>
              <td class="num">+{playTime(s.at - start)}</td>
              <td>{listWord('verifyStepKind', s.step)}</td>
              <td>{stepWhat(s)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </details>
  );
}
