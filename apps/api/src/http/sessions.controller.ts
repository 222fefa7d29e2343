import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Put, Query, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import type { Actor } from '@koers/access';
import {
  AgendaItem,
  asWire,
  Decision,
  DecisionInSession,
  DocumentMeta,
  SessionDetail,
  SessionSummary,
} from '@koers/contracts';
import { CurrentActor } from '@koers/identity';
import {
  AgendaService,
  CreateAgendaItemDto,
  CreateDecisionActionsDto,
  CreateDecisionDto,
  CreateSessionDto,
  DecisionService,
  ReorderAgendaDto,
  SessionExportQueryDto,
  SessionListQueryDto,
  SessionService,
  UpdateAgendaItemDto,
  UpdateAttendanceDto,
  UpdateDecisionDto,
  UpdateSessionDto,
} from '@koers/sessions';
import { UuidParamPipe } from './validation';
import { ExpectedVersion, Versioned } from './versioning';
import { RouteAccess } from './route-access';

const EXPORT_TYPES = { html: 'text/html; charset=utf-8', md: 'text/markdown; charset=utf-8' } as const;

/** Werk- en kennissessies: agenda, attendance, minutes, decisions (besluitenlijst), invitation and export. */
@ApiTags('sessions')
@Controller()
export class SessionsController {
  constructor(
    private readonly sessions: SessionService,
    private readonly agenda: AgendaService,
    private readonly decisions: DecisionService,
  ) {}

  /** Upcoming sessions first; filter with state=concept,geagendeerd. */
  @Get('workgroups/:id/sessions')
  @RouteAccess('workgroup.content.read', { in: 'workgroup', attempted: 'session.list' })
  async list(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParamPipe) workgroupId: string,
    @Query() query: SessionListQueryDto,
  ): Promise<SessionSummary[]> {
    return asWire<SessionSummary[]>(await this.sessions.list(actor, workgroupId, query.state));
  }

  @Post('workgroups/:id/sessions')
  @RouteAccess('workgroup.actions.manage', { in: 'workgroup', attempted: 'session.create' })
  async create(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParamPipe) workgroupId: string,
    @Body() body: CreateSessionDto,
  ): Promise<SessionDetail> {
    return asWire<SessionDetail>(await this.sessions.create(actor, workgroupId, body));
  }

  /** The session with its agenda, backlog, attendees and decisions. */
  @Get('sessions/:id')
  @Versioned()
  async get(@CurrentActor() actor: Actor, @Param('id', UuidParamPipe) id: string): Promise<SessionDetail> {
    return asWire<SessionDetail>(await this.sessions.get(actor, id));
  }

  @Patch('sessions/:id')
  @RouteAccess('workgroup.actions.manage', { in: 'session', attempted: 'session.update' })
  @Versioned()
  async update(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParamPipe) id: string,
    @Body() body: UpdateSessionDto,
    @ExpectedVersion() version?: number,
  ): Promise<SessionDetail> {
    return asWire<SessionDetail>(await this.sessions.update(actor, id, body, version));
  }

  @Delete('sessions/:id')
  @Versioned()
  @HttpCode(204)
  async remove(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParamPipe) id: string,
    @ExpectedVersion() version?: number,
  ): Promise<void> {
    await this.sessions.remove(actor, id, version);
  }

  @Post('sessions/:id/agenda')
  @RouteAccess('workgroup.content.write', { in: 'session', attempted: 'session.agenda.create' })
  async addItem(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParamPipe) id: string,
    @Body() body: CreateAgendaItemDto,
  ): Promise<AgendaItem> {
    return asWire<AgendaItem>(await this.agenda.add(actor, id, body));
  }

  /** The complete agenda in its new order. */
  @Put('sessions/:id/agenda/order')
  @RouteAccess('workgroup.actions.manage', { in: 'session', attempted: 'session.agenda.reorder' })
  async reorder(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParamPipe) id: string,
    @Body() body: ReorderAgendaDto,
  ): Promise<AgendaItem[]> {
    return asWire<AgendaItem[]>(await this.agenda.reorder(actor, id, body.itemIds));
  }

  @Patch('agenda-items/:id')
  @RouteAccess('workgroup.content.write', { in: 'agenda_item', attempted: 'session.agenda.update' })
  @Versioned()
  async updateItem(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParamPipe) id: string,
    @Body() body: UpdateAgendaItemDto,
    @ExpectedVersion() version?: number,
  ): Promise<AgendaItem> {
    return asWire<AgendaItem>(await this.agenda.update(actor, id, body, version));
  }

  @Delete('agenda-items/:id')
  @Versioned()
  @HttpCode(204)
  async removeItem(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParamPipe) id: string,
    @ExpectedVersion() version?: number,
  ): Promise<void> {
    await this.agenda.remove(actor, id, version);
  }

  @Patch('sessions/:id/attendance')
  @RouteAccess('workgroup.content.write', { in: 'session', attempted: 'session.attendance.update' })
  async attendance(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParamPipe) id: string,
    @Body() body: UpdateAttendanceDto,
  ): Promise<SessionDetail> {
    return asWire<SessionDetail>(await this.sessions.updateAttendance(actor, id, body));
  }

  /** Creates the minutes document (template "verslag") and links it to the session. */
  @Post('sessions/:id/minutes')
  async minutes(@CurrentActor() actor: Actor, @Param('id', UuidParamPipe) id: string): Promise<DocumentMeta> {
    return asWire<DocumentMeta>(await this.sessions.createMinutes(actor, id));
  }

  @Get('sessions/:id/invite.ics')
  async invitation(@CurrentActor() actor: Actor, @Param('id', UuidParamPipe) id: string, @Res() response: Response) {
    const { session, body } = await this.sessions.invitation(actor, id);
    const method = /\r\nMETHOD:(\w+)\r\n/.exec(body)?.[1] ?? 'PUBLISH';
    response.setHeader('Content-Type', `text/calendar; charset=utf-8; method=${method}`);
    response.setHeader(
      'Content-Disposition',
      `attachment; filename*=UTF-8''${encodeURIComponent(`${fileName(session.title)}.ics`)}`,
    );
    response.send(body);
  }

  /** Agenda, attendance and decisions as Markdown or printable HTML. */
  @Get('sessions/:id/export')
  @RouteAccess('workgroup.content.read', { in: 'session', attempted: 'session.export' })
  async export(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParamPipe) id: string,
    @Query() query: SessionExportQueryDto,
    @Res() response: Response,
  ) {
    const format = query.format ?? 'html';
    const { session, body } = await this.sessions.export(actor, id, format);
    response.setHeader('Content-Type', EXPORT_TYPES[format]);
    response.setHeader(
      'Content-Disposition',
      `${format === 'html' ? 'inline' : 'attachment'}; filename*=UTF-8''${encodeURIComponent(`${fileName(session.title)}.${format}`)}`,
    );
    response.send(body);
  }

  @Get('sessions/:id/decisions')
  async listDecisions(@CurrentActor() actor: Actor, @Param('id', UuidParamPipe) id: string): Promise<Decision[]> {
    return asWire<Decision[]>(await this.decisions.list(actor, id));
  }

  /** Records a decision; optional `actions` drafts become actions in the same step. */
  @Post('sessions/:id/decisions')
  @RouteAccess('workgroup.actions.manage', { in: 'session', attempted: 'decision.create' })
  async createDecision(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParamPipe) id: string,
    @Body() body: CreateDecisionDto,
  ): Promise<DecisionInSession> {
    return asWire<DecisionInSession>(await this.decisions.create(actor, id, body));
  }

  /** One decision with its session and the actions it created. */
  @Get('decisions/:id')
  @Versioned()
  async getDecision(@CurrentActor() actor: Actor, @Param('id', UuidParamPipe) id: string): Promise<DecisionInSession> {
    return asWire<DecisionInSession>(await this.decisions.get(actor, id));
  }

  @Patch('decisions/:id')
  @RouteAccess('workgroup.actions.manage', { in: 'decision', attempted: 'decision.update' })
  @Versioned()
  async updateDecision(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParamPipe) id: string,
    @Body() body: UpdateDecisionDto,
    @ExpectedVersion() version?: number,
  ): Promise<DecisionInSession> {
    return asWire<DecisionInSession>(await this.decisions.update(actor, id, body, version));
  }

  @Delete('decisions/:id')
  @Versioned()
  @HttpCode(204)
  async removeDecision(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParamPipe) id: string,
    @ExpectedVersion() version?: number,
  ): Promise<void> {
    await this.decisions.remove(actor, id, version);
  }

  @Post('decisions/:id/actions')
  @RouteAccess('workgroup.actions.manage', { in: 'decision', attempted: 'decision.actions.create' })
  async createActions(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParamPipe) id: string,
    @Body() body: CreateDecisionActionsDto,
  ): Promise<DecisionInSession> {
    return asWire<DecisionInSession>(await this.decisions.createActions(actor, id, body.actions));
  }

  /** The decision (and session) an action came from; 404 for an action that came from elsewhere. */
  @Get('actions/:id/decision')
  async decisionOfAction(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParamPipe) actionId: string,
  ): Promise<DecisionInSession> {
    return asWire<DecisionInSession>(await this.decisions.ofAction(actor, actionId));
  }
}

function fileName(title: string): string {
  return title.replace(/[^\p{L}\p{N} _-]/gu, '').trim() || 'sessie';
}
