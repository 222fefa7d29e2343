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
      ? [{ field, messages: Object.entries(error.constraints).map(([rule, message]) => dutchMessage(rule, message)) }]
      : [];
    return [...own, ...flatten(error.children ?? [], field)];
  });
}

/** The first number in class-validator's English message ("must be shorter than or equal to 200 characters"). */
const numberIn = (message: string) => /-?\d+(\.\d+)?/.exec(message)?.[0] ?? '';
const after = (message: string, marker: string) =>
  message.includes(marker) ? message.slice(message.indexOf(marker) + marker.length) : '';

/** Dutch for class-validator's default (English) messages, by rule. DTOs that set their own message keep it. */
const DUTCH_DEFAULTS: Partial<Record<string, (english: string) => string>> = {
  unknownValue: () => 'Onbekende invoer.',
  isDefined: () => 'Dit veld is verplicht.',
  isNotEmpty: () => 'Dit veld mag niet leeg zijn.',
  isString: () => 'Moet tekst zijn.',
  isBoolean: () => 'Moet waar of onwaar zijn.',
  isInt: () => 'Moet een geheel getal zijn.',
  isNumber: () => 'Moet een getal zijn.',
  isUuid: () => 'Moet een geldige id zijn.',
  isEmail: () => 'Vul een geldig e-mailadres in.',
  isUrl: () => 'Moet een geldig webadres zijn.',
  isIso8601: () => 'Moet een datum zijn (JJJJ-MM-DD).',
  isDateString: () => 'Moet een datum zijn (JJJJ-MM-DD).',
  isDate: () => 'Moet een datum zijn.',
  isArray: () => 'Moet een lijst zijn.',
  isObject: () => 'Moet een object zijn.',
  nestedValidation: () => 'Moet een object of lijst zijn.',
  matches: () => 'Heeft niet de juiste vorm.',
  isIn: (english) => `Kies een van: ${after(english, 'following values: ') || 'de toegestane waarden'}.`,
  isEnum: (english) => `Kies een van: ${after(english, 'following values: ') || 'de toegestane waarden'}.`,
  minLength: (english) => `Moet minstens ${numberIn(english)} tekens lang zijn.`,
  maxLength: (english) => `Mag hoogstens ${numberIn(english)} tekens lang zijn.`,
  min: (english) => `Mag niet kleiner zijn dan ${numberIn(english)}.`,
  max: (english) => `Mag niet groter zijn dan ${numberIn(english)}.`,
  arrayMinSize: (english) => `Moet minstens ${numberIn(english)} elementen bevatten.`,
  arrayMaxSize: (english) => `Mag hoogstens ${numberIn(english)} elementen bevatten.`,
  arrayUnique: () => 'Mag geen dubbele waarden bevatten.',
};

/** class-validator's own messages are English sentences with "must"/"should"; ours (Dutch) are kept. */
const ENGLISH_DEFAULT = /\b(must|should)\b/;

export function dutchMessage(rule: string, message: string): string {
  if (rule === 'whitelistValidation') return 'Dit veld is onbekend.';
  const translate = DUTCH_DEFAULTS[rule];
  return translate && ENGLISH_DEFAULT.test(message) ? translate(message) : message;
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
