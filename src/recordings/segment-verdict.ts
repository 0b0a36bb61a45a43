/**
 * Whether a stored segment's WAV is the recording Asterisk made. Pure.
 *
 * The file's own length is not the wall-clock time it was recording: Asterisk writes only the
 * frames it receives (app.c `__ast_play_and_record`), and a bridge with one silent party and
 * the recorder (a simple bridge, no mixing) delivers none while nobody speaks — a valid WAV
 * can be 10.4 s for 12.5 s of recording. A mixing (softmix) bridge sends frames every 20 ms,
 * so there the WAV runs the whole time. RecordingFinished's `duration` is what Asterisk says
 * it wrote: `ast_tellstream() / 8000`, whole seconds, rounded down. So:
 *  - never longer than it was recording (beyond the tolerance): a file that is not this one;
 *  - when Asterisk reported its duration, the file must hold exactly that many whole seconds
 *    (a file cut short after Asterisk closed it holds fewer): broken otherwise;
 *  - without a report (the recording never finished normally, e.g. Asterisk stopped), a
 *    shorter file is accepted as long as the WAV itself is whole and closed (wav.ts).
 */
export interface SegmentMeasure {
  /** Audio in the WAV file, ms. */
  wavMs: number;
  /** finishedAt − startedAt, when both are known. */
  recordingMs: number | null;
  /** RecordingFinished `duration`, whole seconds, when Asterisk reported one. */
  reportedSec: number | null;
}

export interface SegmentTolerance {
  /** A WAV may exceed the time it was recording by max(minMs, ratio × time). */
  minMs: number;
  ratio: number;
}

/** Slack around the reported whole seconds, for our own ms rounding of the WAV's length. */
const REPORT_SLACK_MS = 5;

/** Null when the segment is sound, else why it is broken, in words. */
export function segmentProblem(m: SegmentMeasure, tol: SegmentTolerance): string | null {
  if (m.recordingMs !== null) {
    const allowance = Math.max(tol.minMs, m.recordingMs * tol.ratio);
    if (m.wavMs > m.recordingMs + allowance) {
      return `WAV lasts ${m.wavMs} ms but the segment was recording for only ${m.recordingMs} ms`;
    }
  }
  if (m.reportedSec !== null) {
    const low = m.reportedSec * 1000 - REPORT_SLACK_MS;
    const high = (m.reportedSec + 1) * 1000 + REPORT_SLACK_MS;
    if (m.wavMs < low || m.wavMs >= high) {
      return `WAV lasts ${m.wavMs} ms but Asterisk reported writing ${m.reportedSec} s`;
    }
  }
  return null;
}
