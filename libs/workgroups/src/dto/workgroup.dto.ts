import { OmitType, PartialType } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, IsUUID, MaxLength, MinLength } from '@koers/core';
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

/** The theme of a werkgroep does not change. */
export class UpdateWorkgroupDto extends PartialType(OmitType(CreateWorkgroupDto, ['themeId'] as const), {
  skipNullProperties: false,
}) {}

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
