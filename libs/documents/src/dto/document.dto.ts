import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsOptional, IsString, MaxLength, MinLength } from 'class-validator';
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
  @IsIn(['html', 'md', 'text'])
  format?: 'html' | 'md' | 'text';
}
