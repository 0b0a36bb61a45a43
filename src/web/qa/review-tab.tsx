/**
 * Review: the queue's size, "Claim next recording", the claimed call (resumed after a
 * reload), its recording with the evidence, and the rubric; extend or release the claim.
 * Claims are for QA reviewers only (the API refuses other roles): a manager is told so.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import type { Me } from '../shared/api.js';
import { dateTime, time } from '../shared/format.js';
import { useAction, useInterval, useResource } from '../shared/hooks.js';
import { Card, Message, Stat } from '../shared/ui.js';
import { CallReview, positionOf } from './call-review.js';
import { qaApi, queueSize, type ClaimView, type QaCallDetails, type QueueView, type ScoreRow } from './qa-api.js';
import { RubricForm } from './rubric-form.js';
import { useRubricSetup } from './rubric-setup.js';

/** Roles the service lets claim (qa; admin passes every role check). */
export const CLAIMING_ROLES: ReadonlyArray<Me['role']> = ['qa', 'admin'];

type Claimed = { view: QaCallDetails; claim: ClaimView['claim'] };

export function ReviewTab({ me }: { me: Me }) {
  const queue = useResource(qaApi.queue);
  useInterval(() => void queue.reload(), 5000);
  if (!CLAIMING_ROLES.includes(me.role)) {
    return (
      <>
        <Message kind="info">
          <span data-testid="claim-not-allowed">
            Claiming recordings is for QA reviewers. As a {me.role} you can read the reports and re-review disputes here; the service refuses claims to the {me.role} role.
          </span>
        </Message>
        <QueueStats queue={queue.data} error={queue.error} />
      </>
    );
  }
  return <Reviewer queue={queue.data} queueError={queue.error} reloadQueue={queue.reload} />;
}

function QueueStats({ queue, error }: { queue: QueueView | undefined; error: string | null }) {
  if (error) return <Message kind="error">{error}</Message>;
  if (!queue) return <p class="muted">Loading the queue…</p>;
  const size = queueSize(queue);
  return (
    <div class="stats">
      <Stat label="Waiting in the queue" value={size.waiting} testId="queue-size" />
      <Stat label="Sampled, not scored yet" value={queue.sqlite.pending ?? 0} />
      <Stat label="Scored" value={queue.sqlite.scored ?? 0} />
      <Stat label="Next sampling run" value={queue.nextPlanRunAt ? dateTime(queue.nextPlanRunAt) : 'manual'} />
      {size.problem && <Message kind="warn">The queue cannot be read ({size.problem}); the count is from the database.</Message>}
    </div>
  );
}

function Reviewer({ queue, queueError, reloadQueue }: { queue: QueueView | undefined; queueError: string | null; reloadQueue: () => Promise<void> }) {
  const [current, setCurrent] = useState<Claimed | null>(null);
  const [resuming, setResuming] = useState(true);
  const [empty, setEmpty] = useState(false);
  const [scored, setScored] = useState<ScoreRow | null>(null);
  const action = useAction();
  const setup = useRubricSetup();
  const audioRef = useRef<HTMLAudioElement>(null);

  // A claim still held (a reload, another tab): carry on with it.
  useEffect(() => {
    void action
      .run(async () => {
        const { claims } = await qaApi.currentClaims();
        const held = claims[0];
        if (!held) return;
        const view = await qaApi.callDetails(held.callId);
        setCurrent({ view, claim: { callId: held.callId, claimedAt: held.claimedAt, expiresAt: held.expiresAt, resumed: true } });
      })
      .finally(() => setResuming(false));
    // Once, when the tab opens.
  }, []);

  const claimNext = () =>
    action.run(async () => {
      setScored(null);
      const view = await qaApi.claimNext();
      setEmpty(view === null);
      if (view) setCurrent({ view, claim: view.claim });
      await reloadQueue();
    });
  const extend = (callId: string) =>
    action.run(async () => {
      const { expiresAt } = await qaApi.extend(callId);
      setCurrent((c) => (c ? { ...c, claim: { ...c.claim, expiresAt } } : c));
    });
  const release = (callId: string) =>
    action.run(async () => {
      await qaApi.release(callId);
      setCurrent(null);
      await reloadQueue();
    });
  const submit = async (callId: string, body: Parameters<typeof qaApi.score>[1]) => {
    const row = await qaApi.score(callId, body);
    setScored(row);
    setCurrent(null);
    await reloadQueue();
  };

  const waiting = queue ? queueSize(queue).waiting : null;
  const claimBlockedBy = resuming ? 'Checking for a claim you already hold…' : current ? 'Score or release the recording you hold first.' : waiting === 0 ? 'The queue is empty: nothing is waiting for review.' : null;

  return (
    <>
      <QueueStats queue={queue} error={queueError} />
      <div class="row claim-bar">
        <button type="button" class="primary" onClick={() => void claimNext()} disabled={action.busy || claimBlockedBy !== null}>
          Claim next recording
        </button>
        {claimBlockedBy && <span class="muted" data-testid="claim-blocked">{claimBlockedBy}</span>}
      </div>
      <Message kind="error">{action.error}</Message>
      {empty && !current && <Message kind="info">The queue is empty: every sampled recording is claimed or scored.</Message>}
      {scored && (
        <Message kind="ok">
          <span data-testid="score-saved">
            Score saved for call {scored.callId}: {scored.total} / 100{scored.fatal ? ' (fatal error)' : scored.passed ? ' (passed)' : ' (defect)'}.
          </span>
        </Message>
      )}
      {current && (
        <>
          <Card
            title={current.claim.resumed ? 'Your claim (resumed)' : 'Your claim'}
            testId="claim-card"
            actions={
              <>
                <button type="button" onClick={() => void extend(current.claim.callId)} disabled={action.busy}>
                  Extend claim
                </button>
                <button type="button" onClick={() => void release(current.claim.callId)} disabled={action.busy}>
                  Release to the queue
                </button>
              </>
            }
          >
            <p>
              Claimed at {time(current.claim.claimedAt)}; held for you until <span data-testid="claim-expires">{time(current.claim.expiresAt)}</span>. Extend it if you need
              longer; otherwise it goes back to the queue.
            </p>
          </Card>
          <CallReview view={current.view} audioRef={audioRef} />
          {setup.error && <Message kind="error">{setup.error}</Message>}
          {setup.data && (
            <RubricForm
              key={current.claim.callId}
              rubric={setup.data.rubric}
              fatalKinds={setup.data.kinds.fatalKinds}
              currentMs={positionOf(audioRef)}
              submitLabel="Submit score"
              onSubmit={(body) => submit(current.claim.callId, body)}
            />
          )}
        </>
      )}
    </>
  );
}
