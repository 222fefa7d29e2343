import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsInt,
  IsISO8601,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateIf,
  ValidateNested,
} from '@koers/core';
import { BODY_KINDS, BodyKind } from '@koers/contracts';

const nullable = (_: object, value: unknown) => value !== null;
const nameMessage = { message: 'Een naam heeft 2 tot 200 tekens.' };
const titleMessage = { message: 'Een titel heeft 3 tot 190 tekens.' };
const momentMessage = { message: 'Gebruik een tijdstip als 2026-03-12T14:00:00+01:00.' };
const dayMessage = { message: 'Gebruik een datum als 2026-01-31.' };

export class CreateBodyDto {
  @IsIn(BODY_KINDS, { message: 'Kies rvc, regionale_driehoek, adviescollege, dvc, stuurgroep of overig.' })
  kind: BodyKind;

  @IsString()
  @MinLength(2, nameMessage)
  @MaxLength(200, nameMessage)
  name: string;

  @IsOptional()
  @IsString()
  @MaxLength(4000)
  description?: string;

  /** Required for a districtelijk veiligheidscollege (dvc). */
  @IsOptional()
  @ValidateIf(nullable)
  @IsUUID()
  districtId?: string | null;

  @IsOptional()
  @ValidateIf(nullable)
  @IsInt()
  @Min(1)
  @Max(52)
  meetingsPerYearMin?: number | null;

  @IsOptional()
  @ValidateIf(nullable)
  @IsInt()
  @Min(1)
  @Max(52)
  meetingsPerYearMax?: number | null;
}

export class UpdateBodyDto {
  @IsOptional()
  @IsIn(BODY_KINDS, { message: 'Kies rvc, regionale_driehoek, adviescollege, dvc, stuurgroep of overig.' })
  kind?: BodyKind;

  @IsOptional()
  @IsString()
  @MinLength(2, nameMessage)
  @MaxLength(200, nameMessage)
  name?: string;

  @IsOptional()
  @IsString()
  @MaxLength(4000)
  description?: string;

  @IsOptional()
  @ValidateIf(nullable)
  @IsUUID()
  districtId?: string | null;

  @IsOptional()
  @ValidateIf(nullable)
  @IsInt()
  @Min(1)
  @Max(52)
  meetingsPerYearMin?: number | null;

  @IsOptional()
  @ValidateIf(nullable)
  @IsInt()
  @Min(1)
  @Max(52)
  meetingsPerYearMax?: number | null;
}

export class BodyMemberDto {
  @IsOptional()
  @ValidateIf(nullable)
  @IsUUID()
  userId?: string | null;

  @IsOptional()
  @ValidateIf(nullable)
  @IsUUID()
  organisationId?: string | null;

  @IsOptional()
  @IsString()
  @MaxLength(200)
  role?: string;
}

export class ReplaceMembersDto {
  @IsArray()
  @ArrayMaxSize(300)
  @ValidateNested({ each: true })
  @Type(() => BodyMemberDto)
  members: BodyMemberDto[];
}

export class AgendaEntryDto {
  @IsString()
  @MinLength(3, { message: 'Een agendapunt heeft 3 tot 200 tekens.' })
  @MaxLength(200, { message: 'Een agendapunt heeft 3 tot 200 tekens.' })
  title: string;

  @IsOptional()
  @IsString()
  @MaxLength(4000)
  description?: string;
}

export class MeetingDocumentDto {
  @IsString()
  @MinLength(2, { message: 'Een stuk heeft een titel van 2 tot 200 tekens.' })
  @MaxLength(200, { message: 'Een stuk heeft een titel van 2 tot 200 tekens.' })
  title: string;

  /** A Koers document id or link, or the stuk's kenmerk. */
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  reference?: string;
}

export class AttendanceEntryDto {
  @IsUUID()
  userId: string;

  @IsIn(['uitgenodigd', 'aanwezig', 'afwezig', 'afgemeld'], {
    message: 'Kies uitgenodigd, aanwezig, afwezig of afgemeld.',
  })
  status: 'uitgenodigd' | 'aanwezig' | 'afwezig' | 'afgemeld';
}

/** A guest: a Koers user (`userId`), or a person named here (`name`, `organisation`, `role`). */
export class GuestEntryDto {
  @IsOptional()
  @ValidateIf(nullable)
  @IsUUID(undefined, { message: 'Kies een bestaande gebruiker.' })
  userId?: string | null;

  @IsOptional()
  @IsString()
  @MaxLength(200, { message: 'Een naam heeft 2 tot 200 tekens.' })
  name?: string;

  @IsOptional()
  @IsString()
  @MaxLength(200, { message: 'Een organisatie heeft hoogstens 200 tekens.' })
  organisation?: string;

  /** Their function, or why they were there. */
  @IsOptional()
  @IsString()
  @MaxLength(200, { message: 'Een functie heeft hoogstens 200 tekens.' })
  role?: string;

  @IsOptional()
  @IsIn(['uitgenodigd', 'aanwezig', 'afwezig', 'afgemeld'], {
    message: 'Kies uitgenodigd, aanwezig, afwezig of afgemeld.',
  })
  status?: 'uitgenodigd' | 'aanwezig' | 'afwezig' | 'afgemeld';
}

export class CreateMeetingDto {
  @IsString()
  @MinLength(3, titleMessage)
  @MaxLength(190, titleMessage)
  title: string;

  @IsISO8601({ strict: true }, momentMessage)
  startsAt: string;

  @IsISO8601({ strict: true }, momentMessage)
  endsAt: string;

  @IsOptional()
  @ValidateIf(nullable)
  @IsString()
  @MaxLength(300)
  location?: string | null;

  @IsOptional()
  @IsString()
  @MaxLength(4000)
  description?: string;

  @IsOptional()
  @IsIn(['concept', 'geagendeerd', 'afgerond'], { message: 'Kies concept, geagendeerd of afgerond.' })
  state?: 'concept' | 'geagendeerd' | 'afgerond';

  @IsOptional()
  @IsArray()
  @ArrayMaxSize(60)
  @ValidateNested({ each: true })
  @Type(() => AgendaEntryDto)
  agenda?: AgendaEntryDto[];

  @IsOptional()
  @IsArray()
  @ArrayMaxSize(60)
  @ValidateNested({ each: true })
  @Type(() => MeetingDocumentDto)
  documents?: MeetingDocumentDto[];

  @IsOptional()
  @IsArray()
  @ArrayMaxSize(60)
  @IsString({ each: true })
  @MinLength(3, { each: true, message: 'Een besluit heeft 3 tot 4000 tekens.' })
  @MaxLength(4000, { each: true, message: 'Een besluit heeft 3 tot 4000 tekens.' })
  decisions?: string[];

  @IsOptional()
  @IsArray()
  @ArrayMaxSize(300)
  @ValidateNested({ each: true })
  @Type(() => AttendanceEntryDto)
  attendance?: AttendanceEntryDto[];

  /** Who attended without being a member; replaces the stored guests when sent. */
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => GuestEntryDto)
  guests?: GuestEntryDto[];
}

export class UpdateMeetingDto {
  @IsOptional()
  @IsString()
  @MinLength(3, titleMessage)
  @MaxLength(190, titleMessage)
  title?: string;

  @IsOptional()
  @IsISO8601({ strict: true }, momentMessage)
  startsAt?: string;

  @IsOptional()
  @IsISO8601({ strict: true }, momentMessage)
  endsAt?: string;

  @IsOptional()
  @ValidateIf(nullable)
  @IsString()
  @MaxLength(300)
  location?: string | null;

  @IsOptional()
  @IsString()
  @MaxLength(4000)
  description?: string;

  @IsOptional()
  @IsIn(['concept', 'geagendeerd', 'afgerond'], { message: 'Kies concept, geagendeerd of afgerond.' })
  state?: 'concept' | 'geagendeerd' | 'afgerond';

  @IsOptional()
  @IsArray()
  @ArrayMaxSize(60)
  @ValidateNested({ each: true })
  @Type(() => AgendaEntryDto)
  agenda?: AgendaEntryDto[];

  @IsOptional()
  @IsArray()
  @ArrayMaxSize(60)
  @ValidateNested({ each: true })
  @Type(() => MeetingDocumentDto)
  documents?: MeetingDocumentDto[];

  @IsOptional()
  @IsArray()
  @ArrayMaxSize(60)
  @IsString({ each: true })
  @MinLength(3, { each: true, message: 'Een besluit heeft 3 tot 4000 tekens.' })
  @MaxLength(4000, { each: true, message: 'Een besluit heeft 3 tot 4000 tekens.' })
  decisions?: string[];

  @IsOptional()
  @IsArray()
  @ArrayMaxSize(300)
  @ValidateNested({ each: true })
  @Type(() => AttendanceEntryDto)
  attendance?: AttendanceEntryDto[];

  /** Who attended without being a member; replaces the stored guests when sent. */
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => GuestEntryDto)
  guests?: GuestEntryDto[];
}

export class CalendarQueryDto {
  @IsOptional()
  @IsISO8601({ strict: true }, dayMessage)
  @Matches(/^\d{4}-\d{2}-\d{2}$/, dayMessage)
  from?: string;

  @IsOptional()
  @IsISO8601({ strict: true }, dayMessage)
  @Matches(/^\d{4}-\d{2}-\d{2}$/, dayMessage)
  to?: string;
}
