import { PartialType } from '@nestjs/swagger';
import type { FocusAreaInput, StrategyInput, ThemeInput } from '@koers/contracts';
import { applyDecorators } from '@nestjs/common';
import {
  IsBoolean,
  IsIn,
  IsInt,
  IsISO8601,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateIf,
} from '@koers/core';
import { STRATEGY_STATUSES, StrategyStatus } from '../strategy.entity';
import { STRATEGY_EXPORT_FORMATS, StrategyExportFormat } from '../strategy-export.service';

const dateMessage = { message: 'Gebruik een datum als 2026-01-31.' };

/** A calendar day (YYYY-MM-DD) that exists: ISO 8601 alone would also accept a time and a zone. */
const IsCalendarDay = () =>
  applyDecorators(IsISO8601({ strict: true }, dateMessage), Matches(/^\d{4}-\d{2}-\d{2}$/, dateMessage));

export class CreateStrategyDto implements StrategyInput {
  @IsString()
  @MinLength(3)
  @MaxLength(200)
  title: string;

  @IsOptional()
  @IsString()
  @MaxLength(300)
  motto?: string;

  @IsCalendarDay()
  periodStart: string;

  @IsCalendarDay()
  periodEnd: string;

  @IsOptional()
  @IsIn(STRATEGY_STATUSES)
  status?: StrategyStatus;

  @IsOptional()
  @ValidateIf((_, value) => value !== null)
  @IsCalendarDay()
  adoptedOn?: string | null;

  /** The body that adopted it, e.g. "Regionaal Veiligheidscollege". */
  @IsOptional()
  @IsString()
  @MaxLength(200)
  adoptedBy?: string;

  /** Rich text (HTML, sanitised by the service) or plain text (one point per line). */
  @IsOptional()
  @IsString()
  @MaxLength(20000)
  vision?: string;

  @IsOptional()
  @IsString()
  @MaxLength(20000)
  trends?: string;

  @IsOptional()
  @IsString()
  @MaxLength(20000)
  principles?: string;

  @IsOptional()
  @IsString()
  @MaxLength(20000)
  selectionCriteria?: string;
}

export class UpdateStrategyDto extends PartialType(CreateStrategyDto, { skipNullProperties: false }) {}

export class CreateThemeDto implements ThemeInput {
  @IsString()
  @MinLength(3)
  @MaxLength(300)
  title: string;

  /** Rich text (HTML, sanitised by the service) or plain text. */
  @IsOptional()
  @IsString()
  @MaxLength(20000)
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

export class UpdateThemeDto extends PartialType(CreateThemeDto, { skipNullProperties: false }) {}

export class CreateFocusAreaDto implements FocusAreaInput {
  @IsString()
  @MinLength(3)
  @MaxLength(300)
  title: string;

  /** Rich text (HTML, sanitised by the service) or plain text. */
  @IsOptional()
  @IsString()
  @MaxLength(20000)
  description?: string;

  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(100)
  position?: number;
}

export class UpdateFocusAreaDto extends PartialType(CreateFocusAreaDto, { skipNullProperties: false }) {}

export class StrategyExportQueryDto {
  @IsIn(STRATEGY_EXPORT_FORMATS, { message: 'Kies als formaat docx of pdf.' })
  format: StrategyExportFormat;
}
