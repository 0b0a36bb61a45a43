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
import type { PromptInfo } from '../types.js';
import { sendWithProgress, type SendProgress } from '../upload.js';

type Lang = 'zh' | 'en';
type PromptRow = PromptInfo & { usedBy: Array<{ label: string }> };

const SOURCE_LABELS: Record<PromptInfo['source'], string> = { pack: 'prompt pack', synth: 'voiced from text', upload: 'recording' };

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
      setDone(`Saved ${saved.language}/${saved.name}: use ${saved.media} in a campaign.`);
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
      setDone(`Deleted ${p.language}/${p.name}.`);
      await prompts.reload();
    } catch (err) {
      setError(errorMessage(err));
    }
  }

  const rows = (prompts.data ?? []).filter((p) => !filter || p.name.includes(filter) || p.text.includes(filter));
  return (
    <Card title="Prompts" testId="prompts">
      <div class="row">
        <Field label="Language">
          <select name="promptLanguage" value={lang} onChange={(e) => setLang(e.currentTarget.value as Lang)}>
            <option value="zh">中文 (普通话)</option>
            <option value="en">English</option>
          </select>
        </Field>
        <Field label="Find" hint="name or words">
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
            <th>Name</th>
            <th>Words</th>
            <th>Made by</th>
            <th>Used by</th>
            <th class="num">Length</th>
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
              <td>{SOURCE_LABELS[p.source]}</td>
              <td>{p.usedBy.length ? p.usedBy.map((u) => <div>{u.label}</div>) : <span class="muted">–</span>}</td>
              <td class="num">{duration(p.durationMs / 1000)}</td>
              <td class="row">
                <button type="button" onClick={() => setPlaying(p.name)}>
                  Play
                </button>
                <button type="button" onClick={() => setName(p.name)}>
                  Replace…
                </button>
                <button type="button" class="danger" disabled={p.usedBy.length > 0} title={p.usedBy.length ? 'in use' : ''} onClick={() => remove(p)}>
                  Delete
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {prompts.data?.length === 0 && <p class="muted">No prompts in this language: install the prompt pack (npm run prompts) or upload one.</p>}
      <form class="row" onSubmit={submit} aria-label="Upload a prompt">
        <Field label="Prompt name" hint="an existing name replaces that prompt">
          <input name="promptName" value={name} onInput={(e) => setName(e.currentTarget.value)} required pattern="[a-z0-9][a-z0-9_\-]{0,63}" />
        </Field>
        <Field label="WAV file" hint="8000 Hz, 16-bit, mono">
          <input type="file" name="promptFile" accept=".wav,audio/wav" onChange={(e) => setFile(e.currentTarget.files?.[0] ?? null)} />
        </Field>
        <button class="primary" type="submit" disabled={!file || !name || progress !== null}>
          Upload prompt
        </button>
      </form>
      {progress && <ProgressBar value={progress.loaded} max={progress.total ?? Math.max(progress.loaded, 1)} label={`Uploading ${file?.name ?? ''}`} />}
    </Card>
  );
}
