import { Body, Controller, Delete, Get, Param, Patch, Post, Query, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import type { Actor } from '@koers/access';
import { asWire, CommentThread, DocumentDetail, DocumentMeta, DocumentVersion } from '@koers/contracts';
import {
  CommentBodyDto,
  CreateCommentDto,
  CreateDocumentDto,
  CreateVersionDto,
  DocumentHistoryService,
  DocumentListQueryDto,
  DocumentService,
  ExportQueryDto,
  UpdateDocumentDto,
  VersionViewQueryDto,
} from '@koers/documents';
import { CurrentActor } from '@koers/identity';
import { UuidParamPipe } from './validation';
import { ExpectedVersion, Versioned } from './versioning';
import { RouteAccess } from './route-access';

const CONTENT_TYPES = {
  html: 'text/html; charset=utf-8',
  md: 'text/markdown; charset=utf-8',
  text: 'text/plain; charset=utf-8',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  odt: 'application/vnd.oasis.opendocument.text',
} as const;

/** Document metadata. The content itself only travels through the /collab socket (Yjs). */
@ApiTags('documents')
@Controller()
export class DocumentsController {
  constructor(
    private readonly documents: DocumentService,
    private readonly history: DocumentHistoryService,
  ) {}

  @Get('workgroups/:id/documents')
  @RouteAccess('workgroup.content.read', { in: 'workgroup', attempted: 'document.list' })
  async list(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParamPipe) workgroupId: string,
    @Query() query: DocumentListQueryDto,
  ): Promise<DocumentMeta[]> {
    return asWire<DocumentMeta[]>(await this.documents.list(actor, workgroupId, query.archived ?? false));
  }

  @Post('workgroups/:id/documents')
  @RouteAccess('workgroup.content.write', { in: 'workgroup', attempted: 'document.create' })
  async create(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParamPipe) workgroupId: string,
    @Body() body: CreateDocumentDto,
  ): Promise<DocumentMeta> {
    return asWire<DocumentMeta>(await this.documents.create(actor, workgroupId, body.title, body.kind));
  }

  @Get('documents/:id')
  @Versioned()
  async get(@CurrentActor() actor: Actor, @Param('id', UuidParamPipe) id: string): Promise<DocumentDetail> {
    return asWire<DocumentDetail>(await this.documents.get(actor, id));
  }

  /** Rename ({ title }) or archive/restore ({ archived }). */
  @Patch('documents/:id')
  @RouteAccess('workgroup.content.write', { in: 'document', attempted: 'document.update' })
  @Versioned()
  async update(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParamPipe) id: string,
    @Body() body: UpdateDocumentDto,
    @ExpectedVersion() version?: number,
  ): Promise<DocumentMeta> {
    return asWire<DocumentMeta>(await this.documents.update(actor, id, body, version));
  }

  /** The current content rendered on the server: a complete HTML page, Markdown, text, DOCX or ODT. */
  @Get('documents/:id/export')
  @RouteAccess('workgroup.content.read', { in: 'document', attempted: 'document.export' })
  async export(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParamPipe) id: string,
    @Query() query: ExportQueryDto,
    @Res() response: Response,
  ) {
    const format = query.format ?? 'html';
    const { meta, body } = await this.documents.export(actor, id, format);
    const filename = `${meta.title.replace(/[^\p{L}\p{N} _-]/gu, '').trim() || 'document'}.${format === 'text' ? 'txt' : format}`;
    response.setHeader('Content-Type', CONTENT_TYPES[format]);
    response.setHeader('Content-Disposition', `attachment; filename*=UTF-8''${encodeURIComponent(filename)}`);
    response.setHeader('X-Content-Type-Options', 'nosniff');
    response.send(body);
  }

  @Get('documents/:id/versions')
  async versions(@CurrentActor() actor: Actor, @Param('id', UuidParamPipe) id: string): Promise<DocumentVersion[]> {
    return asWire<DocumentVersion[]>(await this.history.listVersions(actor, id));
  }

  /** A named version of the current content. */
  @Post('documents/:id/versions')
  @RouteAccess('workgroup.content.write', { in: 'document', attempted: 'document.version.create' })
  async createVersion(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParamPipe) id: string,
    @Body() body: CreateVersionDto,
  ): Promise<DocumentVersion> {
    return asWire<DocumentVersion>(await this.history.createVersion(actor, id, body.name));
  }

  /** An old version, read-only, rendered as html, md or text. */
  @Get('documents/:id/versions/:versionId')
  @RouteAccess('workgroup.content.read', { in: 'document', attempted: 'document.version.read' })
  async viewVersion(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParamPipe) id: string,
    @Param('versionId', UuidParamPipe) versionId: string,
    @Query() query: VersionViewQueryDto,
    @Res() response: Response,
  ) {
    const format = query.format ?? 'html';
    // The type is set only once the version is there: a refusal must go out as the usual JSON error.
    const body = await this.history.viewVersion(actor, id, versionId, format);
    response.setHeader('Content-Type', CONTENT_TYPES[format]);
    response.send(body);
  }

  /** Restores a version as a new change on top (the current state is kept as a version first). */
  @Post('documents/:id/versions/:versionId/restore')
  async restore(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParamPipe) id: string,
    @Param('versionId', UuidParamPipe) versionId: string,
  ): Promise<DocumentVersion[]> {
    return asWire<DocumentVersion[]>(await this.history.restore(actor, id, versionId));
  }

  @Get('documents/:id/comments')
  async comments(@CurrentActor() actor: Actor, @Param('id', UuidParamPipe) id: string): Promise<CommentThread[]> {
    return asWire<CommentThread[]>(await this.history.listComments(actor, id));
  }

  /** A comment on a selection (anchors: Yjs relative positions, base64). Returns all threads. */
  @Post('documents/:id/comments')
  @RouteAccess('workgroup.content.write', { in: 'document', attempted: 'document.comment.create' })
  async comment(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParamPipe) id: string,
    @Body() body: CreateCommentDto,
  ): Promise<CommentThread[]> {
    return asWire<CommentThread[]>(await this.history.comment(actor, id, body));
  }

  @Post('comments/:id/replies')
  @RouteAccess('workgroup.content.write', { in: 'comment', attempted: 'document.comment.reply' })
  async reply(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParamPipe) id: string,
    @Body() body: CommentBodyDto,
  ): Promise<CommentThread[]> {
    return asWire<CommentThread[]>(await this.history.reply(actor, id, body.body, body.mentions));
  }

  @Patch('comments/:id')
  @RouteAccess('workgroup.content.write', { in: 'comment', attempted: 'document.comment.edit' })
  @Versioned()
  async editComment(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParamPipe) id: string,
    @Body() body: CommentBodyDto,
    @ExpectedVersion() version?: number,
  ): Promise<CommentThread[]> {
    return asWire<CommentThread[]>(await this.history.edit(actor, id, body.body, body.mentions, version));
  }

  @Post('comments/:id/resolve')
  async resolve(@CurrentActor() actor: Actor, @Param('id', UuidParamPipe) id: string): Promise<CommentThread[]> {
    return asWire<CommentThread[]>(await this.history.setResolved(actor, id, true));
  }

  @Post('comments/:id/reopen')
  async reopen(@CurrentActor() actor: Actor, @Param('id', UuidParamPipe) id: string): Promise<CommentThread[]> {
    return asWire<CommentThread[]>(await this.history.setResolved(actor, id, false));
  }

  @Delete('comments/:id')
  @Versioned()
  async removeComment(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParamPipe) id: string,
    @ExpectedVersion() version?: number,
  ): Promise<CommentThread[]> {
    return asWire<CommentThread[]>(await this.history.remove(actor, id, version));
  }
}
