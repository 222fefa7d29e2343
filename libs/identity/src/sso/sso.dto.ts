import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
  MinLength,
} from '@koers/core';

/** PUT /api/organisations/:id/sso: the organisation's OpenID provider. */
export class SsoProviderDto {
  @IsString()
  @MinLength(1, { message: 'Vul de naam in die op de inlogknop komt ("Inloggen met ...").' })
  @MaxLength(100)
  displayName: string;

  @IsString()
  @Matches(/^https:\/\/[^\s/]+(\/\S*)?$|^http:\/\/(localhost|127\.0\.0\.1)(:\d+)?(\/\S*)?$/, {
    message: 'Vul de issuer-URL van de provider in (https://...).',
  })
  @MaxLength(500)
  issuer: string;

  @IsString()
  @MinLength(1, { message: 'Vul de client id in die de provider voor Koers heeft uitgegeven.' })
  @MaxLength(500)
  clientId: string;

  /** Left out (or null): the stored secret stays. */
  @IsOptional()
  @IsString()
  @MinLength(1, { message: 'Vul het client secret van de provider in.' })
  @MaxLength(1000)
  clientSecret?: string;

  @IsArray()
  @ArrayMinSize(1, { message: 'Vul minstens één e-maildomein van de organisatie in.' })
  @ArrayMaxSize(50)
  @Matches(/^@?[a-z0-9-]+(\.[a-z0-9-]+)+$/i, { each: true, message: 'Vul e-maildomeinen in zoals gemeente.nl.' })
  emailDomains: string[];

  @IsBoolean()
  allowNewAccounts: boolean;

  @IsBoolean()
  trustProviderMfa: boolean;

  @IsBoolean()
  enabled: boolean;
}
