import { IsIn, IsOptional, IsString, IsUUID, MaxLength, MinLength } from 'class-validator';
import { MEMBERSHIP_ROLES, MembershipRole } from '@koers/access';

export class CreateWorkgroupDto {
  @IsUUID()
  themeId: string;

  @IsString()
  @MinLength(3)
  @MaxLength(200)
  name: string;

  @IsOptional()
  @IsString()
  @MaxLength(5000)
  description?: string;
}

export class UpdateWorkgroupDto {
  @IsOptional()
  @IsString()
  @MinLength(3)
  @MaxLength(200)
  name?: string;

  @IsOptional()
  @IsString()
  @MaxLength(5000)
  description?: string;
}

export class AddMemberDto {
  @IsUUID()
  userId: string;

  @IsIn(MEMBERSHIP_ROLES)
  role: MembershipRole;
}

export class ChangeMemberRoleDto {
  @IsIn(MEMBERSHIP_ROLES)
  role: MembershipRole;
}
