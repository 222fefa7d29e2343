import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsISO8601,
  IsNumber,
  IsOptional,
  IsString,
  IsUUID,
  MaxLength,
  MinLength,
  ValidateIf,
  ValidateNested,
} from '@koers/core';
import {
  FOCUS_AREA_STATUSES,
  FocusAreaStatus,
  INDICATOR_DIRECTIONS,
  INDICATOR_UNITS,
  IndicatorDirection,
  IndicatorUnit,
} from '../reporting.model';

const dateMessage = { message: 'Gebruik een datum als 2026-01-31.' };
const numberMessage = { message: 'Geef een getal.' };
const nullable = (_: object, value: unknown) => value !== null;

export class CreateReportingCycleDto {
  @IsUUID()
  strategyId: string;

  @IsString()
  @MinLength(3, { message: 'Een cyclus heeft een titel van minstens 3 tekens.' })
  @MaxLength(200)
  title: string;

  /** The RVC meeting the reports go to. */
  @IsISO8601({ strict: true }, dateMessage)
  meetingDate: string;

  /** The werkgroepen's deadline; before the meeting. */
  @IsISO8601({ strict: true }, dateMessage)
  reportDeadline: string;

  /** The period the reports cover; defaults to the half year up to the deadline. */
  @IsOptional()
  @IsISO8601({ strict: true }, dateMessage)
  periodStart?: string;

  @IsOptional()
  @IsISO8601({ strict: true }, dateMessage)
  periodEnd?: string;
}

export class UpdateReportingCycleDto {
  @IsOptional()
  @IsString()
  @MinLength(3, { message: 'Een cyclus heeft een titel van minstens 3 tekens.' })
  @MaxLength(200)
  title?: string;

  @IsOptional()
  @IsISO8601({ strict: true }, dateMessage)
  meetingDate?: string;

  @IsOptional()
  @IsISO8601({ strict: true }, dateMessage)
  reportDeadline?: string;

  @IsOptional()
  @IsISO8601({ strict: true }, dateMessage)
  periodStart?: string;

  @IsOptional()
  @IsISO8601({ strict: true }, dateMessage)
  periodEnd?: string;
}

export class ReportingCycleQueryDto {
  @IsOptional()
  @IsUUID()
  strategyId?: string;
}

export class CreateIndicatorDto {
  @IsUUID()
  focusAreaId: string;

  @IsString()
  @MinLength(3, { message: 'Een indicator heeft een titel van minstens 3 tekens.' })
  @MaxLength(200)
  title: string;

  @IsOptional()
  @IsString()
  @MaxLength(4000)
  description?: string;

  @IsIn(INDICATOR_UNITS, { message: `Kies een eenheid: ${INDICATOR_UNITS.join(', ')}.` })
  unit: IndicatorUnit;

  @IsOptional()
  @ValidateIf(nullable)
  @IsNumber({ allowNaN: false, allowInfinity: false }, numberMessage)
  baseline?: number | null;

  @IsOptional()
  @ValidateIf(nullable)
  @IsNumber({ allowNaN: false, allowInfinity: false }, numberMessage)
  target?: number | null;

  @IsIn(INDICATOR_DIRECTIONS, { message: 'Kies hoger_is_beter of lager_is_beter.' })
  direction: IndicatorDirection;
}

export class UpdateIndicatorDto {
  @IsOptional()
  @IsUUID()
  focusAreaId?: string;

  @IsOptional()
  @IsString()
  @MinLength(3, { message: 'Een indicator heeft een titel van minstens 3 tekens.' })
  @MaxLength(200)
  title?: string;

  @IsOptional()
  @IsString()
  @MaxLength(4000)
  description?: string;

  @IsOptional()
  @IsIn(INDICATOR_UNITS, { message: `Kies een eenheid: ${INDICATOR_UNITS.join(', ')}.` })
  unit?: IndicatorUnit;

  @IsOptional()
  @ValidateIf(nullable)
  @IsNumber({ allowNaN: false, allowInfinity: false }, numberMessage)
  baseline?: number | null;

  @IsOptional()
  @ValidateIf(nullable)
  @IsNumber({ allowNaN: false, allowInfinity: false }, numberMessage)
  target?: number | null;

  @IsOptional()
  @IsIn(INDICATOR_DIRECTIONS, { message: 'Kies hoger_is_beter of lager_is_beter.' })
  direction?: IndicatorDirection;
}

export class CreateMeasurementDto {
  @IsISO8601({ strict: true }, dateMessage)
  measuredOn: string;

  @IsNumber({ allowNaN: false, allowInfinity: false }, numberMessage)
  value: number;

  @IsOptional()
  @IsString()
  @MaxLength(500)
  source?: string;
}

export class CreateProgressReportDto {
  @IsUUID()
  cycleId: string;
}

export class FocusAreaReportDto {
  @IsUUID()
  focusAreaId: string;

  @IsOptional()
  @IsIn(FOCUS_AREA_STATUSES, { message: `Kies een status: ${FOCUS_AREA_STATUSES.join(', ')}.` })
  status?: FocusAreaStatus;

  @IsOptional()
  @IsString()
  @MaxLength(20_000)
  narrative?: string;
}

export class UpdateProgressReportDto {
  @IsOptional()
  @IsString()
  @MaxLength(20_000)
  summary?: string;

  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => FocusAreaReportDto)
  focusAreas?: FocusAreaReportDto[];
}

export class ReturnProgressReportDto {
  @IsString()
  @MinLength(3, { message: 'Geef aan waarom de rapportage wordt teruggestuurd.' })
  @MaxLength(4000)
  comment: string;
}

export class DashboardQueryDto {
  @IsUUID()
  strategyId: string;

  /** Which cycle counts as current; by default the next RVC meeting's. */
  @IsOptional()
  @IsUUID()
  cycleId?: string;
}
