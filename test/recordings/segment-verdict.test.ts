/**
 * Is a stored segment the recording Asterisk made? Asterisk writes only the frames it gets,
 * and reports what it wrote in RecordingFinished's `duration` (whole seconds, rounded down).
 */
import { describe, expect, it } from 'vitest';
import { segmentProblem } from '../../src/recordings/segment-verdict.js';

const tol = { minMs: 1000, ratio: 0.1 };

describe('segmentProblem', () => {
  it.each([
    // The real case: an abandoned call, only a silent customer and the recorder after the opening.
    ['silence not written: 10.4 s of WAV for 12.5 s, Asterisk says 10 s', { wavMs: 10_400, recordingMs: 12_500, reportedSec: 10 }],
    ['a whole recording', { wavMs: 18_020, recordingMs: 18_000, reportedSec: 18 }],
    ['nothing written at all (0 s reported, 0 ms of audio)', { wavMs: 0, recordingMs: 3_000, reportedSec: 0 }],
    ['no RecordingFinished (Asterisk stopped): a shorter whole file', { wavMs: 4_000, recordingMs: null, reportedSec: null }],
    ['no duration in RecordingFinished: shorter is allowed', { wavMs: 4_000, recordingMs: 9_000, reportedSec: null }],
    ['slightly longer than the wall time, within the tolerance', { wavMs: 5_900, recordingMs: 5_000, reportedSec: 5 }],
  ])('sound: %s', (_what, m) => {
    expect(segmentProblem(m, tol)).toBeNull();
  });

  it.each([
    ['cut short after Asterisk closed it (it said 10 s)', { wavMs: 6_000, recordingMs: 12_500, reportedSec: 10 }, /Asterisk reported writing 10 s/],
    ['more audio than Asterisk wrote', { wavMs: 12_000, recordingMs: 12_500, reportedSec: 10 }, /Asterisk reported writing 10 s/],
    ['longer than it was recording', { wavMs: 20_000, recordingMs: 12_000, reportedSec: null }, /recording for only 12000 ms/],
    ['longer than it was recording, even if the report agrees', { wavMs: 20_000, recordingMs: 12_000, reportedSec: 20 }, /recording for only/],
  ])('broken: %s', (_what, m, why) => {
    expect(segmentProblem(m, tol)).toMatch(why);
  });
});
