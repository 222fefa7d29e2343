import { PartialType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, IsUUID, Max, MaxLength, Min, MinLength, ValidateIf } from '@koers/core';
import { CONTRIBUTION_BASES, type ContributionBasis } from '@koers/contracts';

/** Whole euro cents, at most EUR 10 billion: an integer, never a float (1.5 is refused). */
const MAX_CENTS = 1_000_000_000_000;
const centsMessage = {
  message: 'Geef het bedrag in hele eurocenten (een geheel getal, bijvoorbeeld 1400000 voor € 14.000).',
};
const nullable = (_: object, value: unknown) => value !== null;

export const PARTNER_TYPES = [
  'gemeente',
  'openbaar_ministerie',
  'politie',
  'belastingdienst',
  'partner',
  'bureau',
] as const;

export class CreateContributionDto {
  /** The paying organisation; leave out (with partnerType and label) for a collective line. */
  @IsOptional()
  @ValidateIf(nullable)
  @IsUUID()
  organisationId?: string | null;

  @IsInt()
  @Min(2000)
  @Max(2100)
  year: number;

  /** Euro cents; may be left out when basis is per_inwoner (inhabitants x centsPerInhabitant). */
  @IsOptional()
  @IsInt(centsMessage)
  @Min(0, centsMessage)
  @Max(MAX_CENTS, centsMessage)
  amountCents?: number;

  @IsOptional()
  @IsIn(CONTRIBUTION_BASES, { message: 'Kies vast of per_inwoner.' })
  basis?: ContributionBasis;

  @IsOptional()
  @ValidateIf(nullable)
  @IsInt()
  @Min(1)
  @Max(100_000_000)
  inhabitants?: number | null;

  @IsOptional()
  @ValidateIf(nullable)
  @IsInt(centsMessage)
  @Min(0, centsMessage)
  @Max(100_000, centsMessage)
  centsPerInhabitant?: number | null;

  /** Required without an organisation: the kind of partner of a collective line. */
  @IsOptional()
  @IsIn(PARTNER_TYPES)
  partnerType?: string;

  @IsOptional()
  @IsString()
  @MaxLength(200)
  label?: string;

  @IsOptional()
  @IsString()
  @MaxLength(2000)
  note?: string;
}

/** A PATCH: only the fields sent change; the rest is kept (a per-inhabitant amount is computed again). */
export class UpdateContributionDto extends PartialType(CreateContributionDto) {}

export class FinanceQueryDto {
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(2000)
  @Max(2100)
  year?: number;
}

export class CreateBudgetLineDto {
  @IsInt()
  @Min(2000)
  @Max(2100)
  year: number;

  @IsString()
  @MinLength(2, { message: 'Een begrotingspost heeft een naam van 2 tot 200 tekens.' })
  @MaxLength(200, { message: 'Een begrotingspost heeft een naam van 2 tot 200 tekens.' })
  title: string;

  @IsInt(centsMessage)
  @Min(0, centsMessage)
  @Max(MAX_CENTS, centsMessage)
  amountCents: number;

  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(1000)
  position?: number;
}

/** A PATCH: only the fields sent change. */
export class UpdateBudgetLineDto extends PartialType(CreateBudgetLineDto) {}
