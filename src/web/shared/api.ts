/**
 * The consoles' one way to the service's API: same-origin fetch with the session cookie
 * (httpOnly, SameSite=Strict, set by POST /api/auth/login), JSON in and out, and errors
 * carrying the service's code, message values and refused fields, which the page words in
 * its user's language (src/web/i18n/error-text.ts).
 */
import type { Locale } from '../i18n/i18n.js';

/** A refused or failed API call: the HTTP status and the service's error code and message. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    /** The values in the service's message, in its template's order. */
    readonly params: string[] = [],
    /** A refused body's fields and their problems (zod issue codes). */
    readonly fields: Array<{ field: string; problem: string }> = [],
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

const PASSWORD_CHECKS = ['/api/auth/login', '/api/auth/password'];

type Body = BodyInit | Record<string, unknown> | unknown[] | null | undefined;

function isRawBody(body: Body): body is BodyInit {
  return typeof body === 'string' || body instanceof FormData || body instanceof Blob || body instanceof ArrayBuffer || body instanceof URLSearchParams;
}

/** Calls the API; resolves with the parsed JSON (or null for an empty answer), throws {@link ApiError}. */
export async function api<T = unknown>(method: string, path: string, body?: Body, init: RequestInit = {}): Promise<T> {
  const headers = new Headers(init.headers);
  let payload: BodyInit | undefined;
  if (body !== undefined && body !== null) {
    if (isRawBody(body)) payload = body;
    else {
      headers.set('content-type', 'application/json');
      payload = JSON.stringify(body);
    }
  }
  let res: Response;
  try {
    res = await fetch(path, { ...init, method, headers, body: payload, credentials: 'same-origin' });
  } catch {
    throw new ApiError(0, 'NETWORK', 'The service cannot be reached. Check the connection and try again.');
  }
  // The session ended (expired, signed out elsewhere): back to sign-in, then here again.
  // Not for the calls that check a password, whose 401 is the answer the page shows.
  if (res.status === 401 && !PASSWORD_CHECKS.some((p) => path.startsWith(p))) goToSignIn();
  const text = await res.text();
  let data: unknown = null;
  if (text) {
    try {
      data = JSON.parse(text);
    } catch {
      data = text;
    }
  }
  if (!res.ok) {
    const err = (data ?? {}) as { error?: string; message?: string; params?: string[]; fields?: Array<{ field: string; problem: string }> };
    throw new ApiError(res.status, err.error ?? `HTTP_${res.status}`, err.message ?? (typeof data === 'string' && data ? data : res.statusText), err.params ?? [], err.fields ?? []);
  }
  return data as T;
}

export const get = <T>(path: string) => api<T>('GET', path);
export const post = <T>(path: string, body?: Body) => api<T>('POST', path, body ?? {});
export const patch = <T>(path: string, body: Body) => api<T>('PATCH', path, body);
export const put = <T>(path: string, body: Body, init?: RequestInit) => api<T>('PUT', path, body, init);
export const del = <T>(path: string) => api<T>('DELETE', path);

/** Query string from an object, leaving out undefined and empty values. */
export function query(params: Record<string, string | number | boolean | undefined | null>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null && v !== '') q.set(k, String(v));
  const s = q.toString();
  return s ? `?${s}` : '';
}

/** Sends the browser to sign in, and back to this page afterwards. */
export function goToSignIn(): void {
  location.assign(`/login?next=${encodeURIComponent(location.pathname + location.search)}`);
}

/** The signed-in user (GET /api/auth/me). */
export interface Me {
  id: number;
  username: string;
  role: 'agent' | 'qa' | 'manager' | 'admin';
  displayName: string;
  locale: Locale;
}

/** The signed-in user and what the consoles need to know of the centre. */
export interface Session {
  user: Me;
  centre: { timeZone: string };
}

export async function fetchSession(): Promise<Session> {
  return get<Session>('/api/auth/me');
}

export async function fetchMe(): Promise<Me> {
  return (await fetchSession()).user;
}

/** Saves the user's language on their account. */
export async function saveLocale(locale: Locale): Promise<void> {
  await put('/api/auth/me/locale', { locale });
}

export async function signOut(): Promise<void> {
  await post('/api/auth/logout').catch(() => undefined);
  location.assign('/login');
}
