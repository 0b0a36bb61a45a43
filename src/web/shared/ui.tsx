/**
 * The consoles' shared pieces: the page shell (header, the sections this role may open,
 * sign-out), and small components (progress bar, messages, tables, fields, tabs).
 */
import type { ComponentChildren } from 'preact';
import { DateTime } from 'luxon';
import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { consolesOf } from '../console-access.js';
import { t, tDynamic, type MsgKey } from '../i18n/i18n.js';
import { fetchSession, signOut, type Me } from './api.js';
import { setCentreTimeZone } from './format.js';
import { errorMessage } from './hooks.js';
import { applyLocale, applyRememberedLocale, LanguageSwitch } from './language.js';

/** Mounts a console: loads the signed-in user (their language, the centre's zone), then renders `app(me)` inside the shell. */
export function mountConsole(title: MsgKey, app: (me: Me) => ComponentChildren): void {
  const root = document.getElementById('app');
  if (!root) throw new Error('no #app element');
  applyRememberedLocale();
  render(<Boot title={title} app={app} />, root);
}

function Boot({ title, app }: { title: MsgKey; app: (me: Me) => ComponentChildren }) {
  const [me, setMe] = useState<Me | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    fetchSession().then(
      ({ user, centre }) => {
        applyLocale(user.locale);
        setCentreTimeZone(centre.timeZone);
        document.title = `${tDynamic(title)} · ${t('common.brand')}`;
        setMe(user);
      },
      (err: unknown) => setError(errorMessage(err)),
    );
  }, []);
  if (error) return <Message kind="error">{error}</Message>;
  if (!me) return <p class="muted pad">{t('common.loading')}</p>;
  return (
    <Shell title={tDynamic(title)} me={me}>
      {app(me)}
    </Shell>
  );
}

export function Shell({ title, me, children }: { title: string; me: Me; children: ComponentChildren }) {
  const here = location.pathname;
  return (
    <>
      <header class="topbar">
        <strong class="brand">{t('common.brand')}</strong>
        <span class="console-title">{title}</span>
        <nav class="consoles" aria-label={t('common.brand')}>
          {consolesOf(me.role).map((c) => (
            <a href={c.href} class={here.startsWith(c.href) ? 'active' : ''}>
              {t(`console.${c.console}`)}
            </a>
          ))}
        </nav>
        <span class="who" data-testid="signed-in-as">
          {me.displayName || me.username} · {t(`role.${me.role}`)}
        </span>
        <LanguageSwitch signedIn />
        <button type="button" class="link" onClick={() => void signOut()}>
          {t('common.signOut')}
        </button>
      </header>
      <main class="content">{children}</main>
    </>
  );
}

/** A message box; `role=alert` for errors so screen readers (and tests) find them. */
export function Message({ kind = 'info', children }: { kind?: 'info' | 'error' | 'ok' | 'warn'; children: ComponentChildren }) {
  if (children === null || children === undefined || children === false || children === '') return null;
  return (
    <div class={`msg msg-${kind}`} role={kind === 'error' ? 'alert' : 'status'}>
      {children}
    </div>
  );
}

/** A labelled progress bar: value of max, with the figure written out. */
export function ProgressBar({ value, max, label, testId }: { value: number; max: number; label: string; testId?: string }) {
  const ratio = max > 0 ? Math.min(1, value / max) : 0;
  return (
    <div class="progress" data-testid={testId}>
      <div class="progress-label">{label}</div>
      <div class="progress-track" role="progressbar" aria-valuemin={0} aria-valuemax={max} aria-valuenow={Math.min(value, max)} aria-label={label}>
        <div class={`progress-fill${ratio >= 1 ? ' done' : ''}`} style={{ width: `${(ratio * 100).toFixed(1)}%` }} />
      </div>
    </div>
  );
}

/** Tabs as links on the URL hash, so a section can be linked to and reloads stay put. */
export function useHashTab<T extends string>(tabs: readonly T[], fallback: T): T {
  const read = () => {
    const h = location.hash.replace(/^#\/?/, '').split('/')[0] as T;
    return tabs.includes(h) ? h : fallback;
  };
  const [tab, setTab] = useState<T>(read);
  useEffect(() => {
    const on = () => setTab(read());
    addEventListener('hashchange', on);
    return () => removeEventListener('hashchange', on);
  }, []);
  return tab;
}

export function TabBar<T extends string>({ tabs, current, labels }: { tabs: readonly T[]; current: T; labels: Record<T, string> }) {
  return (
    <nav class="tabs" role="tablist">
      {tabs.map((t) => (
        <a role="tab" href={`#${t}`} aria-selected={t === current} class={t === current ? 'active' : ''}>
          {labels[t]}
        </a>
      ))}
    </nav>
  );
}

/** A card with a heading. */
export function Card({ title, children, actions, testId }: { title: ComponentChildren; children: ComponentChildren; actions?: ComponentChildren; testId?: string }) {
  return (
    <section class="card" data-testid={testId}>
      <div class="card-head">
        <h2>{title}</h2>
        {actions && <div class="card-actions">{actions}</div>}
      </div>
      {children}
    </section>
  );
}

/** A form field with its label. */
export function Field({ label, children, hint }: { label: string; children: ComponentChildren; hint?: string }) {
  return (
    <label class="field">
      <span class="field-label">{label}</span>
      {children}
      {hint && <span class="field-hint">{hint}</span>}
    </label>
  );
}

/** A key figure: big number, small label. */
export function Stat({ label, value, warn, testId }: { label: string; value: ComponentChildren; warn?: boolean; testId?: string }) {
  return (
    <div class={`stat${warn ? ' warn' : ''}`} data-testid={testId}>
      <div class="stat-value">{value}</div>
      <div class="stat-label">{label}</div>
    </div>
  );
}

/** A table's header row from (translated) column names; names starting with '#' are numeric (right-aligned), e.g. `#${t('qa.col.scored')}`. */
export function TableHead({ columns }: { columns: string[] }) {
  return (
    <thead>
      <tr>
        {columns.map((c) => (c.startsWith('#') ? <th class="num">{c.slice(1)}</th> : <th>{c}</th>))}
      </tr>
    </thead>
  );
}

/**
 * A day typed as 2026-12-07, the consoles' one way to write a day (a native date picker would
 * write it the browser's way, e.g. 12/07/2026). `onDay` gets a whole valid day, or '' when cleared.
 */
export function DayInput({ value, onDay, name, label }: { value: string; onDay: (day: string) => void; name?: string; label?: string }) {
  const [text, setText] = useState(value);
  useEffect(() => setText(value), [value]);
  return (
    <input
      type="text"
      inputMode="numeric"
      class="day-input"
      name={name}
      aria-label={label}
      maxLength={10}
      pattern="\d{4}-\d{2}-\d{2}"
      placeholder={t('common.dayExample')}
      value={text}
      onInput={(e) => {
        const v = e.currentTarget.value.trim();
        setText(v);
        if (v === '' || (/^\d{4}-\d{2}-\d{2}$/.test(v) && DateTime.fromISO(v).isValid)) onDay(v);
      }}
    />
  );
}
