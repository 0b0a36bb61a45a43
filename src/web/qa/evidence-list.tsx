/** The verification evidence as a list, in time order; a moment's time seeks the player there. */
import type { TimelineMarker } from './qa-api.js';
import { byWords, markerLabel, playTime } from './qa-format.js';
import { TableHead } from './table-head.js';
import { t } from '../i18n/i18n.js';

export function EvidenceList({ markers, onSeek }: { markers: TimelineMarker[]; onSeek: (ms: number) => void }) {
  if (markers.length === 0) return <p class="muted">{t('qa.evidence.none')}</p>;
  return (
    <table class="evidence-list" data-testid="evidence-list">
      <TableHead columns={[t('qa.deduct.at'), t('qa.evidence.by'), t('evidence.what')]} />
      <tbody>
        {markers.map((m) => (
          <tr class={m.counted === false ? 'muted' : ''} data-kind={m.kind}>
            <td class="num">
              {m.offsetMs === null ? (
                <span class="muted" title={t('qa.evidence.outsideHint')}>
                  {t('qa.evidence.notRecorded')}
                </span>
              ) : (
                <button type="button" class="link" onClick={() => onSeek(m.offsetMs as number)} aria-label={t('qa.evidence.playFrom', { at: playTime(m.offsetMs) })}>
                  {playTime(m.offsetMs)}
                </button>
              )}
            </td>
            <td>{byWords(m.by)}</td>
            <td>
              {markerLabel(m)}
              {m.subscriptionEvidence && (
                <span class="badge ok" title={t('qa.evidence.storedHint')}>
                  {t('qa.evidence.badge')}
                </span>
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
