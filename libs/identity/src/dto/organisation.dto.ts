import { PartialType } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, IsUUID, MaxLength, MinLength, ValidateIf } from '@koers/core';
import { ORGANISATION_TYPES, OrganisationType } from '../organisations/organisation.entity';

export class CreateOrganisationDto {
  @IsString()
  @MinLength(2)
  @MaxLength(200)
  name: string;

  @IsIn(ORGANISATION_TYPES)
  type: OrganisationType;

  @IsOptional()
  @ValidateIf((_, value) => value !== null)
  @IsUUID()
  districtId?: string | null;
}

export class UpdateOrganisationDto extends PartialType(CreateOrganisationDto, { skipNullProperties: false }) {}

export class OrganisationListQueryDto {
  @IsOptional()
  @IsIn(ORGANISATION_TYPES)
  type?: OrganisationType;
}
