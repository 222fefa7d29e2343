import { IsObject, IsString, Matches, MaxLength, MinLength } from '@koers/core';

/**
 * What the browser's WebAuthn call answered (`RegistrationResponseJSON` / `AuthenticationResponseJSON`): only
 * its shape as an object is checked here; its content is checked by @simplewebauthn/server.
 */
type WebAuthnResponse = Record<string, unknown>;

/** POST /api/me/passkeys: a new passkey with the name the person gives it. */
export class AddPasskeyDto {
  @IsString()
  @Matches(/\S/, { message: 'Geef de passkey een naam, bijvoorbeeld "Laptop werk".' })
  @MaxLength(100, { message: 'Een naam heeft hoogstens 100 tekens.' })
  name: string;

  @IsObject()
  response: WebAuthnResponse;
}

/** POST /api/auth/mfa/passkey/options: the challenge of the password (or SSO) step. */
export class PasskeyOptionsDto {
  @IsString()
  @MinLength(20, { message: 'Log opnieuw in.' })
  @MaxLength(200)
  challenge: string;
}

/** POST /api/auth/mfa/passkey: the challenge and what the passkey signed. */
export class PasskeyLoginDto {
  @IsString()
  @MinLength(20, { message: 'Log opnieuw in.' })
  @MaxLength(200)
  challenge: string;

  @IsObject()
  response: WebAuthnResponse;
}
