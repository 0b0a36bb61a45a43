/** The pause (示忙) reason codes agents choose from: add, relabel, (de)activate. Codes are never deleted. */
import { useState } from 'preact/hooks';
import { get, patch, post } from '../../shared/api.js';
import { useAction, useResource } from '../../shared/hooks.js';
import { Card, Field, Message } from '../../shared/ui.js';
import type { PauseCode } from '../types.js';

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
    <Card title="Pause codes" testId="pause-codes-section">
      <Message kind="error">{codes.error ?? act.error}</Message>
      <table>
        <thead>
          <tr>
            <th>Code</th>
            <th>Label</th>
            <th>Offered to agents</th>
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
                  <input aria-label={`Label of ${p.code}`} value={labels[p.code] ?? p.label} onInput={(e) => setLabels({ ...labels, [p.code]: e.currentTarget.value })} />
                  <button type="button" disabled={act.busy || (labels[p.code] ?? p.label) === p.label} onClick={() => void change(p.code, { label: labels[p.code] ?? p.label })}>
                    Save
                  </button>
                </div>
              </td>
              <td>
                <label class="check">
                  <input type="checkbox" checked={p.active} disabled={act.busy} onChange={(e) => void change(p.code, { active: e.currentTarget.checked })} />
                  {p.active ? 'active' : 'inactive'}
                </label>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <form class="row" onSubmit={add} aria-label="New pause code">
        <Field label="New code" hint="capitals, digits, _ and -">
          <input name="pauseCode" value={code} onInput={(e) => setCode(e.currentTarget.value.toUpperCase())} required />
        </Field>
        <Field label="Label">
          <input name="pauseLabel" value={label} onInput={(e) => setLabel(e.currentTarget.value)} required />
        </Field>
        <button type="submit" disabled={act.busy || !code || !label}>
          Add code
        </button>
      </form>
    </Card>
  );
}
