/**
 * Preview dialing, when a running campaign is in preview mode: the agent asks for the next
 * customer, reads the card, then dials or skips. A card left too long is released by the
 * service (and the agent paused), so the held-until time is shown.
 */
import { Fragment } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { dateTime, time } from '../shared/format.js';
import { useAction } from '../shared/hooks.js';
import { Card, Message } from '../shared/ui.js';
import { listWord } from '../shared/words.js';
import { agentApi, type LiveAgentRow, type PreviewCard } from './agent-api.js';
import { t } from '../i18n/i18n.js';

export function PreviewPanel({ agentId, row, campaigns }: { agentId: number; row: LiveAgentRow | null; campaigns: Array<{ id: number; name: string }> }) {
  const action = useAction();
  const [card, setCard] = useState<PreviewCard | null>(null);
  const [empty, setEmpty] = useState(false);
  const state = row?.state;
  // The card held now, if any (after a reload); gone once the agent is no longer holding one.
  useEffect(() => {
    if (state === 'reserved' && !row?.callId) void action.run(async () => setCard(await agentApi.preview(agentId)));
    else if (state !== 'reserved') setCard(null);
  }, [state, row?.callId]);

  if (campaigns.length === 0 || row?.callId) return null;
  const next = () =>
    action.run(async () => {
      const c = await agentApi.previewNext(agentId);
      setCard(c);
      setEmpty(c === null);
    });
  const dial = (contactId: number) =>
    action.run(async () => {
      await agentApi.previewDial(agentId, contactId);
      setCard(null);
    });
  const skip = (contactId: number) =>
    action.run(async () => {
      await agentApi.previewSkip(agentId, contactId);
      setCard(null);
    });

  return (
    <Card title={t('agent.preview.title', { campaigns: campaigns.map((c) => c.name).join(', ') })} testId="preview">
      {!card && (
        <div class="row">
          <button type="button" class="primary" disabled={action.busy || state !== 'ready'} onClick={() => void next()}>
            {t('agent.preview.next')}
          </button>
          {state !== 'ready' && <span class="muted">{t('agent.preview.beReady')}</span>}
        </div>
      )}
      {!card && empty && <Message kind="info">{t('agent.preview.noneDue')}</Message>}
      {card && (
        <div data-testid="preview-card">
          <div class="customer-phone">{card.phone}</div>
          <dl class="kv">
            <dt>{t('agent.preview.campaign')}</dt>
            <dd>{card.campaignName}</dd>
            {Object.entries(card.fields).map(([k, v]) => (
              <Fragment key={k}>
                <dt>{k}</dt>
                <dd>{v}</dd>
              </Fragment>
            ))}
            <dt>{t('agent.preview.attempts')}</dt>
            <dd>
              {card.attempts}
              {card.lastOutcome ? t('agent.preview.lastOutcome', { outcome: listWord('outcome', card.lastOutcome) }) : ''}
            </dd>
            {card.callback && (
              <>
                <dt>{t('agent.preview.callback')}</dt>
                <dd>
                  {t('agent.preview.due', { at: dateTime(card.callback.dueAt) })}
                  {card.callback.note ? ` — ${card.callback.note}` : ''}
                </dd>
              </>
            )}
          </dl>
          <p class="muted">{t('agent.preview.heldUntil', { time: time(card.heldUntil) })}</p>
          <div class="row">
            <button type="button" class="primary" disabled={action.busy} onClick={() => void dial(card.contactId)}>
              {t('agent.preview.dial')}
            </button>
            <button type="button" disabled={action.busy} onClick={() => void skip(card.contactId)}>
              {t('agent.preview.skip')}
            </button>
          </div>
        </div>
      )}
      <Message kind="error">{action.error}</Message>
    </Card>
  );
}
