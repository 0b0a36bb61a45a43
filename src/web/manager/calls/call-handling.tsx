/**
 * On a call's detail: who had the customer (the handoff list of its transfers — agents and
 * managers, how each came to the call, from when to when) and who supervised it (each stretch
 * of listen, whisper, barge or take over). Nothing is shown for a call that had neither.
 */
import { time } from '../../shared/format.js';
import { TableHead } from '../../shared/ui.js';
import { t } from '../../i18n/i18n.js';
import type { CallDetail } from '../types.js';

export function CallHandling({ call }: { call: CallDetail }) {
  return (
    <>
      {call.handlers.length > 0 && (
        <section data-testid="call-handlers">
          <h3>{t('callHandling.handlers')}</h3>
          <table>
            <TableHead columns={[t('callHandling.col.who'), t('callHandling.col.how'), t('callHandling.col.from'), t('callHandling.col.to')]} />
            <tbody>
              {call.handlers.map((h) => (
                <tr>
                  <td>
                    {h.name ?? h.extension ?? '–'}
                    {h.userId !== null && <span class="muted"> ({t('callHandling.manager')})</span>}
                  </td>
                  <td>{t(`callHandling.via.${h.via}`)}</td>
                  <td>{time(h.fromAt)}</td>
                  <td>{h.toAt === null ? '–' : time(h.toAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      )}
      {call.monitoring.length > 0 && (
        <section data-testid="call-monitoring">
          <h3>{t('callHandling.monitoring')}</h3>
          <table>
            <TableHead columns={[t('callHandling.col.who'), t('callHandling.col.mode'), t('callHandling.col.from'), t('callHandling.col.to')]} />
            <tbody>
              {call.monitoring.map((m) => (
                <tr>
                  <td>{m.name}</td>
                  <td>{t(`supervision.mode.${m.mode}`)}</td>
                  <td>{time(m.startedAt)}</td>
                  <td>{m.endedAt === null ? '–' : time(m.endedAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      )}
    </>
  );
}
