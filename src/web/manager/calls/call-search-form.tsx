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
import { CALL_OUTCOMES } from './call-words.js';
import { t } from '../../i18n/i18n.js';
import { dispositionLabel } from '../../shared/words.js';

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

const RECORDINGS: readonly CallFilters['recording'][] = ['', 'incident', 'missing', 'broken', 'verified', 'pending'];

function recordingLabel(r: CallFilters['recording']): string {
  if (r === '') return t('calls.filter.all');
  if (r === 'incident') return t('calls.filter.incident');
  return t(`recordingState.${r}`);
}

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
      <Field label={t('callSearch.phone')} hint={t('callSearch.phoneHint')}>
        <input name="phone" defaultValue={f.phone} placeholder={t('callSearch.phonePlaceholder', { example: '8001' })} inputMode="tel" />
      </Field>
      <CampaignPicker
        campaigns={props.campaigns}
        value={props.campaignId}
        onChange={(id) => {
          // Codes belong to one campaign: a disposition filter does not carry over.
          if (f.disposition || f.dispositionCategory) onChange({ ...f, disposition: '', dispositionCategory: '' });
          props.onCampaign(id);
        }}
        none={t('calls.allCampaigns')}
      />
      <Field label={t('dashboard.col.agent')}>
        <select name="agentId" value={f.agentId} onChange={(e) => set('agentId', e.currentTarget.value)}>
          <option value="">{t('calls.anyFault')}</option>
          {(props.agents.data ?? []).map((a) => (
            <option value={String(a.id)}>{a.name}</option>
          ))}
        </select>
      </Field>
      <Field label={t('callSearch.from')}>
        <input name="from" type="date" value={f.from} onChange={(e) => set('from', e.currentTarget.value)} />
      </Field>
      <Field label={t('callSearch.to')}>
        <input name="to" type="date" value={f.to} onChange={(e) => set('to', e.currentTarget.value)} />
      </Field>
      <Field label={t('agent.calls.outcome')}>
        <select name="outcome" value={f.outcome} onChange={(e) => set('outcome', e.currentTarget.value as CallFilters['outcome'])}>
          <option value="">{t('calls.anyFault')}</option>
          {CALL_OUTCOMES.map((o) => (
            <option value={o}>{t(`outcome.${o}`)}</option>
          ))}
        </select>
      </Field>
      <Field label={t('agent.disposition.title')}>
        {campaignId === null ? (
          <select name="dispositionCategory" value={f.dispositionCategory} onChange={(e) => set('dispositionCategory', e.currentTarget.value as CallFilters['dispositionCategory'])}>
            <option value="">{t('calls.anyFault')}</option>
            {DISPOSITION_CATEGORIES.map((c) => (
              <option value={c}>{t(`dispositionCategory.${c}`)}</option>
            ))}
          </select>
        ) : (
          <select name="disposition" value={f.disposition} onChange={(e) => set('disposition', e.currentTarget.value)}>
            <option value="">{t('calls.anyFault')}</option>
            {(dispositions.data ?? []).map((d) => (
              <option value={d.code}>{dispositionLabel(d.code, d.label)}</option>
            ))}
          </select>
        )}
      </Field>
      <Field label={t('calls.recording')}>
        <select name="recording" value={f.recording} onChange={(e) => set('recording', e.currentTarget.value as CallFilters['recording'])}>
          {RECORDINGS.map((v) => (
            <option value={v}>{recordingLabel(v)}</option>
          ))}
        </select>
      </Field>
      <Field label={t('calls.fault')}>
        <select name="fault" value={f.fault} onChange={(e) => set('fault', e.currentTarget.value as CallFilters['fault'])}>
          <option value="">{t('calls.anyFault')}</option>
          <option value="zero-length">{t('calls.zeroLength')}</option>
        </select>
      </Field>
      <div class="actions">
        <button type="submit">{t('callSearch.search')}</button>
        <a class="button" data-testid="calls-export" href={`/api/calls/export${searchQuery(props.campaignId, f)}`} download>
          {t('callSearch.export')}
        </a>
      </div>
    </form>
  );
}
