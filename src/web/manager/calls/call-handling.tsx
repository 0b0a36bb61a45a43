/**
 * On a call's detail: who had the customer (the handoff list of its transfers — agents and
 * managers, how each came to the call, from when to when) and who supervised it (each stretch
 * of listen, whisper, barge or take over). Nothing is shown for a call that had neither.
 */
import type { ComponentChildren } from 'preact';
import { time } from '../../shared/format.js';
import { TableHead } from '../../shared/ui.js';
import { t } from '../../i18n/i18n.js';
import type { CallDetail } from '../types.js';

interface Stretch {
  who: ComponentChildren;
  what: string;
  from: number;
  to: number | null;
}

export function CallHandling({ call }: { call: CallDetail }) {
  const handlers = call.handlers.map(
    (h): Stretch => ({
      who: (
        <>
          {h.name ?? h.extension ?? '–'}
          {h.userId !== null && <span class="muted"> ({t('callHandling.manager')})</span>}
        </>
      ),
      what: t(`callHandling.via.${h.via}`),
      from: h.fromAt,
      to: h.toAt,
    }),
  );
  const monitoring = call.monitoring.map((m): Stretch => ({ who: m.name, what: t(`supervision.mode.${m.mode}`), from: m.startedAt, to: m.endedAt }));
  return (
    <>
      <Stretches testId="call-handlers" title={t('callHandling.handlers')} whatColumn={t('callHandling.col.how')} rows={handlers} />
      <Stretches testId="call-monitoring" title={t('callHandling.monitoring')} whatColumn={t('callHandling.col.mode')} rows={monitoring} />
    </>
  );
}

function Stretches({ testId, title, whatColumn, rows }: { testId: string; title: string; whatColumn: string; rows: Stretch[] }) {
  if (rows.length === 0) return null;
  return (
    <section data-testid={testId}>
      <h3>{title}</h3>
      <table>
        <TableHead columns={[t('callHandling.col.who'), whatColumn, t('callHandling.col.from'), t('callHandling.col.to')]} />
        <tbody>
          {rows.map((r) => (
            <tr>
              <td>{r.who}</td>
              <td>{r.what}</td>
              <td>{time(r.from)}</td>
              <td>{r.to === null ? '–' : time(r.to)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
