/** The pause (示忙) reason codes agents choose from: add, relabel, (de)activate. Codes are never deleted. */
import { useState } from 'preact/hooks';
import { get, patch, post } from '../../shared/api.js';
import { useAction, useResource } from '../../shared/hooks.js';
import { Card, Field, Message } from '../../shared/ui.js';
import type { PauseCode } from '../types.js';
import { pauseLabel } from '../../shared/words.js';
import { t } from '../../i18n/i18n.js';

export function PauseCodesSection() {
  const codes = useResource(async () => (await get<{ pauseCodes: PauseCode[] }>('/api/pause-codes?all=1')).pauseCodes);
  const [labels, setLabels] = useState<Record<string, string>>({});
  const [code, setCode] = useState('');
  const [label, setLabel] = useState('');
  const act = useAction();

  const change = async (c: string, body: { label?: string; active?: boolean }) => {
    if (await act.run(() => patch(`/api/pause-codes/${encodeURIComponent(c)}`, body))) await codes.reload();
  };
  async function add(e: Event) {
    e.preventDefault();
    if (await act.run(() => post('/api/pause-codes', { code, label }))) {
      setCode('');
      setLabel('');
      await codes.reload();
    }
  }

  return (
    <Card title={t('people.pause.title')} testId="pause-codes-section">
      <Message kind="error">{codes.error ?? act.error}</Message>
      <table>
        <thead>
          <tr>
            <th>{t('people.pause.code')}</th>
            <th>{t('people.pause.label')}</th>
            <th>{t('people.pause.offered')}</th>
          </tr>
        </thead>
        <tbody>
          {(codes.data ?? []).map((p) => (
            <tr data-testid={`pause-code-${p.code}`}>
              <td>
                <code>{p.code}</code>
              </td>
              <td>
                <div class="row nowrap">
                  <input aria-label={t('people.pause.labelOf', { code: p.code })} value={labels[p.code] ?? pauseLabel(p.code, p.label)} onInput={(e) => setLabels({ ...labels, [p.code]: e.currentTarget.value })} />
                  <button type="button" disabled={act.busy || labels[p.code] === undefined || labels[p.code] === p.label} onClick={() => void change(p.code, { label: labels[p.code] ?? p.label })}>
                    {t('common.save')}
                  </button>
                </div>
              </td>
              <td>
                <label class="check">
                  <input type="checkbox" checked={p.active} disabled={act.busy} onChange={(e) => void change(p.code, { active: e.currentTarget.checked })} />
                  {p.active ? t('people.pause.active') : t('people.pause.inactive')}
                </label>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <form class="row" onSubmit={add} aria-label={t('people.pause.new')}>
        <Field label={t('people.pause.newCode')} hint={t('people.pause.codeHint')}>
          <input name="pauseCode" value={code} onInput={(e) => setCode(e.currentTarget.value.toUpperCase())} required />
        </Field>
        <Field label={t('people.pause.label')}>
          <input name="pauseLabel" value={label} onInput={(e) => setLabel(e.currentTarget.value)} required />
        </Field>
        <button type="submit" disabled={act.busy || !code || !label}>
          {t('people.pause.add')}
        </button>
      </form>
    </Card>
  );
}
