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
import { hasMessage, t, tDynamic, type MsgKey } from '../../i18n/i18n.js';

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

/** An event type's label in the user's language (the type itself is an identifier, shown as code). */
function EventName({ type }: { type: string }) {
  const key = `webhooks.event.${type}`;
  return (
    <>
      {hasMessage(key) ? tDynamic(key) : null} <code>{type}</code>
    </>
  );
}

/**
 * A message whose values are identifiers (a header name, a call id): the words in the user's
 * language, each value as code, as it is typed and used.
 */
function WithCode({ msg, values }: { msg: MsgKey; values: Record<string, string> }) {
  const marked = Object.fromEntries(Object.keys(values).map((name) => [name, `\u0000${name}\u0000`]));
  return <>{tDynamic(msg, marked).split('\u0000').map((part, i) => (i % 2 === 1 ? <code>{values[part]}</code> : part))}</>;
}

/** What a delivery is about, from its ordering key (`call-…`, `subscription-…`, `dnc-…`). */
function Subject({ orderingKey }: { orderingKey: string }) {
  const [, kind, id] = /^(call|subscription|dnc)-(.+)$/.exec(orderingKey) ?? [];
  if (!kind || id === undefined) return <code>{orderingKey}</code>;
  const key = kind === 'call' ? 'webhooks.for.call' : kind === 'subscription' ? 'webhooks.for.subscription' : 'webhooks.for.number';
  return <WithCode msg={key} values={{ id }} />;
}

/** The receiver's last answer: its HTTP status, or why nothing was delivered (the detail as the service logged it). */
function Answer({ d }: { d: Delivery }) {
  if (d.lastStatusCode !== null) return <>{t('webhooks.delivery.answered', { status: d.lastStatusCode })}</>;
  if (d.lastError !== null) {
    return (
      <>
        {t('webhooks.delivery.unreachable')} <code>{d.lastError}</code>
      </>
    );
  }
  return <>—</>;
}

function Deliveries({ endpoint }: { endpoint: Endpoint }) {
  const list = useResource(async () => (await get<{ deliveries: Delivery[] }>(`/api/webhooks/${endpoint.id}/deliveries?limit=50`)).deliveries, [endpoint.id]);
  const resend = useAction();
  return (
    <>
      <Message kind="error">{list.error ?? resend.error}</Message>
      <div class="row">
        <button type="button" onClick={() => void list.reload()}>
          {t('common.refresh')}
        </button>
      </div>
      <table data-testid={`webhook-deliveries-${endpoint.id}`}>
        <TableHead
          columns={[
            t('webhooks.delivery.col.event'),
            t('webhooks.delivery.col.for'),
            t('webhooks.delivery.col.status'),
            t('webhooks.delivery.col.attempts'),
            t('webhooks.delivery.col.lastAttempt'),
            t('webhooks.delivery.col.answer'),
            '',
          ]}
        />
        <tbody>
          {(list.data ?? []).map((d) => (
            <tr data-testid={`webhook-delivery-${d.id}`} class={d.status === 'failed' ? 'flagged' : ''}>
              <td>
                <EventName type={d.eventType} />
              </td>
              <td>
                <Subject orderingKey={d.orderingKey} />
              </td>
              <td data-testid="delivery-status">{t(`webhooks.delivery.status.${d.status}`)}</td>
              <td class="num">{d.attempts}</td>
              <td>{d.lastAttemptAt === null ? '—' : dateTime(d.lastAttemptAt)}</td>
              <td>
                <Answer d={d} />
              </td>
              <td>
                {d.status !== 'pending' && (
                  <button type="button" disabled={resend.busy} onClick={() => void resend.run(async () => post(`/api/webhook-deliveries/${d.id}/resend`)).then(() => list.reload())}>
                    {t('webhooks.delivery.resend')}
                  </button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {list.data?.length === 0 && <p class="muted">{t('webhooks.delivery.none')}</p>}
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
    <Card title={t('webhooks.title')} testId="webhooks">
      <Message kind="error">{endpoints.error}</Message>
      <p class="muted">
        <WithCode msg="webhooks.signedNote" values={{ format: 'JSON', algorithm: 'HMAC-SHA256', header: types.data?.signatureHeader ?? 'X-Dialer-Signature' }} />
      </p>
      <table>
        <TableHead columns={[t('webhooks.col.address'), t('webhooks.col.events'), t('webhooks.col.secret'), '']} />
        <tbody>
          {(endpoints.data ?? []).map((ep) => (
            <tr data-testid={`webhook-${ep.id}`}>
              <td>{ep.url}</td>
              <td>
                {ep.events.map((type, i) => (
                  <>
                    {i > 0 && <br />}
                    <EventName type={type} />
                  </>
                ))}
              </td>
              <td>
                <code>{ep.secret}</code>
              </td>
              <td>
                <button type="button" onClick={() => setShown(shown === ep.id ? null : ep.id)}>
                  {shown === ep.id ? t('webhooks.hideDeliveries') : t('webhooks.showDeliveries')}
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {endpoints.data?.length === 0 && <p class="muted">{t('webhooks.none')}</p>}
      {shown !== null && endpoints.data?.some((ep) => ep.id === shown) && <Deliveries endpoint={endpoints.data.find((ep) => ep.id === shown)!} />}
      <form class="row" onSubmit={submit} aria-label={t('webhooks.form.label')}>
        <Field label={t('webhooks.form.address')} hint={t('webhooks.form.addressHint')}>
          <input name="webhookUrl" type="url" value={url} onInput={(e) => setUrl(e.currentTarget.value)} required />
        </Field>
        <fieldset class="webhook-events">
          <legend>{t('webhooks.form.events')}</legend>
          {(types.data?.eventTypes ?? []).map((type) => (
            <label>
              <input
                type="checkbox"
                name="webhookEvent"
                value={type}
                checked={events.includes(type)}
                onChange={(e) => setEvents(e.currentTarget.checked ? [...events, type] : events.filter((x) => x !== type))}
              />{' '}
              <EventName type={type} />
            </label>
          ))}
        </fieldset>
        <button class="primary" type="submit" disabled={!url || events.length === 0 || add.busy}>
          {t('webhooks.form.register')}
        </button>
      </form>
      <Message kind="error">{add.error}</Message>
    </Card>
  );
}
