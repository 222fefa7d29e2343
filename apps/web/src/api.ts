/**
 * The Koers API client. Authentication lives in httpOnly cookies set by the API (koers_access,
 * koers_refresh): this module never sees or stores a token. On a 401 it refreshes the session once
 * and retries; when that fails the registered handler sends the user to the login page.
 */

import type {
  LogoutResult,
  Action,
  ActionComment,
  ActionDetail,
  ActionDraft,
  ActionFilters,
  FollowState,
  FollowType,
  HomeFeed,
  ActionInput,
  AgendaItem,
  AgendaItemInput,
  AttendanceInput,
  Attention,
  AuditFilters,
  AuditPage,
  CommentInput,
  CommentThread,
  CreatedUser,
  Decision,
  DecisionInput,
  District,
  DocumentKind,
  DocumentMeta,
  DocumentVersion,
  DossierJob,
  ExportFormat,
  FieldError,
  KnowledgeFilters,
  KnowledgeInput,
  KnowledgeItem,
  KnowledgeSearchHit,
  LoginResult,
  MarkedAllRead,
  MfaChallengeResult,
  Me,
  MembershipRole,
  NotificationPage,
  Organisation,
  OrganisationInput,
  Page,
  Preferences,
  PreferencesInput,
  ReplyInput,
  SessionDetail,
  SessionInput,
  SessionSummary,
  Strategy,
  StrategyDetail,
  UnreadCount,
  User,
  UserInput,
  WorkgroupDetail,
  WorkgroupInput,
  WorkgroupSummary,
} from '@koers/contracts';

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

let onMfaEnrolmentRequired: () => void = () => undefined;

/**
 * Called when the server refuses a request with MFA_ENROLMENT_REQUIRED: the policy requires a second factor
 * of this person and they have none yet (the app then shows the enrolment in Mijn instellingen).
 */
export function setMfaEnrolmentHandler(handler: () => void) {
  onMfaEnrolmentRequired = handler;
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
  /** Send the body (a string) as is with this Content-Type (a CSV import), not as JSON. */
  contentType?: string;
}

/** How long an early answer may wait for the screen that asked for it before it counts as stale. */
const PREFETCH_TTL_MS = 10_000;
const prefetched = new Map<string, { at: number; response: Promise<Response> }>();

const get = (path: string) =>
  fetch('/api' + path, { method: 'GET', credentials: 'same-origin', headers: { Accept: 'application/json' } });

/**
 * Starts a GET before the screen that needs it has loaded (App.tsx asks for the current page's data while
 * the session check and the page's chunk are still on their way). The first `request('GET', path)` within
 * ten seconds takes the answer over (unless it is a 401); any later one asks the server again.
 */
export function prefetch(path: string): void {
  if (prefetched.has(path)) return;
  const response = get(path);
  // A network failure is reported by the request that takes it over (which then asks again).
  response.catch(() => undefined);
  prefetched.set(path, { at: Date.now(), response });
}

function takePrefetched(path: string): Promise<Response> | null {
  const entry = prefetched.get(path);
  if (!entry) return null;
  prefetched.delete(path);
  return Date.now() - entry.at <= PREFETCH_TTL_MS ? entry.response : null;
}

export async function request<T>(
  method: string,
  path: string,
  body?: unknown,
  options: RequestOptions = {},
): Promise<T> {
  const early = method === 'GET' && body === undefined ? takePrefetched(path) : null;
  const send = () =>
    fetch('/api' + path, {
      method,
      credentials: 'same-origin',
      headers:
        body === undefined
          ? { Accept: 'application/json' }
          : { Accept: 'application/json', 'Content-Type': options.contentType ?? 'application/json' },
      body: body === undefined ? undefined : options.contentType ? String(body) : JSON.stringify(body),
    });
  let response: Response;
  try {
    // An early 401 is not trusted (the person may have logged in since): such a request starts afresh.
    response = await (early ? early.then((r) => (r.status === 401 ? send() : r), send) : send());
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
  if (!response.ok) {
    const error = await toApiError(response);
    if (error.code === 'MFA_ENROLMENT_REQUIRED') onMfaEnrolmentRequired();
    throw error;
  }
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

export const api = {
  /** With a second factor the password step answers a challenge instead of a session (accountApi.completeMfa). */
  login: (email: string, password: string) =>
    request<LoginResult | MfaChallengeResult>('POST', '/auth/login', { email, password }, { noRefresh: true }),
  /** After single sign-on: where the browser ends the session at the organisation's provider too. */
  logout: () => request<LogoutResult>('POST', '/auth/logout'),
  me: () => request<Me>('GET', '/me'),

  districts: () => request<District[]>('GET', '/districts'),
  organisations: (type?: string) => request<Organisation[]>('GET', '/organisations' + query({ type })),
  createOrganisation: (input: OrganisationInput) => request<Organisation>('POST', '/organisations', input),
  /** With `version` (the one the form was loaded at) a change made meanwhile by someone else gives 409. */
  updateOrganisation: (id: string, input: Partial<OrganisationInput>, version?: number) =>
    request<Organisation>('PATCH', `/organisations/${encodeURIComponent(id)}`, { ...input, version }),
  deleteOrganisation: (id: string) => request<void>('DELETE', `/organisations/${encodeURIComponent(id)}`),

  users: (q?: string, organisationId?: string) => request<User[]>('GET', '/users' + query({ q, organisationId })),
  user: (id: string) => request<User>('GET', `/users/${encodeURIComponent(id)}`),
  createUser: (input: UserInput) => request<CreatedUser>('POST', '/users', input),
  /** With `version` (the one the form was loaded at) a change made meanwhile by someone else gives 409. */
  updateUser: (id: string, input: UserInput, version?: number) =>
    request<User>('PATCH', `/users/${encodeURIComponent(id)}`, { ...input, version }),

  strategies: () => request<Strategy[]>('GET', '/strategies'),
  strategy: (id: string) => request<StrategyDetail>('GET', `/strategies/${encodeURIComponent(id)}`),

  workgroups: () => request<WorkgroupSummary[]>('GET', '/workgroups'),
  workgroup: (id: string) => request<WorkgroupDetail>('GET', `/workgroups/${encodeURIComponent(id)}`),
  createWorkgroup: (input: WorkgroupInput & { name: string }) =>
    request<WorkgroupSummary>('POST', '/workgroups', input),
  /** With `version` (the one the form was loaded at) a change made meanwhile by someone else gives 409. */
  updateWorkgroup: (id: string, input: WorkgroupInput, version?: number) =>
    request<Pick<WorkgroupDetail, 'id' | 'kind' | 'name' | 'description' | 'compositionRules' | 'version'>>(
      'PATCH',
      `/workgroups/${encodeURIComponent(id)}`,
      { ...input, version },
    ),
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
  /** With `version` (the one the page was loaded at) a rename made meanwhile by someone else gives 409. */
  updateDocument: (id: string, input: { title?: string; archived?: boolean }, version?: number) =>
    request<DocumentMeta>('PATCH', `/documents/${encodeURIComponent(id)}`, { ...input, version }),
  /** Where the server renders the current content for download. */
  requestDossier: (workgroupId: string) =>
    request<DossierJob>('POST', `/workgroups/${encodeURIComponent(workgroupId)}/dossiers`),
  dossier: (workgroupId: string, dossierId: string) =>
    request<DossierJob>(
      'GET',
      `/workgroups/${encodeURIComponent(workgroupId)}/dossiers/${encodeURIComponent(dossierId)}`,
    ),
  dossierUrl: (workgroupId: string, dossierId: string) =>
    `/api/workgroups/${encodeURIComponent(workgroupId)}/dossiers/${encodeURIComponent(dossierId)}/content`,
  exportUrl: (id: string, format: ExportFormat) => `/api/documents/${encodeURIComponent(id)}/export?format=${format}`,
  comments: (documentId: string) =>
    request<CommentThread[]>('GET', `/documents/${encodeURIComponent(documentId)}/comments`),
  createComment: (documentId: string, input: CommentInput) =>
    request<CommentThread[]>('POST', `/documents/${encodeURIComponent(documentId)}/comments`, input),
  replyToComment: (commentId: string, input: ReplyInput) =>
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
    request<SessionDetail>('POST', `/workgroups/${encodeURIComponent(workgroupId)}/sessions`, input),
  /** With `version` (the one the form was loaded at) a change made meanwhile by someone else gives 409. */
  updateSession: (id: string, input: SessionInput, version?: number) =>
    request<SessionDetail>('PATCH', `/sessions/${encodeURIComponent(id)}`, { ...input, version }),
  deleteSession: (id: string) => request<void>('DELETE', `/sessions/${encodeURIComponent(id)}`),
  addAgendaItem: (sessionId: string, input: AgendaItemInput & { title: string }) =>
    request<unknown>('POST', `/sessions/${encodeURIComponent(sessionId)}/agenda`, input),
  updateAgendaItem: (id: string, input: AgendaItemInput, version?: number) =>
    request<AgendaItem>('PATCH', `/agenda-items/${encodeURIComponent(id)}`, { ...input, version }),
  deleteAgendaItem: (id: string) => request<void>('DELETE', `/agenda-items/${encodeURIComponent(id)}`),
  reorderAgenda: (sessionId: string, itemIds: string[]) =>
    request<unknown>('PUT', `/sessions/${encodeURIComponent(sessionId)}/agenda/order`, { itemIds }),
  updateAttendance: (sessionId: string, input: AttendanceInput) =>
    request<unknown>('PATCH', `/sessions/${encodeURIComponent(sessionId)}/attendance`, input),
  createMinutes: (sessionId: string) => request<unknown>('POST', `/sessions/${encodeURIComponent(sessionId)}/minutes`),
  createDecision: (sessionId: string, input: DecisionInput) =>
    request<Decision>('POST', `/sessions/${encodeURIComponent(sessionId)}/decisions`, input),
  deleteDecision: (id: string) => request<void>('DELETE', `/decisions/${encodeURIComponent(id)}`),
  createDecisionActions: (decisionId: string, actions: ActionDraft[]) =>
    request<Decision>('POST', `/decisions/${encodeURIComponent(decisionId)}/actions`, { actions }),
  sessionIcsUrl: (id: string) => `/api/sessions/${encodeURIComponent(id)}/invite.ics`,
  sessionExportUrl: (id: string, format: 'html' | 'md') =>
    `/api/sessions/${encodeURIComponent(id)}/export?format=${format}`,

  knowledge: (themeId: string, filters: KnowledgeFilters) =>
    request<Page<KnowledgeSearchHit>>(
      'GET',
      `/themes/${encodeURIComponent(themeId)}/knowledge` + query({ ...filters }),
    ),
  createKnowledge: (themeId: string, input: KnowledgeInput) =>
    request<KnowledgeItem>('POST', `/themes/${encodeURIComponent(themeId)}/knowledge`, input),
  knowledgeItem: (id: string) => request<KnowledgeItem>('GET', `/knowledge/${encodeURIComponent(id)}`),
  /** With `version` (the one the form was loaded at) a change made meanwhile by someone else gives 409. */
  updateKnowledge: (id: string, input: KnowledgeInput, version?: number) =>
    request<KnowledgeItem>('PATCH', `/knowledge/${encodeURIComponent(id)}`, { ...input, version }),
  deleteKnowledge: (id: string) => request<void>('DELETE', `/knowledge/${encodeURIComponent(id)}`),

  notifications: (unread = false) =>
    request<NotificationPage>('GET', '/me/notifications' + query({ unread: unread ? 'true' : undefined, limit: 30 })),
  markNotificationRead: (id: string) =>
    request<UnreadCount>('POST', `/me/notifications/${encodeURIComponent(id)}/read`),
  markAllNotificationsRead: () => request<MarkedAllRead>('POST', '/me/notifications/read-all'),
  attention: () => request<Attention>('GET', '/me/attention'),
  preferences: () => request<Preferences>('GET', '/me/preferences'),
  updatePreferences: (input: PreferencesInput) => request<Preferences>('PATCH', '/me/preferences', input),
  home: () => request<HomeFeed>('GET', '/me/home'),
  following: (type: FollowType, id: string) =>
    request<FollowState>('GET', `/me/follows/${type}/${encodeURIComponent(id)}`),
  setFollowing: (type: FollowType, id: string, follow: boolean) =>
    request<FollowState>(follow ? 'PUT' : 'DELETE', `/me/follows/${type}/${encodeURIComponent(id)}`),

  audit: (filters: AuditFilters) => request<AuditPage>('GET', '/audit' + query({ ...filters })),
};
