/** Where the system's verification is (identity → disclosure → confirm → closing), and how it ended. */
import type { ConsentStatus } from './agent-api.js';

const STEPS = [
  { phase: 'identity', label: 'Identity (press 1)' },
  { phase: 'disclosure', label: 'Terms disclosed' },
  { phase: 'confirm', label: 'Consent (1 yes / 2 no)' },
  { phase: 'closing', label: 'Closing' },
] as const;

const OUTCOME: Record<string, { text: string; kind: 'ok' | 'warn' | 'error' }> = {
  confirmed: { text: 'The customer pressed 1: subscribed.', kind: 'ok' },
  declined: { text: 'The customer pressed 2: declined (counted as a refusal).', kind: 'warn' },
  'no-input': { text: 'No key pressed: not subscribed.', kind: 'warn' },
  'invalid-input': { text: 'Wrong keys pressed: not subscribed.', kind: 'warn' },
  'identity-not-confirmed': { text: 'The customer did not confirm being the account holder: not subscribed.', kind: 'warn' },
  'customer-gone': { text: 'The customer hung up during the verification: not subscribed.', kind: 'error' },
  aborted: { text: 'The verification was stopped (speaker changed, or softphone gone): not subscribed.', kind: 'warn' },
  'playback-failed': { text: 'The terms could not be played: not subscribed.', kind: 'error' },
};

export function VerificationProgress({ status }: { status: ConsentStatus }) {
  const running = status.verification === 'running';
  if (!running && !status.lastOutcome) return null;
  const at = running ? STEPS.findIndex((s) => s.phase === status.phase) : -1;
  const outcome = status.lastOutcome ? OUTCOME[status.lastOutcome] : undefined;
  return (
    <div class="verification" data-testid="verification">
      {running && (
        <ol class="steps" aria-label="Verification progress">
          {STEPS.map((s, i) => (
            <li class={i < at || status.phase === 'done' ? 'done' : i === at ? 'current' : ''} aria-current={i === at ? 'step' : undefined}>
              {s.label}
            </li>
          ))}
        </ol>
      )}
      {running && (
        <p class="muted" data-testid="verification-phase">
          Verification running: {status.phase}. You are muted; the customer hears the system.
        </p>
      )}
      {!running && outcome && (
        <div class={`msg msg-${outcome.kind}`} role="status" data-testid="verification-outcome">
          {outcome.text}
        </div>
      )}
    </div>
  );
}
