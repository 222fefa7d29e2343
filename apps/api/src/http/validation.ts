import { Injectable, PipeTransform, ValidationError, ValidationPipe } from '@nestjs/common';
import { FieldError, notFound, validationFailed } from '@koers/core';

/**
 * The global validation pipe: strips nothing silently, refuses unknown fields and unexpected nested
 * objects, and reports every field's problems in the shared error shape.
 */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    forbidUnknownValues: true,
    transform: true,
    validationError: { target: false, value: false },
    exceptionFactory: (errors: ValidationError[]) => validationFailed(flatten(errors)),
  });
}

function flatten(errors: ValidationError[], prefix = ''): FieldError[] {
  return errors.flatMap((error) => {
    const field = prefix ? `${prefix}.${error.property}` : error.property;
    const own = error.constraints
      ? [{ field, messages: Object.entries(error.constraints).map(([rule, message]) => (rule === 'whitelistValidation' ? 'Dit veld is onbekend.' : message)) }]
      : [];
    return [...own, ...flatten(error.children ?? [], field)];
  });
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Route ids: anything that is not a UUID cannot exist, so it is "not found" (never a database error). */
@Injectable()
export class UuidParamPipe implements PipeTransform<string, string> {
  transform(value: string): string {
    if (!UUID.test(value)) throw notFound();
    return value;
  }
}
