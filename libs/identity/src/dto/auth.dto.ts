import { IsBoolean, IsEmail, IsString, MaxLength, MinLength } from '@koers/core';

export class LoginDto {
  @IsEmail({}, { message: 'Vul een geldig e-mailadres in.' })
  @MaxLength(254)
  email: string;

  @IsString()
  @MinLength(1, { message: 'Vul uw wachtwoord in.' })
  @MaxLength(200)
  password: string;
}

/** A new password: the length is checked here, the other rules (not the e-mail address, not a known password) by the service. */
const NEW_PASSWORD_MESSAGE = 'Een wachtwoord heeft minstens 12 en hoogstens 200 tekens.';

/** POST /api/auth/unlock: the one-time token from the mailed link. */
export class UnlockDto {
  @IsString()
  @MinLength(20, { message: 'Deze link is niet volledig. Open de link uit de e-mail opnieuw.' })
  @MaxLength(200)
  token: string;
}

export class SetPasswordWithTokenDto {
  @IsString()
  @MinLength(20, { message: 'Deze link is niet volledig. Open de link uit de e-mail opnieuw.' })
  @MaxLength(200)
  token: string;

  @IsString()
  @MinLength(12, { message: NEW_PASSWORD_MESSAGE })
  @MaxLength(200, { message: NEW_PASSWORD_MESSAGE })
  password: string;
}

export class PasswordResetRequestDto {
  @IsEmail({}, { message: 'Vul een geldig e-mailadres in.' })
  @MaxLength(254)
  email: string;
}

export class ChangePasswordDto {
  @IsString()
  @MinLength(1, { message: 'Vul uw huidige wachtwoord in.' })
  @MaxLength(200)
  currentPassword: string;

  @IsString()
  @MinLength(12, { message: NEW_PASSWORD_MESSAGE })
  @MaxLength(200, { message: NEW_PASSWORD_MESSAGE })
  newPassword: string;
}

export class MfaLoginDto {
  @IsString()
  @MinLength(20, { message: 'Log opnieuw in.' })
  @MaxLength(200)
  challenge: string;

  @IsString()
  @MinLength(6, { message: 'Vul de code van zes cijfers of een herstelcode in.' })
  @MaxLength(40)
  code: string;
}

export class MfaCodeDto {
  @IsString()
  @MinLength(6, { message: 'Vul de code van zes cijfers in.' })
  @MaxLength(20)
  code: string;
}

/** Who must use a second factor: everyone, or the secretariat and/or the RVC members. */
export class MfaPolicyDto {
  @IsBoolean()
  requireAll: boolean;

  @IsBoolean()
  requireSecretariat: boolean;

  @IsBoolean()
  requireRvc: boolean;
}
