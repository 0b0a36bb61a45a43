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
  // Agents
  AgentNotLoggedIn: createError('DIALER_ERR_AGENT_NOT_LOGGED_IN', 'agent %s is not logged in', 409),
  AgentAlreadyLoggedIn: createError('DIALER_ERR_AGENT_ALREADY_LOGGED_IN', 'agent %s is already logged in', 409),
  AgentPauseCodeUnknown: createError('DIALER_ERR_AGENT_PAUSE_CODE_UNKNOWN', 'pause code %s is not an active pause code', 400),
  AgentPauseCodeExists: createError('DIALER_ERR_AGENT_PAUSE_CODE_EXISTS', 'pause code %s already exists', 409),
  // Reports
  ReportPeriodInvalid: createError('DIALER_ERR_REPORT_PERIOD_INVALID', 'invalid report period: %s', 400),
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
