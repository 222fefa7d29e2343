import { OmitType, PartialType } from '@nestjs/swagger';
import { IsBoolean, IsEmail, IsIn, IsOptional, IsString, IsUUID, Matches, MaxLength, MinLength } from '@koers/core';
import { PLATFORM_ROLES, PlatformRole, User } from '@koers/contracts';
import { UserEntity, UserFunction } from '../users/user.entity';

export class CreateUserDto {
  @IsEmail({}, { message: 'Vul een geldig e-mailadres in.' })
  @MaxLength(254)
  email: string;

  @IsString()
  @MinLength(2)
  @MaxLength(120)
  displayName: string;

  @IsOptional()
  @IsString()
  @MaxLength(160)
  jobTitle?: string;

  /** A code from GET /api/functions; the service checks that it exists. */
  @IsString()
  @Matches(/^[a-z0-9_]{2,60}$/, { message: 'Kies een functie uit de lijst.' })
  function: UserFunction;

  @IsUUID()
  organisationId: string;

  @IsOptional()
  @IsIn(PLATFORM_ROLES)
  platformRole?: PlatformRole;

  @IsOptional()
  @IsBoolean()
  rvcMember?: boolean;
}

/** Every field of a new user except the e-mail address (the login name stays), and whether the account is active. */
export class UpdateUserDto extends PartialType(OmitType(CreateUserDto, ['email'] as const), {
  skipNullProperties: false,
}) {
  @IsOptional()
  @IsBoolean()
  active?: boolean;
}

export class UserListQueryDto {
  @IsOptional()
  @IsUUID()
  organisationId?: string;

  @IsOptional()
  @IsString()
  @MaxLength(100)
  q?: string;
}

/** What the API shows of a user: never the password hash or login counters. */
export function toUserDto(user: UserEntity): User {
  return {
    id: user.id,
    email: user.email,
    displayName: user.displayName,
    jobTitle: user.jobTitle,
    function: user.function,
    organisationId: user.organisationId,
    platformRole: user.platformRole,
    rvcMember: user.rvcMember,
    active: user.active,
    /** Invited, but no password set yet. */
    invitationPending: !user.passwordSetAt,
    locked: Boolean(user.lockedUntil && user.lockedUntil > new Date()),
    version: user.version,
  };
}
