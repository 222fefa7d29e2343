import { Controller, Delete, Get, HttpCode, Param, Post, Query, Req, Res, StreamableFile } from '@nestjs/common';
import { ApiBody, ApiConsumes, ApiProduces, ApiTags } from '@nestjs/swagger';
import contentDisposition from 'content-disposition';
import type { Request, Response } from 'express';
import type { Actor } from '@koers/access';
import { ErrorCode, FILE_KINDS } from '@koers/contracts';
import type { ErrorBody } from '@koers/contracts';
import type { FileDetail, FileKind, FileLimits, FileMeta, FileParentType } from '@koers/contracts';
import { ByteRange, FileContentQueryDto, FilePolicy, FileService } from '@koers/files';
import { CurrentActor } from '@koers/identity';
import { withUploadedFile } from './multipart';
import { RouteAccessBy } from './route-access';
import { UuidParamPipe } from './validation';
import { ExpectedVersion, Versioned } from './versioning';

const UPLOAD_BODY = {
  schema: { type: 'object', required: ['file'], properties: { file: { type: 'string', format: 'binary' } } },
};

const mayList = (type: FileParentType) =>
  RouteAccessBy(FilePolicy, async (policy, actor, id) => {
    await policy.assertMayList(actor, { type, id });
  });
const mayUpload = (type: FileParentType) =>
  RouteAccessBy(FilePolicy, async (policy, actor, id) => {
    await policy.assertMayUpload(actor, { type, id });
  });

/**
 * Attachments (docs/files.md): uploaded as multipart/form-data (field `file`) to a werkgroep's Documenten, a
 * session, an agenda item, a kennisbank item, an action or a consultation answer; read by whoever may read the parent, added to,
 * versioned and archived by whoever may change it. The content is typed from its bytes and served with
 * a safe type, `nosniff` and an attachment disposition (inline only for PDF and images on request).
 */
@ApiTags('files')
@Controller()
export class FilesController {
  constructor(private readonly files: FileService) {}

  /** What an upload may be: the largest size and the accepted kinds (for the upload screen). */
  @Get('file-limits')
  limits(): FileLimits {
    return { maxBytes: this.files.maxBytes, kinds: Object.keys(FILE_KINDS) as FileKind[] };
  }

  @Get('workgroups/:id/files')
  @mayList('workgroup')
  listOfWorkgroup(@CurrentActor() actor: Actor, @Param('id', UuidParamPipe) id: string): Promise<FileMeta[]> {
    return this.files.list(actor, { type: 'workgroup', id });
  }

  @Post('workgroups/:id/files')
  @mayUpload('workgroup')
  @ApiConsumes('multipart/form-data')
  @ApiBody(UPLOAD_BODY)
  uploadToWorkgroup(@CurrentActor() actor: Actor, @Param('id', UuidParamPipe) id: string, @Req() request: Request) {
    return this.upload(actor, 'workgroup', id, request);
  }

  @Get('sessions/:id/files')
  @mayList('session')
  listOfSession(@CurrentActor() actor: Actor, @Param('id', UuidParamPipe) id: string): Promise<FileMeta[]> {
    return this.files.list(actor, { type: 'session', id });
  }

  @Post('sessions/:id/files')
  @mayUpload('session')
  @ApiConsumes('multipart/form-data')
  @ApiBody(UPLOAD_BODY)
  uploadToSession(@CurrentActor() actor: Actor, @Param('id', UuidParamPipe) id: string, @Req() request: Request) {
    return this.upload(actor, 'session', id, request);
  }

  @Get('agenda-items/:id/files')
  @mayList('agenda_item')
  listOfAgendaItem(@CurrentActor() actor: Actor, @Param('id', UuidParamPipe) id: string): Promise<FileMeta[]> {
    return this.files.list(actor, { type: 'agenda_item', id });
  }

  @Post('agenda-items/:id/files')
  @mayUpload('agenda_item')
  @ApiConsumes('multipart/form-data')
  @ApiBody(UPLOAD_BODY)
  uploadToAgendaItem(@CurrentActor() actor: Actor, @Param('id', UuidParamPipe) id: string, @Req() request: Request) {
    return this.upload(actor, 'agenda_item', id, request);
  }

  @Get('knowledge/:id/files')
  @mayList('knowledge_item')
  listOfKnowledgeItem(@CurrentActor() actor: Actor, @Param('id', UuidParamPipe) id: string): Promise<FileMeta[]> {
    return this.files.list(actor, { type: 'knowledge_item', id });
  }

  @Post('knowledge/:id/files')
  @mayUpload('knowledge_item')
  @ApiConsumes('multipart/form-data')
  @ApiBody(UPLOAD_BODY)
  uploadToKnowledgeItem(@CurrentActor() actor: Actor, @Param('id', UuidParamPipe) id: string, @Req() request: Request) {
    return this.upload(actor, 'knowledge_item', id, request);
  }

  @Get('actions/:id/files')
  @mayList('action')
  listOfAction(@CurrentActor() actor: Actor, @Param('id', UuidParamPipe) id: string): Promise<FileMeta[]> {
    return this.files.list(actor, { type: 'action', id });
  }

  @Post('actions/:id/files')
  @mayUpload('action')
  @ApiConsumes('multipart/form-data')
  @ApiBody(UPLOAD_BODY)
  uploadToAction(@CurrentActor() actor: Actor, @Param('id', UuidParamPipe) id: string, @Req() request: Request) {
    return this.upload(actor, 'action', id, request);
  }

  @Get('consultation-answers/:id/files')
  @mayList('consultation_answer')
  listOfConsultationAnswer(@CurrentActor() actor: Actor, @Param('id', UuidParamPipe) id: string): Promise<FileMeta[]> {
    return this.files.list(actor, { type: 'consultation_answer', id });
  }

  @Post('consultation-answers/:id/files')
  @mayUpload('consultation_answer')
  @ApiConsumes('multipart/form-data')
  @ApiBody(UPLOAD_BODY)
  uploadToConsultationAnswer(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParamPipe) id: string,
    @Req() request: Request,
  ) {
    return this.upload(actor, 'consultation_answer', id, request);
  }

  /** A file with every version (who, when, size, SHA-256). */
  @Get('files/:id')
  @RouteAccessBy(FilePolicy, async (policy, actor, id) => {
    await policy.assertMayRead(actor, id);
  })
  @Versioned()
  get(@CurrentActor() actor: Actor, @Param('id', UuidParamPipe) id: string): Promise<FileDetail> {
    return this.files.get(actor, id);
  }

  /**
   * The bytes of the newest version, or of `version`; `inline=true` shows a PDF or image in the browser. A
   * `Range: bytes=…` request (one range; `If-Range` with the ETag honoured) is answered `206` with
   * `Content-Range`, reading only the chunks that hold it; a range beyond the end is `416`.
   */
  @Get('files/:id/content')
  @RouteAccessBy(FilePolicy, async (policy, actor, id) => {
    await policy.assertMayRead(actor, id, 'file.download');
  })
  @ApiProduces('application/octet-stream')
  async content(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParamPipe) id: string,
    @Query() query: FileContentQueryDto,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ): Promise<StreamableFile> {
    const content = await this.files.content(actor, id, query.version, (size, sha256) =>
      chooseRange(request, size, sha256),
    );
    response.setHeader('Accept-Ranges', 'bytes');
    response.setHeader('X-Content-Type-Options', 'nosniff');
    response.setHeader('ETag', `"${content.version.sha256}"`);
    if (content.stream === null) {
      response.status(416).setHeader('Content-Range', `bytes */${content.version.sizeBytes}`);
      const body: ErrorBody = {
        error: {
          code: ErrorCode.ValidationFailed,
          message: `Dit deel bestaat niet: het bestand is ${content.version.sizeBytes} bytes.`,
        },
      };
      return new StreamableFile(Buffer.from(JSON.stringify(body)), { type: 'application/json; charset=utf-8' });
    }
    const inline = query.inline === true && content.previewable;
    // An image shown inline runs nothing and loads nothing; a PDF keeps the app's policy (Chromium's viewer
    // refuses to open in a sandbox).
    if (content.version.kind !== 'pdf') response.setHeader('Content-Security-Policy', "default-src 'none'; sandbox");
    const range = content.range;
    if (range) {
      response.status(206);
      response.setHeader('Content-Range', `bytes ${range.start}-${range.end}/${content.version.sizeBytes}`);
    }
    return new StreamableFile(content.stream, {
      type: content.version.mediaType,
      length: range ? range.end - range.start + 1 : content.version.sizeBytes,
      disposition: disposition(content.version.name, inline ? 'inline' : 'attachment'),
    }).setErrorHandler((err, res) => {
      res.destroy?.(err);
    });
  }

  /** A new version of the file (multipart, field `file`); the earlier versions stay. */
  @Post('files/:id/versions')
  @RouteAccessBy(FilePolicy, async (policy, actor, id) => {
    await policy.assertMayChange(actor, id, 'file.version');
  })
  @Versioned()
  @ApiConsumes('multipart/form-data')
  @ApiBody(UPLOAD_BODY)
  addVersion(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParamPipe) id: string,
    @Req() request: Request,
    @ExpectedVersion() version?: number,
  ): Promise<FileMeta> {
    return withUploadedFile(request, this.files.maxBytes, (file) => this.files.addVersion(actor, id, file, version));
  }

  /** Deleting is archiving: the file leaves the lists, its versions are kept (audited). */
  @Delete('files/:id')
  @RouteAccessBy(FilePolicy, async (policy, actor, id) => {
    await policy.assertMayChange(actor, id, 'file.archive');
  })
  @Versioned()
  @HttpCode(204)
  async archive(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParamPipe) id: string,
    @ExpectedVersion() version?: number,
  ): Promise<void> {
    await this.files.archive(actor, id, version);
  }

  private upload(actor: Actor, type: FileParentType, id: string, request: Request): Promise<FileMeta> {
    return withUploadedFile(request, this.files.maxBytes, (file) => this.files.upload(actor, { type, id }, file));
  }
}

/**
 * The part a Range request asks for (RFC 9110 14.2): null for the whole content (no Range, not `bytes`,
 * several ranges, malformed, or an `If-Range` that no longer matches), 'unsatisfiable' when it starts beyond
 * the end.
 */
function chooseRange(request: Request, size: number, sha256: string): ByteRange | null | 'unsatisfiable' {
  const header = request.headers.range;
  if (!header) return null;
  const ifRange = request.headers['if-range'];
  if (ifRange && ifRange !== `"${sha256}"`) return null;
  const ranges = request.range(size, { combine: true });
  if (ranges === -1) return 'unsatisfiable';
  if (ranges === undefined || ranges === -2 || ranges.type !== 'bytes' || ranges.length !== 1) return null;
  return { start: ranges[0].start, end: ranges[0].end };
}

/**
 * `attachment; filename="ascii"; filename*=UTF-8''…` (RFC 6266): the plain `filename` is ASCII only (accents
 * dropped, anything else `_`), the RFC 5987 `filename*` with the real name is always present.
 */
function disposition(name: string, type: 'inline' | 'attachment'): string {
  const fallback = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^\x20-\x7e]/g, '_');
  const header = contentDisposition(name, { type, fallback });
  if (header.includes('filename*=')) return header;
  const encoded = encodeURIComponent(name).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `${header}; filename*=UTF-8''${encoded}`;
}
