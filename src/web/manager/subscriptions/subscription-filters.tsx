/** The filters GET /api/subscriptions takes: agent, call, and the days confirmed. */
import { useState } from 'preact/hooks';
import { Field, DayInput } from '../../shared/ui.js';
import type { AgentRecord } from '../types.js';
import { t } from '../../i18n/i18n.js';

export interface SubscriptionFilterForm {
  agentId: string;
  callId: string;
  /** Local dates, blank = open. */
  from: string;
  to: string;
}

export const NO_FILTER: SubscriptionFilterForm = { agentId: '', callId: '', from: '', to: '' };

/** Applied on Filter (a call id is typed, not chosen); Clear shows everything again. */
export function SubscriptionFilters({ agents, value, onApply }: { agents: AgentRecord[]; value: SubscriptionFilterForm; onApply: (f: SubscriptionFilterForm) => void }) {
  const [form, setForm] = useState(value);
  const set = (k: keyof SubscriptionFilterForm) => (e: { currentTarget: { value: string } }) => setForm({ ...form, [k]: e.currentTarget.value });
  return (
    <form
      class="row"
      data-testid="subscription-filters"
      onSubmit={(e) => {
        e.preventDefault();
        onApply({ ...form, callId: form.callId.trim() });
      }}
    >
      <Field label={t('dashboard.col.agent')}>
        <select value={form.agentId} onChange={set('agentId')}>
          <option value="">{t('subs.allAgents')}</option>
          {agents.map((a) => (
            <option value={String(a.id)}>
              {a.name} ({t('agent.head.extension', { ext: a.extension })})
            </option>
          ))}
        </select>
      </Field>
      <Field label={t('subs.callId')}>
        <input value={form.callId} onInput={set('callId')} maxLength={100} placeholder={t('subs.anyCall')} />
      </Field>
      <Field label={t('subs.confirmedFrom')}>
        <DayInput value={form.from} onDay={(from) => setForm({ ...form, from })} />
      </Field>
      <Field label={t('subs.confirmedTo')}>
        <DayInput value={form.to} onDay={(to) => setForm({ ...form, to })} />
      </Field>
      <button type="submit" class="primary">
        {t('subs.filter')}
      </button>
      <button
        type="button"
        onClick={() => {
          setForm(NO_FILTER);
          onApply(NO_FILTER);
        }}
      >
        {t('subs.clear')}
      </button>
    </form>
  );
}
