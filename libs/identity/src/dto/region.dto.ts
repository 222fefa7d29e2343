import { IsOptional, IsString, MaxLength, MinLength } from '@koers/core';

export class UpdateRegionDto {
  @IsOptional()
  @IsString()
  @MinLength(2)
  @MaxLength(120)
  regionName?: string;

  /** "Regionale Veiligheidsstrategie", "Regionaal Beleidsplan Veiligheid" */
  @IsOptional()
  @IsString()
  @MinLength(3)
  @MaxLength(120)
  strategyName?: string;

  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(20)
  strategyAbbreviation?: string;

  /** "Regionaal Veiligheidscollege", "Bestuurscollege" */
  @IsOptional()
  @IsString()
  @MinLength(3)
  @MaxLength(120)
  boardName?: string;

  @IsOptional()
  @IsString()
  @MaxLength(20)
  boardAbbreviation?: string;

  @IsOptional()
  @IsString()
  @MinLength(3)
  @MaxLength(120)
  bureauName?: string;

  /** "prioriteit" or "thema" */
  @IsOptional()
  @IsString()
  @MinLength(3)
  @MaxLength(40)
  themeSingular?: string;

  @IsOptional()
  @IsString()
  @MinLength(3)
  @MaxLength(40)
  themePlural?: string;
}

export class DistrictDto {
  @IsString()
  @MinLength(2)
  @MaxLength(120)
  name: string;
}

export class CreateFunctionDto {
  @IsString()
  @MinLength(2)
  @MaxLength(80)
  label: string;
}
