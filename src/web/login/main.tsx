/** Sign-in page: username and password; then on to the page asked for, or the console of the role. */
import { render } from 'preact';
import { useState } from 'preact/hooks';
import { post, type Me } from '../shared/api.js';
import { consolesOf, homeOf } from '../console-access.js';
import { t } from '../i18n/i18n.js';
import { errorMessage } from '../shared/hooks.js';
import { applyRememberedLocale, LanguageSwitch } from '../shared/language.js';
import { Message } from '../shared/ui.js';

/** Where to go after sign-in: `next` when it is a page of this site the role may open, else the role's console. */
export function landingPage(role: Me['role'], next: string | null): string {
  const allowed = consolesOf(role).map((c) => c.href);
  if (next && next.startsWith('/') && !next.startsWith('//') && allowed.some((href) => next.startsWith(href))) return next;
  return homeOf(role);
}

function Login() {
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const params = new URLSearchParams(location.search);

  async function submit(e: Event) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const { user } = await post<{ user: Me }>('/api/auth/login', { username, password, cookieOnly: true });
      location.assign(landingPage(user.role, params.get('next')));
    } catch (err) {
      setError(errorMessage(err));
      setBusy(false);
    }
  }

  return (
    <main class="login-box card">
      <div class="row">
        <h1>{t('login.title')}</h1>
        <span class="spacer" />
        <LanguageSwitch signedIn={false} />
      </div>
      <form onSubmit={submit}>
        <label class="field">
          <span class="field-label">{t('login.username')}</span>
          <input name="username" autocomplete="username" value={username} onInput={(e) => setUsername(e.currentTarget.value)} required />
        </label>
        <label class="field">
          <span class="field-label">{t('login.password')}</span>
          <input name="password" type="password" autocomplete="current-password" value={password} onInput={(e) => setPassword(e.currentTarget.value)} required />
        </label>
        <Message kind="error">{error}</Message>
        <button class="primary" type="submit" disabled={busy}>
          {busy ? t('login.busy') : t('login.submit')}
        </button>
      </form>
    </main>
  );
}

applyRememberedLocale();
document.title = `${t('consoleTitle.login')} · ${t('common.brand')}`;
render(<Login />, document.getElementById('app')!);
