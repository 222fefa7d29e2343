import { IsEmail, IsString, MaxLength, MinLength } from '@koers/core';

export class LoginDto {
  @IsEmail({}, { message: 'Vul een geldig e-mailadres in.' })
  @MaxLength(254)
  email: string;

  @IsString()
  @MinLength(1, { message: 'Vul uw wachtwoord in.' })
  @MaxLength(200)
  password: string;
}
