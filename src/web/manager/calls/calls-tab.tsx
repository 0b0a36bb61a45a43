/**
 * Call history per campaign (the campaign chosen on the other tabs), filtered by recording
 * state so the incidents — missing or broken recordings — can be listed on their own, and one
 * call's detail (#calls/<id>) with its recording segments.
 */
import { useState } from 'preact/hooks';
import type { Resource } from '../../shared/hooks.js';
import { Card, Field } from '../../shared/ui.js';
import { CampaignPicker } from '../campaigns/campaign-picker.js';
import { useHashPath } from '../hash-path.js';
import type { CampaignView } from '../types.js';
import { useAgents } from '../use-agents.js';
import { CallDetail } from './call-detail.js';
import { CallList, type FaultFilter, type RecordingFilter } from './call-list.js';
import { t } from '../../i18n/i18n.js';

const FILTERS: readonly RecordingFilter[] = ['', 'incident', 'missing', 'broken', 'verified', 'pending'];

function filterLabel(f: RecordingFilter): string {
  if (f === '') return t('calls.filter.all');
  if (f === 'incident') return t('calls.filter.incident');
  return t(`recordingState.${f}`);
}

export function CallsTab({ campaigns, selectedId, onSelect }: { campaigns: Resource<CampaignView[]>; selectedId: number | null; onSelect: (id: number | null) => void }) {
  const [callId] = useHashPath();
  const [recording, setRecording] = useState<RecordingFilter>('');
  const [fault, setFault] = useState<FaultFilter>('');
  const agents = useAgents();
  const campaignList = campaigns.data ?? [];
  return (
    <div class="grid" data-testid="calls">
      {callId && <CallDetail key={callId} id={callId} agents={agents} campaigns={campaignList} />}
      <Card title={t('managerTab.calls')}>
        <div class="row">
          <CampaignPicker campaigns={campaignList} value={selectedId} onChange={onSelect} none={t('calls.allCampaigns')} />
          <Field label={t('calls.recording')}>
            <select name="recording" value={recording} onChange={(e) => setRecording(e.currentTarget.value as RecordingFilter)}>
              {FILTERS.map((value) => (
                <option value={value}>{filterLabel(value)}</option>
              ))}
            </select>
          </Field>
          <Field label={t('calls.fault')}>
            <select name="fault" value={fault} onChange={(e) => setFault(e.currentTarget.value as FaultFilter)}>
              <option value="">{t('calls.anyFault')}</option>
              <option value="zero-length">{t('calls.zeroLength')}</option>
            </select>
          </Field>
        </div>
        <p class="muted small">{t('calls.about')}</p>
        <CallList key={`${selectedId ?? ''}-${recording}-${fault}`} campaignId={selectedId} recording={recording} fault={fault} agents={agents} selectedId={callId ?? null} />
      </Card>
    </div>
  );
}
