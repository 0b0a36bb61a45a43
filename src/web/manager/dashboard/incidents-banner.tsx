/**
 * Open incidents (GET /api/incidents?open=1) at the top of the dashboard: trouble that holds
 * the floor, such as recordings that cannot be stored, shown until it is over.
 */
import { get } from '../../shared/api.js';
import { dateTime } from '../../shared/format.js';
import { useInterval, useResource } from '../../shared/hooks.js';
import { Message } from '../../shared/ui.js';
import { listWord } from '../../shared/words.js';
import { t } from '../../i18n/i18n.js';

interface Incident {
  id: number;
  kind: string;
  detail: string;
  openedAt: number;
  calls: number;
}

/** An incident is over when a probe succeeds (every 10 s by default): check as often. */
const INCIDENTS_REFRESH_MS = 5000;

export function IncidentsBanner() {
  const open = useResource(() => get<{ incidents: Incident[] }>('/api/incidents?open=1'), []);
  useInterval(() => void open.reload(), INCIDENTS_REFRESH_MS);
  const list = open.data?.incidents ?? [];
  if (list.length === 0) return null;
  return (
    <div data-testid="incidents">
      {list.map((i) => (
        <Message key={i.id} kind="error">
          {t('incident.banner', { kind: listWord('incidentKind', i.kind), since: dateTime(i.openedAt), count: i.calls, detail: i.detail })}
        </Message>
      ))}
    </div>
  );
}
