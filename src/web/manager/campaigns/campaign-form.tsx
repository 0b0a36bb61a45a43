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
import { AFTER_TRIALS, BILLING_PERIODS, DIAL_MODES, type CampaignView } from '../types.js';
import { weekdayKey } from '../../shared/words.js';
import { editRefusalText } from './campaign-words.js';
import { formOf, patchOf, type CampaignForm } from './campaign-form-model.js';
import { hasMessage, t, tDynamic } from '../../i18n/i18n.js';

/** A time of day typed 24-hour, 09:00 (a native time input would follow the browser's locale, e.g. 9:00 AM). */

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
        setSaved(t('campaign.form.nothingChanged'));
        return;
      }
      const updated = await patch<CampaignView>(`/api/campaigns/${campaign.id}`, body);
      setSaved(t('campaign.form.savedFields', { fields: Object.keys(body).map((k) => fieldLabel(k)).join(t('weekday.separator')) }));
      onSaved(updated);
    });
  }

  return (
    <form onSubmit={submit} data-testid="campaign-form" aria-label={t('campaign.form.title')}>
      {locked && (
        <Message kind="warn">
          {t('campaign.form.locked', { reason: editRefusalText(campaign.status) })}
        </Message>
      )}
      <fieldset disabled={locked !== null || save.busy}>
        <legend>{t('campaign.form.campaign')}</legend>
        <div class="form-grid">
          <Field label={t('field.name')}>{input('name', { required: true })}</Field>
          <Field label={t('field.dialMode')}>
            <select name="dialMode" value={form.dialMode} onChange={(e) => set('dialMode', e.currentTarget.value as CampaignForm['dialMode'])}>
              {DIAL_MODES.map((v) => (
                <option value={v}>{t(`dialModeLong.${v}`)}</option>
              ))}
            </select>
          </Field>
          <Field label={t('field.callerId')} hint={t('campaign.form.callerIdHint')}>
            {input('callerId')}
          </Field>
          <Field label={t('field.defaultRegion')} hint={t('campaign.form.regionHint')}>
            {input('defaultRegion')}
          </Field>
          <Field label={t('field.dialEndpointTemplate')} hint={t('campaign.form.trunkHint', { example: 'PJSIP/{number}@carrier' })}>
            {input('dialEndpointTemplate')}
          </Field>
        </div>
      </fieldset>

      <fieldset disabled={locked !== null || save.busy}>
        <legend>{t('campaign.form.product')}</legend>
        <div class="form-grid">
          <Field label={t('field.productCode')}>{input('productCode')}</Field>
          <Field label={t('field.productName')}>{input('productName')}</Field>
          <Field label={t('field.productPriceMinor')}>{input('productPrice', { inputMode: 'decimal' })}</Field>
          <Field label={t('field.productCurrency')}>{input('productCurrency')}</Field>
          <Field label={t('field.productBillingPeriod')}>
            <select name="productBillingPeriod" value={form.productBillingPeriod} onChange={(e) => set('productBillingPeriod', e.currentTarget.value as CampaignForm['productBillingPeriod'])}>
              <option value="">{t('campaign.form.notSet')}</option>
              {BILLING_PERIODS.map((v) => (
                <option value={v}>{t(`billingPeriodName.${v}`)}</option>
              ))}
            </select>
          </Field>
          <Field label={t('field.productFreeTrialDays')}>{input('productFreeTrialDays', { type: 'number', min: 0 })}</Field>
          <Field label={t('field.productAfterTrial')}>
            <select name="productAfterTrial" value={form.productAfterTrial} onChange={(e) => set('productAfterTrial', e.currentTarget.value as CampaignForm['productAfterTrial'])}>
              <option value="">{t('campaign.form.notSet')}</option>
              {AFTER_TRIALS.map((v) => (
                <option value={v}>{t(`afterTrialName.${v}`)}</option>
              ))}
            </select>
          </Field>
          <Field label={t('field.productCancelHow')} hint={t('campaign.form.cancelHowHint')}>
            {input('productCancelHow')}
          </Field>
        </div>
      </fieldset>

      <fieldset disabled={locked !== null || save.busy}>
        <legend>{t('campaign.form.window')}</legend>
        <div class="row weekdays" role="group" aria-label={t('field.windowDays')}>
          {[1, 2, 3, 4, 5, 6, 7].map((day) => (
            <label class="check">
              <input
                type="checkbox"
                name={`day-${day}`}
                checked={form.windowDays.includes(day)}
                onChange={(e) => set('windowDays', e.currentTarget.checked ? [...form.windowDays, day].sort() : form.windowDays.filter((d) => d !== day))}
              />
              {t(weekdayKey(day))}
            </label>
          ))}
        </div>
        <div class="form-grid">
          <Field label={t('floor.campaign.windowHours')} hint={t('floor.campaign.windowHoursHint')}>
            {input('windowHours')}
          </Field>
          <Field label={t('floor.campaign.windowDatesOff')} hint={t('floor.campaign.windowDatesOffHint')}>
            {input('windowDatesOff')}
          </Field>
          <Field label={t('field.timeZone')} hint={t('campaign.form.zoneHint', { example: 'Asia/Shanghai' })}>
            {input('timeZone')}
          </Field>
        </div>
      </fieldset>

      <fieldset disabled={locked !== null || save.busy}>
        <legend>{t('campaign.form.dialing')}</legend>
        <div class="form-grid">
          <Field label={t('field.ringTimeoutSec')} hint={t('campaign.form.ringHint')}>
            {input('ringTimeoutSec', { type: 'number', min: 15 })}
          </Field>
          <Field label={t('field.maxAttempts')}>{input('maxAttempts', { type: 'number', min: 1 })}</Field>
          <Field label={t('field.abandonCap')} hint={t('campaign.form.abandonHint')}>
            {input('abandonCapPct', { inputMode: 'decimal' })}
          </Field>
          <Field label={t('field.refusalLimit')} hint={t('campaign.form.refusalHint')}>
            {input('refusalLimit', { type: 'number', min: 1 })}
          </Field>
        </div>
      </fieldset>

      <fieldset disabled={locked !== null || save.busy}>
        <legend>{t('campaign.form.agentsAndWrapUp')}</legend>
        <div class="form-grid">
          <Field label={t('field.wrapUpSec')} hint={t('campaign.form.wrapUpHint')}>
            {input('wrapUpSec', { type: 'number', min: 0 })}
          </Field>
          <Field label={t('campaign.form.dispositionRequired')}>
            <select name="dispositionRequired" value={form.dispositionRequired} onChange={(e) => set('dispositionRequired', e.currentTarget.value as CampaignForm['dispositionRequired'])}>
              <option value="">{t('campaign.form.serviceDefault')}</option>
              <option value="yes">{t('campaign.form.required')}</option>
              <option value="no">{t('campaign.form.notRequired')}</option>
            </select>
          </Field>
          <Field label={t('campaign.form.requiredQualification')} hint={t('campaign.form.requiredQualificationHint', { example: 'VP15' })}>
            {input('requiredQualification')}
          </Field>
        </div>
        <div class="form-grid">
          {RETRY_OUTCOMES.map((o) => (
            <Field label={t('campaign.retryAfter', { outcome: t(`outcome.${o}`) })} hint={t('campaign.form.retryHint')}>
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
        <legend>{t('campaign.form.prompts', { example: 'sound:dialer/opening' })}</legend>
        <div class="form-grid">
          <Field label={t('campaign.form.language')}>
            <select name="language" value={form.language} onChange={(e) => set('language', e.currentTarget.value as CampaignForm['language'])}>
              <option value="zh">{t('voiceLanguage.zh')}</option>
              <option value="en">{t('voiceLanguage.en')}</option>
            </select>
          </Field>
          <Field label={t('campaign.form.companyName')} hint={t('campaign.form.companyNameHint', { field: '{公司}' })}>
            {input('companyName')}
          </Field>
          <Field label={t('field.openingMedia')} hint={t('campaign.form.openingMediaHint')}>
            {input('openingMedia')}
          </Field>
          <Field label={t('field.closingMedia')}>{input('closingMedia')}</Field>
          <Field label={t('field.refusalClosingMedia')}>{input('refusalClosingMedia')}</Field>
          <Field label={t('field.safeHarbourMedia')} hint={t('campaign.form.safeHarbourHint')}>
            {input('safeHarbourMedia')}
          </Field>
        </div>
      </fieldset>

      <fieldset disabled={locked !== null || save.busy}>
        <legend>{t('campaign.form.agentReads')}</legend>
        <Field label={t('field.openingText')} hint={t('campaign.form.openingTextHint', { fields: '{公司} {号码} {姓} {工号}' })}>
          <textarea name="openingText" rows={2} value={form.openingText} onInput={(e) => set('openingText', e.currentTarget.value)} />
        </Field>
        <Field label={t('field.scriptText')}>
          <textarea name="scriptText" rows={6} value={form.scriptText} onInput={(e) => set('scriptText', e.currentTarget.value)} />
        </Field>
      </fieldset>

      <Message kind="error">{save.error}</Message>
      <Message kind="ok">{saved}</Message>
      <div class="row">
        <button class="primary" type="submit" disabled={locked !== null || save.busy}>
          {save.busy ? t('common.saving') : t('campaign.form.save')}
        </button>
        <button type="button" disabled={save.busy} onClick={() => setForm(formOf(campaign))}>
          {t('campaign.form.undo')}
        </button>
      </div>
    </form>
  );
}

/** A setting's label by its API name (`field.<name>`), for the list of what a save changed. */
function fieldLabel(name: string): string {
  const key = `field.${name}`;
  return hasMessage(key) ? tDynamic(key) : name;
}
