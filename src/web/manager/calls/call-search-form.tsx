/**
 * The call search (GET /api/calls): the customer's number or its last 4 digits, agent,
 * campaign, centre days, outcome, disposition, recording state and fault; and the export of
 * what it finds (GET /api/calls/export, CSV).
 */
import type { DispositionRow } from '../../../campaigns/disposition-store.js';
import { DISPOSITION_CATEGORIES, type DispositionCategory } from '../../../db/schema.js';
import { get, query } from '../../shared/api.js';
import { useResource, type Resource } from '../../shared/hooks.js';
import { Field } from '../../shared/ui.js';
import { CampaignPicker } from '../campaigns/campaign-picker.js';
import type { AgentRecord, CallOutcome, CampaignView } from '../types.js';
import { OUTCOME_WORDS } from './call-words.js';

/** What the manager searched for; '' = any. */
export interface CallFilters {
  phone: string;
  agentId: string;
  from: string;
  to: string;
  outcome: '' | CallOutcome;
  /** A code of the chosen campaign's dispositions. */
  disposition: string;
  /** Without a campaign: a disposition category (codes differ from campaign to campaign). */
  dispositionCategory: '' | DispositionCategory;
  recording: '' | 'incident' | 'verified' | 'missing' | 'broken' | 'pending';
  fault: '' | 'zero-length';
}

export const NO_FILTERS: CallFilters = { phone: '', agentId: '', from: '', to: '', outcome: '', disposition: '', dispositionCategory: '', recording: '', fault: '' };

const RECORDINGS: ReadonlyArray<[CallFilters['recording'], string]> = [
  ['', 'all calls'],
  ['incident', 'incidents: missing or broken'],
  ['missing', 'missing'],
  ['broken', 'broken'],
  ['verified', 'verified'],
  ['pending', 'being checked'],
];

/** The query string of a search (campaign included; empty filters left out). */
export function searchQuery(campaignId: number | null, f: CallFilters, extra: Record<string, string | number | null> = {}): string {
  return query({ campaignId, ...f, ...extra });
}

export function CallSearchForm(props: {
  campaigns: CampaignView[];
  campaignId: number | null;
  onCampaign: (id: number | null) => void;
  agents: Resource<AgentRecord[]>;
  value: CallFilters;
  onChange: (f: CallFilters) => void;
}) {
  const { value: f, onChange } = props;
  const set = <K extends keyof CallFilters>(key: K, v: CallFilters[K]) => onChange({ ...f, [key]: v });
  // The chosen campaign's dispositions (inactive ones too: old calls carry them).
  const campaignId = props.campaignId;
  const dispositions = useResource(
    async () => (campaignId === null ? [] : (await get<{ dispositions: DispositionRow[] }>(`/api/campaigns/${campaignId}/dispositions?all=1`)).dispositions),
    [campaignId],
  );
  return (
    <form
      class="row"
      data-testid="call-search"
      onSubmit={(e) => {
        e.preventDefault();
        const phone = (e.currentTarget.elements.namedItem('phone') as HTMLInputElement).value.trim();
        set('phone', phone);
      }}
    >
      <Field label="Customer number" hint="the full number or its last 4 digits">
        <input name="phone" defaultValue={f.phone} placeholder="e.g. 8001" inputMode="tel" />
      </Field>
      <CampaignPicker
        campaigns={props.campaigns}
        value={props.campaignId}
        onChange={(id) => {
          // Codes belong to one campaign: a disposition filter does not carry over.
          if (f.disposition || f.dispositionCategory) onChange({ ...f, disposition: '', dispositionCategory: '' });
          props.onCampaign(id);
        }}
        none="All campaigns"
      />
      <Field label="Agent">
        <select name="agentId" value={f.agentId} onChange={(e) => set('agentId', e.currentTarget.value)}>
          <option value="">any</option>
          {(props.agents.data ?? []).map((a) => (
            <option value={String(a.id)}>{a.name}</option>
          ))}
        </select>
      </Field>
      <Field label="From (day)">
        <input name="from" type="date" value={f.from} onChange={(e) => set('from', e.currentTarget.value)} />
      </Field>
      <Field label="To (day)">
        <input name="to" type="date" value={f.to} onChange={(e) => set('to', e.currentTarget.value)} />
      </Field>
      <Field label="Outcome">
        <select name="outcome" value={f.outcome} onChange={(e) => set('outcome', e.currentTarget.value as CallFilters['outcome'])}>
          <option value="">any</option>
          {(Object.keys(OUTCOME_WORDS) as CallOutcome[]).map((o) => (
            <option value={o}>{OUTCOME_WORDS[o].label}</option>
          ))}
        </select>
      </Field>
      <Field label="Disposition">
        {campaignId === null ? (
          <select name="dispositionCategory" value={f.dispositionCategory} onChange={(e) => set('dispositionCategory', e.currentTarget.value as CallFilters['dispositionCategory'])}>
            <option value="">any</option>
            {DISPOSITION_CATEGORIES.map((c) => (
              <option value={c}>{c}</option>
            ))}
          </select>
        ) : (
          <select name="disposition" value={f.disposition} onChange={(e) => set('disposition', e.currentTarget.value)}>
            <option value="">any</option>
            {(dispositions.data ?? []).map((d) => (
              <option value={d.code}>{d.label}</option>
            ))}
          </select>
        )}
      </Field>
      <Field label="Recording">
        <select name="recording" value={f.recording} onChange={(e) => set('recording', e.currentTarget.value as CallFilters['recording'])}>
          {RECORDINGS.map(([v, label]) => (
            <option value={v}>{label}</option>
          ))}
        </select>
      </Field>
      <Field label="Fault">
        <select name="fault" value={f.fault} onChange={(e) => set('fault', e.currentTarget.value as CallFilters['fault'])}>
          <option value="">any</option>
          <option value="zero-length">zero-length (零时长)</option>
        </select>
      </Field>
      <div class="actions">
        <button type="submit">Search</button>
        <a class="button" data-testid="calls-export" href={`/api/calls/export${searchQuery(props.campaignId, f)}`} download>
          Export CSV
        </a>
      </div>
    </form>
  );
}
