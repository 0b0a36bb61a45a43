/**
 * Prompts: the recorded openings and closings a campaign plays (8 kHz 16-bit mono WAV),
 * listed with the media URI to put in a campaign, and uploaded with the upload's progress.
 */
import { useState } from 'preact/hooks';
import { get } from '../../shared/api.js';
import { duration } from '../../shared/format.js';
import { errorMessage, useResource } from '../../shared/hooks.js';
import { Card, Field, Message, ProgressBar } from '../../shared/ui.js';
import type { PromptInfo } from '../types.js';
import { sendWithProgress, type SendProgress } from '../upload.js';
import { t } from '../../i18n/i18n.js';

export function PromptsTab() {
  const prompts = useResource(async () => (await get<{ prompts: PromptInfo[] }>('/api/prompts')).prompts);
  const [name, setName] = useState('');
  const [file, setFile] = useState<File | null>(null);
  const [progress, setProgress] = useState<SendProgress | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);

  async function submit(e: Event) {
    e.preventDefault();
    if (!file) return;
    setError(null);
    setDone(null);
    setProgress({ loaded: 0, total: file.size });
    try {
      const saved = await sendWithProgress<PromptInfo>('PUT', `/api/prompts/${encodeURIComponent(name)}`, file, { headers: { 'content-type': 'audio/wav' }, onProgress: setProgress });
      setDone(t('prompts.saved', { name: saved.name, media: saved.media }));
      await prompts.reload();
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setProgress(null);
    }
  }

  return (
    <Card title={t('prompts.title')} testId="prompts">
      <Message kind="error">{prompts.error}</Message>
      <table>
        <thead>
          <tr>
            <th>{t('prompts.name')}</th>
            <th>{t('prompts.media')}</th>
            <th class="num">{t('prompts.length')}</th>
            <th class="num">{t('prompts.size')}</th>
          </tr>
        </thead>
        <tbody>
          {(prompts.data ?? []).map((p) => (
            <tr>
              <td>{p.name}</td>
              <td>
                <code>{p.media}</code>
              </td>
              <td class="num">{duration(p.durationMs / 1000)}</td>
              <td class="num">{(p.bytes / 1024).toFixed(0)} KB</td>
            </tr>
          ))}
        </tbody>
      </table>
      {prompts.data?.length === 0 && <p class="muted">{t('prompts.none')}</p>}
      <form class="row" onSubmit={submit} aria-label={t('prompts.upload')}>
        <Field label={t('prompts.promptName')} hint={t('prompts.nameHint')}>
          <input name="promptName" value={name} onInput={(e) => setName(e.currentTarget.value)} required pattern="[a-z0-9][a-z0-9_\-]{0,63}" />
        </Field>
        <Field label={t('prompts.file')} hint={t('prompts.fileHint')}>
          <input type="file" name="promptFile" accept=".wav,audio/wav" onChange={(e) => setFile(e.currentTarget.files?.[0] ?? null)} />
        </Field>
        <button class="primary" type="submit" disabled={!file || !name || progress !== null}>
          {t('prompts.submit')}
        </button>
      </form>
      {progress && <ProgressBar value={progress.loaded} max={progress.total ?? Math.max(progress.loaded, 1)} label={t('prompts.uploading', { file: file?.name ?? '' })} />}
      <Message kind="error">{error}</Message>
      <Message kind="ok">{done}</Message>
    </Card>
  );
}
