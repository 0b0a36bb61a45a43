/** What the reviewer needs to know about the call: who, which campaign, how it went, why it was sampled, the sale. */
import { dateTime, duration } from '../shared/format.js';
import { Card } from '../shared/ui.js';
import type { SampleReason } from '../../qa/sampling/plan-types.js';
import type { QaCallDetails } from './qa-api.js';

/** The planner's reasons (SampleReason), in words. */
const REASON_WORDS: Record<SampleReason, string> = {
  proportional: 'random sample for 95% confidence',
  'floor-sale': "agent's monthly floor of sales",
  'floor-non-sale': "agent's monthly floor of non-sales",
  'sale-shortfall-from-non-sale': 'too few sales: floor filled from non-sales',
  'high-risk:sale-after-refusal': 'high risk: sale after a refusal',
  'high-risk:cancelled-after-confirmation': 'high risk: cancelled after the confirmation message',
  'high-risk:duration-outlier': 'high risk: far longer or shorter than usual',
};

export function CallDetailsCard({ view }: { view: QaCallDetails }) {
  const { call, agent, sampling, subscriptionEvidence } = view;
  const sale = subscriptionEvidence.length > 0 || sampling?.isSale === true;
  return (
    <Card title="Call" testId="call-details">
      <dl class="facts">
        <dt>Call id</dt>
        <dd data-testid="call-id">{call.id}</dd>
        <dt>Customer</dt>
        <dd data-testid="call-phone">{call.phoneMasked}</dd>
        <dt>Agent</dt>
        <dd>{agent ? `${agent.name} (ext. ${agent.extension}${agent.team ? `, team ${agent.team}` : ''}, ${agent.role})` : '–'}</dd>
        <dt>Campaign</dt>
        <dd>{call.campaignName}</dd>
        <dt>Answered</dt>
        <dd>{dateTime(call.answeredAt)}</dd>
        <dt>Talk time</dt>
        <dd>{call.talkSec === null ? '–' : duration(call.talkSec)}</dd>
        <dt>Outcome</dt>
        <dd>
          {call.outcome ?? '–'}
          {call.hangupBy ? ` (hung up by ${call.hangupBy})` : ''}
        </dd>
        <dt>Sale</dt>
        <dd data-testid="call-sale">
          {sale ? <span class="badge ok">sale</span> : <span class="badge">no sale</span>}
          {subscriptionEvidence.map((s) => (
            <div class="muted">
              {s.productName} ({s.productCode}), confirmed {dateTime(s.confirmedAt)}
            </div>
          ))}
        </dd>
        <dt>Sampled</dt>
        <dd data-testid="call-sampling">
          {sampling ? `${sampling.cycle}: ${sampling.reasons.map((r) => REASON_WORDS[r as SampleReason] ?? r).join('; ')}` : 'not sampled'}
        </dd>
        <dt>Recording</dt>
        <dd>
          {call.recordingState ?? '–'}, {view.recording.segments.length} segment{view.recording.segments.length === 1 ? '' : 's'}
        </dd>
      </dl>
    </Card>
  );
}
