import { ArgumentMetadata, Injectable, PipeTransform, ValidationError, ValidationPipe } from '@nestjs/common';
import { DUTCH, FieldError, inputProblems, isUuid, notFound, validationFailed } from '@koers/core';

/**
 * The global validation pipe. First the input rule that holds for every body, query and route parameter
 * (no NUL or lone surrogate in any string, bounded nesting), so no DTO has to repeat it and no such value
 * reaches the database; then the DTO's rules: strips nothing silently, refuses unknown fields and
 * unexpected nested objects, and reports every field's problems in the shared error shape.
 */
class KoersValidationPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    if (metadata.type === 'body' || metadata.type === 'query' || metadata.type === 'param') {
      const problems = inputProblems(value, metadata.data ?? '');
      if (problems.length > 0) throw validationFailed(problems);
    }
    return super.transform(value, metadata);
  }
}

export function createValidationPipe(): ValidationPipe {
  return new KoersValidationPipe({
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
      ? [{ field, messages: Object.entries(error.constraints).map(([rule, message]) => FRAMEWORK[rule] ?? message) }]
      : [];
    return [...own, ...flatten(error.children ?? [], field)];
  });
}

/**
 * Every DTO rule carries its Dutch message (the decorators from @koers/core); these few problems are found
 * by class-validator itself, not by a rule, so they are named here.
 */
const FRAMEWORK: Partial<Record<string, string>> = {
  whitelistValidation: DUTCH.whitelistValidation,
  unknownValue: DUTCH.unknownValue,
};

/** Route ids: anything that is not a UUID cannot exist, so it is "not found" (never a database error). */
@Injectable()
export class UuidParamPipe implements PipeTransform<string, string> {
  transform(value: string): string {
    if (!isUuid(value)) throw notFound();
    return value;
  }
}
