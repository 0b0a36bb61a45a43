/**
 * Webhooks: the endpoints other systems (the carrier's order system, a CRM) receive events at,
 * with their signing secret, and each endpoint's deliveries: status, attempts, the receiver's
 * last answer, and a re-send for what failed (or must go again).
 */
import { useState } from 'preact/hooks';
import { get, post } from '../../shared/api.js';
import { dateTime } from '../../shared/format.js';
import { useAction, useResource } from '../../shared/hooks.js';
import { Card, Field, Message, TableHead } from '../../shared/ui.js';

interface Endpoint {
  id: number;
  url: string;
  description: string;
  events: string[];
  secret: string;
  active: boolean;
}

interface Delivery {
  id: number;
  status: 'pending' | 'delivered' | 'failed';
  attempts: number;
  lastAttemptAt: number | null;
  lastStatusCode: number | null;
  lastError: string | null;
  eventType: string;
  webhookEventId: string;
  orderingKey: string;
}

const STATUS_LABEL: Record<Delivery['status'], string> = { pending: 'Pending', delivered: 'Delivered', failed: 'Failed' };

function Deliveries({ endpoint }: { endpoint: Endpoint }) {
  const list = useResource(async () => (await get<{ deliveries: Delivery[] }>(`/api/webhooks/${endpoint.id}/deliveries?limit=50`)).deliveries, [endpoint.id]);
  const resend = useAction();
  return (
    <>
      <Message kind="error">{list.error ?? resend.error}</Message>
      <div class="row">
        <button type="button" onClick={() => void list.reload()}>
          Refresh
        </button>
      </div>
      <table data-testid={`webhook-deliveries-${endpoint.id}`}>
        <TableHead columns={['Event', 'For', 'Status', '#Attempts', 'Last attempt', "Receiver's answer", '']} />
        <tbody>
          {(list.data ?? []).map((d) => (
            <tr data-testid={`webhook-delivery-${d.id}`} class={d.status === 'failed' ? 'flagged' : ''}>
              <td>{d.eventType}</td>
              <td>{d.orderingKey}</td>
              <td data-testid="delivery-status">{STATUS_LABEL[d.status]}</td>
              <td class="num">{d.attempts}</td>
              <td>{d.lastAttemptAt === null ? '—' : dateTime(d.lastAttemptAt)}</td>
              <td>{d.lastError ?? (d.lastStatusCode === null ? '—' : `HTTP ${d.lastStatusCode}`)}</td>
              <td>
                {d.status !== 'pending' && (
                  <button type="button" disabled={resend.busy} onClick={() => void resend.run(async () => post(`/api/webhook-deliveries/${d.id}/resend`)).then(() => list.reload())}>
                    Re-send
                  </button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {list.data?.length === 0 && <p class="muted">Nothing sent to this endpoint yet.</p>}
    </>
  );
}

export function WebhooksTab() {
  const endpoints = useResource(async () => (await get<{ webhooks: Endpoint[] }>('/api/webhooks')).webhooks);
  const types = useResource(async () => (await get<{ eventTypes: string[]; signatureHeader: string }>('/api/webhooks/event-types')));
  const [url, setUrl] = useState('');
  const [events, setEvents] = useState<string[]>([]);
  const [shown, setShown] = useState<number | null>(null);
  const add = useAction();

  async function submit(e: Event) {
    e.preventDefault();
    const ok = await add.run(async () => post('/api/webhooks', { url, events }));
    if (ok) {
      setUrl('');
      setEvents([]);
      await endpoints.reload();
    }
  }

  return (
    <Card title="Webhooks" testId="webhooks">
      <Message kind="error">{endpoints.error}</Message>
      <p class="muted">
        Each event is POSTed as JSON and signed: the {types.data?.signatureHeader ?? 'X-Dialer-Signature'} header is HMAC-SHA256 with the endpoint's secret over
        the timestamp, a dot and the body (see the README's "Webhooks").
      </p>
      <table>
        <TableHead columns={['Address', 'Events', 'Secret', '']} />
        <tbody>
          {(endpoints.data ?? []).map((ep) => (
            <tr data-testid={`webhook-${ep.id}`}>
              <td>{ep.url}</td>
              <td>{ep.events.join(', ')}</td>
              <td>
                <code>{ep.secret}</code>
              </td>
              <td>
                <button type="button" onClick={() => setShown(shown === ep.id ? null : ep.id)}>
                  {shown === ep.id ? 'Hide deliveries' : 'Deliveries'}
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {endpoints.data?.length === 0 && <p class="muted">No webhook endpoints yet.</p>}
      {shown !== null && endpoints.data?.some((ep) => ep.id === shown) && <Deliveries endpoint={endpoints.data.find((ep) => ep.id === shown)!} />}
      <form class="row" onSubmit={submit} aria-label="Register a webhook endpoint">
        <Field label="Address" hint="http:// or https://">
          <input name="webhookUrl" type="url" value={url} onInput={(e) => setUrl(e.currentTarget.value)} required />
        </Field>
        <fieldset class="webhook-events">
          <legend>Events</legend>
          {(types.data?.eventTypes ?? []).map((t) => (
            <label>
              <input
                type="checkbox"
                name="webhookEvent"
                value={t}
                checked={events.includes(t)}
                onChange={(e) => setEvents(e.currentTarget.checked ? [...events, t] : events.filter((x) => x !== t))}
              />{' '}
              {t}
            </label>
          ))}
        </fieldset>
        <button class="primary" type="submit" disabled={!url || events.length === 0 || add.busy}>
          Register endpoint
        </button>
      </form>
      <Message kind="error">{add.error}</Message>
    </Card>
  );
}
