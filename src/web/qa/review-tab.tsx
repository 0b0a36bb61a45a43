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
import { CorrectionTask } from './correction-task.js';
import { ScoreCorrectionNote } from './score-correction-note.js';
import { qaApi, queueSize, type ClaimView, type QaCallDetails, type QueueView, type ScoreRow } from './qa-api.js';
import { RubricForm } from './rubric-form.js';
import { useRubricSetup } from './rubric-setup.js';
import { t } from '../i18n/i18n.js';

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
            {t('qa.review.notAllowed', { role: t(`role.${me.role}`) })}
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
  if (!queue) return <p class="muted">{t('qa.review.loadingQueue')}</p>;
  const size = queueSize(queue);
  return (
    <div class="stats">
      <Stat label={t('qa.review.waiting')} value={size.waiting} testId="queue-size" />
      <Stat label={t('qa.review.pending')} value={queue.sqlite.pending ?? 0} />
      <Stat label={t('qa.review.scored')} value={queue.sqlite.scored ?? 0} />
      <Stat label={t('qa.review.nextRun')} value={queue.nextPlanRunAt ? dateTime(queue.nextPlanRunAt) : t('qa.review.manual')} />
      {size.problem && <Message kind="warn">{t('qa.review.queueUnreadable')}</Message>}
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
  const claimBlockedBy = resuming ? t('qa.review.checking') : current ? t('qa.review.holdFirst') : waiting === 0 ? t('qa.review.emptyQueue') : null;

  return (
    <>
      <QueueStats queue={queue} error={queueError} />
      <div class="row claim-bar">
        <button type="button" class="primary" onClick={() => void claimNext()} disabled={action.busy || claimBlockedBy !== null}>
          {t('qa.review.claimNext')}
        </button>
        {claimBlockedBy && <span class="muted" data-testid="claim-blocked">{claimBlockedBy}</span>}
      </div>
      <Message kind="error">{action.error}</Message>
      {empty && !current && <Message kind="info">{t('qa.review.allClaimed')}</Message>}
      {scored && (
        <Message kind="ok">
          <span data-testid="score-saved">
            {t('qa.review.saved', { callId: scored.callId, total: scored.total, result: scored.fatal ? t('qaResult.fatal') : scored.passed ? t('qaResult.passed') : t('qaResult.defect') })}
          </span>
          <ScoreCorrectionNote score={scored} />
        </Message>
      )}
      {scored?.defect && <CorrectionTask key={scored.id} callId={scored.callId} total={scored.total} />}
      {current && (
        <>
          <Card
            title={current.claim.resumed ? t('qa.review.claimResumed') : t('qa.review.claim')}
            testId="claim-card"
            actions={
              <>
                <button type="button" onClick={() => void extend(current.claim.callId)} disabled={action.busy}>
                  {t('qa.review.extend')}
                </button>
                <button type="button" onClick={() => void release(current.claim.callId)} disabled={action.busy}>
                  {t('qa.review.release')}
                </button>
              </>
            }
          >
            <p>
              {t('qa.review.claimedAt', { at: time(current.claim.claimedAt) })}
              <span data-testid="claim-expires">{time(current.claim.expiresAt)}</span>
              {t('qa.review.extendHint')}
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
              submitLabel={t('qa.review.submit')}
              onSubmit={(body) => submit(current.claim.callId, body)}
            />
          )}
        </>
      )}
    </>
  );
}
