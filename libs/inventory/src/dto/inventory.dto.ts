import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
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

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;
const dateMessage = { message: 'Gebruik een datum als 2026-01-31.' };
const titleMessage = { message: 'Een titel heeft 3 tot 200 tekens.' };
const textMessage = (max: number) => ({ message: `Hoogstens ${max} tekens.` });

export class InventoryContactDto {
  @IsUUID()
  organisationId: string;

  @IsArray()
  @ArrayMaxSize(10)
  @IsUUID('all', { each: true })
  userIds: string[];
}

export class CreateInventoryDto {
  @IsString()
  @MinLength(3, titleMessage)
  @MaxLength(200, titleMessage)
  title: string;

  /** The last day (Netherlands) on which contact people can still change their answer. */
  @IsISO8601({ strict: true }, dateMessage)
  @Matches(DATE_ONLY, dateMessage)
  deadline: string;

  /** The organisations asked (gemeenten, OM, police, others). */
  @IsArray()
  @ArrayMinSize(1, { message: 'Kies ten minste één organisatie.' })
  @ArrayMaxSize(500)
  @IsUUID('all', { each: true })
  organisationIds: string[];

  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @IsString({ each: true })
  @MinLength(3, { each: true, message: 'Een vraag heeft ten minste 3 tekens.' })
  @MaxLength(1000, { each: true, ...textMessage(1000) })
  questions?: string[];

  @IsOptional()
  @IsInt()
  @Min(2000)
  @Max(2100)
  periodStart?: number;

  @IsOptional()
  @IsInt()
  @Min(2000)
  @Max(2100)
  periodEnd?: number;

  /** The contact people per organisation (users of that organisation); more can be named later. */
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(500)
  @ValidateNested({ each: true })
  @Type(() => InventoryContactDto)
  contacts?: InventoryContactDto[];
}

export class UpdateInventoryDto {
  @IsOptional()
  @IsString()
  @MinLength(3, titleMessage)
  @MaxLength(200, titleMessage)
  title?: string;

  @IsOptional()
  @IsISO8601({ strict: true }, dateMessage)
  @Matches(DATE_ONLY, dateMessage)
  deadline?: string;

  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @IsString({ each: true })
  @MinLength(3, { each: true, message: 'Een vraag heeft ten minste 3 tekens.' })
  @MaxLength(1000, { each: true, ...textMessage(1000) })
  questions?: string[];

  /** Organisations to add to those asked (none is removed: their answers stay). */
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(500)
  @IsUUID('all', { each: true })
  addOrganisationIds?: string[];
}

export class ContactsDto {
  @IsArray()
  @ArrayMaxSize(10)
  @IsUUID('all', { each: true })
  userIds: string[];
}

export class InventoryPriorityDto {
  @IsString()
  @MinLength(2, { message: 'Een prioriteit heeft een naam van 2 tot 200 tekens.' })
  @MaxLength(200, { message: 'Een prioriteit heeft een naam van 2 tot 200 tekens.' })
  title: string;

  @IsInt()
  @Min(1)
  @Max(50)
  rank: number;

  @IsOptional()
  @IsString()
  @MaxLength(2000, textMessage(2000))
  explanation?: string;

  @IsOptional()
  @IsBoolean()
  regional?: boolean;
}

export class SaveResponseDto {
  @IsArray()
  @ArrayMaxSize(30)
  @ValidateNested({ each: true })
  @Type(() => InventoryPriorityDto)
  priorities: InventoryPriorityDto[];

  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @IsString({ each: true })
  @MaxLength(5000, { each: true, ...textMessage(5000) })
  answers?: string[];

  /** Submit (indienen); without it the answer is saved as a draft. */
  @IsOptional()
  @IsBoolean()
  submit?: boolean;
}

export class RankingQueryDto {
  /** How many entries (0 = all); 10 when left out. */
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(500)
  top?: number;
}

export class NameGroupDto {
  @IsString()
  @MinLength(2)
  @MaxLength(200)
  title: string;

  @IsArray()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @MaxLength(200, { each: true, ...textMessage(200) })
  variants: string[];
}

export class NameGroupsDto {
  @IsArray()
  @ArrayMaxSize(200)
  @ValidateNested({ each: true })
  @Type(() => NameGroupDto)
  groups: NameGroupDto[];
}

export class CriteriaDto {
  @IsArray()
  @ArrayMaxSize(20)
  @IsString({ each: true })
  @MinLength(3, { each: true, message: 'Een criterium heeft ten minste 3 tekens.' })
  @MaxLength(500, { each: true, ...textMessage(500) })
  criteria: string[];
}

export class ProposedThemeDto {
  @IsString()
  @MinLength(3, titleMessage)
  @MaxLength(200, titleMessage)
  title: string;

  @IsOptional()
  @IsString()
  @MaxLength(2000, textMessage(2000))
  scope?: string;

  /** One score per criterion, in the criteria's order: 0 (niet) to 3 (volledig). */
  @IsArray()
  @ArrayMaxSize(20)
  @IsInt({ each: true })
  @Min(0, { each: true })
  @Max(3, { each: true })
  scores: number[];

  /** Titles from the ranking that support this theme. */
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @MaxLength(200, { each: true, ...textMessage(200) })
  supports?: string[];
}

export class ProposedThemesDto {
  @IsArray()
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => ProposedThemeDto)
  themes: ProposedThemeDto[];
}

export class BodyAnswerDto {
  /** The body asked, e.g. "DVO Twente". */
  @IsString()
  @MinLength(2)
  @MaxLength(200)
  body: string;

  /** The governance body (libs/governance); when given, its name replaces `body`. */
  @IsOptional()
  @ValidateIf((_: object, value: unknown) => value !== null)
  @IsUUID(undefined, { message: 'Kies een bestuurlijk orgaan.' })
  bodyId?: string | null;

  @IsString()
  @MaxLength(5000, textMessage(5000))
  answer: string;
}

export class BodyQuestionDto {
  @IsString()
  @MinLength(3, { message: 'Een vraag heeft ten minste 3 tekens.' })
  @MaxLength(1000, textMessage(1000))
  question: string;

  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => BodyAnswerDto)
  answers?: BodyAnswerDto[];
}

export class BodyQuestionsDto {
  @IsArray()
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => BodyQuestionDto)
  questions: BodyQuestionDto[];
}

export class AdoptThemesDto {
  /** The concept strategy that receives the proposed themes. */
  @IsUUID()
  strategyId: string;
}
