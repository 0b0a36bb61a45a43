/**
 * The voice: every prompt of the pack and the managers' own, per language, with its words,
 * who made it and where it is used; play one, replace one with a recording (8 kHz 16-bit mono
 * WAV, same name), delete one (refused while in use).
 */
import { useState } from 'preact/hooks';
import { del, get } from '../../shared/api.js';
import { duration } from '../../shared/format.js';
import { errorMessage, useResource } from '../../shared/hooks.js';
import { Card, Field, Message, ProgressBar } from '../../shared/ui.js';
import type { PromptUser } from '../../../campaigns/prompt-usage.js';
import type { PromptInfo } from '../types.js';
import { sendWithProgress, type SendProgress } from '../upload.js';
import { t } from '../../i18n/i18n.js';

type Lang = 'zh' | 'en';
type PromptRow = PromptInfo & { usedBy: PromptUser[] };

/** Where a prompt is used, in the user's language. */
function usedByText(u: PromptUser): string {
  if (u.kind === 'campaign') return t('prompts.usedByCampaign', { id: u.campaignId ?? '', name: u.campaignName ?? '', use: u.use ? t(`promptUse.${u.use}`) : '' });
  return u.kind === 'safe-harbour' ? t('prompts.usedBy.safe-harbour', { setting: 'SAFE_HARBOUR_MEDIA' }) : t('prompts.usedBy.dialplan');
}

export function PromptsTab() {
  const [lang, setLang] = useState<Lang>('zh');
  const [filter, setFilter] = useState('');
  const prompts = useResource(async () => (await get<{ prompts: PromptRow[] }>(`/api/prompts?lang=${lang}`)).prompts, [lang]);
  const [name, setName] = useState('');
  const [file, setFile] = useState<File | null>(null);
  const [progress, setProgress] = useState<SendProgress | null>(null);
  const [playing, setPlaying] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);

  async function submit(e: Event) {
    e.preventDefault();
    if (!file) return;
    setError(null);
    setDone(null);
    setProgress({ loaded: 0, total: file.size });
    try {
      const saved = await sendWithProgress<PromptInfo>('PUT', `/api/prompts/${encodeURIComponent(name)}?lang=${lang}`, file, { headers: { 'content-type': 'audio/wav' }, onProgress: setProgress });
      setDone(t('prompts.saved', { name: `${saved.language}/${saved.name}`, media: saved.media }));
      await prompts.reload();
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setProgress(null);
    }
  }

  async function remove(p: PromptRow) {
    setError(null);
    setDone(null);
    try {
      await del(`/api/prompts/${encodeURIComponent(p.name)}?lang=${p.language}`);
      setDone(t('prompts.deleted', { name: `${p.language}/${p.name}` }));
      await prompts.reload();
    } catch (err) {
      setError(errorMessage(err));
    }
  }

  const rows = (prompts.data ?? []).filter((p) => !filter || p.name.includes(filter) || p.text.includes(filter));
  return (
    <Card title={t('prompts.title')} testId="prompts">
      <div class="row">
        <Field label={t('prompts.language')}>
          <select name="promptLanguage" value={lang} onChange={(e) => setLang(e.currentTarget.value as Lang)}>
            <option value="zh">{t('voiceLanguage.zh')}</option>
            <option value="en">{t('voiceLanguage.en')}</option>
          </select>
        </Field>
        <Field label={t('prompts.find')} hint={t('prompts.findHint')}>
          <input name="promptFilter" value={filter} onInput={(e) => setFilter(e.currentTarget.value)} />
        </Field>
      </div>
      <Message kind="error">{prompts.error}</Message>
      <Message kind="error">{error}</Message>
      <Message kind="ok">{done}</Message>
      {playing && <audio controls autoPlay src={`/api/prompts/${encodeURIComponent(playing)}/audio?lang=${lang}`} data-testid="prompt-player" />}
      <table>
        <thead>
          <tr>
            <th>{t('prompts.name')}</th>
            <th>{t('prompts.words')}</th>
            <th>{t('prompts.madeBy')}</th>
            <th>{t('prompts.usedBy')}</th>
            <th class="num">{t('prompts.length')}</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {rows.map((p) => (
            <tr data-testid={`prompt-${p.name}`}>
              <td>
                <code>{p.media}</code>
              </td>
              <td>{p.text || <span class="muted">–</span>}</td>
              <td>{t(`promptSource.${p.source}`)}</td>
              <td>{p.usedBy.length ? p.usedBy.map((u) => <div>{usedByText(u)}</div>) : <span class="muted">–</span>}</td>
              <td class="num">{duration(p.durationMs / 1000)}</td>
              <td class="row">
                <button type="button" onClick={() => setPlaying(p.name)}>
                  {t('prompts.play')}
                </button>
                <button type="button" onClick={() => setName(p.name)}>
                  {t('prompts.replace')}
                </button>
                <button type="button" class="danger" disabled={p.usedBy.length > 0} title={p.usedBy.length ? t('prompts.inUse') : ''} onClick={() => remove(p)}>
                  {t('prompts.delete')}
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {prompts.data?.length === 0 && (
        <p class="muted">
          {t('prompts.none')} <code>npm run prompts</code>
        </p>
      )}
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
    </Card>
  );
}
