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

const FILTERS: ReadonlyArray<[RecordingFilter, string]> = [
  ['', 'all calls'],
  ['incident', 'incidents: missing or broken'],
  ['missing', 'missing'],
  ['broken', 'broken'],
  ['verified', 'verified'],
  ['pending', 'being checked'],
];

export function CallsTab({ campaigns, selectedId, onSelect }: { campaigns: Resource<CampaignView[]>; selectedId: number | null; onSelect: (id: number | null) => void }) {
  const [callId] = useHashPath();
  const [recording, setRecording] = useState<RecordingFilter>('');
  const [fault, setFault] = useState<FaultFilter>('');
  const agents = useAgents();
  const campaignList = campaigns.data ?? [];
  return (
    <div class="grid" data-testid="calls">
      {callId && <CallDetail key={callId} id={callId} agents={agents} campaigns={campaignList} />}
      <Card title="Calls">
        <div class="row">
          <CampaignPicker campaigns={campaignList} value={selectedId} onChange={onSelect} none="All campaigns" />
          <Field label="Recording">
            <select name="recording" value={recording} onChange={(e) => setRecording(e.currentTarget.value as RecordingFilter)}>
              {FILTERS.map(([value, label]) => (
                <option value={value}>{label}</option>
              ))}
            </select>
          </Field>
          <Field label="Fault">
            <select name="fault" value={fault} onChange={(e) => setFault(e.currentTarget.value as FaultFilter)}>
              <option value="">any</option>
              <option value="zero-length">zero-length (零时长)</option>
            </select>
          </Field>
        </div>
        <p class="muted small">Every answered call is recorded whole; a call whose recording is missing or broken is an incident, marked in red with the problem found. A call connected to an agent with under a second of talk is zero-length (零时长), a fault the manuals name.</p>
        <CallList key={`${selectedId ?? ''}-${recording}-${fault}`} campaignId={selectedId} recording={recording} fault={fault} agents={agents} selectedId={callId ?? null} />
      </Card>
    </div>
  );
}
