/**
 * The catalogue of coded errors: DIALER_ERR_<AREA>_<WHAT>, each with its HTTP status.
 * Decide on `err.code`, never on message text. Wrap with `new X(args, { cause })`.
 */
import createError from '@fastify/error';

export const Errors = {
  // Auth
  AuthRequired: createError('DIALER_ERR_AUTH_REQUIRED', 'authentication required: %s', 401),
  AuthBadCredentials: createError('DIALER_ERR_AUTH_BAD_CREDENTIALS', 'wrong username or password', 401),
  AuthForbidden: createError('DIALER_ERR_AUTH_FORBIDDEN', 'role %s may not %s', 403),
  AuthThrottled: createError('DIALER_ERR_AUTH_THROTTLED', 'too many failed sign-ins; try again in %d s', 429),
  // Users
  UserExists: createError('DIALER_ERR_USER_EXISTS', 'user %s already exists', 409),
  UserLastAdmin: createError('DIALER_ERR_USER_LAST_ADMIN', 'cannot %s the last active admin', 409),
  // Requests
  BadRequest: createError('DIALER_ERR_REQUEST_INVALID', 'invalid request: %s', 400),
  NotFound: createError('DIALER_ERR_NOT_FOUND', '%s %s not found', 404),
  Conflict: createError('DIALER_ERR_CONFLICT', '%s', 409),
  RequestTooLarge: createError('DIALER_ERR_REQUEST_TOO_LARGE', 'request too large: %s', 413),
  UnsupportedMediaType: createError('DIALER_ERR_REQUEST_UNSUPPORTED_MEDIA_TYPE', 'unsupported media type: %s', 415),
  Internal: createError('DIALER_ERR_INTERNAL', 'internal error', 500),
  // Campaigns
  CampaignNotRunnable: createError('DIALER_ERR_CAMPAIGN_NOT_RUNNABLE', 'campaign %s cannot start: %s', 409),
  // List imports and do-not-call
  ImportNotText: createError('DIALER_ERR_IMPORT_NOT_TEXT', 'not a CSV text file: %s', 415),
  ImportUnreadable: createError('DIALER_ERR_IMPORT_UNREADABLE', 'the list cannot be imported: %s', 422),
  ImportDuplicateFile: createError('DIALER_ERR_IMPORT_DUPLICATE_FILE', '%s', 409),
  ImportTooLarge: createError('DIALER_ERR_IMPORT_TOO_LARGE', 'the file is larger than the %d bytes an import accepts', 413),
  ImportNoFile: createError('DIALER_ERR_IMPORT_NO_FILE', 'no file to import: %s', 400),
  ImportRunning: createError('DIALER_ERR_IMPORT_RUNNING', 'import %s is still running', 409),
  ImportCancelled: createError('DIALER_ERR_IMPORT_CANCELLED', 'import cancelled: %s', 503),
  PhoneInvalid: createError('DIALER_ERR_PHONE_INVALID', 'phone number %s not accepted: %s', 400),
  // Agents
  AgentNotLoggedIn: createError('DIALER_ERR_AGENT_NOT_LOGGED_IN', 'agent %s is not logged in', 409),
  AgentAlreadyLoggedIn: createError('DIALER_ERR_AGENT_ALREADY_LOGGED_IN', 'agent %s is already logged in', 409),
  // Telephony
  AriUnavailable: createError('DIALER_ERR_ARI_UNAVAILABLE', 'Asterisk ARI unavailable: %s', 503),
  AriTimeout: createError('DIALER_ERR_ARI_TIMEOUT', 'ARI request %s timed out after %d ms', 504),
  AriRequestFailed: createError('DIALER_ERR_ARI_REQUEST_FAILED', 'ARI request %s failed: %s', 502),
  AriNotFound: createError('DIALER_ERR_ARI_NOT_FOUND', 'ARI request %s: %s', 404),
  // Recordings
  RecordingInvalid: createError('DIALER_ERR_RECORDING_INVALID', 'recording %s is not usable: %s', 500),
} as const;

/** The fields every catalogued error carries. */
export interface CodedError extends Error {
  code: string;
  statusCode?: number;
}

export function isCodedError(err: unknown): err is CodedError {
  return err instanceof Error && typeof (err as { code?: unknown }).code === 'string';
}

export function hasCode(err: unknown, code: string): boolean {
  return isCodedError(err) && err.code === code;
}

/** For clean-up calls to Asterisk: a channel or bridge already gone is what we wanted. */
export function ignoreAriNotFound(err: unknown): void {
  if (hasCode(err, 'DIALER_ERR_ARI_NOT_FOUND')) return;
  throw err;
}
