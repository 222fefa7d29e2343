import { PartialType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsOptional,
  IsString,
  IsUrl,
  IsUUID,
  MaxLength,
  MinLength,
  ValidateIf,
  ValidateNested,
  PageQueryDto,
} from '@koers/core';
import { KNOWLEDGE_STATUSES, KnowledgeStatus } from '../knowledge.model';

const nullable = (_: object, value: unknown) => value !== null;
const titleMessage = { message: 'Een item heeft een titel van 3 tot 200 tekens.' };

export class KnowledgeLinkDto {
  @IsString()
  @MinLength(1, { message: 'Geef de link een omschrijving.' })
  @MaxLength(200)
  label: string;

  @IsUrl(
    { protocols: ['https'], require_protocol: true, require_tld: true },
    { message: 'Gebruik een volledige https-link, zoals https://www.example.nl/pagina.' },
  )
  @MaxLength(2000)
  url: string;
}

export class CreateKnowledgeItemDto {
  @IsString()
  @MinLength(3, titleMessage)
  @MaxLength(200, titleMessage)
  title: string;

  @IsOptional()
  @IsString()
  @MaxLength(20_000)
  description?: string;

  @IsOptional()
  @ValidateIf(nullable)
  @IsUUID()
  ownerOrganisationId?: string | null;

  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @IsString({ each: true })
  @MinLength(1, { each: true, message: 'Een tag mag niet leeg zijn.' })
  @MaxLength(50, { each: true, message: 'Een tag is hoogstens 50 tekens.' })
  tags?: string[];

  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => KnowledgeLinkDto)
  links?: KnowledgeLinkDto[];

  @IsOptional()
  @IsIn(KNOWLEDGE_STATUSES, { message: 'Kies in_gebruik, pilot of afgerond.' })
  status?: KnowledgeStatus;

  /** The gemeenten (organisations of type gemeente) that use it. */
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(100)
  @IsUUID('all', { each: true })
  gemeenteIds?: string[];
}

export class UpdateKnowledgeItemDto extends PartialType(CreateKnowledgeItemDto, { skipNullProperties: false }) {}

export class KnowledgeSearchQueryDto extends PageQueryDto {
  /** Search words, Dutch (web search syntax: "exacte woorden", OR, -uitsluiten). */
  @IsOptional()
  @IsString()
  @MaxLength(200)
  q?: string;

  @IsOptional()
  @IsString()
  @MaxLength(50)
  tag?: string;

  @IsOptional()
  @IsIn(KNOWLEDGE_STATUSES)
  status?: KnowledgeStatus;

  @IsOptional()
  @IsUUID()
  gemeenteId?: string;
}
