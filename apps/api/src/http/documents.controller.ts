import { Body, Controller, Get, Param, Patch, Post, Query, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import type { Actor } from '@koers/access';
import { CreateDocumentDto, DocumentListQueryDto, DocumentService, ExportQueryDto, UpdateDocumentDto } from '@koers/documents';
import { CurrentActor } from '@koers/identity';
import { UuidParamPipe } from './validation';

const CONTENT_TYPES = { html: 'text/html; charset=utf-8', md: 'text/markdown; charset=utf-8', text: 'text/plain; charset=utf-8' } as const;

/** Document metadata. The content itself only travels through the /collab socket (Yjs). */
@ApiTags('documents')
@Controller()
export class DocumentsController {
  constructor(private readonly documents: DocumentService) {}

  @Get('workgroups/:id/documents')
  list(@CurrentActor() actor: Actor, @Param('id', UuidParamPipe) workgroupId: string, @Query() query: DocumentListQueryDto) {
    return this.documents.list(actor, workgroupId, query.archived ?? false);
  }

  @Post('workgroups/:id/documents')
  create(@CurrentActor() actor: Actor, @Param('id', UuidParamPipe) workgroupId: string, @Body() body: CreateDocumentDto) {
    return this.documents.create(actor, workgroupId, body.title, body.kind);
  }

  @Get('documents/:id')
  get(@CurrentActor() actor: Actor, @Param('id', UuidParamPipe) id: string) {
    return this.documents.get(actor, id);
  }

  /** Rename ({ title }) or archive/restore ({ archived }). */
  @Patch('documents/:id')
  update(@CurrentActor() actor: Actor, @Param('id', UuidParamPipe) id: string, @Body() body: UpdateDocumentDto) {
    return this.documents.update(actor, id, body);
  }

  /** The current content rendered on the server: html, md or text. */
  @Get('documents/:id/export')
  async export(@CurrentActor() actor: Actor, @Param('id', UuidParamPipe) id: string, @Query() query: ExportQueryDto, @Res() response: Response) {
    const format = query.format ?? 'html';
    const { meta, body } = await this.documents.export(actor, id, format);
    const filename = `${meta.title.replace(/[^\p{L}\p{N} _-]/gu, '').trim() || 'document'}.${format === 'text' ? 'txt' : format}`;
    response.setHeader('Content-Type', CONTENT_TYPES[format]);
    response.setHeader('Content-Disposition', `attachment; filename*=UTF-8''${encodeURIComponent(filename)}`);
    response.send(body);
  }
}
