import { describe, expect, it } from 'vitest';
import { commissionFor, insideCoolingOff, recordingOffset } from '../../src/consent/evidence.js';

describe('commission tiers (requirements §5)', () => {
  it.each([
    [800, 1, 50],
    [1500, 1, 100],
    [3000, 500, 200],
    [800, 501, 70],
    [1500, 501, 120],
    [3000, 900, 300],
  ])('price %i, sale #%i this month → %i fen', (price, nth, fen) => {
    expect(commissionFor(price, nth).amountMinor).toBe(fen);
  });
  it('a price outside the manual earns nothing, with the reason', () => {
    expect(commissionFor(1250, 1)).toEqual({ amountMinor: 0, tier: 'no tier for a price of 1250' });
  });
});

describe('recording offsets', () => {
  const segs = [
    { segment: 2, startedAt: 5000, finishedAt: null },
    { segment: 1, startedAt: 1000, finishedAt: 4000 },
  ];
  it('finds the segment and the offsets', () => {
    expect(recordingOffset(1500, segs)).toEqual({ at: 1500, segment: 1, segmentOffsetMs: 500, callOffsetMs: 500 });
    expect(recordingOffset(6000, segs)).toEqual({ at: 6000, segment: 2, segmentOffsetMs: 1000, callOffsetMs: 5000 });
  });
  it('a moment between segments or before the recording has no segment', () => {
    expect(recordingOffset(4500, segs)).toMatchObject({ segment: null, segmentOffsetMs: null, callOffsetMs: 3500 });
    expect(recordingOffset(500, segs)).toMatchObject({ segment: null, callOffsetMs: null });
    expect(recordingOffset(500, [])).toMatchObject({ segment: null, callOffsetMs: null });
  });
});

describe('cooling-off window', () => {
  it('is inclusive of its end and refuses after it', () => {
    expect(insideCoolingOff(1000, 500, 1000)).toBe(true);
    expect(insideCoolingOff(1000, 500, 1500)).toBe(true);
    expect(insideCoolingOff(1000, 500, 1501)).toBe(false);
  });
});
