/** A select of campaigns, for the tabs that work on one (lists, do-not-call). */
import type { CampaignView } from '../types.js';
import { t } from '../../i18n/i18n.js';

export function CampaignPicker({
  campaigns,
  value,
  onChange,
  label = t('agent.preview.campaign'),
  none,
}: {
  campaigns: CampaignView[];
  value: number | null;
  onChange: (id: number | null) => void;
  label?: string;
  /** The choice meaning "no campaign" (e.g. the global do-not-call list); absent: a prompt to choose. */
  none?: string;
}) {
  return (
    <label class="field inline">
      <span class="field-label">{label}</span>
      <select value={value === null ? '' : String(value)} onChange={(e) => onChange(e.currentTarget.value === '' ? null : Number(e.currentTarget.value))}>
        <option value="">{none ?? t('campaigns.choose')}</option>
        {campaigns.map((c) => (
          <option value={String(c.id)}>
            {c.name} (#{c.id}, {t(`campaignStatus.${c.status}`)})
          </option>
        ))}
      </select>
    </label>
  );
}
