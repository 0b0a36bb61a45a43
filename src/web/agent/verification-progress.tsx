/** Where the system's verification is (identity → disclosure → confirm → closing), and how it ended. */
import { listWord } from '../shared/words.js';
import type { ConsentStatus } from './agent-api.js';
import { t } from '../i18n/i18n.js';

const STEPS = ['identity', 'disclosure', 'confirm', 'closing'] as const;

const OUTCOME_KIND: Record<string, 'ok' | 'warn' | 'error'> = {
  confirmed: 'ok',
  declined: 'warn',
  'no-input': 'warn',
  'invalid-input': 'warn',
  'identity-not-confirmed': 'warn',
  'customer-gone': 'error',
  aborted: 'warn',
  'playback-failed': 'error',
};

export function VerificationProgress({ status }: { status: ConsentStatus }) {
  const running = status.verification === 'running';
  if (!running && !status.lastOutcome) return null;
  const at = running ? STEPS.findIndex((s) => s === status.phase) : -1;
  const outcomeKind = status.lastOutcome ? OUTCOME_KIND[status.lastOutcome] : undefined;
  return (
    <div class="verification" data-testid="verification">
      {running && (
        <ol class="steps" aria-label={t('agent.verify.progress')}>
          {STEPS.map((s, i) => (
            <li class={i < at || status.phase === 'done' ? 'done' : i === at ? 'current' : ''} aria-current={i === at ? 'step' : undefined}>
              {t(`verifyStep.${s}`)}
            </li>
          ))}
        </ol>
      )}
      {running && (
        <p class="muted" data-testid="verification-phase">
          {t('agent.verify.running', { phase: status.phase ? listWord('verifyPhase', status.phase) : '–' })}
        </p>
      )}
      {!running && outcomeKind && (
        <div class={`msg msg-${outcomeKind}`} role="status" data-testid="verification-outcome">
          {listWord('verifyOutcome', status.lastOutcome)}
        </div>
      )}
    </div>
  );
}
