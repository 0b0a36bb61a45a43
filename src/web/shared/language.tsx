/**
 * The page's language: the signed-in user's choice (saved on their account), remembered in
 * this browser so the sign-in page and the first "loading" speak it too; Chinese until told.
 */
import { isLocale, LOCALES, locale, setLocale, t, type Locale } from '../i18n/i18n.js';
import { saveLocale } from './api.js';

const STORED = 'dialer.locale';

function remember(lang: Locale): void {
  try {
    localStorage.setItem(STORED, lang);
  } catch {
    // Storage refused (private mode): the account still holds the choice.
  }
}

/** Applies a language to the page: messages, the document's `lang`, the browser's memory. */
export function applyLocale(lang: Locale): void {
  setLocale(lang);
  document.documentElement.lang = lang;
  remember(lang);
}

/** Before anyone is signed in: `?lang=` on the address, else this browser's last language, else Chinese. */
export function applyRememberedLocale(): void {
  const asked = new URLSearchParams(location.search).get('lang');
  let stored: string | null = null;
  try {
    stored = localStorage.getItem(STORED);
  } catch {
    stored = null;
  }
  applyLocale(isLocale(asked) ? asked : isLocale(stored) ? stored : 'zh-CN');
}

/**
 * The language switch: each language named in itself. Signed in, the choice is saved on the
 * account first; the page then reloads in it.
 */
export function LanguageSwitch({ signedIn }: { signedIn: boolean }) {
  async function choose(lang: Locale) {
    if (lang === locale()) return;
    if (signedIn) await saveLocale(lang);
    remember(lang);
    const url = new URL(location.href);
    url.searchParams.delete('lang');
    location.assign(url.toString());
  }
  return (
    <label class="language" data-testid="language-switch">
      <span class="sr-only">{t('lang.switchTo')}</span>
      <select aria-label={t('lang.switchTo')} value={locale()} onChange={(e) => void choose(e.currentTarget.value as Locale)}>
        {LOCALES.map((l) => (
          <option value={l}>{t(`lang.${l}`)}</option>
        ))}
      </select>
    </label>
  );
}
