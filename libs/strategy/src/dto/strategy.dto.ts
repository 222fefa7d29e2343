import { IsBoolean, IsIn, IsInt, IsISO8601, IsOptional, IsString, Max, MaxLength, Min, MinLength, ValidateIf } from 'class-validator';
import { STRATEGY_STATUSES, StrategyStatus } from '../strategy.entity';

const DATE = { strict: true } as const;
const dateMessage = { message: 'Gebruik een datum als 2026-01-31.' };

export class CreateStrategyDto {
  @IsString()
  @MinLength(3)
  @MaxLength(200)
  title: string;

  @IsOptional()
  @IsString()
  @MaxLength(300)
  motto?: string;

  @IsISO8601(DATE, dateMessage)
  periodStart: string;

  @IsISO8601(DATE, dateMessage)
  periodEnd: string;

  @IsOptional()
  @IsIn(STRATEGY_STATUSES)
  status?: StrategyStatus;

  @IsOptional()
  @ValidateIf((_, value) => value !== null)
  @IsISO8601(DATE, dateMessage)
  adoptedOn?: string | null;
}

export class UpdateStrategyDto {
  @IsOptional()
  @IsString()
  @MinLength(3)
  @MaxLength(200)
  title?: string;

  @IsOptional()
  @IsString()
  @MaxLength(300)
  motto?: string;

  @IsOptional()
  @IsISO8601(DATE, dateMessage)
  periodStart?: string;

  @IsOptional()
  @IsISO8601(DATE, dateMessage)
  periodEnd?: string;

  @IsOptional()
  @IsIn(STRATEGY_STATUSES)
  status?: StrategyStatus;

  @IsOptional()
  @ValidateIf((_, value) => value !== null)
  @IsISO8601(DATE, dateMessage)
  adoptedOn?: string | null;
}

export class CreateThemeDto {
  @IsString()
  @MinLength(3)
  @MaxLength(300)
  title: string;

  @IsOptional()
  @IsString()
  @MaxLength(5000)
  description?: string;

  @IsOptional()
  @IsBoolean()
  requiresTaxAuthority?: boolean;

  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(100)
  position?: number;
}

export class UpdateThemeDto {
  @IsOptional()
  @IsString()
  @MinLength(3)
  @MaxLength(300)
  title?: string;

  @IsOptional()
  @IsString()
  @MaxLength(5000)
  description?: string;

  @IsOptional()
  @IsBoolean()
  requiresTaxAuthority?: boolean;

  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(100)
  position?: number;
}

export class CreateFocusAreaDto {
  @IsString()
  @MinLength(3)
  @MaxLength(300)
  title: string;

  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(100)
  position?: number;
}

export class UpdateFocusAreaDto {
  @IsOptional()
  @IsString()
  @MinLength(3)
  @MaxLength(300)
  title?: string;

  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(100)
  position?: number;
}
