import * as rules from 'class-validator';
import type { ValidationArguments, ValidationOptions } from 'class-validator';

/**
 * The validation decorators every DTO uses, each with its Dutch message built from the rule's own
 * arguments (the length, the allowed values), so no English default ever reaches a user and nothing has
 * to parse one. Same names and arguments as class-validator's; a DTO may still pass its own `message`.
XXapps/api/src/http/validation.spec.ts: every constraint of
 * every DTO must carry a message.
 */
type Message = (args: ValidationArguments) => string;

const withMessage = (message: Message, options?: ValidationOptions): ValidationOptions => ({ message, ...options });
const list = (values: unknown): string => (Array.isArray(values) ? values.join(', ') : String(values));
const first = (args: ValidationArguments) => args.constraints[0] as number;

export const DUTCH = {
  isDefined: 'Dit veld is verplicht.',
  isNotEmpty: 'Dit veld mag niet leeg zijn.',
  isString: 'Moet tekst zijn.',
  isBoolean: 'Moet waar of onwaar zijn.',
  isInt: 'Moet een geheel getal zijn.',
  isNumber: 'Moet een getal zijn.',
  isUuid: 'Moet een geldige id zijn.',
  isEmail: 'Vul een geldig e-mailadres in.',
  isUrl: 'Moet een geldig webadres zijn.',
  isIso8601: 'Moet een datum zijn (JJJJ-MM-DD).',
  isBase64: 'Moet base64-gecodeerd zijn.',
  isArray: 'Moet een lijst zijn.',
  nestedValidation: 'Moet een object of lijst zijn.',
  isObject: 'Moet een object zijn.',
  matches: 'Heeft niet de juiste vorm.',
  arrayUnique: 'Mag geen dubbele waarden bevatten.',
  unknownValue: 'Onbekende invoer.',
  whitelistValidation: 'Dit veld is onbekend.',
} as const;

/**
 * The field may be left out. Unlike class-validator's IsOptional, `null` is NOT skipped: it is validated like
 * any value (and so refused by IsString, IsUUID, ...), unless the field also says `@ValidateIf(nullable)`,
 * where null means "clear it". A PATCH cannot put null into a required column.
 */
export const IsOptional = (options?: ValidationOptions) =>
  rules.ValidateIf((_: object, value: unknown) => value !== undefined, options);
export const ValidateIf = rules.ValidateIf;

export const IsDefined = (options?: ValidationOptions) => rules.IsDefined(withMessage(() => DUTCH.isDefined, options));
export const IsNotEmpty = (options?: ValidationOptions) =>
  rules.IsNotEmpty(withMessage(() => DUTCH.isNotEmpty, options));
export const IsString = (options?: ValidationOptions) => rules.IsString(withMessage(() => DUTCH.isString, options));
export const IsBoolean = (options?: ValidationOptions) => rules.IsBoolean(withMessage(() => DUTCH.isBoolean, options));
export const IsInt = (options?: ValidationOptions) => rules.IsInt(withMessage(() => DUTCH.isInt, options));
export const IsNumber = (numberOptions?: rules.IsNumberOptions, options?: ValidationOptions) =>
  rules.IsNumber(
    numberOptions,
    withMessage(() => DUTCH.isNumber, options),
  );
export const IsUUID = (version?: rules.IsUUIDVersion, options?: ValidationOptions) =>
  rules.IsUUID(
    version,
    withMessage(() => DUTCH.isUuid, options),
  );
export const IsEmail = (emailOptions?: Parameters<typeof rules.IsEmail>[0], options?: ValidationOptions) =>
  rules.IsEmail(
    emailOptions,
    withMessage(() => DUTCH.isEmail, options),
  );
export const IsUrl = (urlOptions?: Parameters<typeof rules.IsUrl>[0], options?: ValidationOptions) =>
  rules.IsUrl(
    urlOptions,
    withMessage(() => DUTCH.isUrl, options),
  );
export const IsISO8601 = (isoOptions?: Parameters<typeof rules.IsISO8601>[0], options?: ValidationOptions) =>
  rules.IsISO8601(
    isoOptions,
    withMessage(() => DUTCH.isIso8601, options),
  );
export const IsBase64 = (base64Options?: Parameters<typeof rules.IsBase64>[0], options?: ValidationOptions) =>
  rules.IsBase64(
    base64Options,
    withMessage(() => DUTCH.isBase64, options),
  );
export const IsArray = (options?: ValidationOptions) => rules.IsArray(withMessage(() => DUTCH.isArray, options));
export const IsObject = (options?: ValidationOptions) => rules.IsObject(withMessage(() => DUTCH.isObject, options));
export const ValidateNested = (options?: ValidationOptions) =>
  rules.ValidateNested(withMessage(() => DUTCH.nestedValidation, options));
export const Matches = (pattern: RegExp, options?: ValidationOptions) =>
  rules.Matches(
    pattern,
    withMessage(() => DUTCH.matches, options),
  );
export const ArrayUnique = (options?: ValidationOptions) =>
  rules.ArrayUnique(withMessage(() => DUTCH.arrayUnique, options));

export const IsIn = (values: readonly unknown[], options?: ValidationOptions) =>
  rules.IsIn(
    values,
    withMessage((args) => `Kies een van: ${list(args.constraints[0])}.`, options),
  );
export const MinLength = (min: number, options?: ValidationOptions) =>
  rules.MinLength(
    min,
    withMessage((args) => `Moet minstens ${first(args)} tekens lang zijn.`, options),
  );
export const MaxLength = (max: number, options?: ValidationOptions) =>
  rules.MaxLength(
    max,
    withMessage((args) => `Mag hoogstens ${first(args)} tekens lang zijn.`, options),
  );
export const Min = (min: number, options?: ValidationOptions) =>
  rules.Min(
    min,
    withMessage((args) => `Mag niet kleiner zijn dan ${first(args)}.`, options),
  );
export const Max = (max: number, options?: ValidationOptions) =>
  rules.Max(
    max,
    withMessage((args) => `Mag niet groter zijn dan ${first(args)}.`, options),
  );
export const ArrayMinSize = (min: number, options?: ValidationOptions) =>
  rules.ArrayMinSize(
    min,
    withMessage((args) => `Moet minstens ${first(args)} elementen bevatten.`, options),
  );
export const ArrayMaxSize = (max: number, options?: ValidationOptions) =>
  rules.ArrayMaxSize(
    max,
    withMessage((args) => `Mag hoogstens ${first(args)} elementen bevatten.`, options),
  );
