import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import type { Response } from 'express';
import {
  DomainError,
  ErrorBody,
  ErrorCode,
  HTTP_STATUS_BY_CODE,
  PG_CHECK_VIOLATION,
  PG_FOREIGN_KEY_VIOLATION,
  PG_RESTRICT_VIOLATION,
  PG_UNIQUE_VIOLATION,
  pgErrorCode,
  StaleVersionError,
} from '@koers/core';

const CODE_BY_HTTP_STATUS: Record<number, ErrorCode> = {
  400: ErrorCode.ValidationFailed,
  401: ErrorCode.Unauthenticated,
  403: ErrorCode.Forbidden,
  404: ErrorCode.NotFound,
  409: ErrorCode.Conflict,
  413: ErrorCode.PayloadTooLarge,
  429: ErrorCode.RateLimited,
};

const DEFAULT_MESSAGES: Partial<Record<ErrorCode, string>> = {
  [ErrorCode.ValidationFailed]: 'Het verzoek is niet geldig.',
  [ErrorCode.Unauthenticated]: 'U bent niet (meer) ingelogd.',
  [ErrorCode.Forbidden]: 'U heeft geen toestemming voor deze handeling.',
  [ErrorCode.NotFound]: 'Deze pagina of dit item bestaat niet.',
  [ErrorCode.Conflict]: 'Dit botst met bestaande gegevens.',
  [ErrorCode.PayloadTooLarge]: 'Het verzoek is te groot.',
  [ErrorCode.RateLimited]: 'Te veel verzoeken. Probeer het over een minuut opnieuw.',
  [ErrorCode.Internal]: 'Er ging iets mis aan onze kant. Probeer het later opnieuw.',
};

/**
 * The HTTP transport's one error mapping: domain codes to statuses, framework and database errors to
 * codes, and everything unexpected to a 500 that shows nothing of the cause (which is logged instead).
 */
@Catch()
export class HttpErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger('HttpError');

  catch(exception: unknown, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse<Response>();
    const { status, body } = this.toBody(exception);
    if (status >= 500)
      this.logger.error(exception instanceof Error ? (exception.stack ?? exception.message) : String(exception));
    response.status(status).json(body);
  }

  private toBody(exception: unknown): { status: number; body: ErrorBody } {
    if (exception instanceof DomainError) {
      return {
        status: HTTP_STATUS_BY_CODE[exception.code],
        body: {
          error: {
            code: exception.code,
            message: exception.message,
            ...(exception.fields ? { fields: exception.fields } : {}),
            ...(exception instanceof StaleVersionError && exception.current !== undefined
              ? { current: exception.current }
              : {}),
          },
        },
      };
    }
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const code = CODE_BY_HTTP_STATUS[status] ?? (status >= 500 ? ErrorCode.Internal : ErrorCode.ValidationFailed);
      return {
        status: status in CODE_BY_HTTP_STATUS ? status : status >= 500 ? 500 : 400,
        body: { error: { code, message: DEFAULT_MESSAGES[code] as string } },
      };
    }
    // Errors of the HTTP layer before Nest (body-parser: too large, malformed JSON, unsupported charset)
    // carry their 4xx status in the http-errors convention.
    const clientStatus = httpErrorStatus(exception);
    if (clientStatus !== undefined) {
      const code = CODE_BY_HTTP_STATUS[clientStatus] ?? ErrorCode.ValidationFailed;
      return {
        status: HTTP_STATUS_BY_CODE[code],
        body: { error: { code, message: DEFAULT_MESSAGES[code] as string } },
      };
    }
    const pgCode = pgErrorCode(exception);
    if (pgCode === PG_UNIQUE_VIOLATION)
      return this.plain(ErrorCode.Conflict, 'Er bestaat al een item met deze naam of dit e-mailadres.');
    if (pgCode === PG_FOREIGN_KEY_VIOLATION || pgCode === PG_RESTRICT_VIOLATION)
      return this.plain(ErrorCode.Conflict, 'Dit item wordt nog gebruikt of verwijst naar iets dat niet bestaat.');
    if (pgCode === PG_CHECK_VIOLATION)
      return this.plain(ErrorCode.ValidationFailed, 'De invoer voldoet niet aan de regels.');
    return this.plain(ErrorCode.Internal, DEFAULT_MESSAGES[ErrorCode.Internal] as string);
  }

  private plain(code: ErrorCode, message: string) {
    return { status: HTTP_STATUS_BY_CODE[code], body: { error: { code, message } } };
  }
}

/** The status of an http-errors error (as body-parser throws), when it is a client error. */
function httpErrorStatus(exception: unknown): number | undefined {
  const { status, expose } = (exception ?? {}) as { status?: unknown; expose?: unknown };
  return expose === true && typeof status === 'number' && status >= 400 && status < 500 ? status : undefined;
}
