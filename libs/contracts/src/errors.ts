/**
 * Every error the API reports on purpose has a code from this list; anything else is INTERNAL and never
 * shows its details. The same JSON shape on every route and socket event: `{ error: { code, message, fields? } }`.
 */
export const ErrorCode = {
  ValidationFailed: 'VALIDATION_FAILED',
  Unauthenticated: 'UNAUTHENTICATED',
  InvalidCredentials: 'INVALID_CREDENTIALS',
  AccountLocked: 'ACCOUNT_LOCKED',
  Forbidden: 'FORBIDDEN',
  NotFound: 'NOT_FOUND',
  Conflict: 'CONFLICT',
  RateLimited: 'RATE_LIMITED',
  PayloadTooLarge: 'PAYLOAD_TOO_LARGE',
  /** A change sent as anything but JSON (e.g. a form from another site). */
  UnsupportedMediaType: 'UNSUPPORTED_MEDIA_TYPE',
  /** A one-time link (invitation, password reset) that was used, expired or never existed. */
  LinkInvalid: 'LINK_INVALID',
  Internal: 'INTERNAL',
  /** The change was based on an older version of the resource (optimistic concurrency). */
  StaleVersion: 'STALE_VERSION',
  /** A dependency (the database) is down or too slow; the same request may succeed later. */
  Unavailable: 'UNAVAILABLE',
  /** A document update builds on changes the server does not have (see docs/protocol.md). */
  OutOfSync: 'OUT_OF_SYNC',
  /** The MFA policy requires a second factor of this person and they have none yet: only enrolment is open. */
  MfaEnrolmentRequired: 'MFA_ENROLMENT_REQUIRED',
} as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];
export const ERROR_CODES: readonly ErrorCode[] = Object.values(ErrorCode);

export const HTTP_STATUS_BY_CODE: Record<ErrorCode, number> = {
  [ErrorCode.ValidationFailed]: 400,
  [ErrorCode.Unauthenticated]: 401,
  [ErrorCode.InvalidCredentials]: 401,
  [ErrorCode.AccountLocked]: 423,
  [ErrorCode.Forbidden]: 403,
  [ErrorCode.NotFound]: 404,
  [ErrorCode.Conflict]: 409,
  [ErrorCode.PayloadTooLarge]: 413,
  [ErrorCode.UnsupportedMediaType]: 415,
  [ErrorCode.RateLimited]: 429,
  [ErrorCode.LinkInvalid]: 410,
  [ErrorCode.Internal]: 500,
  [ErrorCode.StaleVersion]: 409,
  [ErrorCode.Unavailable]: 503,
  [ErrorCode.OutOfSync]: 409,
  [ErrorCode.MfaEnrolmentRequired]: 403,
};

/** The messages for one refused input field. */
export interface FieldError {
  field: string;
  messages: string[];
}

/** The one JSON shape of every error the API returns. */
export interface ErrorBody {
  /** `current`: with STALE_VERSION, the resource as it is now. */
  error: { code: ErrorCode; message: string; fields?: FieldError[]; current?: unknown };
}
