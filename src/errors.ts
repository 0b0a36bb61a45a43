/**
 * The catalogue of coded errors: DIALER_ERR_<AREA>_<WHAT>, each with its HTTP status.
 * Decide on `err.code`, never on message text. Wrap with `new X(args, { cause })`.
 */
import createError from '@fastify/error';

/**
 * `createError`, whose errors also keep the values filled into their message (`params`,
 * as strings, without a trailing `{ cause }`): the API sends them beside the code so the
 * consoles can word the error in the user's language. A Proxy, so `instanceof` still works.
 */
function coded(code: string, message: string, statusCode: number): ReturnType<typeof createError> {
  return new Proxy(createError(code, message, statusCode), {
    construct(target, args: unknown[]) {
      const err = Reflect.construct(target, args) as CodedError;
      const last = args.at(-1);
      const values = last !== null && typeof last === 'object' && 'cause' in last ? args.slice(0, -1) : args;
      err.params = values.map(String);
      return err;
    },
  });
}

export const Errors = {
  // Auth
  AuthRequired: coded('DIALER_ERR_AUTH_REQUIRED', 'authentication required: %s', 401),
  AuthBadCredentials: coded('DIALER_ERR_AUTH_BAD_CREDENTIALS', 'wrong username or password', 401),
  AuthForbidden: coded('DIALER_ERR_AUTH_FORBIDDEN', 'role %s may not %s', 403),
  AuthThrottled: coded('DIALER_ERR_AUTH_THROTTLED', 'too many failed sign-ins; try again in %d s', 429),
  // Users
  UserExists: coded('DIALER_ERR_USER_EXISTS', 'user %s already exists', 409),
  UserLastAdmin: coded('DIALER_ERR_USER_LAST_ADMIN', 'cannot %s the last active admin', 409),
  // Requests
  BadRequest: coded('DIALER_ERR_REQUEST_INVALID', 'invalid request: %s', 400),
  NotFound: coded('DIALER_ERR_NOT_FOUND', '%s %s not found', 404),
  Conflict: coded('DIALER_ERR_CONFLICT', '%s', 409),
  RequestTooLarge: coded('DIALER_ERR_REQUEST_TOO_LARGE', 'request too large: %s', 413),
  UnsupportedMediaType: coded('DIALER_ERR_REQUEST_UNSUPPORTED_MEDIA_TYPE', 'unsupported media type: %s', 415),
  Internal: coded('DIALER_ERR_INTERNAL', 'internal error', 500),
  // Campaigns
  CampaignNotRunnable: coded('DIALER_ERR_CAMPAIGN_NOT_RUNNABLE', 'campaign %s cannot start: %s', 409),
  // List imports and do-not-call
  ImportNotText: coded('DIALER_ERR_IMPORT_NOT_TEXT', 'not a CSV text file: %s', 415),
  ImportUnreadable: coded('DIALER_ERR_IMPORT_UNREADABLE', 'the list cannot be imported: %s', 422),
  ImportDuplicateFile: coded('DIALER_ERR_IMPORT_DUPLICATE_FILE', '%s', 409),
  ImportTooLarge: coded('DIALER_ERR_IMPORT_TOO_LARGE', 'the file is larger than the %d bytes an import accepts', 413),
  ImportNoFile: coded('DIALER_ERR_IMPORT_NO_FILE', 'no file to import: %s', 400),
  ImportBadForm: coded('DIALER_ERR_IMPORT_BAD_FORM', 'the upload form is not as expected: %s', 400),
  ImportRunning: coded('DIALER_ERR_IMPORT_RUNNING', 'import %s is still running', 409),
  ImportCancelled: coded('DIALER_ERR_IMPORT_CANCELLED', 'import cancelled: %s', 503),
  PhoneInvalid: coded('DIALER_ERR_PHONE_INVALID', 'phone number %s not accepted: %s', 400),
  CampaignInvalid: coded('DIALER_ERR_CAMPAIGN_INVALID', 'campaign settings invalid: %s', 400),
  CampaignBadTransition: coded('DIALER_ERR_CAMPAIGN_BAD_TRANSITION', 'campaign %s cannot %s: %s', 409),
  CampaignCallbacksOpen: coded(
    'DIALER_ERR_CAMPAIGN_CALLBACKS_OPEN',
    'campaign %s has %d scheduled callbacks: say what to do with them before you %s it (callbacks: "cancel", or "move" with toCampaignId)',
    409,
  ),
  PromptInUse: coded('DIALER_ERR_PROMPT_IN_USE', 'prompt %s is in use: %s', 409),
  CampaignNotEditable: coded('DIALER_ERR_CAMPAIGN_NOT_EDITABLE', 'campaign %s cannot be edited: %s', 409),
  // Dialing (preview, callbacks, calling windows)
  WindowClosed: coded('DIALER_ERR_WINDOW_CLOSED', 'outside the callee\'s calling window: %s', 409),
  ContactNotHeld: coded('DIALER_ERR_PREVIEW_NOT_HELD', 'contact %s is not being previewed by agent %s', 409),
  ContactNotDialable: coded('DIALER_ERR_CONTACT_NOT_DIALABLE', 'contact %s cannot be dialed: %s', 409),
  CallbackNotOpen: coded('DIALER_ERR_CALLBACK_NOT_OPEN', 'callback %s is %s', 409),
  // Agents
  AgentNotLoggedIn: coded('DIALER_ERR_AGENT_NOT_LOGGED_IN', 'agent %s is not logged in', 409),
  AgentAlreadyLoggedIn: coded('DIALER_ERR_AGENT_ALREADY_LOGGED_IN', 'agent %s is already logged in', 409),
  AgentNoRecord: coded('DIALER_ERR_AGENT_NO_RECORD', 'your user (%s) is not linked to an agent record: ask a manager to link it to your extension before taking calls', 404),
  AgentNotReady: coded('DIALER_ERR_AGENT_NOT_READY', 'agent %s is %s, not ready', 409),
  AgentPauseCodeUnknown: coded('DIALER_ERR_AGENT_PAUSE_CODE_UNKNOWN', 'pause code %s is not an active pause code', 400),
  AgentPauseCodeExists: coded('DIALER_ERR_AGENT_PAUSE_CODE_EXISTS', 'pause code %s already exists', 409),
  AgentDispositionPending: coded('DIALER_ERR_AGENT_DISPOSITION_PENDING', 'call %s needs its disposition before the next call', 409),
  // Campaign floor: assignments, qualifications, dispositions
  AssignmentInvalid: coded('DIALER_ERR_ASSIGNMENT_INVALID', 'assignment not accepted: %s', 400),
  QualificationInvalid: coded('DIALER_ERR_QUALIFICATION_INVALID', 'qualification not accepted: %s', 400),
  DispositionUnknown: coded('DIALER_ERR_DISPOSITION_UNKNOWN', 'disposition %s is not an active disposition of campaign %s', 400),
  DispositionExists: coded('DIALER_ERR_DISPOSITION_EXISTS', 'campaign %s already has disposition %s', 409),
  DispositionNeedsTime: coded('DIALER_ERR_DISPOSITION_NEEDS_TIME', 'a callback disposition needs the time to call back (callbackAt, in the future)', 400),
  // Reports
  ReportPeriodInvalid: coded('DIALER_ERR_REPORT_PERIOD_INVALID', 'invalid report period: %s', 400),
  // Telephony
  AriUnavailable: coded('DIALER_ERR_ARI_UNAVAILABLE', 'Asterisk ARI unavailable: %s', 503),
  AriTimeout: coded('DIALER_ERR_ARI_TIMEOUT', 'ARI request %s timed out after %d ms', 504),
  AriRequestFailed: coded('DIALER_ERR_ARI_REQUEST_FAILED', 'ARI request %s failed: %s', 502),
  AriNotFound: coded('DIALER_ERR_ARI_NOT_FOUND', 'ARI request %s: %s', 404),
  // Recordings
  RecordingInvalid: coded('DIALER_ERR_RECORDING_INVALID', 'recording %s is not usable: %s', 500),
  // QA: sampling core (pure functions; all caller mistakes)
  QaInvalidSampleParams: coded('DIALER_ERR_QA_INVALID_SAMPLE_PARAMS', 'invalid sample-size parameters: %s', 400),
  QaInvalidPlanInput: coded('DIALER_ERR_QA_INVALID_PLAN_INPUT', 'invalid sampling-plan input: %s', 400),
  QaInvalidCycleParams: coded('DIALER_ERR_QA_INVALID_CYCLE_PARAMS', 'invalid QA cycle parameters: %s', 400),
  QaInvalidIntervalParams: coded('DIALER_ERR_QA_INVALID_INTERVAL_PARAMS', 'invalid confidence-interval parameters: %s', 400),
  // QA: queue, claims, scoring, disputes
  QaQueueUnavailable: coded('DIALER_ERR_QA_QUEUE_UNAVAILABLE', 'QA queue unavailable: %s', 503),
  QaNotSampled: coded('DIALER_ERR_QA_NOT_SAMPLED', 'call %s is not in a QA sample', 404),
  QaNoClaim: coded('DIALER_ERR_QA_NO_CLAIM', 'you hold no claim on call %s: %s', 409),
  QaClaimExpired: coded('DIALER_ERR_QA_CLAIM_EXPIRED', 'your claim on call %s has expired: %s', 409),
  QaAlreadyScored: coded('DIALER_ERR_QA_ALREADY_SCORED', 'call %s is already scored (a change goes through a dispute and re-review)', 409),
  QaInvalidScore: coded('DIALER_ERR_QA_INVALID_SCORE', 'invalid score: %s', 400),
  QaInvalidRubric: coded('DIALER_ERR_QA_INVALID_RUBRIC', 'invalid rubric: %s', 400),
  QaNoObservedRate: coded('DIALER_ERR_QA_NO_OBSERVED_RATE', 'campaign %s has no reviewed calls to take p from', 409),
  QaDisputeNotOpen: coded('DIALER_ERR_QA_DISPUTE_NOT_OPEN', 'dispute not possible yet: %s', 409),
  QaDisputeLate: coded('DIALER_ERR_QA_DISPUTE_LATE', 'dispute refused, too late: %s', 409),
  QaDisputeExists: coded('DIALER_ERR_QA_DISPUTE_EXISTS', 'score %s is already disputed (dispute %s)', 409),
  QaDisputeFinal: coded('DIALER_ERR_QA_DISPUTE_FINAL', 'score %s is QA’s re-review of a dispute, which is final', 409),
  QaDisputeResolved: coded('DIALER_ERR_QA_DISPUTE_RESOLVED', 'dispute %s is already resolved', 409),
  QaRecordingUnavailable: coded('DIALER_ERR_QA_RECORDING_UNAVAILABLE', 'call %s has no playable recording: %s', 404),
  QaRangeNotSatisfiable: coded('DIALER_ERR_QA_RANGE_NOT_SATISFIABLE', 'range not satisfiable: %s', 416),
  // Consent and subscriptions (issue 4)
  ConsentForbidden: coded('DIALER_ERR_CONSENT_FORBIDDEN', 'refused: %s', 403),
  ConsentNotLive: coded('DIALER_ERR_CONSENT_NOT_LIVE', 'call %s: %s', 409),
  ConsentRefusalLock: coded('DIALER_ERR_CONSENT_REFUSAL_LOCK', 'call %s: the customer refused %d times (limit %d); the offer is locked', 409),
  ConsentIdentityRequired: coded('DIALER_ERR_CONSENT_IDENTITY_REQUIRED', 'call %s: %s', 409),
  ConsentBusy: coded('DIALER_ERR_CONSENT_BUSY', 'call %s: a verification is already running', 409),
  // Supervision of live calls (issue 13)
  SupervisionRefused: coded('DIALER_ERR_SUPERVISION_REFUSED', 'call %s: %s refused (%s)', 409),
  SupervisionForbidden: coded('DIALER_ERR_SUPERVISION_FORBIDDEN', 'call %s: %s is not yours to use (%s)', 403),
  SupervisionDuringVerification: coded('DIALER_ERR_SUPERVISION_DURING_VERIFICATION', 'call %s: a consent verification is running; %s waits until it ends', 409),
  SupervisionNoPhone: coded('DIALER_ERR_SUPERVISION_NO_PHONE', 'you have no phone to be called on (user %s): set your extension first', 409),
  SupervisionPhoneInUse: coded('DIALER_ERR_SUPERVISION_PHONE_IN_USE', 'your phone (extension %s) is logged in as your agent softphone: log out of calls, or get a supervisor phone, to supervise', 409),
  SupervisionPhoneTaken: coded('DIALER_ERR_SUPERVISION_PHONE_TAKEN', 'extension %s belongs to someone else', 409),
  SupervisionNotFound: coded('DIALER_ERR_SUPERVISION_NOT_FOUND', 'no live supervision %s of yours', 404),
  // Transfers (issue 13)
  TransferNotOnCall: coded('DIALER_ERR_TRANSFER_NOT_ON_CALL', 'call %s: you are not the agent talking with the customer', 409),
  TransferBusy: coded('DIALER_ERR_TRANSFER_BUSY', 'call %s: a transfer is already in progress', 409),
  TransferNone: coded('DIALER_ERR_TRANSFER_NONE', 'call %s: no transfer in progress', 409),
  TransferStep: coded('DIALER_ERR_TRANSFER_STEP', 'call %s: cannot %s now (the transfer is %s)', 409),
  TransferVerifying: coded('DIALER_ERR_TRANSFER_VERIFYING', 'call %s: a verification is running; transfer once it has ended', 409),
  TransferTargetInvalid: coded('DIALER_ERR_TRANSFER_TARGET_INVALID', 'agent %s cannot take a transfer: %s', 409),
  TransferSupervisorInvalid: coded('DIALER_ERR_TRANSFER_SUPERVISOR_INVALID', 'user %s cannot take a transfer: %s', 409),
  SubscriptionNotCancellable: coded('DIALER_ERR_SUBSCRIPTION_NOT_CANCELLABLE', 'subscription %s cannot be cancelled: %s', 409),
} as const;

/** The fields every catalogued error carries. */
export interface CodedError extends Error {
  code: string;
  statusCode?: number;
  /** The values in the message, in the template's order (see {@link coded}). */
  params?: string[];
  /** A refused request body: which fields, and what kind of problem (zod's issue code), for the consoles to word. */
  fields?: FieldProblem[];
}

/** One field of a refused request, e.g. `{ field: 'abandonCap', problem: 'too_big' }`. */
export interface FieldProblem {
  field: string;
  problem: string;
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
