import {
  Body,
  CanActivate,
  Controller,
  Delete,
  ExecutionContext,
  Get,
  HttpCode,
  Injectable,
  Param,
  Patch,
  Post,
  Put,
  Query,
  Res,
  UseGuards,
} from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import type { Actor } from '@koers/access';
import {
  ConsultationAnswerDto,
  ConsultationContactsDto,
  ConsultationPolicy,
  ConsultationService,
  CreateConsultationDto,
  CreatePointDto,
  NotaQueryDto,
  UpdateConsultationDto,
  UpdatePointDto,
} from '@koers/consultation';
import { CurrentActor } from '@koers/identity';
import { RouteAccessBy } from './route-access';
import { UuidParamPipe } from './validation';
import { ExpectedVersion, Versioned } from './versioning';

/**
 * Decides from the route alone, before the body is validated, whether the caller may enter the answer of
 * this organisation: the secretariat for any asked one, a named contact only for the organisations named for.
 */
@Injectable()
export class ConsultationAnswerGuard implements CanActivate {
  constructor(private readonly policy: ConsultationPolicy) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<{ actor: Actor; params: Record<string, string> }>();
    await this.policy.assertMayAnswer(request.actor, request.params.id ?? '', request.params.organisationId ?? '');
    return true;
  }
}

/** Consultation of the councils on the concept strategy (wensen en bedenkingen) and the nota van beantwoording. */
@ApiTags('consultations')
@Controller()
export class ConsultationsController {
  constructor(private readonly consultations: ConsultationService) {}

  /** The consultations the caller may see (secretariat and RVC: all; a gemeente's users: those that asked it). */
  @Get('consultations')
  @RouteAccessBy(ConsultationPolicy, () => Promise.resolve())
  list(@CurrentActor() actor: Actor) {
    return this.consultations.list(actor);
  }

  @Post('consultations')
  @RouteAccessBy(ConsultationPolicy, (policy, actor) => policy.assertMayCreate(actor))
  create(@CurrentActor() actor: Actor, @Body() body: CreateConsultationDto) {
    return this.consultations.create(actor, body);
  }

  /** With every asked organisation's answer and points, counts and who is overdue. */
  @Get('consultations/:id')
  @RouteAccessBy(ConsultationPolicy, (policy, actor, id) => policy.assertMayRead(actor, id))
  @Versioned()
  get(@CurrentActor() actor: Actor, @Param('id', UuidParamPipe) id: string) {
    return this.consultations.get(actor, id);
  }

  /** Names the contact people of an asked organisation (active users of it): they answer and are reminded. */
  @Put('consultations/:id/contacts/:organisationId')
  @RouteAccessBy(ConsultationPolicy, (policy, actor, id) => policy.assertMayManage(actor, id, 'consultation.contacts'))
  contacts(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParamPipe) id: string,
    @Param('organisationId', UuidParamPipe) organisationId: string,
    @Body() body: ConsultationContactsDto,
  ) {
    return this.consultations.setContacts(actor, id, organisationId, body.userIds);
  }

  /**
   * Changes after the offer: title and deadline always; the document while nobody answered; organisations
   * added, or removed while they have neither answer nor points; closed (true closes, false reopens); with a
   * note. Kept in the history; the contacts who have not answered are notified.
   */
  @Patch('consultations/:id')
  @RouteAccessBy(ConsultationPolicy, (policy, actor, id) => policy.assertMayManage(actor, id, 'consultation.update'))
  @Versioned()
  update(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParamPipe) id: string,
    @Body() body: UpdateConsultationDto,
    @ExpectedVersion() version?: number,
  ) {
    return this.consultations.update(actor, id, body, version);
  }

  /** The council's answer: the date it decided, the outcome, the text and the raadsbesluit's reference. */
  @Put('consultations/:id/responses/:organisationId')
  @UseGuards(ConsultationAnswerGuard)
  answer(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParamPipe) id: string,
    @Param('organisationId', UuidParamPipe) organisationId: string,
    @Body() body: ConsultationAnswerDto,
  ) {
    return this.consultations.answer(actor, id, organisationId, body);
  }

  /** A point a council raised (a wish or an objection), for the bureau to respond to. */
  @Post('consultations/:id/points')
  @RouteAccessBy(ConsultationPolicy, (policy, actor, id) =>
    policy.assertMayManage(actor, id, 'consultation.point.create'),
  )
  addPoint(@CurrentActor() actor: Actor, @Param('id', UuidParamPipe) id: string, @Body() body: CreatePointDto) {
    return this.consultations.addPoint(actor, id, body);
  }

  /** Edit a point or give the bureau's response: verwerkt, or niet_verwerkt with the reason. */
  @Patch('consultation-points/:id')
  @RouteAccessBy(ConsultationPolicy, (policy, actor, id) =>
    policy.assertMayManagePoint(actor, id, 'consultation.point.update'),
  )
  @Versioned()
  updatePoint(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParamPipe) id: string,
    @Body() body: UpdatePointDto,
    @ExpectedVersion() version?: number,
  ) {
    return this.consultations.updatePoint(actor, id, body, version);
  }

  @Delete('consultation-points/:id')
  @RouteAccessBy(ConsultationPolicy, (policy, actor, id) =>
    policy.assertMayManagePoint(actor, id, 'consultation.point.delete'),
  )
  @Versioned()
  @HttpCode(204)
  async removePoint(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParamPipe) id: string,
    @ExpectedVersion() version?: number,
  ): Promise<void> {
    await this.consultations.removePoint(actor, id, version);
  }

  /** The nota van beantwoording: printable HTML (default), Markdown (md) or CSV. */
  @Get('consultations/:id/nota')
  @RouteAccessBy(ConsultationPolicy, (policy, actor, id) => policy.assertMayRead(actor, id, 'consultation.nota'))
  async nota(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParamPipe) id: string,
    @Query() query: NotaQueryDto,
    @Res() response: Response,
  ) {
    const format = query.format ?? 'html';
    const { body, filename, type } = await this.consultations.nota(actor, id, format);
    response.setHeader('Content-Type', type);
    response.setHeader('Cache-Control', 'no-store');
    response.setHeader(
      'Content-Disposition',
      `${format === 'html' ? 'inline' : 'attachment'}; filename*=UTF-8''${encodeURIComponent(filename)}`,
    );
    response.send(body);
  }
}
