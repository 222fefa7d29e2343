import { Controller, Get, HttpCode, Param, Post, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import type { Actor } from '@koers/access';
import { DossierJob, DossierService } from '@koers/dossier';
import { CurrentActor } from '@koers/identity';
import { RouteAccess } from './route-access';
import { UuidParamPipe } from './validation';

/**
 * The werkgroep's dossier for the archive (docs/exports.md): requested by the secretariat, made in the
 * background (poll the job for progress), then downloaded as one ZIP.
 */
@ApiTags('dossier')
@Controller()
export class DossierController {
  constructor(private readonly dossiers: DossierService) {}

  /** Starts a dossier: 202 with the job; poll GET …/dossiers/:dossierId until `status` is `klaar`. */
  @Post('workgroups/:id/dossiers')
  @HttpCode(202)
  @RouteAccess('workgroup.manage', { in: 'workgroup', attempted: 'dossier.create' })
  create(@CurrentActor() actor: Actor, @Param('id', UuidParamPipe) workgroupId: string): Promise<DossierJob> {
    return this.dossiers.request(actor, workgroupId);
  }

  @Get('workgroups/:id/dossiers')
  @RouteAccess('workgroup.manage', { in: 'workgroup', attempted: 'dossier.list' })
  list(@CurrentActor() actor: Actor, @Param('id', UuidParamPipe) workgroupId: string): Promise<DossierJob[]> {
    return this.dossiers.list(actor, workgroupId);
  }

  @Get('workgroups/:id/dossiers/:dossierId')
  @RouteAccess('workgroup.manage', { in: 'workgroup', attempted: 'dossier.read' })
  get(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParamPipe) workgroupId: string,
    @Param('dossierId', UuidParamPipe) dossierId: string,
  ): Promise<DossierJob> {
    return this.dossiers.get(actor, workgroupId, dossierId);
  }

  @Get('workgroups/:id/dossiers/:dossierId/content')
  @RouteAccess('workgroup.manage', { in: 'workgroup', attempted: 'dossier.download' })
  async content(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParamPipe) workgroupId: string,
    @Param('dossierId', UuidParamPipe) dossierId: string,
    @Res() response: Response,
  ): Promise<void> {
    const { job, stream } = await this.dossiers.content(actor, workgroupId, dossierId);
    response.setHeader('Content-Type', 'application/zip');
    response.setHeader(
      'Content-Disposition',
      `attachment; filename*=UTF-8''${encodeURIComponent(job.fileName ?? 'dossier.zip')}`,
    );
    response.setHeader('X-Content-Type-Options', 'nosniff');
    if (job.sha256) response.setHeader('Digest', `sha-256=${Buffer.from(job.sha256, 'hex').toString('base64')}`);
    if (job.sizeBytes !== null) response.setHeader('Content-Length', String(job.sizeBytes));
    // Streamed from the stored chunks, one at a time; a store error cuts the response (never a truncated 200 body
    // that looks complete: the length was promised).
    stream.on('error', (err) => response.destroy(err));
    stream.pipe(response);
  }
}
