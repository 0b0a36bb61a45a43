/** A call under review: its details beside the recording player with the evidence timeline. */
import type { RefObject } from 'preact';
import { Card } from '../shared/ui.js';
import { AudioPlayer } from './audio-player.js';
import { CallDetailsCard } from './call-details-card.js';
import type { QaCallDetails } from './qa-api.js';
import { t } from '../i18n/i18n.js';

export function CallReview({ view, audioRef }: { view: QaCallDetails; audioRef: RefObject<HTMLAudioElement | null> }) {
  return (
    <div class="review-grid">
      <CallDetailsCard view={view} />
      <Card title={t('qa.review.recordingCard')} testId="recording-card">
        <AudioPlayer src={view.recording.url} timeline={view.timeline} audioRef={audioRef} />
      </Card>
    </div>
  );
}

/** The player's position in ms, for the rubric (null when no recording is open). */
export function positionOf(audioRef: RefObject<HTMLAudioElement | null>): () => number | null {
  return () => (audioRef.current ? audioRef.current.currentTime * 1000 : null);
}
