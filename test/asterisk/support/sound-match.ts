/**
 * Where a known sound lies in a recording: the alignment that maximises the normalised
 * cross-correlation of the sound's first part with the recording. Bridge recordings are slin
 * at 8 kHz, as the tier's sounds are, so a sound played into the bridge is on the recording
 * sample for sample (plus whatever else the bridge mixed in).
 */

const RATE = 8000;

export interface SoundMatch {
  /** Where the sound's first sample falls on the recording (negative: before it began). */
  offsetMs: number;
  /** Normalised cross-correlation at that alignment (1 = the same samples). */
  correlation: number;
  /** The sound's first voiced sample (its first word), from the sound's start. */
  firstVoicedMs: number;
}

/**
 * Searches alignments from `fromMs` to `toMs` for the sound's first `probeMs`. `notchHz`: steady
 * tones to take out of both first (the tier's softphones send a 440 Hz tone as their voice).
 */
export function findSound(
  recordingIn: Int16Array,
  soundIn: Int16Array,
  o: { probeMs: number; fromMs: number; toMs: number; notchHz?: number },
): SoundMatch {
  const recording = o.notchHz ? notch(recordingIn, o.notchHz) : Float64Array.from(recordingIn);
  const sound = o.notchHz ? notch(soundIn, o.notchHz) : Float64Array.from(soundIn);
  const probe = sound.subarray(0, Math.min(sound.length, (o.probeMs * RATE) / 1000));
  let probeEnergy = 0;
  for (const x of probe) probeEnergy += x * x;
  let best = { k: 0, corr: -Infinity };
  for (let k = (o.fromMs * RATE) / 1000; k <= (o.toMs * RATE) / 1000; k++) {
    let dot = 0;
    let energy = 0;
    for (let i = Math.max(0, -k); i < probe.length && k + i < recording.length; i++) {
      const r = recording[k + i]!;
      dot += r * probe[i]!;
      energy += r * r;
    }
    const corr = energy > 0 ? dot / Math.sqrt(probeEnergy * energy) : 0;
    if (corr > best.corr) best = { k, corr };
  }
  let peak = 0;
  for (const x of soundIn) peak = Math.max(peak, Math.abs(x));
  const firstVoiced = soundIn.findIndex((x) => Math.abs(x) > peak * 0.1);
  return { offsetMs: (best.k * 1000) / RATE, correlation: best.corr, firstVoicedMs: (firstVoiced * 1000) / RATE };
}

/** A narrow IIR notch (a biquad with its zeros on the unit circle at `hz`). */
function notch(x: Int16Array, hz: number): Float64Array {
  const c = 2 * Math.cos((2 * Math.PI * hz) / RATE);
  const r = 0.99;
  const y = new Float64Array(x.length);
  for (let n = 0; n < x.length; n++) {
    const x1 = n >= 1 ? x[n - 1]! : 0;
    const x2 = n >= 2 ? x[n - 2]! : 0;
    const y1 = n >= 1 ? y[n - 1]! : 0;
    const y2 = n >= 2 ? y[n - 2]! : 0;
    y[n] = x[n]! - c * x1 + x2 + r * c * y1 - r * r * y2;
  }
  return y;
}
