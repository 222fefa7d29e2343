import { OmitType, PartialType } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsIn,
  IsInt,
  IsISO8601,
  IsOptional,
  IsString,
  IsUrl,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateIf,
  ValidateNested,
} from '@koers/core';
import { SESSION_EXPORT_FORMATS, SessionExportFormat } from '../session-export';
import {
  AGENDA_OUTCOMES,
  AGENDA_PLACEMENTS,
  AgendaOutcome,
  AgendaPlacement,
  ATTENDANCE_STATUSES,
  AttendanceStatus,
  SESSION_STATES,
  SESSION_TYPES,
  SessionState,
  SessionType,
} from '../session.model';

const nullable = (_: object, value: unknown) => value !== null;
/** A moment with its offset, so "09:30" is never ambiguous: 2026-03-12T09:30:00+01:00 or ...Z. */
const MOMENT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/;
const momentMessage = { message: 'Gebruik een tijdstip met tijdzone, zoals 2026-03-12T09:30:00+01:00.' };
const typeMessage = { message: 'Kies werksessie, kennissessie of bestuurlijk_overleg.' };
const stateMessage = { message: 'Kies concept, geagendeerd of afgerond.' };
const urlMessage = { message: 'Gebruik een volledige https-link, zoals https://meet.example.nl/sessie.' };
const uuidMessage = { message: 'Dit is geen geldige id.' };
const dateMessage = { message: 'Gebruik een datum als 2026-01-31.' };
const HTTPS_URL = { protocols: ['https'], require_protocol: true, require_valid_protocol: true };

export class CreateSessionDto {
  @IsIn(SESSION_TYPES, typeMessage)
  type: SessionType;

  @IsOptional()
  @IsIn(SESSION_STATES, stateMessage)
  state?: SessionState;

  @IsString({ message: 'Geef de sessie een titel.' })
  @MinLength(3, { message: 'Een sessie heeft een titel van minstens 3 tekens.' })
  @MaxLength(190, { message: 'Een titel is hoogstens 190 tekens.' })
  title: string;

  @IsOptional()
  @IsString()
  @MaxLength(10_000, { message: 'Een toelichting is hoogstens 10.000 tekens.' })
  description?: string;

  @Matches(MOMENT, momentMessage)
  startsAt: string;

  @Matches(MOMENT, momentMessage)
  endsAt: string;

  @IsOptional()
  @ValidateIf(nullable)
  @IsString()
  @MinLength(2, { message: 'Een locatie is minstens 2 tekens.' })
  @MaxLength(300, { message: 'Een locatie is hoogstens 300 tekens.' })
  location?: string | null;

  @IsOptional()
  @ValidateIf(nullable)
  @MaxLength(2000, urlMessage)
  @IsUrl(HTTPS_URL, urlMessage)
  onlineUrl?: string | null;

  /** Members of the werkgroep to invite right away. */
  @IsOptional()
  @IsArray({ message: 'Geef een lijst van deelnemers.' })
  @ArrayMaxSize(200, { message: 'Hoogstens 200 genodigden tegelijk.' })
  @IsUUID('all', { each: true, ...uuidMessage })
  inviteeIds?: string[];
}

/** Everything but the invitees (attendance has its own route) may change; nothing is required. */
export class UpdateSessionDto extends PartialType(OmitType(CreateSessionDto, ['inviteeIds'] as const), {
  skipNullProperties: false,
}) {}

export class SessionListQueryDto {
  /** Comma-separated, e.g. state=concept,geagendeerd */
  @IsOptional()
  @Transform(({ value }) => (typeof value === 'string' ? value.split(',').filter(Boolean) : value))
  @IsIn(SESSION_STATES, { each: true, ...stateMessage })
  state?: SessionState[];
}

export class SessionExportQueryDto {
  @IsOptional()
  @IsIn(SESSION_EXPORT_FORMATS, { message: 'Kies md of html.' })
  format?: SessionExportFormat;
}

export class CreateAgendaItemDto {
  @IsString({ message: 'Geef het agendapunt een titel.' })
  @MinLength(3, { message: 'Een agendapunt heeft een titel van minstens 3 tekens.' })
  @MaxLength(200, { message: 'Een titel is hoogstens 200 tekens.' })
  title: string;

  @IsOptional()
  @IsString()
  @MaxLength(4000, { message: 'Een toelichting is hoogstens 4000 tekens.' })
  description?: string;

  /** Omitted: on the agenda for those who manage sessions, in the backlog (a proposal) for other contributors. */
  @IsOptional()
  @IsIn(AGENDA_PLACEMENTS, { message: 'Kies agenda of backlog.' })
  placement?: AgendaPlacement;

  @IsOptional()
  @ValidateIf(nullable)
  @IsUUID('all', uuidMessage)
  presenterId?: string | null;

  /** For a presenter from outside the werkgroep. */
  @IsOptional()
  @ValidateIf(nullable)
  @IsString()
  @MinLength(1)
  @MaxLength(200, { message: 'Een naam is hoogstens 200 tekens.' })
  presenterName?: string | null;

  @IsOptional()
  @ValidateIf(nullable)
  @IsInt({ message: 'Geef het aantal minuten als heel getal.' })
  @Min(1, { message: 'Een agendapunt duurt minstens 1 minuut.' })
  @Max(480, { message: 'Een agendapunt duurt hoogstens 480 minuten.' })
  minutesAllotted?: number | null;

  @IsOptional()
  @ValidateIf(nullable)
  @IsIn(AGENDA_OUTCOMES, { message: 'Kies informatie, besluit of actie.' })
  outcome?: AgendaOutcome | null;
}

export class UpdateAgendaItemDto extends PartialType(CreateAgendaItemDto, { skipNullProperties: false }) {}

export class ReorderAgendaDto {
  /** Every item on the agenda, in the new order. */
  @IsArray({ message: 'Geef alle agendapunten in de nieuwe volgorde.' })
  @ArrayMaxSize(200)
  @IsUUID('all', { each: true, ...uuidMessage })
  itemIds: string[];
}

export class AttendeeDto {
  @IsUUID('all', uuidMessage)
  userId: string;

  @IsOptional()
  @IsIn(ATTENDANCE_STATUSES, { message: 'Kies uitgenodigd, aanwezig, afwezig of afgemeld.' })
  status?: AttendanceStatus;
}

export class UpdateAttendanceDto {
  /** Invites (status uitgenodigd by default) or updates the status of each person. */
  @IsOptional()
  @IsArray({ message: 'Geef een lijst van deelnemers.' })
  @ArrayMaxSize(200, { message: 'Hoogstens 200 deelnemers tegelijk.' })
  @ValidateNested({ each: true })
  @Type(() => AttendeeDto)
  attendees?: AttendeeDto[];

  /** People to take off the list. */
  @IsOptional()
  @IsArray({ message: 'Geef een lijst van deelnemers.' })
  @ArrayMaxSize(200)
  @IsUUID('all', { each: true, ...uuidMessage })
  removeUserIds?: string[];
}

export class ActionDraftDto {
  @IsString({ message: 'Geef de actie een titel.' })
  @MinLength(3, { message: 'Een actie heeft een titel van minstens 3 tekens.' })
  @MaxLength(300, { message: 'Een titel is hoogstens 300 tekens.' })
  title: string;

  @IsOptional()
  @ValidateIf(nullable)
  @IsUUID('all', uuidMessage)
  ownerId?: string | null;

  @IsOptional()
  @ValidateIf(nullable)
  @IsISO8601({ strict: true }, dateMessage)
  @Matches(/^\d{4}-\d{2}-\d{2}$/, dateMessage)
  dueDate?: string | null;

  @IsOptional()
  @ValidateIf(nullable)
  @IsUUID('all', uuidMessage)
  focusAreaId?: string | null;
}

export class CreateDecisionDto {
  @IsString({ message: 'Beschrijf het besluit.' })
  @MinLength(3, { message: 'Een besluit is minstens 3 tekens.' })
  @MaxLength(4000, { message: 'Een besluit is hoogstens 4000 tekens.' })
  text: string;

  @IsOptional()
  @ValidateIf(nullable)
  @IsUUID('all', uuidMessage)
  agendaItemId?: string | null;

  @IsOptional()
  @Matches(MOMENT, momentMessage)
  decidedAt?: string;

  /** Actions to create from this decision in the same step. */
  @IsOptional()
  @IsArray({ message: 'Geef een lijst van acties.' })
  @ArrayMaxSize(20, { message: 'Hoogstens 20 acties per besluit tegelijk.' })
  @ValidateNested({ each: true })
  @Type(() => ActionDraftDto)
  actions?: ActionDraftDto[];
}

export class UpdateDecisionDto {
  @IsOptional()
  @IsString()
  @MinLength(3, { message: 'Een besluit is minstens 3 tekens.' })
  @MaxLength(4000, { message: 'Een besluit is hoogstens 4000 tekens.' })
  text?: string;

  @IsOptional()
  @ValidateIf(nullable)
  @IsUUID('all', uuidMessage)
  agendaItemId?: string | null;

  @IsOptional()
  @Matches(MOMENT, momentMessage)
  decidedAt?: string;
}

export class CreateDecisionActionsDto {
  @IsArray({ message: 'Geef een lijst van acties.' })
  @ArrayMinSize(1, { message: 'Geef minstens één actie.' })
  @ArrayMaxSize(20, { message: 'Hoogstens 20 acties per besluit tegelijk.' })
  @ValidateNested({ each: true })
  @Type(() => ActionDraftDto)
  actions: ActionDraftDto[];
}
