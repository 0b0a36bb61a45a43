/**
 * Uploads a number list (campaign contacts or do-not-call numbers — one component for both):
 * the file's own upload progress (XMLHttpRequest), then the import's progress polled from
 * GET /api/imports/:id (rows read, accepted, rejected) until it ends, then its summary and
 * rejects report. A refused upload (not text, no phone column, the same file again) shows
 * the service's message.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { get } from '../../shared/api.js';
import { errorMessage } from '../../shared/hooks.js';
import { Field, Message, ProgressBar } from '../../shared/ui.js';
import type { ImportView } from '../types.js';
import { sendWithProgress } from '../upload.js';
import { ImportSummary } from './import-summary.js';
import { RejectsReport } from './rejects-report.js';
import { t } from '../../i18n/i18n.js';

type Phase =
  | { kind: 'idle' }
  | { kind: 'uploading'; fileName: string; loaded: number; total: number | null }
  | { kind: 'importing'; view: ImportView }
  | { kind: 'done'; view: ImportView }
  | { kind: 'refused'; message: string };

/** How often the import's progress is read while it runs. */
const POLL_MS = 400;

const DELIMITERS = [
  [',', 'comma'],
  [';', 'semicolon'],
  ['tab', 'tab'],
  ['|', 'bar'],
] as const;

const kb = (n: number) => `${(n / 1024).toFixed(n < 10_240 ? 1 : 0)} KB`;

export function ListUpload({
  url,
  fields = {},
  unavailable,
  onEnded,
  testId = 'list-upload',
}: {
  /** Where the multipart form is posted. */
  url: string;
  /** Options sent before the file (e.g. the do-not-call list's campaignId). */
  fields?: Record<string, string>;
  /** Why nothing can be uploaded now (e.g. no campaign chosen); null when it can. */
  unavailable?: string | null;
  /** The import has ended (completed or failed), or was refused. */
  onEnded?: (view: ImportView | null) => void;
  testId?: string;
}) {
  const [file, setFile] = useState<File | null>(null);
  const [phoneColumn, setPhoneColumn] = useState('');
  const [delimiter, setDelimiter] = useState(',');
  const [phase, setPhase] = useState<Phase>({ kind: 'idle' });
  const ended = useRef(onEnded);
  ended.current = onEnded;

  // While the import runs, read its progress until it ends.
  const importingId = phase.kind === 'importing' ? phase.view.id : null;
  useEffect(() => {
    if (importingId === null) return;
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const poll = async () => {
      try {
        const view = await get<ImportView>(`/api/imports/${importingId}`);
        if (stopped) return;
        if (view.status === 'running') {
          setPhase({ kind: 'importing', view });
          timer = setTimeout(() => void poll(), POLL_MS);
        } else {
          setPhase({ kind: 'done', view });
          ended.current?.(view);
        }
      } catch (err) {
        if (!stopped) setPhase({ kind: 'refused', message: t('upload.progressUnreadable', { reason: errorMessage(err) }) });
      }
    };
    timer = setTimeout(() => void poll(), POLL_MS);
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, [importingId]);

  const busy = phase.kind === 'uploading' || phase.kind === 'importing';

  /** A new file: the last upload's result gives way to it. */
  function choose(f: File | null) {
    setFile(f);
    if (!busy) setPhase({ kind: 'idle' });
  }

  async function submit(e: Event) {
    e.preventDefault();
    if (!file) return;
    // Options go before the file part: the service reads them first (list-routes.ts).
    const form = new FormData();
    for (const [k, v] of Object.entries(fields)) form.append(k, v);
    if (phoneColumn.trim()) form.append('phoneColumn', phoneColumn.trim());
    if (delimiter !== ',') form.append('delimiter', delimiter);
    form.append('file', file, file.name);
    setPhase({ kind: 'uploading', fileName: file.name, loaded: 0, total: file.size });
    try {
      const view = await sendWithProgress<ImportView>('POST', url, form, {
        onProgress: (p) => setPhase({ kind: 'uploading', fileName: file.name, loaded: p.loaded, total: p.total }),
      });
      if (view.status === 'running') setPhase({ kind: 'importing', view });
      else {
        setPhase({ kind: 'done', view });
        ended.current?.(view);
      }
    } catch (err) {
      setPhase({ kind: 'refused', message: errorMessage(err) });
      ended.current?.(null);
    }
  }

  return (
    <div class="list-upload" data-testid={testId}>
      <form class="row upload-form" onSubmit={submit} aria-label={t('upload.title')}>
        <Field label={t('upload.file')} hint={t('upload.fileHint')}>
          <input type="file" name="file" accept=".csv,.txt,text/csv,text/plain" disabled={busy || !!unavailable} onChange={(e) => choose(e.currentTarget.files?.[0] ?? null)} />
        </Field>
        <Field label={t('upload.phoneColumn')} hint={t('upload.phoneColumnHint')}>
          <input name="phoneColumn" value={phoneColumn} disabled={busy} onInput={(e) => setPhoneColumn(e.currentTarget.value)} />
        </Field>
        <Field label={t('upload.separator')}>
          <select name="delimiter" value={delimiter} disabled={busy} onChange={(e) => setDelimiter(e.currentTarget.value)}>
            {DELIMITERS.map(([v, name]) => (
              <option value={v}>{t(`upload.delimiter.${name}`)}</option>
            ))}
          </select>
        </Field>
        <button class="primary" type="submit" disabled={busy || !file || !!unavailable}>
          {t('upload.submit')}
        </button>
      </form>
      {unavailable && <p class="muted">{unavailable}</p>}

      {phase.kind === 'uploading' && (
        <ProgressBar
          testId="upload-progress"
          value={phase.loaded}
          max={phase.total ?? Math.max(phase.loaded, 1)}
          label={phase.total !== null ? t('upload.uploadingOf', { file: phase.fileName, loaded: kb(phase.loaded), total: kb(phase.total) }) : t('upload.uploading', { file: phase.fileName, loaded: kb(phase.loaded) })}
        />
      )}
      {(phase.kind === 'importing' || phase.kind === 'done') && (
        <ProgressBar
          testId="import-progress"
          value={phase.view.status === 'completed' ? 100 : (phase.view.percent ?? 0)}
          max={100}
          label={
            phase.kind === 'done'
              ? t('upload.done', { id: String(phase.view.id), status: t(`importStatus.${phase.view.status}`), rows: phase.view.rows, accepted: phase.view.accepted, rejected: phase.view.rejected })
              : `${t('upload.importing', { id: String(phase.view.id), rows: phase.view.rows, accepted: phase.view.accepted, rejected: phase.view.rejected })}${phase.view.percent !== null ? ` (${phase.view.percent}%)` : ''}`
          }
        />
      )}
      {phase.kind === 'refused' && <Message kind="error">{phase.message}</Message>}
      {phase.kind === 'done' && (
        <>
          <ImportSummary view={phase.view} />
          {phase.view.rejected > 0 && <RejectsReport key={phase.view.id} importId={phase.view.id} />}
        </>
      )}
    </div>
  );
}
