import { randomUUID } from 'node:crypto';
import { Type } from '@nestjs/common';
import { NotificationService } from '@koers/notifications';
import { AppModule } from '../apps/api/src/app.module';
import { ActionsController } from '../apps/api/src/http/actions.controller';
import { DashboardController } from '../apps/api/src/http/dashboard.controller';
import { DocumentsController } from '../apps/api/src/http/documents.controller';
import { FollowsController } from '../apps/api/src/http/follows.controller';
import { KnowledgeController } from '../apps/api/src/http/knowledge.controller';
import { NotificationsController } from '../apps/api/src/http/notifications.controller';
import { ReportingCyclesController } from '../apps/api/src/http/reporting-cycles.controller';
import { ReportingIndicatorsController } from '../apps/api/src/http/reporting-indicators.controller';
import { ReportingProgressReportsController } from '../apps/api/src/http/reporting-progress-reports.controller';
import { SearchController } from '../apps/api/src/http/search.controller';
import { SessionsController } from '../apps/api/src/http/sessions.controller';
import { FilesController } from '../apps/api/src/http/files.controller';
import { DossierController } from '../apps/api/src/http/dossier.controller';
import { DossierService } from '@koers/dossier';
import { Api, DEMO, expectStatus, unique } from './support/api-helpers';
import { files, multipartBody } from './support/file-fixtures';
import {
  ACTIONS_MANAGE,
  Caller,
  CALLER_KINDS,
  CALLERS,
  CONTENT_READ,
  CONTENT_WRITE,
  createMatrixWorkgroup,
  deniedCount,
  expectDenialAudited,
  expectOutcome,
  isMember,
  MEMBER_CALLERS,
  OutcomeTable,
  READ,
  routesOf,
  SECRETARIAT,
} from './support/permission-matrix';
import { createTestApp, TestApp } from './support/test-app';

/**
 * Every route of the controllers for a werkgroep's work (actions, sessions, kennisbank, documents,
 * notifications, reporting, dashboard) against every kind of caller, on a fresh "matrix werkgroep" with
 * one demo person in each membership role (test/support/permission-matrix.ts; the foundation controllers
 * are in test/permission-matrix.spec.ts). Routes that change something get a fresh entity per caller, in
 * the state the route needs, so that the allowed callers really get a 2xx. The callers of one route run in
 * parallel; routes run one after the other, so each caller's count of audited refusals is exact.
 */
type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** Controllers this matrix covers; every route of theirs must be in ROUTES. */
const WORK_CONTROLLERS: Array<Type<unknown>> = [
  ActionsController,
  SessionsController,
  KnowledgeController,
  DocumentsController,
  NotificationsController,
  FollowsController,
  ReportingCyclesController,
  ReportingIndicatorsController,
  ReportingProgressReportsController,
  DashboardController,
  SearchController,
  FilesController,
  DossierController,
];
/** Controllers covered by test/permission-matrix-cycle.spec.ts (the strategy cycle). */
const CYCLE_CONTROLLERS = ['ConsultationsController', 'AdoptionController', 'BodiesController'];
/** Controllers covered by test/permission-matrix.spec.ts. */
const FOUNDATION_CONTROLLERS = [
  'HealthController',
  'AuthController',
  'InvitationsController',
  'MfaPolicyController',
  'MeController',
  'OrganisationsController',
  'UsersController',
  'StrategiesController',
  'WorkgroupsController',
  'AuditController',
  'RegionController',
  'ImportsController',
  'RegionCompositionController',
  'SsoController',
  'PasskeysController',
];
/** Controllers covered by test/permission-matrix-inventory.spec.ts (the strategy cycle: inventory, finance). */
const INVENTORY_CONTROLLERS = ['InventoriesController', 'FinanceController'];

/** The kennisbank is shared across the region: every werkgroep member and the secretariat read it (docs/knowledge-and-notifications.md). */
const KNOWLEDGE_READ: OutcomeTable = { ...READ, rvc: 403 };
/** Changed by the theme's werkgroep (aanjager, lid, ambtelijk) and the secretariat; the rest reads (403, the items are no secret). */
const KNOWLEDGE_CHANGE: OutcomeTable = { ...ACTIONS_MANAGE, rvc: 403, otherWorkgroup: 403 };
/** The dashboard and the RVC bundle: the secretariat and RVC members (`reporting.read`). */
const REPORTING_READ: OutcomeTable = { ...SECRETARIAT, rvc: 'ok' };
/**
 * Submitting the progress report upward: the aanjager (and a rapporteur: test/region-setup.spec.ts), and the
 * secretariat on the werkgroep's behalf.
 */
const REPORT_SUBMIT: OutcomeTable = {
  ...CONTENT_READ,
  lid: 403,
  ambtelijk: 403,
  gast: 403,
  waarnemer: 403,
};
/** Accepting or returning a submitted report: the secretariat. */
const REPORT_REVIEW: OutcomeTable = {
  ...CONTENT_READ,
  aanjager: 403,
  lid: 403,
  ambtelijk: 403,
  gast: 403,
  waarnemer: 403,
};
/** A version that went upward (submitted, not returned) is readable by RVC members too. */
const UPWARD_READ: OutcomeTable = { ...CONTENT_READ, rvc: 'ok' };
/** Following: only what the caller may read; anything else is "not found", for RVC members too. */
const FOLLOW: OutcomeTable = { ...CONTENT_READ, rvc: 404 };
/** Someone else's comment: only its author edits it, so nobody here may. */
const NOT_AUTHOR_EDIT: OutcomeTable = {
  ...CONTENT_READ,
  secretariat: 403,
  aanjager: 403,
  lid: 403,
  ambtelijk: 403,
  gast: 403,
  waarnemer: 403,
};
/** Someone else's comment: its author or the secretariat deletes it. */
const NOT_AUTHOR_DELETE: OutcomeTable = { ...NOT_AUTHOR_EDIT, secretariat: 'ok' };

interface Target {
  path: string;
  body?: object;
  /** Sent as multipart/form-data (field `file`) instead of a JSON body: an attachment upload. */
  file?: { name: string; content: Buffer };
}

/** A file addressed by its own id: for anyone who may not read its parent it does not exist (docs/files.md). */
const FILE_READ: OutcomeTable = { ...CONTENT_READ, rvc: 404 };
/** New versions and archiving of a werkgroep's Documenten file: who edits the werkgroep's documents. */
const FILE_CHANGE: OutcomeTable = { ...CONTENT_WRITE, rvc: 404 };
/**
 * A consultation answer's files follow the consultation (docs/files.md): read by the secretariat, the RVC and
 * the named contacts of the asked gemeenten (Lelystad: aanjager; Utrecht: waarnemer; the ambtelijk seat is a
 * Lelystad user who is not named); added to and changed by who may enter that answer, the secretariat and
 * Lelystad's named contact. The others do not know it.
 */
const ANSWER_FILES_READ: OutcomeTable = {
  secretariat: 'ok',
  aanjager: 'ok',
  lid: 404,
  ambtelijk: 404,
  gast: 404,
  waarnemer: 'ok',
  rvc: 'ok',
  otherWorkgroup: 404,
  anonymous: 401,
};
const ANSWER_FILES_CHANGE: OutcomeTable = { ...ANSWER_FILES_READ, waarnemer: 403, rvc: 403 };
/** The werkgroep's dossier (`workgroup.manage`): the secretariat; who sees the werkgroep gets 403. */
const DOSSIER: OutcomeTable = {
  ...CONTENT_READ,
  aanjager: 403,
  lid: 403,
  ambtelijk: 403,
  gast: 403,
  waarnemer: 403,
};

interface Route {
  method: Method;
  /** Route pattern as in the controller, under /api. */
  pattern: string;
  /** What sets this row apart, when a route has several (e.g. one's own comment or another's). */
  variant?: string;
  expected: OutcomeTable;
  /** The request for one caller; creates fresh targets where the call changes something. */
  target: (caller: Caller) => Promise<Target> | Target;
  /** What a refusal's audit entry names: the matrix werkgroep (default), the region, or only the caller. */
  audit?: 'workgroup' | 'region' | 'caller';
}

interface Fixtures {
  strategyId: string;
  themeId: string;
  focusAreaId: string;
  workgroupId: string;
  workgroupName: string;
  memberNames: string[];
  userIds: Record<Exclude<Caller, 'anonymous'>, string>;
  actionId: string;
  sessionId: string;
  agendaItemId: string;
  /** A session to which every member of the matrix werkgroep is invited. */
  invitedSessionId: string;
  decisionId: string;
  /** An action created from the decision. */
  decisionActionId: string;
  knowledgeId: string;
  documentId: string;
  versionId: string;
  threadId: string;
  indicatorId: string;
  /** A reporting cycle with an accepted report of the matrix werkgroep (for the bundle). */
  cycleId: string;
  conceptReportId: string;
  submittedReportId: string;
  submittedNarrativeId: string;
  returnedReportId: string;
  /** An attachment in the matrix werkgroep's Documenten. */
  fileId: string;
  /** Lelystad's answer in a consultation that asks Lelystad and Utrecht, and a file on it. */
  answerId: string;
  answerFileId: string;
  /** A finished dossier of the matrix werkgroep. */
  dossierId: string;
}

describe('permission matrix: the werkgroep at work, documents and reporting', () => {
  let t: TestApp;
  let api: Api;
  let f: Fixtures;

  /** A call that must succeed (setting up targets); returns the body. */
  const as = async <T = Record<string, unknown>>(
    email: string,
    method: Method,
    path: string,
    body?: object,
    status?: number,
  ): Promise<T> => {
    const response = await api.request(email, method, path, body);
    return expectStatus(response, status ?? (method === 'POST' ? 201 : method === 'DELETE' ? 204 : 200)).body as T;
  };
  const idOf = (body: { id: string }) => body.id;
  const sec: string = DEMO.secretariaat;
  const aanjager = CALLERS.aanjager!;

  const newAction = (ownerId?: string) =>
    as<{ id: string }>(sec, 'POST', `/api/workgroups/${f.workgroupId}/actions`, {
      title: unique('Matrixactie'),
      ownerId,
    }).then(idOf);
  const newSession = (inviteeIds: string[] = []) =>
    as<{ id: string }>(sec, 'POST', `/api/workgroups/${f.workgroupId}/sessions`, {
      type: 'werksessie',
      title: unique('Matrixsessie'),
      startsAt: '2030-03-01T09:00:00Z',
      endsAt: '2030-03-01T11:00:00Z',
      inviteeIds,
    }).then(idOf);
  const newAgendaItem = (sessionId: string, placement: 'agenda' | 'backlog', email = sec) =>
    as<{ id: string }>(email, 'POST', `/api/sessions/${sessionId}/agenda`, {
      title: unique('Matrixpunt'),
      placement,
    }).then(idOf);
  const newDecision = (sessionId: string) =>
    as<{ id: string }>(sec, 'POST', `/api/sessions/${sessionId}/decisions`, { text: unique('Matrixbesluit') }).then(
      idOf,
    );
  const newKnowledge = () =>
    as<{ id: string }>(sec, 'POST', `/api/themes/${f.themeId}/knowledge`, { title: unique('Matrixpraktijk') }).then(
      idOf,
    );
  const pdfUpload = () => ({ name: `${unique('Bijlage')}.pdf`, content: files.pdf() });
  const newAnswerFile = async () => {
    const response = await send(sec, 'POST', {
      path: `/api/consultation-answers/${f.answerId}/files`,
      file: pdfUpload(),
    });
    return (expectStatus(response, 201).body as { id: string }).id;
  };
  const newFile = async () => {
    const response = await send(sec, 'POST', { path: `/api/workgroups/${f.workgroupId}/files`, file: pdfUpload() });
    return (expectStatus(response, 201).body as { id: string }).id;
  };
  /** One request of the matrix: JSON as usual, multipart for an upload. */
  const send = async (email: string | null, method: Method, target: Target) => {
    if (!target.file)
      return api.request(
        email,
        method,
        target.path,
        target.body ?? (method === 'GET' || method === 'DELETE' ? undefined : {}),
      );
    const { body, contentType } = multipartBody(target.file.name, target.file.content);
    let req = api.t.http().post(target.path).set('Content-Type', contentType);
    if (email) req = req.set('Authorization', `Bearer ${await api.token(email)}`);
    return req.send(body);
  };
  const newDocument = () =>
    as<{ id: string }>(sec, 'POST', `/api/workgroups/${f.workgroupId}/documents`, {
      title: unique('Matrixdocument'),
      kind: 'notitie',
    }).then(idOf);
  const newVersion = (documentId: string) =>
    as<{ id: string }>(sec, 'POST', `/api/documents/${documentId}/versions`, { name: unique('Matrixversie') }).then(
      idOf,
    );
  const newComment = async (documentId: string, email: string) => {
    const body = unique('Matrixopmerking');
    const threads = await as<Array<{ id: string; body: string }>>(
      email,
      'POST',
      `/api/documents/${documentId}/comments`,
      { body },
    );
    return threads.find((c) => c.body === body)!.id;
  };
  const newIndicator = () =>
    as<{ id: string }>(sec, 'POST', `/api/workgroups/${f.workgroupId}/indicators`, {
      focusAreaId: f.focusAreaId,
      title: unique('Matrixindicator'),
      unit: 'aantal',
      direction: 'hoger_is_beter',
    }).then(idOf);
  const newMeasurement = (indicatorId: string) =>
    as<{ id: string }>(sec, 'POST', `/api/indicators/${indicatorId}/measurements`, {
      measuredOn: '2025-01-15',
      value: 12,
    }).then(idOf);
  const newCycle = () =>
    as<{ id: string }>(sec, 'POST', '/api/reporting-cycles', {
      strategyId: f.strategyId,
      title: unique('Matrixcyclus'),
      meetingDate: '2030-06-30',
      reportDeadline: '2030-06-01',
    }).then(idOf);
  /** A progress report of the matrix werkgroep (for a cycle of its own) in the given state. */
  const newReport = async (
    state: 'concept' | 'ready' | 'ingediend' | 'geaccepteerd' | 'teruggestuurd',
    cycleId?: string,
  ) => {
    const report = await as<{ id: string; narrativeDocumentId: string }>(
      aanjager,
      'POST',
      `/api/workgroups/${f.workgroupId}/progress-reports`,
      { cycleId: cycleId ?? (await newCycle()) },
    );
    if (state === 'concept') return report;
    await as(aanjager, 'PATCH', `/api/progress-reports/${report.id}`, { summary: 'Op koers; de aanpak loopt.' });
    if (state === 'ready') return report;
    await as(aanjager, 'POST', `/api/progress-reports/${report.id}/submit`, {}, 200);
    if (state === 'geaccepteerd') await as(sec, 'POST', `/api/progress-reports/${report.id}/accept`, {}, 200);
    if (state === 'teruggestuurd')
      await as(
        sec,
        'POST',
        `/api/progress-reports/${report.id}/return`,
        { comment: 'Graag de cijfers toelichten.' },
        200,
      );
    return report;
  };
  /** Writers author their own comment or proposal; the others get one of the aanjager's. */
  const writers: Caller[] = ['secretariat', 'aanjager', 'lid', 'ambtelijk', 'gast'];
  const authorFor = (caller: Caller) => (writers.includes(caller) ? CALLERS[caller]! : aanjager);
  const otherAuthorFor = (caller: Caller) => (caller === 'aanjager' ? CALLERS.lid! : aanjager);
  /** Seated members (not the waarnemer) can own an action; the rest try one owned by nobody. */
  const ownActionOwner = (caller: Caller) =>
    isMember(caller) && caller !== 'waarnemer' ? f.userIds[caller] : undefined;

  const ROUTES: Route[] = [
    // --- actions.controller.ts
    {
      method: 'GET',
      pattern: '/api/workgroups/:id/actions',
      expected: CONTENT_READ,
      target: () => ({ path: `/api/workgroups/${f.workgroupId}/actions` }),
    },
    {
      method: 'POST',
      pattern: '/api/workgroups/:id/actions',
      expected: ACTIONS_MANAGE,
      target: () => ({ path: `/api/workgroups/${f.workgroupId}/actions`, body: { title: unique('Nieuwe actie') } }),
    },
    // --- search.controller.ts: everyone signed in; what each finds is checked below ("one's own things only")
    {
      method: 'GET',
      pattern: '/api/search',
      expected: READ,
      audit: 'caller',
      target: () => ({ path: '/api/search?q=Matrixactie' }),
    },
    {
      method: 'GET',
      pattern: '/api/me/actions',
      expected: READ,
      audit: 'caller',
      target: () => ({ path: '/api/me/actions' }),
    },
    {
      method: 'GET',
      pattern: '/api/actions/:id',
      expected: CONTENT_READ,
      target: () => ({ path: `/api/actions/${f.actionId}` }),
    },
    {
      method: 'PATCH',
      pattern: '/api/actions/:id',
      variant: 'an action of someone else',
      expected: ACTIONS_MANAGE,
      target: () => ({ path: `/api/actions/${f.actionId}`, body: { description: unique('Toelichting') } }),
    },
    {
      method: 'PATCH',
      pattern: '/api/actions/:id',
      variant: 'one’s own action',
      expected: CONTENT_WRITE,
      target: async (caller) => ({
        path: `/api/actions/${await newAction(ownActionOwner(caller))}`,
        body: { status: 'in_uitvoering' },
      }),
    },
    {
      method: 'DELETE',
      pattern: '/api/actions/:id',
      expected: ACTIONS_MANAGE,
      target: async () => ({ path: `/api/actions/${await newAction()}` }),
    },
    {
      method: 'POST',
      pattern: '/api/actions/:id/comments',
      expected: CONTENT_WRITE,
      target: () => ({ path: `/api/actions/${f.actionId}/comments`, body: { body: 'Loopt volgens plan.' } }),
    },

    // --- sessions.controller.ts
    {
      method: 'GET',
      pattern: '/api/workgroups/:id/sessions',
      expected: CONTENT_READ,
      target: () => ({ path: `/api/workgroups/${f.workgroupId}/sessions` }),
    },
    {
      method: 'POST',
      pattern: '/api/workgroups/:id/sessions',
      expected: ACTIONS_MANAGE,
      target: () => ({
        path: `/api/workgroups/${f.workgroupId}/sessions`,
        body: {
          type: 'kennissessie',
          title: unique('Nieuwe sessie'),
          startsAt: '2030-04-01T13:00:00Z',
          endsAt: '2030-04-01T15:00:00Z',
        },
      }),
    },
    {
      method: 'GET',
      pattern: '/api/sessions/:id',
      expected: CONTENT_READ,
      target: () => ({ path: `/api/sessions/${f.sessionId}` }),
    },
    {
      method: 'PATCH',
      pattern: '/api/sessions/:id',
      expected: ACTIONS_MANAGE,
      target: () => ({ path: `/api/sessions/${f.sessionId}`, body: { description: unique('Toelichting') } }),
    },
    {
      method: 'DELETE',
      pattern: '/api/sessions/:id',
      expected: ACTIONS_MANAGE,
      target: async () => ({ path: `/api/sessions/${await newSession()}` }),
    },
    {
      method: 'POST',
      pattern: '/api/sessions/:id/agenda',
      variant: 'a proposal',
      expected: CONTENT_WRITE,
      target: () => ({ path: `/api/sessions/${f.sessionId}/agenda`, body: { title: unique('Voorstel') } }),
    },
    {
      method: 'POST',
      pattern: '/api/sessions/:id/agenda',
      variant: 'on the agenda',
      expected: ACTIONS_MANAGE,
      target: () => ({
        path: `/api/sessions/${f.sessionId}/agenda`,
        body: { title: unique('Agendapunt'), placement: 'agenda' },
      }),
    },
    {
      method: 'PUT',
      pattern: '/api/sessions/:id/agenda/order',
      expected: ACTIONS_MANAGE,
      target: async () => {
        const sessionId = await newSession();
        const first = await newAgendaItem(sessionId, 'agenda');
        const second = await newAgendaItem(sessionId, 'agenda');
        return { path: `/api/sessions/${sessionId}/agenda/order`, body: { itemIds: [second, first] } };
      },
    },
    {
      method: 'PATCH',
      pattern: '/api/agenda-items/:id',
      variant: 'an agenda item',
      expected: ACTIONS_MANAGE,
      target: () => ({ path: `/api/agenda-items/${f.agendaItemId}`, body: { description: unique('Toelichting') } }),
    },
    {
      method: 'PATCH',
      pattern: '/api/agenda-items/:id',
      variant: 'one’s own proposal in the backlog',
      expected: CONTENT_WRITE,
      target: async (caller) => ({
        path: `/api/agenda-items/${await newAgendaItem(f.sessionId, 'backlog', authorFor(caller))}`,
        body: { description: unique('Toelichting') },
      }),
    },
    {
      method: 'DELETE',
      pattern: '/api/agenda-items/:id',
      variant: 'an agenda item',
      expected: ACTIONS_MANAGE,
      target: async () => ({ path: `/api/agenda-items/${await newAgendaItem(f.sessionId, 'agenda')}` }),
    },
    {
      method: 'DELETE',
      pattern: '/api/agenda-items/:id',
      variant: 'one’s own proposal in the backlog',
      expected: CONTENT_WRITE,
      target: async (caller) => ({
        path: `/api/agenda-items/${await newAgendaItem(f.sessionId, 'backlog', authorFor(caller))}`,
      }),
    },
    {
      method: 'PATCH',
      pattern: '/api/sessions/:id/attendance',
      variant: 'someone’s presence',
      expected: ACTIONS_MANAGE,
      target: () => ({
        path: `/api/sessions/${f.invitedSessionId}/attendance`,
        body: { attendees: [{ userId: f.userIds.lid, status: 'aanwezig' }] },
      }),
    },
    {
      method: 'PATCH',
      pattern: '/api/sessions/:id/attendance',
      variant: 'an invitee sends regrets',
      expected: CONTENT_WRITE,
      // Members send their own regrets; the others try the aanjager's.
      target: (caller) => ({
        path: `/api/sessions/${f.invitedSessionId}/attendance`,
        body: {
          attendees: [{ userId: isMember(caller) ? f.userIds[caller] : f.userIds.aanjager, status: 'afgemeld' }],
        },
      }),
    },
    {
      method: 'POST',
      pattern: '/api/sessions/:id/minutes',
      expected: ACTIONS_MANAGE,
      target: async () => ({ path: `/api/sessions/${await newSession()}/minutes` }),
    },
    {
      method: 'GET',
      pattern: '/api/sessions/:id/invite.ics',
      expected: CONTENT_READ,
      target: () => ({ path: `/api/sessions/${f.sessionId}/invite.ics` }),
    },
    {
      method: 'GET',
      pattern: '/api/sessions/:id/export',
      expected: CONTENT_READ,
      target: () => ({ path: `/api/sessions/${f.sessionId}/export?format=md` }),
    },
    {
      method: 'GET',
      pattern: '/api/sessions/:id/decisions',
      expected: CONTENT_READ,
      target: () => ({ path: `/api/sessions/${f.sessionId}/decisions` }),
    },
    {
      method: 'POST',
      pattern: '/api/sessions/:id/decisions',
      expected: ACTIONS_MANAGE,
      target: () => ({ path: `/api/sessions/${f.sessionId}/decisions`, body: { text: unique('Besluit') } }),
    },
    {
      method: 'GET',
      pattern: '/api/decisions/:id',
      expected: CONTENT_READ,
      target: () => ({ path: `/api/decisions/${f.decisionId}` }),
    },
    {
      method: 'PATCH',
      pattern: '/api/decisions/:id',
      expected: ACTIONS_MANAGE,
      target: () => ({ path: `/api/decisions/${f.decisionId}`, body: { text: unique('Aangepast besluit') } }),
    },
    {
      method: 'DELETE',
      pattern: '/api/decisions/:id',
      expected: ACTIONS_MANAGE,
      target: async () => ({ path: `/api/decisions/${await newDecision(f.sessionId)}` }),
    },
    {
      method: 'POST',
      pattern: '/api/decisions/:id/actions',
      expected: ACTIONS_MANAGE,
      target: () => ({
        path: `/api/decisions/${f.decisionId}/actions`,
        body: { actions: [{ title: unique('Vervolgactie') }] },
      }),
    },
    {
      method: 'GET',
      pattern: '/api/actions/:id/decision',
      expected: CONTENT_READ,
      target: () => ({ path: `/api/actions/${f.decisionActionId}/decision` }),
    },

    // --- knowledge.controller.ts (the kennisbank of the matrix werkgroep's theme)
    {
      method: 'GET',
      pattern: '/api/themes/:id/knowledge',
      expected: KNOWLEDGE_READ,
      audit: 'caller',
      target: () => ({ path: `/api/themes/${f.themeId}/knowledge?q=aanpak` }),
    },
    {
      method: 'POST',
      pattern: '/api/themes/:id/knowledge',
      expected: KNOWLEDGE_CHANGE,
      target: () => ({ path: `/api/themes/${f.themeId}/knowledge`, body: { title: unique('Nieuwe praktijk') } }),
    },
    {
      method: 'GET',
      pattern: '/api/knowledge/:id',
      expected: KNOWLEDGE_READ,
      audit: 'caller',
      target: () => ({ path: `/api/knowledge/${f.knowledgeId}` }),
    },
    {
      method: 'PATCH',
      pattern: '/api/knowledge/:id',
      expected: KNOWLEDGE_CHANGE,
      audit: 'caller',
      target: () => ({ path: `/api/knowledge/${f.knowledgeId}`, body: { description: unique('Beschrijving') } }),
    },
    {
      method: 'DELETE',
      pattern: '/api/knowledge/:id',
      expected: KNOWLEDGE_CHANGE,
      audit: 'caller',
      target: async () => ({ path: `/api/knowledge/${await newKnowledge()}` }),
    },

    // --- documents.controller.ts
    {
      method: 'GET',
      pattern: '/api/workgroups/:id/documents',
      expected: CONTENT_READ,
      target: () => ({ path: `/api/workgroups/${f.workgroupId}/documents` }),
    },
    {
      method: 'POST',
      pattern: '/api/workgroups/:id/documents',
      expected: CONTENT_WRITE,
      target: () => ({
        path: `/api/workgroups/${f.workgroupId}/documents`,
        body: { title: unique('Nieuw document'), kind: 'notitie' },
      }),
    },
    {
      method: 'GET',
      pattern: '/api/documents/:id',
      expected: CONTENT_READ,
      target: () => ({ path: `/api/documents/${f.documentId}` }),
    },
    {
      method: 'GET',
      pattern: '/api/documents/:id',
      variant: 'the narrative of a submitted report',
      expected: CONTENT_READ,
      target: () => ({ path: `/api/documents/${f.submittedNarrativeId}` }),
    },
    {
      method: 'PATCH',
      pattern: '/api/documents/:id',
      expected: CONTENT_WRITE,
      target: () => ({ path: `/api/documents/${f.documentId}`, body: { title: unique('Hernoemd document') } }),
    },
    {
      method: 'GET',
      pattern: '/api/documents/:id/export',
      expected: CONTENT_READ,
      target: () => ({ path: `/api/documents/${f.documentId}/export?format=md` }),
    },
    {
      method: 'GET',
      pattern: '/api/documents/:id/versions',
      expected: CONTENT_READ,
      target: () => ({ path: `/api/documents/${f.documentId}/versions` }),
    },
    {
      method: 'POST',
      pattern: '/api/documents/:id/versions',
      expected: CONTENT_WRITE,
      target: () => ({ path: `/api/documents/${f.documentId}/versions`, body: { name: unique('Versie') } }),
    },
    {
      method: 'GET',
      pattern: '/api/documents/:id/versions/:versionId',
      expected: CONTENT_READ,
      target: () => ({ path: `/api/documents/${f.documentId}/versions/${f.versionId}?format=text` }),
    },
    {
      method: 'POST',
      pattern: '/api/documents/:id/versions/:versionId/restore',
      expected: CONTENT_WRITE,
      target: async () => {
        const documentId = await newDocument();
        return { path: `/api/documents/${documentId}/versions/${await newVersion(documentId)}/restore` };
      },
    },
    {
      method: 'GET',
      pattern: '/api/documents/:id/comments',
      expected: CONTENT_READ,
      target: () => ({ path: `/api/documents/${f.documentId}/comments` }),
    },
    {
      method: 'POST',
      pattern: '/api/documents/:id/comments',
      expected: CONTENT_WRITE,
      target: () => ({ path: `/api/documents/${f.documentId}/comments`, body: { body: unique('Opmerking') } }),
    },
    {
      method: 'POST',
      pattern: '/api/comments/:id/replies',
      expected: CONTENT_WRITE,
      target: () => ({ path: `/api/comments/${f.threadId}/replies`, body: { body: unique('Antwoord') } }),
    },
    {
      method: 'PATCH',
      pattern: '/api/comments/:id',
      variant: 'one’s own comment',
      expected: CONTENT_WRITE,
      target: async (caller) => ({
        path: `/api/comments/${await newComment(f.documentId, authorFor(caller))}`,
        body: { body: unique('Verbeterd') },
      }),
    },
    {
      method: 'PATCH',
      pattern: '/api/comments/:id',
      variant: 'someone else’s comment',
      expected: NOT_AUTHOR_EDIT,
      target: async (caller) => ({
        path: `/api/comments/${await newComment(f.documentId, otherAuthorFor(caller))}`,
        body: { body: unique('Overgenomen') },
      }),
    },
    {
      method: 'POST',
      pattern: '/api/comments/:id/resolve',
      expected: CONTENT_WRITE,
      target: () => ({ path: `/api/comments/${f.threadId}/resolve` }),
    },
    {
      method: 'POST',
      pattern: '/api/comments/:id/reopen',
      expected: CONTENT_WRITE,
      target: () => ({ path: `/api/comments/${f.threadId}/reopen` }),
    },
    {
      method: 'DELETE',
      pattern: '/api/comments/:id',
      variant: 'one’s own comment',
      expected: CONTENT_WRITE,
      target: async (caller) => ({ path: `/api/comments/${await newComment(f.documentId, authorFor(caller))}` }),
    },
    {
      method: 'DELETE',
      pattern: '/api/comments/:id',
      variant: 'someone else’s comment',
      expected: NOT_AUTHOR_DELETE,
      target: async (caller) => ({ path: `/api/comments/${await newComment(f.documentId, otherAuthorFor(caller))}` }),
    },

    // --- notifications.controller.ts (one's own only)
    {
      method: 'GET',
      pattern: '/api/me/notifications',
      expected: READ,
      audit: 'caller',
      target: () => ({ path: '/api/me/notifications' }),
    },
    {
      method: 'POST',
      pattern: '/api/me/notifications/read-all',
      expected: READ,
      audit: 'caller',
      target: () => ({ path: '/api/me/notifications/read-all' }),
    },
    {
      method: 'POST',
      pattern: '/api/me/notifications/:id/read',
      variant: 'one’s own',
      expected: READ,
      audit: 'caller',
      target: async (caller) => ({
        path: `/api/me/notifications/${caller === 'anonymous' ? randomUUID() : await notificationFor(f.userIds[caller])}/read`,
      }),
    },
    {
      method: 'GET',
      pattern: '/api/me/attention',
      expected: READ,
      audit: 'caller',
      target: () => ({ path: '/api/me/attention' }),
    },
    {
      method: 'GET',
      pattern: '/api/me/home',
      expected: READ,
      audit: 'caller',
      target: () => ({ path: '/api/me/home' }),
    },

    // --- follows.controller.ts (one's own following, of what one may read)
    ...(['GET', 'PUT', 'DELETE'] as const).flatMap((method) =>
      (
        [
          ['documents', () => f.documentId],
          ['actions', () => f.actionId],
          ['sessions', () => f.sessionId],
        ] as const
      ).map(([type, id]): Route => ({
        method,
        pattern: `/api/me/follows/${type}/:id`,
        expected: FOLLOW,
        target: () => ({ path: `/api/me/follows/${type}/${id()}` }),
      })),
    ),

    // --- reporting-cycles.controller.ts
    {
      method: 'GET',
      pattern: '/api/reporting-cycles',
      expected: READ,
      audit: 'region',
      target: () => ({ path: `/api/reporting-cycles?strategyId=${f.strategyId}` }),
    },
    {
      method: 'POST',
      pattern: '/api/reporting-cycles',
      expected: SECRETARIAT,
      audit: 'region',
      target: () => ({
        path: '/api/reporting-cycles',
        body: {
          strategyId: f.strategyId,
          title: unique('Nieuwe cyclus'),
          meetingDate: '2031-06-30',
          reportDeadline: '2031-06-01',
        },
      }),
    },
    {
      method: 'GET',
      pattern: '/api/reporting-cycles/:id',
      expected: READ,
      audit: 'region',
      target: () => ({ path: `/api/reporting-cycles/${f.cycleId}` }),
    },
    {
      method: 'GET',
      pattern: '/api/reporting-cycles/:id/bundle',
      expected: REPORTING_READ,
      audit: 'region',
      target: () => ({ path: `/api/reporting-cycles/${f.cycleId}/bundle` }),
    },
    {
      method: 'GET',
      pattern: '/api/reporting-cycles/:id/bundle.pdf',
      expected: REPORTING_READ,
      audit: 'region',
      target: () => ({ path: `/api/reporting-cycles/${f.cycleId}/bundle.pdf` }),
    },
    {
      method: 'PATCH',
      pattern: '/api/reporting-cycles/:id',
      expected: SECRETARIAT,
      audit: 'region',
      target: () => ({ path: `/api/reporting-cycles/${f.cycleId}`, body: { title: unique('Hernoemde cyclus') } }),
    },
    {
      method: 'POST',
      pattern: '/api/reporting-cycles/:id/close',
      expected: SECRETARIAT,
      audit: 'region',
      // A cycle whose meeting has been held, fresh for every caller: closing happens once.
      target: async () => ({
        path: `/api/reporting-cycles/${await as<{ id: string }>(sec, 'POST', '/api/reporting-cycles', {
          strategyId: f.strategyId,
          title: unique('Gehouden matrixcyclus'),
          meetingDate: '2025-06-30',
          reportDeadline: '2025-06-01',
        }).then(idOf)}/close`,
      }),
    },

    // --- reporting-indicators.controller.ts
    {
      method: 'GET',
      pattern: '/api/workgroups/:id/indicators',
      expected: CONTENT_READ,
      target: () => ({ path: `/api/workgroups/${f.workgroupId}/indicators` }),
    },
    {
      method: 'POST',
      pattern: '/api/workgroups/:id/indicators',
      expected: ACTIONS_MANAGE,
      target: () => ({
        path: `/api/workgroups/${f.workgroupId}/indicators`,
        body: {
          focusAreaId: f.focusAreaId,
          title: unique('Nieuwe indicator'),
          unit: 'percentage',
          direction: 'hoger_is_beter',
        },
      }),
    },
    {
      method: 'GET',
      pattern: '/api/indicators/:id',
      expected: CONTENT_READ,
      target: () => ({ path: `/api/indicators/${f.indicatorId}` }),
    },
    {
      method: 'PATCH',
      pattern: '/api/indicators/:id',
      expected: ACTIONS_MANAGE,
      target: () => ({ path: `/api/indicators/${f.indicatorId}`, body: { title: unique('Hernoemde indicator') } }),
    },
    {
      method: 'DELETE',
      pattern: '/api/indicators/:id',
      expected: ACTIONS_MANAGE,
      target: async () => ({ path: `/api/indicators/${await newIndicator()}` }),
    },
    {
      method: 'POST',
      pattern: '/api/indicators/:id/measurements',
      expected: ACTIONS_MANAGE,
      target: () => ({
        path: `/api/indicators/${f.indicatorId}/measurements`,
        body: { measuredOn: '2025-02-01', value: 14 },
      }),
    },
    {
      method: 'DELETE',
      pattern: '/api/measurements/:id',
      expected: ACTIONS_MANAGE,
      target: async () => ({ path: `/api/measurements/${await newMeasurement(f.indicatorId)}` }),
    },

    // --- reporting-progress-reports.controller.ts
    {
      method: 'GET',
      pattern: '/api/workgroups/:id/progress-reports',
      expected: CONTENT_READ,
      target: () => ({ path: `/api/workgroups/${f.workgroupId}/progress-reports` }),
    },
    {
      method: 'POST',
      pattern: '/api/workgroups/:id/progress-reports',
      expected: CONTENT_WRITE,
      target: async () => ({
        path: `/api/workgroups/${f.workgroupId}/progress-reports`,
        body: { cycleId: await newCycle() },
      }),
    },
    {
      method: 'GET',
      pattern: '/api/progress-reports/:id',
      variant: 'a concept',
      expected: CONTENT_READ,
      target: () => ({ path: `/api/progress-reports/${f.conceptReportId}` }),
    },
    {
      method: 'GET',
      pattern: '/api/progress-reports/:id',
      variant: 'submitted',
      expected: UPWARD_READ,
      target: () => ({ path: `/api/progress-reports/${f.submittedReportId}` }),
    },
    {
      method: 'GET',
      pattern: '/api/progress-reports/:id',
      variant: 'returned',
      expected: CONTENT_READ,
      target: () => ({ path: `/api/progress-reports/${f.returnedReportId}` }),
    },
    {
      method: 'PATCH',
      pattern: '/api/progress-reports/:id',
      expected: CONTENT_WRITE,
      target: () => ({ path: `/api/progress-reports/${f.conceptReportId}`, body: { summary: unique('Samenvatting') } }),
    },
    {
      method: 'GET',
      pattern: '/api/progress-reports/:id/versions',
      variant: 'a concept',
      expected: CONTENT_READ,
      target: () => ({ path: `/api/progress-reports/${f.conceptReportId}/versions` }),
    },
    {
      method: 'GET',
      pattern: '/api/progress-reports/:id/versions',
      variant: 'submitted',
      expected: UPWARD_READ,
      target: () => ({ path: `/api/progress-reports/${f.submittedReportId}/versions` }),
    },
    {
      method: 'GET',
      pattern: '/api/progress-reports/:id/versions',
      variant: 'returned',
      expected: CONTENT_READ,
      target: () => ({ path: `/api/progress-reports/${f.returnedReportId}/versions` }),
    },
    {
      method: 'GET',
      pattern: '/api/progress-reports/:id/submit-check',
      expected: CONTENT_READ,
      target: () => ({ path: `/api/progress-reports/${f.conceptReportId}/submit-check` }),
    },
    {
      method: 'POST',
      pattern: '/api/progress-reports/:id/submit',
      expected: REPORT_SUBMIT,
      target: async () => ({ path: `/api/progress-reports/${(await newReport('ready')).id}/submit` }),
    },
    // Members who see the report but may not review it are refused region-wide (`region.manage`), outsiders in the werkgroep.
    {
      method: 'POST',
      pattern: '/api/progress-reports/:id/accept',
      expected: REPORT_REVIEW,
      audit: 'caller',
      target: async () => ({ path: `/api/progress-reports/${(await newReport('ingediend')).id}/accept` }),
    },
    {
      method: 'POST',
      pattern: '/api/progress-reports/:id/return',
      expected: REPORT_REVIEW,
      audit: 'caller',
      target: async () => ({
        path: `/api/progress-reports/${(await newReport('ingediend')).id}/return`,
        body: { comment: 'Graag de cijfers toelichten.' },
      }),
    },

    // --- files.controller.ts
    {
      method: 'GET',
      pattern: '/api/file-limits',
      expected: READ,
      target: () => ({ path: '/api/file-limits' }),
    },
    {
      method: 'GET',
      pattern: '/api/workgroups/:id/files',
      expected: CONTENT_READ,
      target: () => ({ path: `/api/workgroups/${f.workgroupId}/files` }),
    },
    {
      method: 'POST',
      pattern: '/api/workgroups/:id/files',
      expected: CONTENT_WRITE,
      target: () => ({ path: `/api/workgroups/${f.workgroupId}/files`, file: pdfUpload() }),
    },
    {
      method: 'GET',
      pattern: '/api/sessions/:id/files',
      expected: CONTENT_READ,
      target: () => ({ path: `/api/sessions/${f.sessionId}/files` }),
    },
    {
      method: 'POST',
      pattern: '/api/sessions/:id/files',
      expected: ACTIONS_MANAGE,
      target: () => ({ path: `/api/sessions/${f.sessionId}/files`, file: pdfUpload() }),
    },
    {
      method: 'GET',
      pattern: '/api/agenda-items/:id/files',
      expected: CONTENT_READ,
      target: () => ({ path: `/api/agenda-items/${f.agendaItemId}/files` }),
    },
    {
      method: 'POST',
      pattern: '/api/agenda-items/:id/files',
      expected: ACTIONS_MANAGE,
      target: () => ({ path: `/api/agenda-items/${f.agendaItemId}/files`, file: pdfUpload() }),
    },
    {
      method: 'GET',
      pattern: '/api/knowledge/:id/files',
      expected: KNOWLEDGE_READ,
      audit: 'caller',
      target: () => ({ path: `/api/knowledge/${f.knowledgeId}/files` }),
    },
    {
      method: 'POST',
      pattern: '/api/knowledge/:id/files',
      expected: KNOWLEDGE_CHANGE,
      audit: 'caller',
      target: () => ({ path: `/api/knowledge/${f.knowledgeId}/files`, file: pdfUpload() }),
    },
    {
      method: 'GET',
      pattern: '/api/actions/:id/files',
      expected: CONTENT_READ,
      target: () => ({ path: `/api/actions/${f.actionId}/files` }),
    },
    {
      method: 'POST',
      pattern: '/api/actions/:id/files',
      expected: ACTIONS_MANAGE,
      target: () => ({ path: `/api/actions/${f.actionId}/files`, file: pdfUpload() }),
    },
    {
      method: 'GET',
      pattern: '/api/files/:id',
      expected: FILE_READ,
      target: () => ({ path: `/api/files/${f.fileId}` }),
    },
    {
      method: 'GET',
      pattern: '/api/files/:id/content',
      expected: FILE_READ,
      target: () => ({ path: `/api/files/${f.fileId}/content` }),
    },
    {
      method: 'POST',
      pattern: '/api/files/:id/versions',
      expected: FILE_CHANGE,
      target: () => ({ path: `/api/files/${f.fileId}/versions`, file: pdfUpload() }),
    },
    {
      method: 'DELETE',
      pattern: '/api/files/:id',
      expected: FILE_CHANGE,
      target: async () => ({ path: `/api/files/${await newFile()}` }),
    },

    {
      method: 'GET',
      pattern: '/api/consultation-answers/:id/files',
      expected: ANSWER_FILES_READ,
      audit: 'caller',
      target: () => ({ path: `/api/consultation-answers/${f.answerId}/files` }),
    },
    {
      method: 'POST',
      pattern: '/api/consultation-answers/:id/files',
      expected: ANSWER_FILES_CHANGE,
      audit: 'caller',
      target: () => ({ path: `/api/consultation-answers/${f.answerId}/files`, file: pdfUpload() }),
    },
    {
      method: 'GET',
      pattern: '/api/files/:id/content',
      variant: 'on a consultation answer',
      expected: ANSWER_FILES_READ,
      audit: 'caller',
      target: () => ({ path: `/api/files/${f.answerFileId}/content` }),
    },
    {
      method: 'POST',
      pattern: '/api/files/:id/versions',
      variant: 'on a consultation answer',
      expected: ANSWER_FILES_CHANGE,
      audit: 'caller',
      target: () => ({ path: `/api/files/${f.answerFileId}/versions`, file: pdfUpload() }),
    },
    {
      method: 'DELETE',
      pattern: '/api/files/:id',
      variant: 'on a consultation answer',
      expected: ANSWER_FILES_CHANGE,
      audit: 'caller',
      target: async () => ({ path: `/api/files/${await newAnswerFile()}` }),
    },

    // --- dossier.controller.ts
    {
      method: 'POST',
      pattern: '/api/workgroups/:id/dossiers',
      expected: DOSSIER,
      target: () => ({ path: `/api/workgroups/${f.workgroupId}/dossiers` }),
    },
    {
      method: 'GET',
      pattern: '/api/workgroups/:id/dossiers',
      expected: DOSSIER,
      target: () => ({ path: `/api/workgroups/${f.workgroupId}/dossiers` }),
    },
    {
      method: 'GET',
      pattern: '/api/workgroups/:id/dossiers/:dossierId',
      expected: DOSSIER,
      target: () => ({ path: `/api/workgroups/${f.workgroupId}/dossiers/${f.dossierId}` }),
    },
    {
      method: 'GET',
      pattern: '/api/workgroups/:id/dossiers/:dossierId/content',
      expected: DOSSIER,
      target: () => ({ path: `/api/workgroups/${f.workgroupId}/dossiers/${f.dossierId}/content` }),
    },

    // --- dashboard.controller.ts
    {
      method: 'GET',
      pattern: '/api/dashboard',
      expected: REPORTING_READ,
      audit: 'region',
      target: () => ({ path: `/api/dashboard?strategyId=${f.strategyId}` }),
    },
  ];

  async function notificationFor(userId: string): Promise<string> {
    const created = await t.app
      .get(NotificationService)
      .notify({ userId, kind: 'besluit', title: unique('Matrixmelding'), workgroupId: f.workgroupId });
    return created!.id;
  }

  beforeAll(async () => {
    t = await createTestApp();
    api = new Api(t);
    // Log everyone in once, up front: the routes' callers then run in parallel on cached tokens.
    await Promise.all(Object.values(CALLERS).map((email) => email && api.token(email)));
    const strategy = await api.strategy();
    const userIds = Object.fromEntries(
      await Promise.all(
        CALLER_KINDS.filter((c) => c !== 'anonymous').map(async (c) => [c, await api.userId(CALLERS[c]!)] as const),
      ),
    ) as Fixtures['userIds'];
    const themeId = (
      await as<{ id: string }>(sec, 'POST', `/api/strategies/${strategy.id}/themes`, {
        title: unique('Matrixthema werk'),
      })
    ).id;
    const focusAreaId = (
      await as<{ id: string }>(sec, 'POST', `/api/themes/${themeId}/focus-areas`, { title: unique('Matrixonderdeel') })
    ).id;
    const workgroupName = 'Geheime matrixwerkgroep Kievit';
    const workgroupId = await createMatrixWorkgroup(api, themeId, workgroupName);
    const members = (
      await as<{ members: Array<{ displayName: string }> }>(sec, 'GET', `/api/workgroups/${workgroupId}`)
    ).members;
    f = {
      strategyId: strategy.id,
      themeId,
      focusAreaId,
      workgroupId,
      workgroupName,
      memberNames: members.map((m) => m.displayName),
      userIds,
    } as Fixtures;

    const memberIds = MEMBER_CALLERS.map((c) => userIds[c]);
    const [actionId, sessionId, invitedSessionId, knowledgeId, documentId, indicatorId, cycleId] = await Promise.all([
      newAction(),
      newSession(),
      newSession(memberIds),
      newKnowledge(),
      newDocument(),
      newIndicator(),
      newCycle(),
    ]);
    Object.assign(f, { actionId, sessionId, invitedSessionId, knowledgeId, documentId, indicatorId, cycleId });
    const [agendaItemId, decisionId, versionId, threadId, , concept, submitted, returned] = await Promise.all([
      newAgendaItem(sessionId, 'agenda'),
      newDecision(sessionId),
      newVersion(documentId),
      newComment(documentId, aanjager),
      newMeasurement(indicatorId),
      newReport('concept'),
      newReport('ingediend'),
      newReport('teruggestuurd'),
      newReport('geaccepteerd', cycleId),
    ]);
    const decision = await as<{ actions: Array<{ id: string }> }>(sec, 'POST', `/api/decisions/${decisionId}/actions`, {
      actions: [{ title: unique('Actie uit besluit') }],
    });
    Object.assign(f, {
      agendaItemId,
      decisionId,
      decisionActionId: decision.actions[0].id,
      versionId,
      threadId,
      conceptReportId: concept.id,
      submittedReportId: submitted.id,
      submittedNarrativeId: submitted.narrativeDocumentId,
      returnedReportId: returned.id,
    });
    f.fileId = await newFile();
    const [lelystad, utrecht] = await Promise.all([
      api.organisationId('Gemeente Lelystad'),
      api.organisationId('Gemeente Utrecht'),
    ]);
    const plan = await as<{ id: string }>(sec, 'POST', '/api/strategies', {
      title: unique('Matrixstrategie consultatie'),
      periodStart: '2027-01-01',
      periodEnd: '2030-12-31',
    });
    const consultation = await as<{ id: string }>(sec, 'POST', '/api/consultations', {
      strategyId: plan.id,
      deadline: new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10),
      organisationIds: [lelystad, utrecht],
      contacts: [
        { organisationId: lelystad, userIds: [await api.userId(CALLERS.aanjager!)] },
        { organisationId: utrecht, userIds: [await api.userId(CALLERS.waarnemer!)] },
      ],
    });
    const detail = await as<{ responses: Array<{ id: string; organisationId: string }> }>(
      sec,
      'GET',
      `/api/consultations/${consultation.id}`,
    );
    f.answerId = detail.responses.find((r) => r.organisationId === lelystad)!.id;
    f.answerFileId = await newAnswerFile();
    f.dossierId = (await as<{ id: string }>(sec, 'POST', `/api/workgroups/${f.workgroupId}/dossiers`, {}, 202)).id;
    await t.app.get(DossierService).idle();
  });
  afterAll(async () => {
    // Dossiers requested by the matrix are made in the background: let them finish before the database goes.
    await t.app.get(DossierService).idle();
    await t.close();
  });

  const title = (route: Route) => `${route.method} ${route.pattern}${route.variant ? ` (${route.variant})` : ''}`;

  describe.each(ROUTES.map((route) => [title(route), route] as const))('%s', (_, route) => {
    const sent = new Map<
      Caller,
      { target: Target; response: { status: number; body: unknown }; deniedBefore: number }
    >();

    beforeAll(async () => {
      const targets = await Promise.all(CALLER_KINDS.map((caller) => route.target(caller)));
      const before = await Promise.all(
        CALLER_KINDS.map((caller) =>
          CALLERS[caller] && route.expected[caller] !== 'ok' ? deniedCount(api, CALLERS[caller]!) : 0,
        ),
      );
      const responses = await Promise.all(
        CALLER_KINDS.map((caller, i) => send(CALLERS[caller], route.method, targets[i])),
      );
      CALLER_KINDS.forEach((caller, i) =>
        sent.set(caller, { target: targets[i], response: responses[i], deniedBefore: before[i] }),
      );
    });

    it.each(CALLER_KINDS.map((caller) => [caller, route.expected[caller]] as const))(
      'as %s -> %s',
      async (caller, expected) => {
        const { target, response, deniedBefore } = sent.get(caller)!;
        expectOutcome(`${route.method} ${target.path} as ${caller}`, response, expected, [
          f.workgroupName,
          ...f.memberNames,
        ]);
        const email = CALLERS[caller];
        if (email && expected !== 'ok') {
          const audit = route.audit ?? 'workgroup';
          await expectDenialAudited(
            api,
            email,
            deniedBefore,
            audit === 'workgroup' ? { workgroupId: f.workgroupId } : audit === 'region' ? { entityType: 'region' } : {},
          );
        }
      },
    );

    if (route.pattern.includes('/:id')) {
      it('a malformed id is 404, also for the secretariat', async () => {
        const { target } = sent.get('secretariat')!;
        const malformed = target.path.replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i, 'abc');
        const response = await send(CALLERS.secretariat, route.method, { ...target, path: malformed });
        expectOutcome(`${route.method} ${malformed} as secretariat`, response, 404, []);
      });
    }

    if (route.expected.otherWorkgroup === 404) {
      it('as otherWorkgroup, a made-up id gets the very same answer', async () => {
        const { target, response } = sent.get('otherWorkgroup')!;
        const madeUp = target.path.replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi, () =>
          randomUUID(),
        );
        const probe = await send(CALLERS.otherWorkgroup, route.method, { ...target, path: madeUp });
        expect({ status: probe.status, body: probe.body }).toEqual({ status: response.status, body: response.body });
      });
    }
  });

  describe('the matrix is complete', () => {
    it('lists every route of the controllers it covers, and no other', () => {
      const inControllers = [...new Set(WORK_CONTROLLERS.flatMap(routesOf))].sort();
      const inMatrix = [...new Set(ROUTES.map((r) => `${r.method} ${r.pattern}`))].sort();
      expect(inMatrix).toEqual(inControllers);
      expect(inControllers.length).toBeGreaterThan(70);
    });

    it('every controller of the API is in one of the matrices', () => {
      const registered = (AppModule.forRoot(t.config).controllers ?? []).map((c) => c.name).sort();
      expect(registered).toEqual(
        [
          ...FOUNDATION_CONTROLLERS,
          ...INVENTORY_CONTROLLERS,
          ...CYCLE_CONTROLLERS,
          ...WORK_CONTROLLERS.map((c) => c.name),
        ].sort(),
      );
    });
  });

  describe('one’s own things only', () => {
    it('marking someone else’s notification as read is 404, and leaves it unread', async () => {
      const theirs = await notificationFor(f.userIds.lid);
      for (const email of [DEMO.secretariaat, CALLERS.aanjager!, DEMO.rvc, DEMO.aanjagerCyber]) {
        expectOutcome(
          `mark another's notification as ${email}`,
          await api.post(email, `/api/me/notifications/${theirs}/read`),
          404,
          [],
        );
      }
      const list = expectStatus(await api.get(CALLERS.lid!, '/api/me/notifications?unread=true&limit=100'), 200)
        .body as { items: Array<{ id: string }> };
      expect(list.items.map((n) => n.id)).toContain(theirs);
    });

    it('the search finds the matrix werkgroep’s actions, sessions and documents only for its members and the secretariat', async () => {
      for (const caller of CALLER_KINDS.filter((c) => c !== 'anonymous')) {
        const found = new Set<string>();
        for (const [q, type] of [
          ['Matrixactie', 'action'],
          ['Matrixsessie', 'session'],
          ['Matrixbesluit', 'session'],
        ]) {
          const body = expectStatus(await api.get(CALLERS[caller]!, `/api/search?q=${q}&type=${type}`), 200).body as {
            groups: Array<{ hits: Array<{ id: string; link: string | null }> }>;
          };
          for (const hit of body.groups.flatMap((g) => g.hits)) if (hit.link?.includes(f.workgroupId)) found.add(type);
        }
        expect({ caller, found: [...found].sort() }).toEqual({
          caller,
          found: CONTENT_READ[caller] === 'ok' ? ['action', 'session'] : [],
        });
      }
    });

    it('the RVC reads the latest upward version of a submitted report, never the working copy', async () => {
      const body = expectStatus(await api.get(DEMO.rvc, `/api/progress-reports/${f.submittedReportId}`), 200).body;
      expect(body).toMatchObject({ id: f.submittedReportId, status: 'ingediend', version: { version: 1 } });
      expect(body).not.toHaveProperty('content');
      expect(body).not.toHaveProperty('narrativeDocumentId');
    });
  });
});
