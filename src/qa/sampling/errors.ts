/**
 * Coded errors of the QA-sampling core. The codes follow the project catalogue
 * (`DIALER_ERR_<AREA>_<WHAT>`); when `src/errors.ts` exists these belong there.
 * Callers decide on `err.code`, never on the message text.
 */

/** Every code a QA-sampling function can throw. All are caller mistakes (HTTP 400). */
export type QaSamplingErrorCode =
  | 'DIALER_ERR_QA_INVALID_SAMPLE_PARAMS'
  | 'DIALER_ERR_QA_INVALID_PLAN_INPUT'
  | 'DIALER_ERR_QA_INVALID_CYCLE_PARAMS'
  | 'DIALER_ERR_QA_INVALID_INTERVAL_PARAMS';

/** A rejected input to a pure QA-sampling function. */
export class QaSamplingError extends Error {
  override readonly name = 'QaSamplingError';
  /** HTTP status a route should answer with. */
  readonly statusCode = 400;

  constructor(
    readonly code: QaSamplingErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}
