/**
 * Transfer controls on the live call card: pick a colleague (or a manager, whose supervisor
 * phone is rung), then Blind (they take the customer
 * at once), Consult (the customer holds on music while you talk to them), Conference (they join
 * you and the customer). While consulting: Three-way or Back to the customer; in a three-way:
 * Leave the call (they keep the customer) or Drop the third party. The transfer's state is
 * pushed by the service.
 */
import { useState } from 'preact/hooks';
import type { TargetOption } from '../../transfers/transfer-targets.js';
import type { TransferView } from '../../transfers/transfer-service.js';
import { t } from '../i18n/i18n.js';
import { get, post } from '../shared/api.js';
import { useAction, useEventStream, useResource } from '../shared/hooks.js';
import { Card, Message } from '../shared/ui.js';

const EVENTS = ['transfer'];
const url = (callId: string) => `/api/calls/${encodeURIComponent(callId)}/transfer`;

/** The picker's value of an option: agents and supervisors are numbered apart. */
const keyOf = (o: TargetOption) => (o.kind === 'agent' ? `agent:${o.agentId}` : `supervisor:${o.userId}`);
const bodyOf = (o: TargetOption) => (o.kind === 'agent' ? { targetAgentId: o.agentId } : { targetUserId: o.userId });
const isTargetOf = (o: TargetOption, v: TransferView) => (o.kind === 'agent' ? o.agentId === v.targetAgentId : o.userId === v.targetUserId);

function optionText(o: TargetOption): string {
  if (o.kind === 'supervisor') return `${o.name} (${o.extension}, ${t('transfer.supervisor')}) — ${t(o.availability === 'busy' ? 'transfer.availability.busy' : 'transfer.supervisorRings')}`;
  return `${o.name} (${o.extension}${o.role === 'team-lead' ? `, ${t('transfer.teamLead')}` : ''}) — ${t(`transfer.availability.${o.availability}`)}`;
}

export function TransferPanel({ callId }: { callId: string }) {
  const first = useResource(() => get<{ transfer: TransferView | null; targets: TargetOption[] }>(url(callId)), [callId]);
  const [pushed, setPushed] = useState<{ transfer: TransferView | null } | null>(null);
  useEventStream(`${url(callId)}/stream`, EVENTS, (_name, data) => {
    setPushed(data as { transfer: TransferView | null });
    // Who is free changes with each step: read the picker again.
    void first.reload();
  });
  const [targetKey, setTargetKey] = useState<string | null>(null);
  const action = useAction();
  const transfer = pushed ? pushed.transfer : (first.data?.transfer ?? null);
  const targets = first.data?.targets ?? [];
  const target = targets.find((o) => keyOf(o) === targetKey) ?? null;
  const name = (transfer && targets.find((o) => isTargetOf(o, transfer))?.name) ?? '';

  const start = (mode: TransferView['mode']) => target !== null && void action.run(() => post(url(callId), { mode, ...bodyOf(target) }));
  const step = (what: 'complete' | 'leave' | 'cancel') => void action.run(() => post(`${url(callId)}/${what}`));

  return (
    <Card title={t('transfer.title')} testId="transfer">
      <Message kind="error">{action.error ?? first.error}</Message>
      {transfer ? (
        <div class="row">
          <span data-testid="transfer-phase" data-phase={transfer.phase}>
            {transfer.phase === 'consulting'
              ? t('transfer.phase.consulting', { name })
              : transfer.phase === 'conference'
                ? t('transfer.phase.conference', { name })
                : transfer.mode === 'conference'
                  ? t('transfer.phase.reachingConference', { name })
                  : t('transfer.phase.reaching', { name })}
          </span>
          {transfer.phase === 'consulting' && (
            <button type="button" disabled={action.busy} onClick={() => step('complete')} data-testid="transfer-complete">
              {t('transfer.complete')}
            </button>
          )}
          {transfer.phase === 'conference' && (
            <button type="button" disabled={action.busy} onClick={() => step('leave')} data-testid="transfer-leave">
              {t('transfer.leave')}
            </button>
          )}
          <button type="button" class="danger" disabled={action.busy} onClick={() => step('cancel')} data-testid="transfer-cancel">
            {transfer.phase === 'conference' ? t('transfer.dropThird') : t('transfer.cancel')}
          </button>
        </div>
      ) : (
        <div class="row">
          <label>
            {t('transfer.target')}{' '}
            {/* Read again on focus: who is free changes while the card is open. */}
            <select value={targetKey ?? ''} onFocus={() => void first.reload()} onChange={(e) => setTargetKey((e.target as HTMLSelectElement).value || null)} data-testid="transfer-target">
              <option value="">{t('transfer.chooseTarget')}</option>
              {targets.map((o) => (
                <option key={keyOf(o)} value={keyOf(o)} disabled={o.availability === 'busy'}>
                  {optionText(o)}
                </option>
              ))}
            </select>
          </label>
          <button type="button" disabled={target === null || action.busy} onClick={() => start('blind')} data-testid="transfer-blind">
            {t('transfer.blind')}
          </button>
          <button type="button" disabled={target === null || action.busy} onClick={() => start('warm')} data-testid="transfer-consult">
            {t('transfer.consult')}
          </button>
          <button type="button" disabled={target === null || action.busy} onClick={() => start('conference')} data-testid="transfer-conference">
            {t('transfer.conference')}
          </button>
        </div>
      )}
      <p class="muted">{t('transfer.hint')}</p>
    </Card>
  );
}
