/**
 * Sends a file to the API with XMLHttpRequest, which (unlike fetch) reports the upload's own
 * progress. Answers and errors are read as api.ts reads them, so the page shows the
 * service's message.
 */
import { ApiError } from '../shared/api.js';

/** Bytes sent so far of the request body. */
export interface SendProgress {
  loaded: number;
  /** null while the browser does not know the size. */
  total: number | null;
}

/** Sends `body` (a form or raw bytes) and resolves with the parsed JSON answer; throws {@link ApiError}. */
export function sendWithProgress<T>(
  method: 'POST' | 'PUT',
  url: string,
  body: FormData | Blob,
  opts: { headers?: Record<string, string>; onProgress?: (p: SendProgress) => void } = {},
): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open(method, url);
    xhr.withCredentials = true;
    for (const [k, v] of Object.entries(opts.headers ?? {})) xhr.setRequestHeader(k, v);
    xhr.upload.onprogress = (e) => opts.onProgress?.({ loaded: e.loaded, total: e.lengthComputable ? e.total : null });
    xhr.onerror = () => reject(new ApiError(0, 'NETWORK', 'The upload did not reach the service.'));
    xhr.onabort = () => reject(new ApiError(0, 'ABORTED', 'The upload was stopped.'));
    xhr.onload = () => {
      let data: unknown = null;
      try {
        data = xhr.responseText ? JSON.parse(xhr.responseText) : null;
      } catch {
        data = xhr.responseText;
      }
      if (xhr.status === 401) location.assign(`/login?next=${encodeURIComponent(location.pathname + location.search)}`);
      if (xhr.status >= 200 && xhr.status < 300) {
        resolve(data as T);
        return;
      }
      const err = (typeof data === 'object' && data !== null ? data : {}) as { error?: string; message?: string; params?: string[]; fields?: Array<{ field: string; problem: string }> };
      const text = typeof data === 'string' && data ? data : xhr.statusText || `HTTP ${xhr.status}`;
      reject(new ApiError(xhr.status, err.error ?? `HTTP_${xhr.status}`, err.message ?? text, err.params ?? [], err.fields ?? []));
    };
    xhr.send(body);
  });
}
