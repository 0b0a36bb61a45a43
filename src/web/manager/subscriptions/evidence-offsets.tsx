/**
 * Where the evidence is in the call's recording (requirements §3: "which call, which product
 * and terms, when, and where in the recording"): each stored moment with its time, its offset
 * from the recording's start, and the segment holding it; then the verification's steps.
 */
import { playTime } from '../../shared/format.js';
import { TableHead } from '../../shared/ui.js';
import type { RecordingOffset, SubscriptionDetail, VerificationStep } from '../types.js';

/** The stored moments, in words (a moment the console does not know is shown by its key). */
const MOMENTS: Record<string, string> = {
  verificationStart: 'Verification started',
  identityQuestion: 'Identity question began',
  identityKey: 'Identity confirmed by the customer (key 1)',
  disclosureStart: 'Terms started',
  disclosureEnd: 'Terms ended',
  confirmQuestion: 'Consent question began',
  consentKey: 'Consent given by the customer (key 1)',
};

/** Time of day to the millisecond: evidence moments are often less than a second apart. */
function preciseTime(ms: number): string {
  return new Date(ms).toLocaleTimeString('en-GB', { hour: '2-digit', minute: '2-digit', second: '2-digit', fractionalSecondDigits: 3 });
}

function segmentWords(o: RecordingOffset): string {
  return o.segment === null ? 'outside every segment' : `segment ${o.segment} at ${playTime(o.segmentOffsetMs)}`;
}

export function EvidenceOffsets({ sub }: { sub: SubscriptionDetail }) {
  const moments = Object.entries(sub.offsets).sort(([, a], [, b]) => a.at - b.at);
  return (
    <section data-testid="evidence-offsets" aria-label="Where in the recording">
      <h3>Where in the recording</h3>
      <table>
        <TableHead columns={['Moment', 'At', '#Into the recording', 'Segment']} />
        <tbody>
          {moments.map(([key, o]) => (
            <tr data-testid={`offset-${key}`} data-call-offset-ms={o.callOffsetMs ?? ''} data-segment={o.segment ?? ''} data-segment-offset-ms={o.segmentOffsetMs ?? ''}>
              <td>{MOMENTS[key] ?? key}</td>
              <td>{preciseTime(o.at)}</td>
              <td class="num">{o.callOffsetMs === null ? <span class="muted">before the recording</span> : playTime(o.callOffsetMs)}</td>
              <td>{segmentWords(o)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p class="muted small">
        Both keys were pressed on the customer's own channel: identity on <code>{sub.identityKeyChannel}</code>, consent on <code>{sub.consentKeyChannel}</code>.
      </p>
    </section>
  );
}

/** One step as read: what was played, or which key came from which channel. */
function stepWhat(s: VerificationStep): string {
  if (s.digit !== undefined) return `key ${s.digit}${s.channelId ? ` on ${s.channelId}` : ''}`;
  return s.media ?? '';
}

/** The verification's own steps, timed from its start (folded: there are dozens). */
export function VerificationSteps({ steps }: { steps: VerificationStep[] }) {
  const start = steps[0]?.at ?? 0;
  return (
    <details class="steps" data-testid="verification-steps">
      <summary>Verification steps ({steps.length})</summary>
      <table>
        <TableHead columns={['#After', 'Step', 'What']} />
        <tbody>
          {steps.map((s) => (
            <tr>
              <td class="num">+{((s.at - start) / 1000).toFixed(3)} s</td>
              <td>{s.step}</td>
              <td>{stepWhat(s)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </details>
  );
}
