import { DragEvent, FormEvent, useEffect, useId, useMemo, useRef, useState } from 'react';
import { FileList } from '../../features/files';
import { Link, useSearchParams } from 'react-router-dom';
import {
  Action,
  ACTION_FIELD_LABELS,
  ACTION_ORIGIN_LABELS,
  ACTION_PRIORITY_LABELS,
  ACTION_STATUS_LABELS,
  ActionDetail,
  ActionFilters,
  ActionInput,
  ActionPriority,
  ActionSort,
  ActionStatus,
  STATUSES_WITH_REASON,
  WorkgroupMember,
} from '@koers/contracts';
import { api, ApiError } from '../../api';
import {
  asApiError,
  ErrorMessage,
  Field,
  Loading,
  NARROW,
  SuccessMessage,
  Table,
  useApi,
  useFocusOnMount,
  validate,
} from '../../components/common';
import { formatDate, formatDateTime, options } from '../../labels';
import { ConfirmDialog, useConfirm } from '../../components/dialog';
import { Choice, CommitSelect, FormActions, Options, SelectField, useSubmit } from '../../components/forms';
import { LoadMore, usePagedList } from '../../components/paging';
import { storedDraft, useGuardedForm, useVersionedSave } from '../../features/forms';
import { FollowButton } from '../../features/follow';
import { useLive } from '../../live';
import { TabError, useWorkgroup, WorkgroupContext } from '../WorkgroupPage';

const STATUSES = options(ACTION_STATUS_LABELS);
/** Actions per page; "Meer laden" reads the next. */
const PAGE_SIZE = 100;

const VIEWS: Array<[NonNullable<ActionFilters['view']>, string]> = [
  ['alle', 'Alle'],
  ['mijn', 'Mijn acties'],
  ['verlopen', 'Verlopen'],
  ['binnenkort', 'Binnenkort (14 dagen)'],
];

const ORDERS: Array<Choice<'asc' | 'desc'>> = [
  ['asc', 'Oplopend'],
  ['desc', 'Aflopend'],
];

const SORTS: Array<Choice<ActionSort>> = [
  ['due_date', 'Deadline'],
  ['priority', 'Prioriteit'],
  ['status', 'Status'],
  ['title', 'Titel'],
  ['updated_at', 'Laatst gewijzigd'],
];

/** What a dragged board card carries: the action's id. */
const DRAG_TYPE = 'application/x-koers-action';

/** The names of the list's settings in the address (Dutch, as people see and share them). */
const PARAMS = { mode: 'weergave' } as const;
const FILTER_PARAMS = {
  view: 'toon',
  status: 'status',
  focusAreaId: 'onderdeel',
  organisationId: 'organisatie',
  sort: 'sorteer',
  order: 'volgorde',
} as const satisfies Partial<Record<keyof ActionFilters, string>>;
const FILTER_DEFAULTS: Partial<Record<keyof typeof FILTER_PARAMS, string>> = {
  view: 'alle',
  sort: 'due_date',
  order: 'asc',
};

/** The list's filters from the address; unknown values fall back to the defaults. */
function filtersFrom(params: URLSearchParams): ActionFilters {
  const get = (key: keyof typeof FILTER_PARAMS) => params.get(FILTER_PARAMS[key]) || undefined;
  const view = get('view');
  const status = get('status');
  const sort = get('sort');
  const order = get('order');
  return {
    view: VIEWS.some(([value]) => value === view) ? (view as ActionFilters['view']) : 'alle',
    status: status && status in ACTION_STATUS_LABELS ? (status as ActionStatus) : undefined,
    focusAreaId: get('focusAreaId'),
    organisationId: get('organisationId'),
    sort: SORTS.some(([value]) => value === sort) ? (sort as ActionSort) : 'due_date',
    order: order === 'desc' ? 'desc' : 'asc',
  };
}

/**
 * Who may change an action, from the werkgroep's `permissions`: who manages the work any action, a contributor
 * the actions they own (ActionDetail.permissions says the same of one action).
 */
export function mayEdit(ctx: WorkgroupContext, action: Action): boolean {
  if (ctx.canManage) return true;
  return ctx.canWrite && action.ownerId === ctx.me.user.id;
}

/** Members who can own an action (everyone seated, not waarnemers). */
export function possibleOwners(members: WorkgroupMember[]): WorkgroupMember[] {
  return members
    .filter((m) => m.role !== 'waarnemer' && m.active)
    .sort((a, b) => a.displayName.localeCompare(b.displayName, 'nl'));
}

export function ActionsTab() {
  const ctx = useWorkgroup();
  const { workgroup } = ctx;
  const [searchParams, setSearchParams] = useSearchParams();
  // Filters, sorting and the view live in the address, so a reload or a shared link keeps them.
  const filters = filtersFrom(searchParams);
  const mode = searchParams.get(PARAMS.mode) === 'bord' ? 'bord' : 'lijst';
  // On a phone the filters fold away (closed at first), so the first action is near the top.
  const [filtersOpen, setFiltersOpen] = useState(() => !window.matchMedia?.(NARROW).matches);
  const activeFilters = [filters.view !== 'alle', filters.status, filters.focusAreaId, filters.organisationId].filter(
    Boolean,
  ).length;
  const [dragging, setDragging] = useState<string | null>(null);
  // A new action: its row (or card) is brought into view and focused, with the confirmation beside it.
  const [createdId, setCreatedId] = useState<string | null>(null);
  const createdShown = useRef<string | null>(null);
  useEffect(() => {
    if (!createdId || createdShown.current === createdId) return;
    const title = document.querySelector<HTMLElement>(`[data-action-id="${createdId}"] .link-button`);
    if (!title) return;
    createdShown.current = createdId;
    title.scrollIntoView?.({ block: 'center' });
    title.focus();
  });
  const [dropTarget, setDropTarget] = useState<ActionStatus | null>(null);
  const [creating, setCreating] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  const [liveMessage, setLiveMessage] = useState('');
  const [error, setError] = useState<ApiError | null>(null);
  const [reasonFor, setReasonFor] = useState<{ action: Action; status: ActionStatus } | null>(null);
  const list = usePagedList(
    (limit, offset) => api.workgroupActions(workgroup.id, { ...filters, limit, offset }),
    [workgroup.id, JSON.stringify(filters)],
    PAGE_SIZE,
    500,
  );
  const selectedId = searchParams.get('actie');
  const [detailVersion, setDetailVersion] = useState(0);

  const organisations = useMemo(() => {
    const seen = new Map<string, string>();
    for (const m of workgroup.members) seen.set(m.organisationId, m.organisationName);
    return [...seen.entries()].sort((a, b) => a[1].localeCompare(b[1], 'nl'));
  }, [workgroup.members]);
  const focusAreas = useMemo(
    () => [...(workgroup.theme?.focusAreas ?? [])].sort((a, b) => a.position - b.position),
    [workgroup.theme],
  );
  const owners = useMemo(() => possibleOwners(workgroup.members), [workgroup.members]);

  // Live: apply the werkgroep's action events at once, then re-read the list quietly (filters, sorting).
  const refetch = useRef<number | undefined>(undefined);
  function scheduleRefetch() {
    window.clearTimeout(refetch.current);
    refetch.current = window.setTimeout(() => void list.reload(), 300);
  }
  useEffect(() => () => window.clearTimeout(refetch.current), []);
  useLive(
    {
      'action.created': (action) => {
        if (action.workgroupId !== workgroup.id) return;
        list.setData((page) =>
          page && !page.items.some((a) => a.id === action.id)
            ? { ...page, items: [...page.items, action], total: page.total + 1 }
            : page,
        );
        setLiveMessage(`Nieuwe actie: ${action.title}`);
        scheduleRefetch();
      },
      'action.updated': (action) => {
        if (action.workgroupId !== workgroup.id) return;
        list.setData((page) =>
          page ? { ...page, items: page.items.map((a) => (a.id === action.id ? action : a)) } : page,
        );
        setLiveMessage(`Actie bijgewerkt: ${action.title}`);
        if (action.id === selectedId) setDetailVersion((v) => v + 1);
        scheduleRefetch();
      },
      'action.deleted': ({ id }) => {
        list.setData((page) =>
          page ? { ...page, items: page.items.filter((a) => a.id !== id), total: Math.max(0, page.total - 1) } : page,
        );
        setLiveMessage('Een actie is verwijderd.');
      },
    },
    workgroup.id,
  );

  function setParam(name: string, value: string | undefined, fallback?: string) {
    const next = new URLSearchParams(searchParams);
    if (value && value !== fallback) next.set(name, value);
    else next.delete(name);
    setSearchParams(next, { replace: true });
  }

  function setFilter<K extends keyof typeof FILTER_PARAMS>(key: K, value: ActionFilters[K]) {
    setParam(FILTER_PARAMS[key], value as string | undefined, FILTER_DEFAULTS[key]);
  }

  function setMode(next: 'lijst' | 'bord') {
    setParam(PARAMS.mode, next, 'lijst');
  }

  function openDetail(id: string | null) {
    const next = new URLSearchParams(searchParams);
    if (id) next.set('actie', id);
    else next.delete('actie');
    setSearchParams(next);
  }

  // What is being saved: the conflict dialog may finish the save later.
  const saving = useRef<{ id: string; what: string }>({ id: '', what: '' });
  const versioned = useVersionedSave<Action, ActionFieldValues>({
    fieldsOf: actionFields,
    labels: (key) => ACTION_FIELD_LABELS[key] ?? key,
    format: (key, value) => describeValue(key, value, ctx),
    save: (changes, version) => api.updateAction(saving.current.id, changes, version),
    reload: () => api.action(saving.current.id),
    onSaved: (updated) => {
      list.setData((page) =>
        page ? { ...page, items: page.items.map((a) => (a.id === updated.id ? { ...a, ...updated } : a)) } : page,
      );
      setMessage(`${saving.current.what} van “${updated.title}” is opgeslagen.`);
      setDetailVersion((v) => v + 1);
      scheduleRefetch();
    },
  });

  /** Saves a change; false when it did not go through (yet): refused, or waiting in the conflict dialog. */
  async function save(action: Action, input: ActionInput, what: string): Promise<boolean> {
    setError(null);
    setMessage(null);
    if (input.status && STATUSES_WITH_REASON.includes(input.status) && !input.statusReason) {
      setReasonFor({ action, status: input.status });
      return false;
    }
    saving.current = { id: action.id, what };
    try {
      return await versioned.submit(action, { ...actionFields(action), ...input });
    } catch (err) {
      setError(asApiError(err));
      return false;
    }
  }

  const items = list.data?.items ?? [];

  return (
    <section aria-labelledby="acties-kop" className="section">
      <h2 id="acties-kop">Acties</h2>
      <div className="visually-hidden" role="status" aria-live="polite">
        {liveMessage}
      </div>
      <ErrorMessage error={error} />
      <SuccessMessage message={message} />

      <details
        className="card filters-box"
        open={filtersOpen}
        onToggle={(event) => setFiltersOpen(event.currentTarget.open)}
      >
        <summary>
          Filteren en sorteren
          {activeFilters > 0 && ` (${activeFilters} ${activeFilters === 1 ? 'filter' : 'filters'} aan)`}
        </summary>
        <form className="form filters" aria-label="Acties filteren en sorteren" onSubmit={(e) => e.preventDefault()}>
          <fieldset className="segmented">
            <legend>Toon</legend>
            {VIEWS.map(([value, label]) => (
              <label key={value}>
                <input
                  type="radio"
                  name="view"
                  value={value}
                  checked={(filters.view ?? 'alle') === value}
                  onChange={() => setFilter('view', value)}
                />{' '}
                {label}
              </label>
            ))}
          </fieldset>
          <div className="form-row">
            <SelectField
              label="Status"
              name="Status"
              value={filters.status ?? ''}
              onChange={(v) => setFilter('status', v)}
              empty="Alle statussen"
              choices={STATUSES}
            />
            <SelectField
              label="Onderdeel"
              name="Onderdeel"
              value={filters.focusAreaId ?? ''}
              onChange={(v) => setFilter('focusAreaId', v)}
              empty="Alle onderdelen"
              choices={focusAreas.map((f) => [f.id, f.title])}
            />
            <SelectField
              label="Organisatie"
              name="Organisatie"
              value={filters.organisationId ?? ''}
              onChange={(v) => setFilter('organisationId', v)}
              empty="Alle organisaties"
              choices={organisations}
            />
            <SelectField
              label="Sorteer op"
              name="Sorteer op"
              value={filters.sort ?? 'due_date'}
              onChange={(v) => setFilter('sort', v)}
              choices={SORTS}
            />
            <SelectField
              label="Volgorde"
              name="Volgorde"
              value={filters.order ?? 'asc'}
              onChange={(v) => setFilter('order', v)}
              choices={ORDERS}
            />
          </div>
        </form>
      </details>

      <div className="toolbar-row">
        <div role="group" aria-label="Weergave" className="button-group">
          <button
            type="button"
            className="button button-secondary button-small"
            aria-pressed={mode === 'lijst'}
            onClick={() => setMode('lijst')}
          >
            Lijst
          </button>
          <button
            type="button"
            className="button button-secondary button-small"
            aria-pressed={mode === 'bord'}
            onClick={() => setMode('bord')}
          >
            Bord per status
          </button>
        </div>
        {ctx.canManage && !creating && (
          <button type="button" className="button" onClick={() => setCreating(true)}>
            Nieuwe actie
          </button>
        )}
      </div>

      {creating && (
        <CreateActionForm
          ctx={ctx}
          onCancel={() => setCreating(false)}
          onCreated={(action) => {
            setCreating(false);
            setCreatedId(action.id);
            setMessage(`Actie “${action.title}” is aangemaakt.`);
            list.setData((page) =>
              page && !page.items.some((a) => a.id === action.id)
                ? { ...page, items: [...page.items, action], total: page.total + 1 }
                : page,
            );
            scheduleRefetch();
          }}
        />
      )}

      <TabError error={list.error} what="de acties" />
      {list.loading && !list.data && <Loading what="Acties" plural />}
      {list.data && (
        <p className="muted" aria-live="polite">
          {list.data.total === 1 ? '1 actie' : `${list.data.total} acties`}
        </p>
      )}
      {list.data && items.length === 0 && <p>Geen acties met deze filters.</p>}
      {items.length > 0 && mode === 'lijst' && (
        <Table
          label="Actielijst"
          cards
          caption={`Acties van ${workgroup.name}`}
          className="actions-table"
          columns={['Actie', 'Status', 'Eigenaar', 'Deadline', 'Prioriteit', 'Onderdeel']}
        >
          {items.map((action) => (
            <tr
              key={action.id}
              data-action-id={action.id}
              className={[action.overdue && 'row-overdue', action.id === createdId && 'row-new']
                .filter(Boolean)
                .join(' ')}
            >
              <th scope="row">
                <button
                  type="button"
                  className="link-button"
                  onClick={() => openDetail(action.id)}
                  aria-expanded={selectedId === action.id}
                >
                  {action.title}
                </button>
                {action.id === createdId && <span className="badge badge-new">Nieuw aangemaakt</span>}
                {action.statusReason && STATUSES_WITH_REASON.includes(action.status) && (
                  <div className="muted small">Reden: {action.statusReason}</div>
                )}
              </th>
              <td>
                <StatusControl ctx={ctx} action={action} onSave={save} />
              </td>
              <td>
                <OwnerControl ctx={ctx} action={action} owners={owners} onSave={save} />
              </td>
              <td>
                <DueDateControl ctx={ctx} action={action} onSave={save} />
                {action.overdue && <OverdueMarker />}
              </td>
              <td>{ACTION_PRIORITY_LABELS[action.priority]}</td>
              <td>{action.focusAreaTitle ?? '—'}</td>
            </tr>
          ))}
        </Table>
      )}
      {items.length > 0 && mode === 'bord' && (
        <div className="board" aria-label="Bord per status" role="region" aria-describedby="bord-uitleg">
          <p id="bord-uitleg" className="hint board-hint">
            Sleep een kaart naar een andere kolom, of kies bij “Verplaats naar”.
          </p>
          {STATUSES.map(([status, label]) => {
            const column = items.filter((a) => a.status === status);
            // Drag and drop (HTML5) beside the select on every card, which stays the keyboard's way.
            const drop = (event: DragEvent) => {
              event.preventDefault();
              const action = items.find((a) => a.id === (event.dataTransfer.getData(DRAG_TYPE) || dragging));
              setDragging(null);
              setDropTarget(null);
              if (action && action.status !== status) void save(action, { status }, 'De status');
            };
            return (
              <section
                key={status}
                className={`board-column board-${status}` + (dropTarget === status ? ' board-drop' : '')}
                aria-labelledby={`kolom-${status}`}
                onDragOver={(event) => {
                  if (!dragging) return;
                  event.preventDefault();
                  event.dataTransfer.dropEffect = 'move';
                  if (dropTarget !== status) setDropTarget(status);
                }}
                onDrop={drop}
              >
                <h3 id={`kolom-${status}`}>
                  {label} <span className="muted">({column.length})</span>
                </h3>
                <ul>
                  {column.map((action) => (
                    <li
                      key={action.id}
                      data-action-id={action.id}
                      className={'card board-card' + (dragging === action.id ? ' board-card-dragging' : '')}
                      draggable={mayEdit(ctx, action)}
                      onDragStart={(event) => {
                        event.dataTransfer.setData(DRAG_TYPE, action.id);
                        event.dataTransfer.effectAllowed = 'move';
                        setDragging(action.id);
                      }}
                      onDragEnd={() => {
                        setDragging(null);
                        setDropTarget(null);
                      }}
                    >
                      <button type="button" className="link-button" onClick={() => openDetail(action.id)}>
                        {action.title}
                      </button>
                      <p className="small">
                        {action.ownerName ?? 'Geen eigenaar'}
                        {action.ownerOrganisationName && <> · {action.ownerOrganisationName}</>}
                      </p>
                      <p className="small">
                        Deadline: {formatDate(action.dueDate)} {action.overdue && <OverdueMarker />}
                      </p>
                      <StatusControl ctx={ctx} action={action} onSave={save} label="Verplaats naar" />
                    </li>
                  ))}
                </ul>
              </section>
            );
          })}
        </div>
      )}

      {list.data && (
        <LoadMore
          shown={items.length}
          total={list.data.total}
          what="acties"
          one="actie"
          busy={list.loadingMore}
          error={list.moreError}
          onLoadMore={list.loadMore}
        />
      )}

      {selectedId && (
        <ActionDetailPanel
          key={selectedId}
          ctx={ctx}
          actionId={selectedId}
          version={detailVersion}
          owners={owners}
          onClose={() => openDetail(null)}
          onSave={save}
          onDeleted={(title) => {
            openDetail(null);
            setMessage(`Actie “${title}” is verwijderd.`);
            scheduleRefetch();
          }}
        />
      )}

      {versioned.dialog}
      {reasonFor && (
        <ConfirmDialog
          title={`Reden voor “${ACTION_STATUS_LABELS[reasonFor.status]}”`}
          confirmLabel="Status wijzigen"
          comment={REASON}
          onCancel={() => setReasonFor(null)}
          onConfirm={(reason) => {
            const { action, status } = reasonFor;
            setReasonFor(null);
            void save(action, { status, statusReason: reason }, 'De status');
          }}
        >
          <p>Actie: {reasonFor.action.title}</p>
        </ConfirmDialog>
      )}
    </section>
  );
}

export function OverdueMarker() {
  return (
    <span className="badge badge-overdue">
      <span aria-hidden="true">⚠ </span>Verlopen
    </span>
  );
}

type SaveFn = (action: Action, input: ActionInput, what: string) => Promise<boolean>;

type ActionFieldValues = Required<Omit<ActionInput, 'ownerOrganisationId' | 'origin' | 'originNote'>>;

/** The fields an edit form changes, as the API names them (compared to find what someone else changed). */
function actionFields(action: Action): ActionFieldValues {
  return {
    title: action.title,
    description: action.description,
    focusAreaId: action.focusAreaId,
    ownerId: action.ownerId,
    dueDate: action.dueDate,
    status: action.status,
    statusReason: action.statusReason,
    priority: action.priority,
  };
}

function StatusControl({
  ctx,
  action,
  onSave,
  label,
}: {
  ctx: WorkgroupContext;
  action: Action;
  onSave: SaveFn;
  label?: string;
}) {
  const id = useId();
  if (!mayEdit(ctx, action))
    return <span className={`status status-${action.status}`}>{ACTION_STATUS_LABELS[action.status]}</span>;
  const select = (
    <CommitSelect
      id={id}
      aria-label={label ? undefined : `Status: ${action.title}`}
      value={action.status}
      onCommit={(status) => onSave(action, { status: status as ActionStatus }, 'De status')}
    >
      <Options choices={STATUSES} />
    </CommitSelect>
  );
  if (!label) return select;
  // On the board the control has a visible label ("Verplaats naar"), completed for screen readers.
  return (
    <div className="board-move">
      <label htmlFor={id} className="small">
        {label}
        <span className="visually-hidden">: {action.title}</span>
      </label>{' '}
      {select}
    </div>
  );
}

function OwnerControl({
  ctx,
  action,
  owners,
  onSave,
}: {
  ctx: WorkgroupContext;
  action: Action;
  owners: WorkgroupMember[];
  onSave: SaveFn;
}) {
  if (!ctx.canManage)
    return (
      <>
        {action.ownerName ?? '—'}
        {action.ownerOrganisationName && <div className="muted small">{action.ownerOrganisationName}</div>}
      </>
    );
  return (
    <>
      <CommitSelect
        aria-label={`Eigenaar: ${action.title}`}
        value={action.ownerId ?? ''}
        onCommit={(ownerId) => onSave(action, { ownerId: ownerId || null, ownerOrganisationId: null }, 'De eigenaar')}
      >
        <Options choices={owners.map((m) => [m.userId, m.displayName])} empty="Geen eigenaar" />
        {action.ownerId && !owners.some((m) => m.userId === action.ownerId) && (
          <option value={action.ownerId}>{action.ownerName ?? 'Onbekend'}</option>
        )}
      </CommitSelect>
      {action.ownerOrganisationName && <div className="muted small">{action.ownerOrganisationName}</div>}
    </>
  );
}

function DueDateControl({ ctx, action, onSave }: { ctx: WorkgroupContext; action: Action; onSave: SaveFn }) {
  const [value, setValue] = useState(action.dueDate ?? '');
  useEffect(() => setValue(action.dueDate ?? ''), [action.dueDate]);
  if (!mayEdit(ctx, action)) return <>{formatDate(action.dueDate)}</>;
  const commit = () => {
    if ((value || null) !== (action.dueDate ?? null)) void onSave(action, { dueDate: value || null }, 'De deadline');
  };
  return (
    <input
      type="date"
      aria-label={`Deadline: ${action.title}`}
      value={value}
      onChange={(e) => setValue(e.target.value)}
      onBlur={commit}
      onKeyDown={(e) => {
        if (e.key === 'Enter') {
          e.preventDefault();
          commit();
        }
      }}
    />
  );
}

/** The reason for blocking or cancelling an action, asked before the status changes. */
const REASON = {
  label: 'Reden',
  hint: 'Waarom is de actie geblokkeerd of vervallen?',
  message: 'Geef een reden.',
  minLength: 1,
};

function CreateActionForm({
  ctx,
  onCancel,
  onCreated,
}: {
  ctx: WorkgroupContext;
  onCancel: () => void;
  onCreated: (action: Action) => void;
}) {
  const { workgroup } = ctx;
  const [input, setInput] = useState<{
    title: string;
    description: string;
    focusAreaId: string;
    ownerId: string;
    dueDate: string;
    priority: ActionPriority;
  }>({
    title: '',
    description: '',
    focusAreaId: '',
    ownerId: '',
    dueDate: '',
    priority: 'normaal',
  });
  const { error, busy, submit } = useSubmit();
  const titleRef = useFocusOnMount<HTMLInputElement>();
  const owners = possibleOwners(workgroup.members);
  const guard = useGuardedForm({ values: input, draftKey: `actie.nieuw.${workgroup.id}`, restore: setInput });

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    return submit(
      event,
      [['title', input.title.trim().length >= 3, 'Geef een titel van minstens 3 tekens.']],
      async () => {
        const action = await api.createAction(workgroup.id, {
          title: input.title.trim(),
          description: input.description.trim() || undefined,
          focusAreaId: input.focusAreaId || null,
          ownerId: input.ownerId || null,
          dueDate: input.dueDate || null,
          priority: input.priority,
        });
        guard.saved();
        onCreated(action);
      },
    );
  }

  return (
    <form onSubmit={onSubmit} noValidate className="card form" aria-labelledby="nieuwe-actie-kop">
      <h3 id="nieuwe-actie-kop">Nieuwe actie</h3>
      {guard.notice}
      <ErrorMessage error={error} />
      <Field label="Titel" name="title" error={error} required>
        {(props) => (
          <input
            {...props}
            ref={titleRef}
            value={input.title}
            onChange={(e) => setInput({ ...input, title: e.target.value })}
          />
        )}
      </Field>
      <Field label="Omschrijving" name="description" error={error}>
        {(props) => (
          <textarea
            {...props}
            rows={3}
            value={input.description}
            onChange={(e) => setInput({ ...input, description: e.target.value })}
          />
        )}
      </Field>
      <div className="form-row">
        <SelectField
          label="Eigenaar"
          name="ownerId"
          error={error}
          value={input.ownerId}
          onChange={(ownerId) => setInput({ ...input, ownerId })}
          choices={owners.map((m) => [m.userId, `${m.displayName} (${m.organisationName})`])}
          empty="Geen eigenaar"
        />
        <Field label="Deadline" name="dueDate" error={error}>
          {(props) => (
            <input
              {...props}
              type="date"
              value={input.dueDate}
              onChange={(e) => setInput({ ...input, dueDate: e.target.value })}
            />
          )}
        </Field>
        <SelectField
          label="Prioriteit"
          name="priority"
          error={error}
          value={input.priority}
          onChange={(priority) => setInput({ ...input, priority })}
          choices={options(ACTION_PRIORITY_LABELS)}
        />
        <SelectField
          label="Onderdeel"
          name="focusAreaId"
          error={error}
          value={input.focusAreaId}
          onChange={(focusAreaId) => setInput({ ...input, focusAreaId })}
          choices={[...(workgroup.theme?.focusAreas ?? [])]
            .sort((a, b) => a.position - b.position)
            .map((f) => [f.id, f.title])}
          empty="Geen onderdeel"
        />
      </div>
      <FormActions
        submit="Actie aanmaken"
        busy={busy}
        onCancel={() => {
          guard.discard();
          onCancel();
        }}
      />
    </form>
  );
}

function describeValue(field: string, value: unknown, ctx: WorkgroupContext): string {
  if (value === null || value === undefined || value === '') return '—';
  if (field === 'status') return ACTION_STATUS_LABELS[value as ActionStatus] ?? String(value);
  if (field === 'priority') return ACTION_PRIORITY_LABELS[value as ActionPriority] ?? String(value);
  if (field === 'dueDate') return formatDate(String(value));
  if (field === 'ownerId') return ctx.workgroup.members.find((m) => m.userId === value)?.displayName ?? 'iemand anders';
  if (field === 'ownerOrganisationId')
    return ctx.workgroup.members.find((m) => m.organisationId === value)?.organisationName ?? 'een organisatie';
  if (field === 'focusAreaId')
    return (ctx.workgroup.theme?.focusAreas ?? []).find((f) => f.id === value)?.title ?? 'een onderdeel';
  return String(value);
}

function ActionDetailPanel({
  ctx,
  actionId,
  version,
  owners,
  onClose,
  onSave,
  onDeleted,
}: {
  ctx: WorkgroupContext;
  actionId: string;
  version: number;
  owners: WorkgroupMember[];
  onClose: () => void;
  onSave: SaveFn;
  onDeleted: (title: string) => void;
}) {
  const detail = useApi(() => api.action(actionId), [actionId, version]);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const [comment, setComment] = useState('');
  const [commenting, setCommenting] = useState(false);
  const commentGuard = useGuardedForm({
    values: { comment },
    draftKey: `actie.${actionId}.reactie`,
    restore: (kept) => setComment(kept.comment),
  });
  const [error, setError] = useState<ApiError | null>(null);
  // Unsaved input of an earlier visit reopens the form, with the input put back.
  const [editing, setEditing] = useState(() => storedDraft(actionDraftKey(actionId)) !== null);
  const confirm = useConfirm();
  useEffect(() => {
    headingRef.current?.scrollIntoView?.({ block: 'start' });
    headingRef.current?.focus();
  }, [detail.data?.id]);

  if (detail.error) return <ErrorMessage error={detail.error} />;
  if (!detail.data) return <Loading what="De actie" />;
  const a: ActionDetail = detail.data;
  const editable = mayEdit(ctx, a);

  async function addComment(event: FormEvent) {
    event.preventDefault();
    if (commenting) return;
    const problem = validate([['body', comment.trim().length > 0, 'Schrijf eerst een reactie.']]);
    if (problem) return setError(problem);
    setCommenting(true);
    try {
      const comments = await api.commentAction(a.id, comment.trim());
      detail.setData({ ...a, comments });
      setComment('');
      commentGuard.saved({ comment: '' });
      setError(null);
    } catch (err) {
      setError(asApiError(err));
    } finally {
      setCommenting(false);
    }
  }

  async function remove() {
    if (!(await confirm({ title: `Actie “${a.title}” verwijderen?`, confirmLabel: 'Verwijderen', danger: true })))
      return;
    try {
      await api.deleteAction(a.id);
      onDeleted(a.title);
    } catch (err) {
      setError(asApiError(err));
    }
  }

  return (
    <section className="card detail-panel" aria-labelledby="actie-detail-kop">
      <div className="detail-header">
        <h3 id="actie-detail-kop" ref={headingRef} tabIndex={-1}>
          Actie: {a.title}
        </h3>
        <button type="button" className="button button-secondary button-small" onClick={onClose}>
          Sluiten<span className="visually-hidden"> actie {a.title}</span>
        </button>
      </div>
      <div className="page-tools">
        <FollowButton type="actions" id={a.id} name={a.title} />
      </div>
      <ErrorMessage error={error} />
      <dl className="facts">
        <div>
          <dt>Status</dt>
          <dd>
            {ACTION_STATUS_LABELS[a.status]}
            {a.statusReason && <> – reden: {a.statusReason}</>}
          </dd>
        </div>
        <div>
          <dt>Eigenaar</dt>
          <dd>
            {a.ownerName ?? '—'}
            {a.ownerOrganisationName && <> ({a.ownerOrganisationName})</>}
          </dd>
        </div>
        <div>
          <dt>Deadline</dt>
          <dd>
            {formatDate(a.dueDate)} {a.overdue && <OverdueMarker />}
          </dd>
        </div>
        <div>
          <dt>Prioriteit</dt>
          <dd>{ACTION_PRIORITY_LABELS[a.priority]}</dd>
        </div>
        <div>
          <dt>Onderdeel</dt>
          <dd>{a.focusAreaTitle ?? '—'}</dd>
        </div>
        <div>
          <dt>Herkomst</dt>
          <dd>
            {ACTION_ORIGIN_LABELS[a.origin]}
            {a.originNote && <> – {a.originNote}</>}
          </dd>
        </div>
      </dl>
      {a.description && <p className="pre-wrap">{a.description}</p>}
      {editable && !editing && (
        <div className="form-actions">
          <button type="button" className="button button-secondary button-small" onClick={() => setEditing(true)}>
            Bewerken<span className="visually-hidden"> actie {a.title}</span>
          </button>
          {ctx.canManage && (
            <button type="button" className="button button-danger button-small" onClick={remove}>
              Verwijderen<span className="visually-hidden"> actie {a.title}</span>
            </button>
          )}
        </div>
      )}
      {editing && editable && (
        <EditActionForm
          ctx={ctx}
          action={a}
          owners={owners}
          onCancel={() => setEditing(false)}
          onSave={async (base, input) => {
            const saved = await onSave(base, input, 'De actie');
            if (saved) setEditing(false);
            return saved;
          }}
        />
      )}

      <h4>Reacties ({a.comments.length})</h4>
      {a.comments.length === 0 ? (
        <p className="muted">Nog geen reacties.</p>
      ) : (
        <ul className="comments">
          {a.comments.map((c) => (
            <li key={c.id}>
              <strong>{c.authorName ?? 'Onbekend'}</strong>{' '}
              <span className="muted small">{formatDateTime(c.createdAt)}</span>
              <p className="pre-wrap">{c.body}</p>
            </li>
          ))}
        </ul>
      )}
      {ctx.canWrite && (
        <form onSubmit={addComment} noValidate className="form">
          {commentGuard.notice}
          <Field label="Reactie" name="body" error={error}>
            {(props) => <textarea {...props} rows={2} value={comment} onChange={(e) => setComment(e.target.value)} />}
          </Field>
          <FormActions submit="Reactie plaatsen" busy={commenting} small />
        </form>
      )}

      <FileList parent={{ type: 'action', id: a.id }} mayUpload={mayEdit(ctx, a)} collapsed />
      <h4>Wijzigingen</h4>
      {a.history.length === 0 ? (
        <p className="muted">Geen wijzigingen.</p>
      ) : (
        <ol className="history">
          {a.history.map((h, index) => (
            <li key={index}>
              <span className="small">
                {formatDateTime(h.changedAt)} – {h.changedByName ?? 'onbekend'}
              </span>
              <ul>
                {Object.entries(h.changes).map(([field, change]) => (
                  <li key={field}>
                    {ACTION_FIELD_LABELS[field] ?? field}: {describeValue(field, change.from, ctx)}{' '}
                    <span aria-hidden="true">→</span>
                    <span className="visually-hidden"> wordt </span> {describeValue(field, change.to, ctx)}
                  </li>
                ))}
              </ul>
            </li>
          ))}
        </ol>
      )}
      <p>
        <Link to={`/werkgroepen/${ctx.workgroup.id}/acties?actie=${a.id}`}>Vaste link naar deze actie</Link>
      </p>
    </section>
  );
}

const actionDraftKey = (actionId: string) => `actie.${actionId}`;

function EditActionForm({
  ctx,
  action,
  owners,
  onCancel,
  onSave,
}: {
  ctx: WorkgroupContext;
  action: ActionDetail;
  owners: WorkgroupMember[];
  onCancel: () => void;
  /** `base`: the action as the form was opened, so a change someone else made meanwhile is not overwritten. */
  onSave: (base: ActionDetail, input: ActionInput) => Promise<boolean>;
}) {
  const [base] = useState(action);
  const [input, setInput] = useState({
    title: action.title,
    description: action.description,
    priority: action.priority,
    focusAreaId: action.focusAreaId ?? '',
    ownerId: action.ownerId ?? '',
    dueDate: action.dueDate ?? '',
    status: action.status,
    statusReason: action.statusReason ?? '',
  });
  const [error, setError] = useState<ApiError | null>(null);
  const needsReason = STATUSES_WITH_REASON.includes(input.status);
  const guard = useGuardedForm({ values: input, draftKey: actionDraftKey(action.id), restore: setInput });

  async function submit(event: FormEvent) {
    event.preventDefault();
    const problem = validate([
      ['title', input.title.trim().length >= 3, 'Geef een titel van minstens 3 tekens.'],
      [
        'statusReason',
        !needsReason || input.statusReason.trim().length > 0,
        'Geef een reden bij geblokkeerd of vervallen.',
      ],
    ]);
    if (problem) return setError(problem);
    const patch: ActionInput = {
      title: input.title.trim(),
      description: input.description,
      priority: input.priority,
      dueDate: input.dueDate || null,
      status: input.status,
      statusReason: needsReason ? input.statusReason.trim() : null,
    };
    if (ctx.canManage) {
      patch.focusAreaId = input.focusAreaId || null;
      if ((input.ownerId || null) !== action.ownerId) {
        patch.ownerId = input.ownerId || null;
        patch.ownerOrganisationId = null;
      }
    }
    if (await onSave(base, patch)) guard.saved();
  }

  return (
    <form onSubmit={submit} noValidate className="form">
      {guard.notice}
      <ErrorMessage error={error} />
      <Field label="Titel" name="title" error={error} required>
        {(props) => (
          <input {...props} value={input.title} onChange={(e) => setInput({ ...input, title: e.target.value })} />
        )}
      </Field>
      <Field label="Omschrijving" name="description" error={error}>
        {(props) => (
          <textarea
            {...props}
            rows={3}
            value={input.description}
            onChange={(e) => setInput({ ...input, description: e.target.value })}
          />
        )}
      </Field>
      <div className="form-row">
        <SelectField
          label="Status"
          name="status"
          error={error}
          value={input.status}
          onChange={(status) => setInput({ ...input, status })}
          choices={STATUSES}
        />
        {needsReason && (
          <Field label="Reden" name="statusReason" error={error} required>
            {(props) => (
              <input
                {...props}
                value={input.statusReason}
                onChange={(e) => setInput({ ...input, statusReason: e.target.value })}
              />
            )}
          </Field>
        )}
        <Field label="Deadline" name="dueDate" error={error}>
          {(props) => (
            <input
              {...props}
              type="date"
              value={input.dueDate}
              onChange={(e) => setInput({ ...input, dueDate: e.target.value })}
            />
          )}
        </Field>
        <SelectField
          label="Prioriteit"
          name="priority"
          error={error}
          value={input.priority}
          onChange={(priority) => setInput({ ...input, priority })}
          choices={options(ACTION_PRIORITY_LABELS)}
        />
        {ctx.canManage && (
          <>
            <SelectField
              label="Eigenaar"
              name="ownerId"
              error={error}
              value={input.ownerId}
              onChange={(ownerId) => setInput({ ...input, ownerId })}
              choices={owners.map((m) => [m.userId, m.displayName])}
              empty="Geen eigenaar"
            />
            <SelectField
              label="Onderdeel"
              name="focusAreaId"
              error={error}
              value={input.focusAreaId}
              onChange={(focusAreaId) => setInput({ ...input, focusAreaId })}
              choices={(ctx.workgroup.theme?.focusAreas ?? []).map((f) => [f.id, f.title])}
              empty="Geen onderdeel"
            />
          </>
        )}
      </div>
      <FormActions
        submit="Opslaan"
        onCancel={() => {
          guard.discard();
          onCancel();
        }}
      />
    </form>
  );
}
