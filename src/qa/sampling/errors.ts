/**
 * Coded errors of the QA-sampling core. The codes live in the project catalogue
 * (`src/errors.ts`, `DIALER_ERR_QA_*`, HTTP 400); this module maps a code to its catalogue
 * constructor so the pure core can throw them without knowing about HTTP.
 * Callers decide on `err.code`, never on the message text.
 */
import { Errors, isCodedError, type CodedError } from '../../errors.js';

/** Every code a QA-sampling function can throw. All are caller mistakes (HTTP 400). */
export type QaSamplingErrorCode =
  | 'DIALER_ERR_QA_INVALID_SAMPLE_PARAMS'
  | 'DIALER_ERR_QA_INVALID_PLAN_INPUT'
  | 'DIALER_ERR_QA_INVALID_CYCLE_PARAMS'
  | 'DIALER_ERR_QA_INVALID_INTERVAL_PARAMS';

/** A rejected input to a pure QA-sampling function. */
export type QaSamplingError = CodedError & { code: QaSamplingErrorCode; statusCode: 400 };

const BY_CODE = {
  DIALER_ERR_QA_INVALID_SAMPLE_PARAMS: Errors.QaInvalidSampleParams,
  DIALER_ERR_QA_INVALID_PLAN_INPUT: Errors.QaInvalidPlanInput,
  DIALER_ERR_QA_INVALID_CYCLE_PARAMS: Errors.QaInvalidCycleParams,
  DIALER_ERR_QA_INVALID_INTERVAL_PARAMS: Errors.QaInvalidIntervalParams,
} as const;

/** Builds the catalogue error for `code`, with `cause` when wrapping. */
export function qaSamplingError(code: QaSamplingErrorCode, message: string, options?: { cause?: unknown }): QaSamplingError {
  const Ctor = BY_CODE[code];
  const err = options?.cause === undefined ? new Ctor(message) : new Ctor(message, { cause: options.cause });
  return err as QaSamplingError;
}

/** Whether `err` is one of the sampling core's coded errors. */
export function isQaSamplingError(err: unknown): err is QaSamplingError {
  return isCodedError(err) && Object.hasOwn(BY_CODE, err.code);
}
