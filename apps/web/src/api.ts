/**
 * The Koers API client. Authentication lives in httpOnly cookies set by the API (koers_access,
 * koers_refresh): this module never sees or stores a token. On a 401 it refreshes the session once
 * and retries; when that fails the registered handler sends the user to the login page.
 */

export type PlatformRole = 'secretariaat' | 'gebruiker';
/** A code from GET /api/functions (the secretariat extends the list). */
export type UserFunction = string;
export type OrganisationType =
  | 'gemeente'
  | 'openbaar_ministerie'
  | 'politie'
  | 'belastingdienst'
  | 'riec'
  | 'zorg_en_veiligheidshuis'
  | 'ggd'
  | 'provincie'
  | 'rijk'
  | 'partner'
  | 'bureau';
export type MembershipRole = 'aanjager' | 'lid' | 'ambtelijk' | 'gast' | 'waarnemer';
export type StrategyStatus = 'concept' | 'consultatie' | 'vastgesteld' | 'afgesloten';
export type AuditOutcome = 'success' | 'denied' | 'failed';

export interface User {
  id: string;
  email: string;
  displayName: string;
  jobTitle: string | null;
  function: UserFunction;
  organisationId: string;
  platformRole: PlatformRole;
  rvcMember: boolean;
  active: boolean;
  /** Invited, but no password chosen yet. */
  invitationPending: boolean;
  locked: boolean;
}

/** How an invitation reached the person (docs/access.md). */
export interface InvitationDelivery {
  delivery: 'mail' | 'mail_failed' | 'link';
  expiresAt: string;
  /** Only without SMTP: the path with the one-time token, for the secretariat to hand over. */
  link?: string;
}

export interface Organisation {
  id: string;
  regionId: string;
  name: string;
  type: OrganisationType;
  districtId: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface District {
  id: string;
  regionId: string;
  name: string;
}

export interface Membership {
  workgroupId: string;
  workgroupName: string;
  themeId: string;
  role: MembershipRole;
}

export interface Me {
  user: User;
  organisation: Organisation | null;
  memberships: Membership[];
}

export interface Strategy {
  id: string;
  regionId: string;
  title: string;
  motto: string | null;
  periodStart: string;
  periodEnd: string;
  status: StrategyStatus;
  adoptedOn: string | null;
  /** The body that adopted it. */
  adoptedBy: string;
  trends: string;
  principles: string;
  selectionCriteria: string;
  /** The strategy that counts now (GET /api/strategies lists it first). */
  current: boolean;
  updatedAt: string;
}

export interface FocusArea {
  id: string;
  themeId: string;
  position: number;
  title: string;
  /** Kept (for its actions and indicators) but no longer part of the strategy. */
  archivedAt: string | null;
}

export interface Theme {
  id: string;
  strategyId: string;
  position: number;
  title: string;
  description: string | null;
  requiresTaxAuthority: boolean;
  archivedAt: string | null;
  focusAreas: FocusArea[];
}

export interface StrategyDetail extends Strategy {
  themes: Theme[];
}

export interface WorkgroupSummary {
  id: string;
  name: string;
  description: string | null;
  themeId: string;
  themeTitle: string;
  strategyId: string;
  memberCount: number;
  myRole: MembershipRole | null;
}

export interface WorkgroupMember {
  userId: string;
  displayName: string;
  email: string;
  jobTitle: string | null;
  function: UserFunction;
  active: boolean;
  organisationId: string;
  organisationName: string;
  organisationType: OrganisationType;
  districtId: string | null;
  districtName: string | null;
  role: MembershipRole;
  addedAt: string;
}

export interface CompositionRequirement {
  code: string;
  label: string;
  satisfied: boolean;
  satisfiedBy: Array<{ userId: string; displayName: string }>;
}

export interface Composition {
  complete: boolean;
  requirements: CompositionRequirement[];
  missing: string[];
}

export interface WorkgroupDetail {
  id: string;
  themeId: string;
  name: string;
  description: string | null;
  updatedAt: string;
  theme: Theme;
  members: WorkgroupMember[];
  composition: Composition;
  myRole: MembershipRole | null;
}

export interface AuditEntry {
  id: string;
  occurredAt: string;
  actorId: string | null;
  actorEmail: string | null;
  action: string;
  entityType: string;
  entityId: string | null;
  workgroupId: string | null;
  outcome: AuditOutcome;
  summary: Record<string, unknown> | null;
  ip: string | null;
}

export interface AuditPage {
  items: AuditEntry[];
  total: number;
  limit: number;
  offset: number;
}

export type DocumentKind = 'plan_van_aanpak' | 'verslag' | 'notitie' | 'voortgangsrapportage';

/** A werkgroep document's metadata (the content itself travels over the /collab socket). */
export interface DocumentMeta {
  id: string;
  workgroupId: string;
  title: string;
  kind: DocumentKind;
  createdBy: string | null;
  createdAt: string;
  updatedAt: string;
  archivedAt: string | null;
}

export type ActionStatus = 'open' | 'in_uitvoering' | 'geblokkeerd' | 'afgerond' | 'vervallen';
export type ActionPriority = 'hoog' | 'normaal' | 'laag';
export type ActionOrigin = 'sessiebesluit' | 'document' | 'rvc_verzoek' | 'vrij';
export type ActionView = 'alle' | 'mijn' | 'verlopen' | 'binnenkort';
export type ActionSort = 'due_date' | 'priority' | 'updated_at' | 'title' | 'status';

export interface Action {
  id: string;
  workgroupId: string;
  workgroupName: string;
  focusAreaId: string | null;
  focusAreaTitle: string | null;
  title: string;
  description: string;
  ownerId: string | null;
  ownerName: string | null;
  ownerOrganisationId: string | null;
  ownerOrganisationName: string | null;
  dueDate: string | null;
  status: ActionStatus;
  statusReason: string | null;
  priority: ActionPriority;
  origin: ActionOrigin;
  originNote: string;
  createdBy: string | null;
  createdAt: string;
  updatedAt: string;
  completedAt: string | null;
  overdue: boolean;
  /** Raised on every change (optimistic concurrency). */
  version: number;
}

export interface ActionComment {
  id: string;
  authorId: string | null;
  authorName: string | null;
  body: string;
  createdAt: string;
}

export interface ActionHistoryEntry {
  changedAt: string;
  changedBy: string | null;
  changedByName: string | null;
  changes: Record<string, { from: unknown; to: unknown }>;
}

export interface ActionDetail extends Action {
  history: ActionHistoryEntry[];
  comments: ActionComment[];
}

export interface Page<T> {
  items: T[];
  total: number;
  limit: number;
  offset: number;
}

export interface ActionFilters {
  view?: ActionView;
  status?: string;
  focusAreaId?: string;
  organisationId?: string;
  ownerId?: string;
  sort?: ActionSort;
  order?: 'asc' | 'desc';
  limit?: number;
  offset?: number;
}

export interface ActionInput {
  title?: string;
  description?: string;
  focusAreaId?: string | null;
  ownerId?: string | null;
  ownerOrganisationId?: string | null;
  dueDate?: string | null;
  status?: ActionStatus;
  statusReason?: string | null;
  priority?: ActionPriority;
  origin?: ActionOrigin;
  originNote?: string;
}

export type SessionType = 'werksessie' | 'kennissessie' | 'bestuurlijk_overleg';
export type SessionState = 'concept' | 'geagendeerd' | 'afgerond';
export type AgendaPlacement = 'agenda' | 'backlog';
export type AgendaOutcome = 'informatie' | 'besluit' | 'actie';
export type AttendanceStatus = 'uitgenodigd' | 'aanwezig' | 'afwezig' | 'afgemeld';

export interface SessionSummary {
  id: string;
  workgroupId: string;
  workgroupName: string;
  type: SessionType;
  state: SessionState;
  title: string;
  description: string;
  startsAt: string;
  endsAt: string;
  location: string | null;
  onlineUrl: string | null;
  minutesDocumentId: string | null;
  minutesDocumentTitle: string | null;
  sequence: number;
  createdAt: string;
  updatedAt: string;
  agendaItemCount?: number;
  decisionCount?: number;
  upcoming?: boolean;
}

export interface AgendaItem {
  id: string;
  sessionId: string;
  placement: AgendaPlacement;
  position: number;
  title: string;
  description: string;
  presenterId: string | null;
  presenterName: string | null;
  minutesAllotted: number | null;
  outcome: AgendaOutcome | null;
  proposedBy: string | null;
  proposedByName: string | null;
}

export interface Attendee {
  userId: string;
  displayName: string;
  organisationName: string | null;
  role: string | null;
  status: AttendanceStatus;
}

export interface Decision {
  id: string;
  sessionId: string;
  agendaItemId: string | null;
  agendaItemTitle: string | null;
  text: string;
  decidedAt: string;
  actions: Array<{ id: string; title: string; ownerName: string | null; dueDate: string | null; status: string }>;
}

export interface SessionDetail extends SessionSummary {
  agenda: AgendaItem[];
  backlog: AgendaItem[];
  totalMinutes: number;
  attendees: Attendee[];
  decisions: Decision[];
}

export interface SessionInput {
  type?: SessionType;
  state?: SessionState;
  title?: string;
  description?: string;
  startsAt?: string;
  endsAt?: string;
  location?: string | null;
  onlineUrl?: string | null;
  inviteeIds?: string[];
}

export interface AgendaItemInput {
  title?: string;
  description?: string;
  placement?: AgendaPlacement;
  presenterId?: string | null;
  presenterName?: string | null;
  minutesAllotted?: number | null;
  outcome?: AgendaOutcome | null;
}

export interface ActionDraft {
  title: string;
  ownerId?: string | null;
  dueDate?: string | null;
  focusAreaId?: string | null;
}

export type KnowledgeStatus = 'in_gebruik' | 'pilot' | 'afgerond';

export interface KnowledgeItem {
  id: string;
  themeId: string;
  themeTitle: string;
  title: string;
  description: string;
  ownerOrganisationId: string | null;
  ownerOrganisationName: string | null;
  tags: string[];
  links: Array<{ label: string; url: string }>;
  status: KnowledgeStatus;
  gemeenten: Array<{ id: string; name: string }>;
  createdAt: string;
  updatedAt: string;
  rank?: number | null;
  /** Escaped HTML on the server with only <mark> tags (still sanitised again in the client). */
  highlight?: { title: string; snippet: string } | null;
}

export interface KnowledgeInput {
  title?: string;
  description?: string;
  ownerOrganisationId?: string | null;
  tags?: string[];
  links?: Array<{ label: string; url: string }>;
  status?: KnowledgeStatus;
  gemeenteIds?: string[];
}

export type NotificationKind = 'toegewezen' | 'binnenkort' | 'verlopen' | 'besluit' | 'vermelding' | string;

export interface Notification {
  id: string;
  kind: NotificationKind;
  title: string;
  entityType: string | null;
  entityId: string | null;
  workgroupId: string | null;
  link: string | null;
  createdAt: string;
  readAt: string | null;
}

export interface AttentionAction {
  id: string;
  title: string;
  workgroupId: string;
  workgroupName: string;
  dueDate: string;
  status: string;
  priority: string;
  link: string;
}

/** A progress report that waits on the user: to submit (aanjager) or to review (secretariat). */
export interface AttentionReport {
  task: 'indienen' | 'beoordelen';
  workgroupId: string;
  workgroupName: string;
  cycleId: string;
  cycleTitle: string;
  deadline: string;
  status: string;
  reportId: string | null;
}

export interface Attention {
  today: string;
  dueSoonUntil: string;
  overdue: AttentionAction[];
  dueSoon: AttentionAction[];
  reports: AttentionReport[];
  notifications: { unreadCount: number; items: Notification[] };
  total: number;
}

export type ExportFormat = 'html' | 'md' | 'text';

/** A comment on a document; `anchorStart`/`anchorEnd` are Yjs relative positions (base64) of the commented text. */
export interface DocumentComment {
  id: string;
  documentId: string;
  parentId: string | null;
  authorId: string | null;
  authorName: string | null;
  body: string;
  anchorStart: string | null;
  anchorEnd: string | null;
  /** The commented text as it was: stays readable when the text is deleted. */
  quote: string;
  mentions: string[];
  resolvedAt: string | null;
  resolvedBy: string | null;
  createdAt: string;
  editedAt: string | null;
}

export interface CommentThread extends DocumentComment {
  replies: DocumentComment[];
}

export interface CommentInput {
  body: string;
  anchorStart?: string;
  anchorEnd?: string;
  quote?: string;
  mentions?: string[];
}

export type VersionKind = 'handmatig' | 'automatisch' | 'herstel';

export interface DocumentVersion {
  id: string;
  documentId: string;
  name: string | null;
  kind: VersionKind;
  /** Who changed the document since the previous version ("wie wijzigde wat"). */
  contributors: Array<{ userId: string; displayName: string; updates: number; lastAt: string }>;
  createdBy: string | null;
  createdByName: string | null;
  createdAt: string;
}

export interface FieldError {
  field: string;
  messages: string[];
}

/** An error answer of the API (`{ error: { code, message, fields? } }`) or a network failure. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly fields: FieldError[] = [],
    /** With STALE_VERSION: the resource as it is stored now. */
    readonly current?: unknown,
  ) {
    super(message);
    this.name = 'ApiError';
  }

  /** The messages for one form field, if the API refused it. */
  fieldMessages(field: string): string[] {
    return this.fields.find((f) => f.field === field)?.messages ?? [];
  }
}

const FALLBACK_MESSAGES: Record<number, string> = {
  400: 'De invoer is niet geldig. Controleer de velden.',
  401: 'U bent niet (meer) ingelogd.',
  403: 'U heeft geen toegang tot deze gegevens.',
  404: 'Niet gevonden of geen toegang.',
  409: 'Dit kan niet: de gegevens zijn in gebruik of bestaan al.',
  423: 'Dit account is tijdelijk geblokkeerd. Probeer het later opnieuw.',
  429: 'Te veel pogingen. Wacht even en probeer het opnieuw.',
};

let onUnauthenticated: () => void = () => undefined;

/** Called when a request stays unauthenticated after a refresh attempt (the app then shows the login page). */
export function setUnauthenticatedHandler(handler: () => void) {
  onUnauthenticated = handler;
}

let refreshing: Promise<boolean> | null = null;

/** One refresh at a time: parallel 401s share the same attempt (also used by the collab socket). */
export function refreshSession(): Promise<boolean> {
  refreshing ??= fetch('/api/auth/refresh', {
    method: 'POST',
    credentials: 'same-origin',
    headers: { Accept: 'application/json' },
  })
    .then((response) => response.ok)
    .catch(() => false)
    .finally(() => {
      refreshing = null;
    });
  return refreshing;
}

async function toApiError(response: Response): Promise<ApiError> {
  let code = 'HTTP_' + response.status;
  let message = FALLBACK_MESSAGES[response.status] ?? 'Er ging iets mis. Probeer het later opnieuw.';
  let fields: FieldError[] = [];
  let current: unknown;
  try {
    const body = (await response.json()) as {
      error?: { code?: string; message?: string; fields?: FieldError[]; current?: unknown };
    };
    if (body.error) {
      code = body.error.code ?? code;
      message = body.error.message || message;
      fields = body.error.fields ?? [];
      current = body.error.current;
    }
  } catch {
    // Not JSON (a proxy error page, say): keep the fallback message.
  }
  return new ApiError(response.status, code, message, fields, current);
}

interface RequestOptions {
  /** Login and refresh themselves must not trigger a refresh. */
  noRefresh?: boolean;
  /** The answer is text (rendered HTML, say), not JSON. */
  text?: boolean;
}

export async function request<T>(
  method: string,
  path: string,
  body?: unknown,
  options: RequestOptions = {},
): Promise<T> {
  const send = () =>
    fetch('/api' + path, {
      method,
      credentials: 'same-origin',
      headers:
        body === undefined
          ? { Accept: 'application/json' }
          : { Accept: 'application/json', 'Content-Type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  let response: Response;
  try {
    response = await send();
    if (response.status === 401 && !options.noRefresh) {
      if (await refreshSession()) {
        response = await send();
      }
      if (response.status === 401) {
        const error = await toApiError(response);
        onUnauthenticated();
        throw error;
      }
    }
  } catch (err) {
    if (err instanceof ApiError) throw err;
    throw new ApiError(0, 'NETWORK', 'De server is niet bereikbaar. Controleer uw verbinding en probeer het opnieuw.');
  }
  if (!response.ok) throw await toApiError(response);
  if (response.status === 204) return undefined as T;
  const text = await response.text();
  if (options.text) return text as T;
  return (text ? JSON.parse(text) : undefined) as T;
}

export function query(params: Record<string, string | number | undefined | null>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined && value !== null && value !== '') search.set(key, String(value));
  }
  const text = search.toString();
  return text ? '?' + text : '';
}

export interface UserInput {
  email?: string;
  displayName?: string;
  jobTitle?: string;
  function?: UserFunction;
  organisationId?: string;
  platformRole?: PlatformRole;
  rvcMember?: boolean;
  active?: boolean;
}

export interface OrganisationInput {
  name?: string;
  type?: OrganisationType;
  districtId?: string | null;
}

export interface Preferences {
  weeklyDigest: boolean;
  /** Whether this installation sends e-mail at all. */
  emailEnabled: boolean;
}

export interface AuditFilters {
  action?: string;
  outcome?: string;
  entityType?: string;
  actorId?: string;
  workgroupId?: string;
  from?: string;
  to?: string;
  limit?: number;
  offset?: number;
}

export const api = {
  login: (email: string, password: string) =>
    request<{ accessToken: string; expiresIn: number; user: User }>(
      'POST',
      '/auth/login',
      { email, password },
      { noRefresh: true },
    ),
  logout: () => request<void>('POST', '/auth/logout'),
  me: () => request<Me>('GET', '/me'),

  districts: () => request<District[]>('GET', '/districts'),
  organisations: (type?: string) => request<Organisation[]>('GET', '/organisations' + query({ type })),
  createOrganisation: (input: OrganisationInput) => request<Organisation>('POST', '/organisations', input),
  updateOrganisation: (id: string, input: OrganisationInput) =>
    request<Organisation>('PATCH', `/organisations/${encodeURIComponent(id)}`, input),
  deleteOrganisation: (id: string) => request<void>('DELETE', `/organisations/${encodeURIComponent(id)}`),

  users: (q?: string, organisationId?: string) => request<User[]>('GET', '/users' + query({ q, organisationId })),
  user: (id: string) => request<User>('GET', `/users/${encodeURIComponent(id)}`),
  createUser: (input: UserInput) => request<User & { invitation: InvitationDelivery }>('POST', '/users', input),
  updateUser: (id: string, input: UserInput) => request<User>('PATCH', `/users/${encodeURIComponent(id)}`, input),

  strategies: () => request<Strategy[]>('GET', '/strategies'),
  strategy: (id: string) => request<StrategyDetail>('GET', `/strategies/${encodeURIComponent(id)}`),

  workgroups: () => request<WorkgroupSummary[]>('GET', '/workgroups'),
  workgroup: (id: string) => request<WorkgroupDetail>('GET', `/workgroups/${encodeURIComponent(id)}`),
  createWorkgroup: (input: { themeId: string; name: string; description?: string }) =>
    request<WorkgroupSummary>('POST', '/workgroups', input),
  updateWorkgroup: (id: string, input: { name?: string; description?: string }) =>
    request<unknown>('PATCH', `/workgroups/${encodeURIComponent(id)}`, input),
  deleteWorkgroup: (id: string) => request<void>('DELETE', `/workgroups/${encodeURIComponent(id)}`),
  addMember: (workgroupId: string, userId: string, role: MembershipRole) =>
    request<unknown>('POST', `/workgroups/${encodeURIComponent(workgroupId)}/members`, { userId, role }),
  changeMemberRole: (workgroupId: string, userId: string, role: MembershipRole) =>
    request<unknown>('PATCH', `/workgroups/${encodeURIComponent(workgroupId)}/members/${encodeURIComponent(userId)}`, {
      role,
    }),
  removeMember: (workgroupId: string, userId: string) =>
    request<void>('DELETE', `/workgroups/${encodeURIComponent(workgroupId)}/members/${encodeURIComponent(userId)}`),

  documents: (workgroupId: string, archived = false) =>
    request<DocumentMeta[]>(
      'GET',
      `/workgroups/${encodeURIComponent(workgroupId)}/documents` + query({ archived: archived ? 'true' : undefined }),
    ),
  createDocument: (workgroupId: string, input: { title: string; kind: DocumentKind }) =>
    request<DocumentMeta>('POST', `/workgroups/${encodeURIComponent(workgroupId)}/documents`, input),
  document: (id: string) => request<DocumentMeta>('GET', `/documents/${encodeURIComponent(id)}`),
  updateDocument: (id: string, input: { title?: string; archived?: boolean }) =>
    request<DocumentMeta>('PATCH', `/documents/${encodeURIComponent(id)}`, input),
  /** Where the server renders the current content for download. */
  exportUrl: (id: string, format: ExportFormat) => `/api/documents/${encodeURIComponent(id)}/export?format=${format}`,
  comments: (documentId: string) =>
    request<CommentThread[]>('GET', `/documents/${encodeURIComponent(documentId)}/comments`),
  createComment: (documentId: string, input: CommentInput) =>
    request<CommentThread[]>('POST', `/documents/${encodeURIComponent(documentId)}/comments`, input),
  replyToComment: (commentId: string, input: { body: string; mentions?: string[] }) =>
    request<CommentThread[]>('POST', `/comments/${encodeURIComponent(commentId)}/replies`, input),
  setCommentResolved: (commentId: string, resolved: boolean) =>
    request<CommentThread[]>('POST', `/comments/${encodeURIComponent(commentId)}/${resolved ? 'resolve' : 'reopen'}`),
  deleteComment: (commentId: string) =>
    request<CommentThread[]>('DELETE', `/comments/${encodeURIComponent(commentId)}`),
  versions: (documentId: string) =>
    request<DocumentVersion[]>('GET', `/documents/${encodeURIComponent(documentId)}/versions`),
  createVersion: (documentId: string, name: string) =>
    request<DocumentVersion>('POST', `/documents/${encodeURIComponent(documentId)}/versions`, { name }),
  /** An old version rendered as HTML (the editor's schema), to show read-only. */
  versionHtml: (documentId: string, versionId: string) =>
    request<string>(
      'GET',
      `/documents/${encodeURIComponent(documentId)}/versions/${encodeURIComponent(versionId)}?format=html`,
      undefined,
      { text: true },
    ),
  restoreVersion: (documentId: string, versionId: string) =>
    request<DocumentVersion[]>(
      'POST',
      `/documents/${encodeURIComponent(documentId)}/versions/${encodeURIComponent(versionId)}/restore`,
    ),

  workgroupActions: (workgroupId: string, filters: ActionFilters = {}) =>
    request<Page<Action>>('GET', `/workgroups/${encodeURIComponent(workgroupId)}/actions` + query({ ...filters })),
  myActions: (paging: { limit?: number; offset?: number } = {}) =>
    request<Page<Action>>('GET', '/me/actions' + query({ ...paging })),
  action: (id: string) => request<ActionDetail>('GET', `/actions/${encodeURIComponent(id)}`),
  createAction: (workgroupId: string, input: ActionInput & { title: string }) =>
    request<Action>('POST', `/workgroups/${encodeURIComponent(workgroupId)}/actions`, input),
  updateAction: (id: string, input: ActionInput, version?: number) =>
    request<Action>('PATCH', `/actions/${encodeURIComponent(id)}`, { ...input, version }),
  deleteAction: (id: string) => request<void>('DELETE', `/actions/${encodeURIComponent(id)}`),
  commentAction: (id: string, body: string) =>
    request<ActionComment[]>('POST', `/actions/${encodeURIComponent(id)}/comments`, { body }),

  sessions: (workgroupId: string, state?: string) =>
    request<SessionSummary[]>('GET', `/workgroups/${encodeURIComponent(workgroupId)}/sessions` + query({ state })),
  session: (id: string) => request<SessionDetail>('GET', `/sessions/${encodeURIComponent(id)}`),
  createSession: (workgroupId: string, input: SessionInput) =>
    request<SessionSummary>('POST', `/workgroups/${encodeURIComponent(workgroupId)}/sessions`, input),
  updateSession: (id: string, input: SessionInput) =>
    request<SessionSummary>('PATCH', `/sessions/${encodeURIComponent(id)}`, input),
  deleteSession: (id: string) => request<void>('DELETE', `/sessions/${encodeURIComponent(id)}`),
  addAgendaItem: (sessionId: string, input: AgendaItemInput & { title: string }) =>
    request<unknown>('POST', `/sessions/${encodeURIComponent(sessionId)}/agenda`, input),
  updateAgendaItem: (id: string, input: AgendaItemInput) =>
    request<unknown>('PATCH', `/agenda-items/${encodeURIComponent(id)}`, input),
  deleteAgendaItem: (id: string) => request<void>('DELETE', `/agenda-items/${encodeURIComponent(id)}`),
  reorderAgenda: (sessionId: string, itemIds: string[]) =>
    request<unknown>('PUT', `/sessions/${encodeURIComponent(sessionId)}/agenda/order`, { itemIds }),
  updateAttendance: (
    sessionId: string,
    input: { attendees?: Array<{ userId: string; status?: AttendanceStatus }>; removeUserIds?: string[] },
  ) => request<unknown>('PATCH', `/sessions/${encodeURIComponent(sessionId)}/attendance`, input),
  createMinutes: (sessionId: string) => request<unknown>('POST', `/sessions/${encodeURIComponent(sessionId)}/minutes`),
  createDecision: (sessionId: string, input: { text: string; agendaItemId?: string | null; actions?: ActionDraft[] }) =>
    request<Decision>('POST', `/sessions/${encodeURIComponent(sessionId)}/decisions`, input),
  deleteDecision: (id: string) => request<void>('DELETE', `/decisions/${encodeURIComponent(id)}`),
  createDecisionActions: (decisionId: string, actions: ActionDraft[]) =>
    request<Decision>('POST', `/decisions/${encodeURIComponent(decisionId)}/actions`, { actions }),
  sessionIcsUrl: (id: string) => `/api/sessions/${encodeURIComponent(id)}/invite.ics`,
  sessionExportUrl: (id: string, format: 'html' | 'md') =>
    `/api/sessions/${encodeURIComponent(id)}/export?format=${format}`,

  knowledge: (
    themeId: string,
    filters: { q?: string; tag?: string; status?: string; gemeenteId?: string; limit?: number; offset?: number },
  ) => request<Page<KnowledgeItem>>('GET', `/themes/${encodeURIComponent(themeId)}/knowledge` + query({ ...filters })),
  createKnowledge: (themeId: string, input: KnowledgeInput) =>
    request<KnowledgeItem>('POST', `/themes/${encodeURIComponent(themeId)}/knowledge`, input),
  updateKnowledge: (id: string, input: KnowledgeInput) =>
    request<KnowledgeItem>('PATCH', `/knowledge/${encodeURIComponent(id)}`, input),
  deleteKnowledge: (id: string) => request<void>('DELETE', `/knowledge/${encodeURIComponent(id)}`),

  notifications: (unread = false) =>
    request<Page<Notification> & { unreadCount: number }>(
      'GET',
      '/me/notifications' + query({ unread: unread ? 'true' : undefined, limit: 30 }),
    ),
  markNotificationRead: (id: string) =>
    request<{ unreadCount: number }>('POST', `/me/notifications/${encodeURIComponent(id)}/read`),
  markAllNotificationsRead: () =>
    request<{ marked: number; unreadCount: number }>('POST', '/me/notifications/read-all'),
  attention: () => request<Attention>('GET', '/me/attention'),
  preferences: () => request<Preferences>('GET', '/me/preferences'),
  updatePreferences: (input: { weeklyDigest: boolean }) => request<Preferences>('PATCH', '/me/preferences', input),

  audit: (filters: AuditFilters) => request<AuditPage>('GET', '/audit' + query({ ...filters })),
};
