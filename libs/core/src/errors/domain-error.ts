/**
 * Every error the API reports on purpose has a code from this list. One filter per transport maps
 * the code to a status; anything else becomes INTERNAL and never shows its details.
 */
export enum ErrorCode {
  ValidationFailed = 'VALIDATION_FAILED',
  Unauthenticated = 'UNAUTHENTICATED',
  InvalidCredentials = 'INVALID_CREDENTIALS',
  AccountLocked = 'ACCOUNT_LOCKED',
  /** A one-time link (invitation, password reset) that was used, expired or never existed. */
  LinkInvalid = 'LINK_INVALID',
  Forbidden = 'FORBIDDEN',
  NotFound = 'NOT_FOUND',
  Conflict = 'CONFLICT',
  /** The change was based on an older version of the resource (optimistic concurrency). */
  StaleVersion = 'STALE_VERSION',
  RateLimited = 'RATE_LIMITED',
  PayloadTooLarge = 'PAYLOAD_TOO_LARGE',
  /** A change sent as anything but JSON (e.g. a form from another site). */
  UnsupportedMediaType = 'UNSUPPORTED_MEDIA_TYPE',
  Internal = 'INTERNAL',
  /** A dependency (the database) is down or too slow; the same request may succeed later. */
  Unavailable = 'UNAVAILABLE',
  /** A document update builds on changes the server does not have (see docs/protocol.md). */
  OutOfSync = 'OUT_OF_SYNC',
}

export interface FieldError {
  field: string;
  messages: string[];
}

/** A rule of the domain was broken; `message` is shown to the user (Dutch). */
export class DomainError extends Error {
  constructor(
    public readonly code: ErrorCode,
    message: string,
    public readonly fields?: FieldError[],
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

export const notFound = (what = 'Het gevraagde item') =>
  new DomainError(ErrorCode.NotFound, `${what} bestaat niet of u heeft er geen toegang toe.`);
export const forbidden = (message = 'U heeft geen toestemming voor deze handeling.') =>
  new DomainError(ErrorCode.Forbidden, message);
export const conflict = (message: string) => new DomainError(ErrorCode.Conflict, message);
export const validationFailed = (fields: FieldError[], message = 'De invoer is niet geldig.') =>
  new DomainError(ErrorCode.ValidationFailed, message, fields);
