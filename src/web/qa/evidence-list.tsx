/** The verification evidence as a list, in time order; a moment's time seeks the player there. */
import type { TimelineMarker } from './qa-api.js';
import { BY_WORDS, playTime } from './qa-format.js';
import { TableHead } from './table-head.js';

export function EvidenceList({ markers, onSeek }: { markers: TimelineMarker[]; onSeek: (ms: number) => void }) {
  if (markers.length === 0) return <p class="muted">No verification evidence on this call: no agent actions and no verification were recorded.</p>;
  return (
    <table class="evidence-list" data-testid="evidence-list">
      <TableHead columns={['At', 'By', 'What']} />
      <tbody>
        {markers.map((m) => (
          <tr class={m.counted === false ? 'muted' : ''} data-kind={m.kind}>
            <td class="num">
              {m.offsetMs === null ? (
                <span class="muted" title="This moment is outside the recording">
                  not recorded
                </span>
              ) : (
                <button type="button" class="link" onClick={() => onSeek(m.offsetMs as number)} aria-label={`Play from ${playTime(m.offsetMs)}`}>
                  {playTime(m.offsetMs)}
                </button>
              )}
            </td>
            <td>{BY_WORDS[m.by]}</td>
            <td>
              {m.label}
              {m.subscriptionEvidence && <span class="badge ok" title="Stated by the subscription's stored evidence">evidence</span>}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
