/**
 * Every setting of a campaign in one form: the campaign, the product offered, the calling
 * window, dialing and retries, the prompts, and the opening and script the agent reads.
 * Editable in draft and paused only; otherwise the form is locked and says why (the API
 * refuses the same). A save sends only what changed and shows the API's answer.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { RETRY_OUTCOMES } from '../../../campaigns/retry-rules.js';
import { patch } from '../../shared/api.js';
import { useAction } from '../../shared/hooks.js';
import { Field, Message } from '../../shared/ui.js';
import { AFTER_TRIAL_LABELS, BILLING_PERIOD_LABELS, DIAL_MODE_LABELS, WEEKDAYS, type CampaignView } from '../types.js';
import { formOf, patchOf, type CampaignForm } from './campaign-form-model.js';

type TextKey = { [K in keyof CampaignForm]: CampaignForm[K] extends string ? K : never }[keyof CampaignForm];

export function CampaignFormView({ campaign, onSaved }: { campaign: CampaignView; onSaved: (c: CampaignView) => void }) {
  const [form, setForm] = useState<CampaignForm>(() => formOf(campaign));
  const [saved, setSaved] = useState<string | null>(null);
  const save = useAction();
  // Another campaign, or the same one changed (saved, started…): show what is stored. Not
  // on mount, where the form already shows it and the manager may be typing already.
  const shown = useRef({ id: campaign.id, updatedAt: campaign.updatedAt, status: campaign.status });
  useEffect(() => {
    const before = shown.current;
    shown.current = { id: campaign.id, updatedAt: campaign.updatedAt, status: campaign.status };
    if (before.id === campaign.id && before.updatedAt === campaign.updatedAt) return;
    setForm(formOf(campaign));
    // "Saved" speaks of this campaign as it was; another one, or a new status, ends it.
    if (before.id !== campaign.id || before.status !== campaign.status) setSaved(null);
  }, [campaign.id, campaign.updatedAt, campaign.status]);

  const locked = campaign.refusals.edit;
  const set = <K extends keyof CampaignForm>(key: K, value: CampaignForm[K]) => {
    setSaved(null);
    setForm((f) => ({ ...f, [key]: value }));
  };
  const input = (key: TextKey, extra: Record<string, unknown> = {}) => (
    <input name={key} value={form[key]} onInput={(e) => set(key, e.currentTarget.value)} {...extra} />
  );

  async function submit(e: Event) {
    e.preventDefault();
    setSaved(null);
    await save.run(async () => {
      // A value the form cannot read (FormProblem) is shown like the API's refusals.
      const body = patchOf(form, campaign);
      if (Object.keys(body).length === 0) {
        setSaved('Nothing changed.');
        return;
      }
      const updated = await patch<CampaignView>(`/api/campaigns/${campaign.id}`, body);
      setSaved(`Saved: ${Object.keys(body).join(', ')}.`);
      onSaved(updated);
    });
  }

  return (
    <form onSubmit={submit} data-testid="campaign-form" aria-label="Campaign settings">
      {locked && (
        <Message kind="warn">
          Settings cannot be changed now: {locked}. A campaign is edited in draft or paused.
        </Message>
      )}
      <fieldset disabled={locked !== null || save.busy}>
        <legend>Campaign</legend>
        <div class="form-grid">
          <Field label="Name">{input('name', { required: true })}</Field>
          <Field label="Dial mode">
            <select name="dialMode" value={form.dialMode} onChange={(e) => set('dialMode', e.currentTarget.value as CampaignForm['dialMode'])}>
              {Object.entries(DIAL_MODE_LABELS).map(([v, label]) => (
                <option value={v}>{label}</option>
              ))}
            </select>
          </Field>
          <Field label="Caller ID" hint="the number customers see">
            {input('callerId')}
          </Field>
          <Field label="Region of list numbers" hint="ISO code for numbers without +country, e.g. CN">
            {input('defaultRegion')}
          </Field>
          <Field label="Trunk dial string" hint="blank: the service's; e.g. PJSIP/{number}@carrier">
            {input('dialEndpointTemplate')}
          </Field>
        </div>
      </fieldset>

      <fieldset disabled={locked !== null || save.busy}>
        <legend>Product offered</legend>
        <div class="form-grid">
          <Field label="Product code">{input('productCode')}</Field>
          <Field label="Product name">{input('productName')}</Field>
          <Field label="Price (yuan)">{input('productPrice', { inputMode: 'decimal' })}</Field>
          <Field label="Currency">{input('productCurrency')}</Field>
          <Field label="Billing period">
            <select name="productBillingPeriod" value={form.productBillingPeriod} onChange={(e) => set('productBillingPeriod', e.currentTarget.value as CampaignForm['productBillingPeriod'])}>
              <option value="">— not set —</option>
              {Object.entries(BILLING_PERIOD_LABELS).map(([v, label]) => (
                <option value={v}>{label}</option>
              ))}
            </select>
          </Field>
          <Field label="Free trial (days)">{input('productFreeTrialDays', { type: 'number', min: 0 })}</Field>
          <Field label="After the free trial">
            <select name="productAfterTrial" value={form.productAfterTrial} onChange={(e) => set('productAfterTrial', e.currentTarget.value as CampaignForm['productAfterTrial'])}>
              <option value="">— not set —</option>
              {Object.entries(AFTER_TRIAL_LABELS).map(([v, label]) => (
                <option value={v}>{label}</option>
              ))}
            </select>
          </Field>
          <Field label="How to cancel" hint="in the words the disclosure uses">
            {input('productCancelHow')}
          </Field>
        </div>
      </fieldset>

      <fieldset disabled={locked !== null || save.busy}>
        <legend>Calling window</legend>
        <div class="row weekdays" role="group" aria-label="Calling days">
          {WEEKDAYS.map(([day, label]) => (
            <label class="check">
              <input
                type="checkbox"
                name={`day-${day}`}
                checked={form.windowDays.includes(day)}
                onChange={(e) => set('windowDays', e.currentTarget.checked ? [...form.windowDays, day].sort() : form.windowDays.filter((d) => d !== day))}
              />
              {label}
            </label>
          ))}
        </div>
        <div class="form-grid">
          <Field label="Calling hours (local)" hint="one or more intervals, e.g. 09:00–12:00, 13:30–18:00; within 08:00–21:00">
            {input('windowHours')}
          </Field>
          <Field label="Dates off" hint="holidays, YYYY-MM-DD, separated by commas">
            {input('windowDatesOff')}
          </Field>
          <Field label="Time zone" hint="IANA, e.g. Asia/Shanghai">
            {input('timeZone')}
          </Field>
        </div>
      </fieldset>

      <fieldset disabled={locked !== null || save.busy}>
        <legend>Dialing and retries</legend>
        <div class="form-grid">
          <Field label="Ring timeout (s)" hint="at least 15 s">
            {input('ringTimeoutSec', { type: 'number', min: 15 })}
          </Field>
          <Field label="Maximum attempts">{input('maxAttempts', { type: 'number', min: 1 })}</Field>
          <Field label="Abandon cap (%)" hint="at most 3%">
            {input('abandonCapPct', { inputMode: 'decimal' })}
          </Field>
          <Field label="Refusal limit" hint="refusals that lock the offer on a call">
            {input('refusalLimit', { type: 'number', min: 1 })}
          </Field>
        </div>
      </fieldset>

      <fieldset disabled={locked !== null || save.busy}>
        <legend>Agents and wrap-up</legend>
        <div class="form-grid">
          <Field label="Wrap-up (s)" hint="after each call; the agent may end it early. Blank: the service's 15 s">
            {input('wrapUpSec', { type: 'number', min: 0 })}
          </Field>
          <Field label="Disposition before the next call">
            <select name="dispositionRequired" value={form.dispositionRequired} onChange={(e) => set('dispositionRequired', e.currentTarget.value as CampaignForm['dispositionRequired'])}>
              <option value="">The service's default</option>
              <option value="yes">Required</option>
              <option value="no">Not required</option>
            </select>
          </Field>
          <Field label="Required qualification" hint="only agents holding it take the calls, e.g. VP15-trained; blank: none">
            {input('requiredQualification')}
          </Field>
        </div>
        <div class="form-grid">
          {RETRY_OUTCOMES.map((o) => (
            <Field label={`Retry after ${o} (minutes)`} hint="blank: not retried">
              <input
                name={`retry-${o}`}
                inputMode="decimal"
                value={form.retryDelaysMin[o]}
                onInput={(e) => set('retryDelaysMin', { ...form.retryDelaysMin, [o]: e.currentTarget.value })}
              />
            </Field>
          ))}
        </div>
      </fieldset>

      <fieldset disabled={locked !== null || save.busy}>
        <legend>Voice</legend>
        <div class="form-grid">
          <Field label="Language of the prompts">
            <select name="language" value={form.language} onChange={(e) => set('language', e.currentTarget.value as CampaignForm['language'])}>
              <option value="zh">中文 (普通话)</option>
              <option value="en">English</option>
            </select>
          </Field>
          <Field label="Company name" hint="the opening's {公司}">
            {input('companyName')}
          </Field>
          <Field label="Opening media" hint="blank: spoken from the prompt pack">
            {input('openingMedia')}
          </Field>
          <Field label="Closing media">{input('closingMedia')}</Field>
          <Field label="Closing after a refusal">{input('refusalClosingMedia')}</Field>
          <Field label="Safe-harbour message" hint="played when no agent is free; blank: the service's">
            {input('safeHarbourMedia')}
          </Field>
        </div>
      </fieldset>

      <fieldset disabled={locked !== null || save.busy}>
        <legend>What the agent reads</legend>
        <Field label="Opening text" hint="merge fields {公司} {号码} {姓} {工号}; [ ] is said only when its fields have values">
          <textarea name="openingText" rows={2} value={form.openingText} onInput={(e) => set('openingText', e.currentTarget.value)} />
        </Field>
        <Field label="Script">
          <textarea name="scriptText" rows={6} value={form.scriptText} onInput={(e) => set('scriptText', e.currentTarget.value)} />
        </Field>
      </fieldset>

      <Message kind="error">{save.error}</Message>
      <Message kind="ok">{saved}</Message>
      <div class="row">
        <button class="primary" type="submit" disabled={locked !== null || save.busy}>
          {save.busy ? 'Saving…' : 'Save settings'}
        </button>
        <button type="button" disabled={save.busy} onClick={() => setForm(formOf(campaign))}>
          Undo changes
        </button>
      </div>
    </form>
  );
}
