/**
 * The recording player: an <audio> element on the call's joined WAV (the service answers
 * byte ranges, so the browser seeks without downloading it all), play/pause, the position,
 * and the evidence timeline as its seek bar. Every fetch of the recording is audited by
 * the service.
 */
import type { RefObject } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { Message } from '../shared/ui.js';
import { EvidenceList } from './evidence-list.js';
import { EvidenceTimeline } from './evidence-timeline.js';
import type { CallTimeline } from './qa-api.js';
import { playTime } from './qa-format.js';
import { t } from '../i18n/i18n.js';

/** The browser's MediaError codes, in words. */
const MEDIA_ERRORS = [1, 2, 3, 4] as const;
const mediaError = (code: number): string => ((MEDIA_ERRORS as readonly number[]).includes(code) ? t(`qa.player.mediaError.${code as 1 | 2 | 3 | 4}`) : t('qa.player.mediaError.unknown'));

export function AudioPlayer({ src, timeline, audioRef }: { src: string; timeline: CallTimeline; audioRef: RefObject<HTMLAudioElement | null> }) {
  const [positionMs, setPositionMs] = useState(0);
  const [durationMs, setDurationMs] = useState(timeline.durationMs);
  const [playing, setPlaying] = useState(false);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    const audio = audioRef.current;
    if (!audio) return;
    let frame = 0;
    // timeupdate comes ~4 times a second: follow the frames while playing, for a smooth head.
    const follow = () => {
      setPositionMs(audio.currentTime * 1000);
      if (!audio.paused) frame = requestAnimationFrame(follow);
    };
    const onPlay = () => {
      setPlaying(true);
      frame = requestAnimationFrame(follow);
    };
    const onPause = () => {
      setPlaying(false);
      cancelAnimationFrame(frame);
      setPositionMs(audio.currentTime * 1000);
    };
    const onTime = () => setPositionMs(audio.currentTime * 1000);
    const onMeta = () => {
      if (Number.isFinite(audio.duration) && audio.duration > 0) setDurationMs(audio.duration * 1000);
    };
    const onError = () => setError(t('qa.player.cannotPlay', { reason: mediaError(audio.error?.code ?? 0) }));
    const events: Array<[string, () => void]> = [
      ['play', onPlay],
      ['pause', onPause],
      ['ended', onPause],
      ['timeupdate', onTime],
      ['seeked', onTime],
      ['loadedmetadata', onMeta],
      ['error', onError],
    ];
    for (const [name, fn] of events) audio.addEventListener(name, fn);
    return () => {
      cancelAnimationFrame(frame);
      for (const [name, fn] of events) audio.removeEventListener(name, fn);
    };
  }, [audioRef, src]);

  const seek = (ms: number) => {
    const audio = audioRef.current;
    if (!audio) return;
    audio.currentTime = Math.max(0, ms) / 1000;
    setPositionMs(audio.currentTime * 1000);
  };
  const toggle = () => {
    const audio = audioRef.current;
    if (!audio) return;
    if (audio.paused) audio.play().catch((err: unknown) => setError(t('qa.player.notStarted', { reason: (err as Error).message })));
    else audio.pause();
  };

  return (
    <div class="player" data-testid="audio-player">
      <audio ref={audioRef} src={src} preload="auto" data-testid="recording-audio" />
      <div class="row">
        <button type="button" class="primary" onClick={toggle} disabled={error !== null}>
          {playing ? t('qa.player.pause') : t('qa.player.play')}
        </button>
        <span class="player-time" data-testid="player-time">
          {playTime(positionMs)} / {playTime(durationMs)}
        </span>
        <span class="spacer" />
        <span class="muted">{t('qa.player.hint')}</span>
      </div>
      <Message kind="error">{error}</Message>
      <EvidenceTimeline durationMs={durationMs} positionMs={positionMs} markers={timeline.markers} onSeek={seek} />
      <EvidenceList markers={timeline.markers} onSeek={seek} />
    </div>
  );
}
