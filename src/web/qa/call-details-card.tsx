/** What the reviewer needs to know about the call: who, which campaign, how it went, why it was sampled, the sale. */
import { dateTime, duration } from '../shared/format.js';
import { Card } from '../shared/ui.js';
import type { SampleReason } from '../../qa/sampling/plan-types.js';
import type { QaCallDetails } from './qa-api.js';
import { t } from '../i18n/i18n.js';
import { listWord } from '../shared/words.js';

/** The planner's reasons (SampleReason), in words. */

export function CallDetailsCard({ view }: { view: QaCallDetails }) {
  const { call, agent, sampling, subscriptionEvidence } = view;
  const sale = subscriptionEvidence.length > 0 || sampling?.isSale === true;
  return (
    <Card title={t('agent.call.title')} testId="call-details">
      <dl class="facts">
        <dt>{t('subs.callId')}</dt>
        <dd data-testid="call-id">{call.id}</dd>
        <dt>{t('agent.calls.customer')}</dt>
        <dd data-testid="call-phone">{call.phoneMasked}</dd>
        <dt>{t('dashboard.col.agent')}</dt>
        <dd>
          {agent
            ? `${agent.name} (${[t('agent.head.extension', { ext: agent.extension }), agent.team ? t('qa.trend.team', { team: agent.team }) : null, listWord('agentRole', agent.role)].filter(Boolean).join(t('weekday.separator'))})`
            : '–'}
        </dd>
        <dt>{t('agent.preview.campaign')}</dt>
        <dd>{call.campaignName}</dd>
        <dt>{t('callMoment.answeredAt')}</dt>
        <dd>{dateTime(call.answeredAt)}</dd>
        <dt>{t('agent.today.talk')}</dt>
        <dd>{call.talkSec === null ? '–' : duration(call.talkSec)}</dd>
        <dt>{t('agent.calls.outcome')}</dt>
        <dd>
          {listWord('outcome', call.outcome)}
          {call.hangupBy ? t('qa.call.hungUpBy', { by: listWord('hangupBy', call.hangupBy) }) : ''}
        </dd>
        <dt>{t('agent.calls.sale')}</dt>
        <dd data-testid="call-sale">
          {sale ? <span class="badge ok">{t('agent.calls.sale')}</span> : <span class="badge">{t('qa.call.noSale')}</span>}
          {subscriptionEvidence.map((s) => (
            <div class="muted">
              {s.productName} ({s.productCode}), {t('qa.call.confirmedAt', { at: dateTime(s.confirmedAt) })}
            </div>
          ))}
        </dd>
        <dt>{t('qa.call.sampled')}</dt>
        <dd data-testid="call-sampling">
          {sampling ? `${sampling.cycle}: ${sampling.reasons.map((r) => listWord('sampleReason', r)).join(t('common.listSeparator'))}` : t('qa.call.notSampled')}
        </dd>
        <dt>{t('calls.recording')}</dt>
        <dd>
          {call.recordingState ? listWord('recordingState', call.recordingState) : '–'}, {t('qa.call.segments', { count: view.recording.segments.length })}
        </dd>
      </dl>
    </Card>
  );
}
