import { Transform } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBase64,
  IsBoolean,
  IsDefined,
  IsIn,
  IsOptional,
  IsString,
  IsUUID,
  MaxLength,
  MinLength,
  ValidateIf,
} from '@koers/core';
import { EXPORT_FORMATS, ExportFormat, TEXT_EXPORT_FORMATS, TextExportFormat } from '@koers/contracts';
import { DOCUMENT_KINDS, DocumentKind } from '../document.model';

export class CreateDocumentDto {
  @IsString()
  @MinLength(1, { message: 'Geef het document een titel.' })
  @MaxLength(200)
  title: string;

  @IsIn(DOCUMENT_KINDS)
  kind: DocumentKind;
}

export class UpdateDocumentDto {
  @IsOptional()
  @IsString()
  @MinLength(1, { message: 'Geef het document een titel.' })
  @MaxLength(200)
  title?: string;

  @IsOptional()
  @IsBoolean()
  archived?: boolean;
}

export class DocumentListQueryDto {
  @IsOptional()
  @Transform(({ value }) => value === 'true' || value === true)
  @IsBoolean()
  archived?: boolean;
}

export class ExportQueryDto {
  @IsOptional()
  @IsIn(EXPORT_FORMATS, { message: 'Kies als formaat html, md, text, docx of odt.' })
  format?: ExportFormat;
}

export class VersionViewQueryDto {
  @IsOptional()
  @IsIn(TEXT_EXPORT_FORMATS, { message: 'Kies als formaat html, md of text.' })
  format?: TextExportFormat;
}

export class CreateVersionDto {
  @IsString()
  @MinLength(1, { message: 'Geef de versie een naam.' })
  @MaxLength(120)
  name: string;
}

const hasAnchor = (comment: CreateCommentDto) => comment.anchorStart !== undefined || comment.anchorEnd !== undefined;
const bothAnchors = { message: 'Geef beide ankers van de selectie, of geen van beide.' };

export class CreateCommentDto {
  @IsString()
  @MinLength(1, { message: 'Een opmerking mag niet leeg zijn.' })
  @MaxLength(4000)
  body: string;

  /** Both ends of the commented selection, or neither (a comment on the whole document). */
  @ValidateIf(hasAnchor)
  @IsDefined(bothAnchors)
  @IsBase64()
  @MaxLength(400)
  anchorStart?: string;

  @ValidateIf(hasAnchor)
  @IsDefined(bothAnchors)
  @IsBase64()
  @MaxLength(400)
  anchorEnd?: string;

  @IsOptional()
  @IsString()
  @MaxLength(2000)
  quote?: string;

  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @IsUUID('all', { each: true })
  mentions?: string[];
}

export class CommentBodyDto {
  @IsString()
  @MinLength(1, { message: 'Een opmerking mag niet leeg zijn.' })
  @MaxLength(4000)
  body: string;

  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @IsUUID('all', { each: true })
  mentions?: string[];
}
