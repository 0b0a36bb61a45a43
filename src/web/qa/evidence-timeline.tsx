/**
 * The recording's seek bar, drawn here: what has been played, the play head, and the
 * verification evidence in three lanes (system, agent, customer) at its offsets, with the
 * terms (disclosure) as a band. Clicking the bar seeks there; clicking a marker seeks to it.
 */
import type { TargetedKeyboardEvent, TargetedMouseEvent } from 'preact';
import type { TimelineMarker } from './qa-api.js';
import { byWords, markerGlyph, markerLabel, playTime } from './qa-format.js';
import { t } from '../i18n/i18n.js';

const LANES: Array<TimelineMarker['by']> = ['system', 'agent', 'customer'];

export interface EvidenceTimelineProps {
  durationMs: number;
  positionMs: number;
  markers: TimelineMarker[];
  onSeek: (ms: number) => void;
}

/** Percent of the bar for an offset. */
const pct = (ms: number, durationMs: number) => `${durationMs > 0 ? Math.min(100, Math.max(0, (ms / durationMs) * 100)) : 0}%`;

/** The terms spans: a disclosure start with the end of the same verification. */
function disclosureBands(markers: TimelineMarker[]): Array<{ from: number; to: number; key: string }> {
  return markers
    .filter((m) => m.kind === 'disclosure-start' && m.offsetMs !== null)
    .map((start) => {
      const end = markers.find((m) => m.kind === 'disclosure-end' && m.verificationId === start.verificationId && m.offsetMs !== null);
      return { from: start.offsetMs as number, to: end?.offsetMs ?? (start.offsetMs as number), key: `${start.verificationId ?? ''}-${start.at}` };
    });
}

/** Markers closer than this (share of the recording) are drawn side by side, not on top of each other. */
const CLUSTER = 0.03;
const MARKER_STEP_PX = 22;

/** How far (in marker widths) each marker of a lane is moved right so that close ones stay clickable. */
function spread(lane: TimelineMarker[], durationMs: number): number[] {
  let clusterAt = Number.NEGATIVE_INFINITY;
  let n = 0;
  return lane.map((m) => {
    const at = (m.offsetMs as number) / (durationMs || 1);
    if (at - clusterAt > CLUSTER) {
      clusterAt = at;
      n = 0;
    } else n += 1;
    return n;
  });
}

export function EvidenceTimeline({ durationMs, positionMs, markers, onSeek }: EvidenceTimelineProps) {
  const placed = markers.filter((m) => m.offsetMs !== null);
  const seekAtPointer = (e: TargetedMouseEvent<HTMLDivElement>) => {
    const rect = e.currentTarget.getBoundingClientRect();
    onSeek(((e.clientX - rect.left) / rect.width) * durationMs);
  };
  const onKey = (e: TargetedKeyboardEvent<HTMLDivElement>) => {
    const step = e.shiftKey ? 5000 : 1000;
    if (e.key === 'ArrowRight') onSeek(Math.min(durationMs, positionMs + step));
    else if (e.key === 'ArrowLeft') onSeek(Math.max(0, positionMs - step));
    else return;
    e.preventDefault();
  };
  return (
    <div class="timeline" data-testid="evidence-timeline">
      <div class="timeline-lanes-labels" aria-hidden="true">
        {LANES.map((lane) => (
          <span>{byWords(lane)}</span>
        ))}
      </div>
      <div
        class="timeline-track"
        role="slider"
        tabIndex={0}
        aria-label={t('qa.timeline.position')}
        aria-valuemin={0}
        aria-valuemax={Math.round(durationMs)}
        aria-valuenow={Math.round(positionMs)}
        aria-valuetext={`${playTime(positionMs)} of ${playTime(durationMs)}`}
        onClick={seekAtPointer}
        onKeyDown={onKey}
      >
        <div class="timeline-played" style={{ width: pct(positionMs, durationMs) }} />
        {disclosureBands(placed).map((b) => (
          <div class="timeline-band" key={b.key} style={{ left: pct(b.from, durationMs), width: pct(b.to - b.from, durationMs) }} title={t('qa.timeline.terms', { from: playTime(b.from), to: playTime(b.to) })} />
        ))}
        {LANES.map((lane, i) => (
          <Lane lane={lane} index={i} markers={placed.filter((m) => m.by === lane)} durationMs={durationMs} onSeek={onSeek} />
        ))}
        <div class="timeline-head" style={{ left: pct(positionMs, durationMs) }} />
      </div>
      <div class="timeline-scale" aria-hidden="true">
        <span>0:00.0</span>
        <span>{playTime(durationMs / 2)}</span>
        <span>{playTime(durationMs)}</span>
      </div>
    </div>
  );
}

/** One lane of markers; a marker's click seeks to it (and not where the bar was clicked). */
function Lane({ lane, index, markers, durationMs, onSeek }: { lane: TimelineMarker['by']; index: number; markers: TimelineMarker[]; durationMs: number; onSeek: (ms: number) => void }) {
  const shift = spread(markers, durationMs);
  return (
    <div class={`timeline-lane lane-${lane}`} style={{ top: `${index * 33.3}%` }}>
      {markers.map((m, k) => (
        <button
          type="button"
          class={`marker marker-${m.kind}${m.counted === false ? ' ignored' : ''}${m.subscriptionEvidence ? ' evidence' : ''}`}
          style={{ left: pct(m.offsetMs as number, durationMs), marginLeft: `${(shift[k] ?? 0) * MARKER_STEP_PX}px` }}
          data-testid={`marker-${m.kind}`}
          data-offset-ms={m.offsetMs}
          data-answers={m.answers}
          title={`${playTime(m.offsetMs)} ${markerLabel(m)}`}
          aria-label={t('qa.timeline.markerAt', { label: markerLabel(m), at: playTime(m.offsetMs) })}
          onClick={(e) => {
            e.stopPropagation();
            onSeek(m.offsetMs as number);
          }}
        >
          {markerGlyph(m)}
        </button>
      ))}
    </div>
  );
}
