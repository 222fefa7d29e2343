import { OmitType, PartialType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  MaxLength,
  MinLength,
  ValidateIf,
  ValidateNested,
} from '@koers/core';
import { MEMBERSHIP_ROLES, MembershipRole } from '@koers/access';
import { WORKGROUP_KINDS, WorkgroupKind } from '@koers/contracts';

export class CreateWorkgroupDto {
  /** Absent or null: a group without a theme. */
  @IsOptional()
  @ValidateIf((_, value) => value !== null)
  @IsUUID()
  themeId?: string | null;

  @IsOptional()
  @IsIn(WORKGROUP_KINDS, { message: `Kies een soort: ${WORKGROUP_KINDS.join(', ')}.` })
  kind?: WorkgroupKind;

  @IsString()
  @MinLength(3)
  @MaxLength(200)
  name: string;

  @IsOptional()
  @IsString()
  @MaxLength(5000)
  description?: string;
}

/** A seat of the composition rules (see CompositionSeat): who fills it, in which role, once per district or not. */
export class CompositionSeatDto {
  /** The seat's stable key, kept when the seats are edited (Midden-Nederland's seats have one). */
  @IsOptional()
  @Matches(/^[a-z0-9_:]{1,80}$/, { message: 'Een code bestaat uit kleine letters, cijfers en _.' })
  code?: string;

  @IsString()
  @MinLength(3)
  @MaxLength(200)
  label: string;

  @IsOptional()
  @ValidateIf((_, value) => value !== null)
  @Matches(/^[a-z0-9_]{2,60}$/, { message: 'Kies een functie uit de lijst.' })
  function?: string | null;

  @IsOptional()
  @ValidateIf((_, value) => value !== null)
  @Matches(/^[a-z_]{2,60}$/, { message: 'Kies een organisatietype uit de lijst.' })
  organisationType?: string | null;

  @IsOptional()
  @ValidateIf((_, value) => value !== null)
  @IsIn(MEMBERSHIP_ROLES)
  role?: MembershipRole | null;

  @IsOptional()
  @IsBoolean()
  perDistrict?: boolean;
}

/** The theme of a werkgroep does not change; its composition rules do. */
export class UpdateWorkgroupDto extends PartialType(OmitType(CreateWorkgroupDto, ['themeId'] as const), {
  skipNullProperties: false,
}) {
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(30)
  @ValidateNested({ each: true })
  @Type(() => CompositionSeatDto)
  compositionRules?: CompositionSeatDto[];
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

/** The region's default seats, which a new werkgroep starts from (PUT /api/region/composition-rules). */
export class DefaultCompositionRulesDto {
  @IsArray()
  @ArrayMaxSize(30)
  @ValidateNested({ each: true })
  @Type(() => CompositionSeatDto)
  compositionRules: CompositionSeatDto[];
}
