import { ErrorCode, FieldError } from '@koers/contracts';

/** The codes and the field error shape are part of the wire contract (libs/contracts). */
export { ErrorCode };
export type { FieldError };

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
