/**
 * Recording lifecycle after the bridge recording starts: track each segment, and once the
 * call is over fetch every segment over ARI, verify it (WAV header, whole and closed file,
 * length against what Asterisk reported writing and the time it was recording: see
 * segment-verdict.ts), store it under the recordings directory with its sha256, then delete
 * it from Asterisk. A call without a verified recording is marked so, loudly (an incident,
 * not a statistic). A segment that never started (its restart failed) is no recording lost:
 * the call is judged on whether the segments that did record cover it.
 */
import { mkdir } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { and, asc, eq, inArray, isNotNull, ne } from 'drizzle-orm';
import type { Logger } from 'pino';
import type { Clock } from '../clock.js';
import type { Db } from '../db/database.js';
import { once, placeholder, RowWriter } from '../db/prepared.js';
import { calls, recordings, type RecordingState } from '../db/schema.js';
import { hasCode } from '../errors.js';
import { AriIds } from '../telephony/endpoint.js';
import type { FetchedRecording, Telephony } from '../telephony/telephony.js';
import { segmentProblem } from './segment-verdict.js';
import type { StorageHealth } from './storage-health.js';
import { parseWavHeader, WavFormatError } from './wav.js';

export interface RecordingServiceOptions {
  db: Db;
  telephony: Telephony;
  clock: Clock;
  logger: Logger;
  recordingsDir: string;
  /** A segment's WAV may exceed the time it was recording by max(minMs, ratio × time). */
  toleranceMinMs?: number;
  toleranceRatio?: number;
  /** Largest gap allowed between answer and the first segment, and between segments. */
  maxGapMs?: number;
  /** Told when a recording cannot be written (full disk…): it holds dialing until writes work. */
  storage?: StorageHealth;
}

type SegmentRow = typeof recordings.$inferSelect;

export interface CallRecordingVerdict {
  state: RecordingState;
  problem: string | null;
}

export class RecordingService {
  private readonly log: Logger;
  private readonly toleranceMinMs: number;
  private readonly toleranceRatio: number;
  private readonly maxGapMs: number;
  /** Calls being finalised, so concurrent triggers share the work. */
  private readonly inFlight = new Map<string, Promise<CallRecordingVerdict | null>>();

  /** Every call writes its segments here: queries built once (db/prepared.ts). */
  private readonly byName: RowWriter<typeof recordings, typeof recordings.ariName>;
  private readonly byId: RowWriter<typeof recordings, typeof recordings.id>;
  private readonly callRows: RowWriter<typeof calls, typeof calls.id>;
  private readonly segmentNamed = once(() => this.opts.db.select().from(recordings).where(eq(recordings.ariName, placeholder('ariName'))).prepare());
  private readonly segmentsOf = once(() =>
    this.opts.db.select().from(recordings).where(eq(recordings.callId, placeholder('callId'))).orderBy(asc(recordings.segment)).prepare(),
  );
  private readonly callById = once(() => this.opts.db.select().from(calls).where(eq(calls.id, placeholder('callId'))).prepare());

  constructor(private readonly opts: RecordingServiceOptions) {
    this.byName = new RowWriter(opts.db, recordings, recordings.ariName);
    this.byId = new RowWriter(opts.db, recordings, recordings.id);
    this.callRows = new RowWriter(opts.db, calls, calls.id);
    this.log = opts.logger.child({ module: 'recordings' });
    this.toleranceMinMs = opts.toleranceMinMs ?? 1000;
    this.toleranceRatio = opts.toleranceRatio ?? 0.1;
    this.maxGapMs = opts.maxGapMs ?? 3000;
  }

  /** Records that a segment is being started; returns the name to give Asterisk. */
  segmentRequested(callId: string, segment: number, at: number): string {
    const ariName = AriIds.recording(callId, segment);
    this.byName.insert({ callId, segment, ariName, startedAt: at, state: 'pending' });
    return ariName;
  }

  segmentStarted(ariName: string, at: number): void {
    this.byName.update(ariName, { startedAt: at });
  }

  /** RecordingFinished: `reportedDurationSec` is its `duration` (seconds Asterisk wrote), when given. */
  segmentFinished(ariName: string, at: number, reportedDurationSec: number | null = null): void {
    this.byName.update(ariName, { finishedAt: at, reportedDurationSec });
  }

  /** The segment was never recorded: its record request failed, or Asterisk reported RecordingFailed. */
  segmentFailed(ariName: string, at: number, problem: string): void {
    this.byName.update(ariName, { finishedAt: at, state: 'missing', problem, startFailed: true });
  }

  /** The call a recording name belongs to, if it is one of ours in the database. */
  segmentByName(ariName: string): SegmentRow | null {
    return this.segmentNamed().get({ ariName }) ?? null;
  }

  /**
   * Fetches, verifies and stores every pending segment of an ended call and sets the call's
   * recording state. Safe to call again (e.g. after ARI comes back): done segments are kept.
   */
  finalizeCall(callId: string): Promise<CallRecordingVerdict | null> {
    const running = this.inFlight.get(callId);
    if (running) return running;
    const p = this.doFinalize(callId).finally(() => this.inFlight.delete(callId));
    this.inFlight.set(callId, p);
    return p;
  }

  /** Ended calls whose segments are still pending (left by a crash or an ARI outage). */
  async recoverPending(): Promise<number> {
    const rows = this.opts.db
      .selectDistinct({ callId: recordings.callId })
      .from(recordings)
      .innerJoin(calls, eq(calls.id, recordings.callId))
      .where(and(eq(recordings.state, 'pending'), eq(calls.state, 'ended')))
      .all();
    for (const { callId } of rows) await this.finalizeCall(callId);
    return rows.length;
  }

  /** Counts by state for /metrics. */
  countsByState(): Record<RecordingState, number> {
    const out: Record<RecordingState, number> = { pending: 0, verified: 0, missing: 0, broken: 0 };
    const rows = this.opts.db
      .select({ state: calls.recordingState, id: calls.id })
      .from(calls)
      .where(isNotNull(calls.recordingState))
      .all();
    for (const r of rows) if (r.state) out[r.state] += 1;
    return out;
  }

  private async doFinalize(callId: string): Promise<CallRecordingVerdict | null> {
    const call = this.callById().get({ callId });
    if (!call) return null;
    const segments = this.segments(callId);
    for (const seg of segments) {
      if (seg.state === 'pending') await this.processSegment(seg);
    }
    // Unanswered calls have nothing to record.
    if (call.answeredAt === null) return null;
    const fresh = this.segments(callId);
    if (fresh.some((s) => s.state === 'pending')) return { state: 'pending', problem: 'segments not yet fetched' };
    const verdict = judgeCall(fresh, call.answeredAt, call.endedAt, this.maxGapMs);
    this.callRows.update(callId, { recordingState: verdict.state, recordingProblem: verdict.problem });
    if (verdict.state !== 'verified') {
      this.log.error({ callId, state: verdict.state, problem: verdict.problem }, 'recordings: call has no verified recording (incident)');
    }
    return verdict;
  }

  private segments(callId: string): SegmentRow[] {
    return this.segmentsOf().all({ callId });
  }

  private async processSegment(seg: SegmentRow): Promise<void> {
    const day = new Date(seg.startedAt).toISOString().slice(0, 10).split('-');
    const relPath = join(...day, `${seg.ariName}.wav`);
    const absPath = join(this.opts.recordingsDir, relPath);
    let fetched: FetchedRecording;
    try {
      // Never take a file Asterisk is still writing; its RecordingFinished will bring us back.
      if (seg.finishedAt === null && (await this.opts.telephony.isRecordingLive(seg.ariName))) return;
      await mkdir(dirname(absPath), { recursive: true });
      fetched = await this.opts.telephony.downloadStoredRecording(seg.ariName, absPath);
    } catch (err) {
      if (this.opts.storage?.failed(err, seg.callId)) {
        // Our storage, not Asterisk: the file stays on Asterisk and is fetched once writes work.
        this.log.warn({ err, callId: seg.callId, recording: seg.ariName }, 'recordings: cannot store; kept on Asterisk until storage works');
      } else if (hasCode(err, 'DIALER_ERR_ARI_NOT_FOUND')) {
        this.mark(seg, { state: 'missing', problem: 'not found on Asterisk' });
      } else {
        // Asterisk unreachable: leave it pending; recoverPending() retries after reconnect.
        this.log.warn({ err, callId: seg.callId, recording: seg.ariName }, 'recordings: fetch failed; will retry');
      }
      return;
    }
    const { bytes, sha256, head } = fetched;
    let state: RecordingState = 'verified';
    let problem: string | null = null;
    let durationMs: number | null = null;
    try {
      const info = parseWavHeader(head, bytes);
      durationMs = info.durationMs;
      problem = segmentProblem(
        {
          wavMs: info.durationMs,
          recordingMs: seg.finishedAt !== null ? Math.max(0, seg.finishedAt - seg.startedAt) : null,
          reportedSec: seg.reportedDurationSec,
        },
        { minMs: this.toleranceMinMs, ratio: this.toleranceRatio },
      );
      if (problem) state = 'broken';
    } catch (err) {
      if (!(err instanceof WavFormatError)) throw err;
      state = 'broken';
      problem = err.message;
    }
    this.mark(seg, { state, problem, path: relPath, bytes, sha256, durationMs, storedAt: this.opts.clock.now() });
    // Our copy is on disk (even a broken one, for inspection): Asterisk's can go.
    await this.opts.telephony.deleteStoredRecording(seg.ariName).catch((err: unknown) => {
      if (!hasCode(err, 'DIALER_ERR_ARI_NOT_FOUND')) this.log.warn({ err, recording: seg.ariName }, 'recordings: delete on Asterisk failed');
    });
  }

  private mark(seg: SegmentRow, patch: Partial<SegmentRow>): void {
    this.byId.update(seg.id, patch);
    if (patch.state && patch.state !== 'verified') {
      this.log.error({ callId: seg.callId, recording: seg.ariName, state: patch.state, problem: patch.problem }, 'recordings: segment not verified');
    }
  }

  /** Stored recordings on Asterisk that belong to no known segment (for the operator). */
  async unknownOnAsterisk(): Promise<string[]> {
    const stored = await this.opts.telephony.listStoredRecordings();
    const ours = stored.map((r) => r.name).filter((n) => n.startsWith('rec-'));
    if (!ours.length) return [];
    const known = new Set(
      this.opts.db
        .select({ n: recordings.ariName })
        .from(recordings)
        .where(and(inArray(recordings.ariName, ours), ne(recordings.state, 'pending')))
        .all()
        .map((r) => r.n),
    );
    return ours.filter((n) => !known.has(n));
  }
}

/**
 * The call-level verdict from its segments: all recorded segments verified and, together,
 * covering the call. Segments that never started are not lost audio; the coverage check
 * decides whether the call went on unrecorded after one failed to start.
 */
export function judgeCall(all: SegmentRow[], answeredAt: number, endedAt: number | null, maxGapMs: number): CallRecordingVerdict {
  if (all.length === 0) return { state: 'missing', problem: 'no recording was started (the call ended before the bridge could be recorded)' };
  const segments = all.filter((s) => !s.startFailed);
  if (segments.length === 0) return { state: 'missing', problem: `no segment could be recorded: ${all[0]?.problem ?? ''}` };
  const missing = segments.filter((s) => s.state === 'missing');
  if (missing.length) return { state: 'missing', problem: `segment ${missing.map((s) => s.segment).join(', ')} missing: ${missing[0]?.problem ?? ''}` };
  const broken = segments.filter((s) => s.state === 'broken');
  if (broken.length) return { state: 'broken', problem: `segment ${broken.map((s) => s.segment).join(', ')} broken: ${broken[0]?.problem ?? ''}` };
  const first = segments[0];
  if (first && first.startedAt - answeredAt > maxGapMs) {
    return { state: 'broken', problem: `recording started ${first.startedAt - answeredAt} ms after answer` };
  }
  for (let i = 1; i < segments.length; i++) {
    const prev = segments[i - 1];
    const cur = segments[i];
    if (!prev || !cur) continue;
    const gap = cur.startedAt - (prev.finishedAt ?? cur.startedAt);
    if (gap > maxGapMs) return { state: 'broken', problem: `gap of ${gap} ms between segments ${prev.segment} and ${cur.segment}` };
  }
  const last = segments[segments.length - 1];
  if (last && endedAt !== null && last.finishedAt !== null && endedAt - last.finishedAt > maxGapMs) {
    return { state: 'broken', problem: `recording stopped ${endedAt - last.finishedAt} ms before the call ended` };
  }
  return { state: 'verified', problem: null };
}
