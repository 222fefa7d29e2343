import { Type } from 'class-transformer';
import { applyDecorators } from '@nestjs/common';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsIn,
  IsISO8601,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  MaxLength,
  MinLength,
  ValidateIf,
  ValidateNested,
} from '@koers/core';
import {
  CONSULTATION_OUTCOMES,
  CONSULTATION_POINT_KINDS,
  ConsultationOutcome,
  ConsultationPointKind,
  POINT_RESPONSES,
  PointResponse,
  WORKGROUP_TRANSITIONS,
  WorkgroupTransition,
} from '@koers/contracts';

const dateMessage = { message: 'Gebruik een datum als 2026-01-31.' };
/** A calendar day (YYYY-MM-DD) that exists. */
export const IsCalendarDay = () =>
  applyDecorators(IsISO8601({ strict: true }, dateMessage), Matches(/^\d{4}-\d{2}-\d{2}$/, dateMessage));

export class CreateConsultationDto {
  @IsUUID(undefined, { message: 'Kies de strategie die ter consultatie wordt aangeboden.' })
  strategyId: string;

  @IsCalendarDay()
  deadline: string;

  @IsArray()
  @ArrayMinSize(1, { message: 'Kies minstens één gemeente.' })
  @ArrayMaxSize(500)
  @ArrayUnique()
  @IsUUID(undefined, { each: true })
  organisationIds: string[];

  @IsOptional()
  @IsString()
  @MinLength(3, { message: 'Een titel heeft 3 tot 200 tekens.' })
  @MaxLength(200, { message: 'Een titel heeft 3 tot 200 tekens.' })
  title?: string;

  /** The concept strategy as offered: a Koers document reference or the name of the file. */
  @IsOptional()
  @IsString()
  @MaxLength(500)
  documentReference?: string;

  @IsOptional()
  @IsCalendarDay()
  offeredOn?: string;

  /** The contact people per organisation (active users of that organisation); more can be named later. */
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(500)
  @ValidateNested({ each: true })
  @Type(() => ConsultationContactDto)
  contacts?: ConsultationContactDto[];
}

export class ConsultationContactDto {
  @IsUUID(undefined, { message: 'Kies een gevraagde organisatie.' })
  organisationId: string;

  @IsArray()
  @ArrayMaxSize(10, { message: 'Hoogstens 10 contactpersonen per organisatie.' })
  @ArrayUnique()
  @IsUUID(undefined, { each: true, message: 'Kies contactpersonen uit de gebruikers van de organisatie.' })
  userIds: string[];
}

/** PUT /api/consultations/:id/contacts/:organisationId: the organisation's contact people, replaced as a whole. */
export class ConsultationContactsDto {
  @IsArray()
  @ArrayMaxSize(10, { message: 'Hoogstens 10 contactpersonen per organisatie.' })
  @ArrayUnique()
  @IsUUID(undefined, { each: true, message: 'Kies contactpersonen uit de gebruikers van de organisatie.' })
  userIds: string[];
}

export class UpdateConsultationDto {
  @IsOptional()
  @IsString()
  @MinLength(3, { message: 'Een titel heeft 3 tot 200 tekens.' })
  @MaxLength(200, { message: 'Een titel heeft 3 tot 200 tekens.' })
  title?: string;

  @IsOptional()
  @IsString()
  @MaxLength(500)
  documentReference?: string;

  @IsOptional()
  @IsCalendarDay()
  deadline?: string;

  @IsOptional()
  @IsBoolean()
  closed?: boolean;

  /** Organisations asked in addition (after the offer); their contacts are named afterwards. */
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(500)
  @ArrayUnique()
  @IsUUID(undefined, { each: true, message: 'Kies bestaande organisaties.' })
  addOrganisationIds?: string[];

  /** Organisations no longer asked: only those without an answer and without points. */
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(500)
  @ArrayUnique()
  @IsUUID(undefined, { each: true, message: 'Kies gevraagde organisaties.' })
  removeOrganisationIds?: string[];

  /** Why it changed: kept in the history and sent with the notification to the contacts. */
  @IsOptional()
  @IsString()
  @MaxLength(2000, { message: 'Een toelichting heeft hoogstens 2000 tekens.' })
  note?: string;
}

export class ConsultationAnswerDto {
  @IsCalendarDay()
  decidedOn: string;

  @IsIn(CONSULTATION_OUTCOMES, {
    message: 'Kies geen_wensen_of_bedenkingen, wensen, bedenkingen of wensen_en_bedenkingen.',
  })
  outcome: ConsultationOutcome;

  @IsOptional()
  @IsString()
  @MaxLength(20_000)
  text?: string;

  /** The raadsbesluit's reference (number, or a link). */
  @IsOptional()
  @IsString()
  @MaxLength(300)
  decisionReference?: string;
}

export class CreatePointDto {
  @IsUUID(undefined, { message: 'Kies de gemeente die dit punt inbracht.' })
  organisationId: string;

  @IsIn(CONSULTATION_POINT_KINDS, { message: 'Kies wens of bedenking.' })
  kind: ConsultationPointKind;

  @IsString()
  @MinLength(3, { message: 'Een punt heeft 3 tot 4000 tekens.' })
  @MaxLength(4000, { message: 'Een punt heeft 3 tot 4000 tekens.' })
  text: string;
}

export class UpdatePointDto {
  @IsOptional()
  @IsIn(CONSULTATION_POINT_KINDS, { message: 'Kies wens of bedenking.' })
  kind?: ConsultationPointKind;

  @IsOptional()
  @IsString()
  @MinLength(3, { message: 'Een punt heeft 3 tot 4000 tekens.' })
  @MaxLength(4000, { message: 'Een punt heeft 3 tot 4000 tekens.' })
  text?: string;

  /** The bureau's response; null takes it back. */
  @IsOptional()
  @ValidateIf((_, value) => value !== null)
  @IsIn(POINT_RESPONSES, { message: 'Kies verwerkt of niet_verwerkt.' })
  response?: PointResponse | null;

  @IsOptional()
  @IsString()
  @MaxLength(4000)
  reason?: string;
}

export class NotaQueryDto {
  @IsOptional()
  @IsIn(['html', 'md', 'csv'], { message: 'Kies html, md of csv.' })
  format?: 'html' | 'md' | 'csv';
}

export class AdoptStrategyDto {
  @IsCalendarDay()
  adoptedOn: string;

  /** The reference of the board's decision (besluitnummer, vergaderdatum, link). */
  @IsString()
  @MinLength(2, { message: 'Geef de verwijzing naar het besluit (2 tot 300 tekens).' })
  @MaxLength(300, { message: 'Geef de verwijzing naar het besluit (2 tot 300 tekens).' })
  decisionReference: string;

  /** The governance body that adopted it; without it the region's board name is recorded. */
  @IsOptional()
  @IsUUID(undefined, { message: 'Kies het orgaan dat de strategie vaststelde.' })
  bodyId?: string;

  /** The meeting of that body where it was adopted (needs bodyId). */
  @IsOptional()
  @IsUUID(undefined, { message: 'Kies de vergadering waarin de strategie werd vastgesteld.' })
  meetingId?: string;
}

export class WorkgroupTransitionDto {
  @IsIn(WORKGROUP_TRANSITIONS, { message: 'Kies continue (voortzetten) of discharge (decharge).' })
  action: WorkgroupTransition;

  /** For continue: the theme of the new strategy the werkgroep continues under. */
  @ValidateIf((o: WorkgroupTransitionDto) => o.action === 'continue')
  @IsUUID(undefined, { message: 'Kies de prioriteit van de nieuwe strategie.' })
  themeId?: string;

  @IsOptional()
  @IsString()
  @MaxLength(2000)
  note?: string;
}
