import { FormEvent, Fragment, ReactNode, useEffect, useMemo, useRef, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { FileList } from '../../features/files';
import { KNOWLEDGE_STATUS_LABELS, KnowledgeItem, KnowledgeStatus, Organisation } from '@koers/contracts';
import { api, ApiError } from '../../api';
import {
  asApiError,
  Check,
  ErrorMessage,
  Field,
  Loading,
  SuccessMessage,
  useApi,
  useFocusOnMount,
} from '../../components/common';
import { formatDate, options } from '../../labels';
import { FormActions, SelectField, useSubmit } from '../../components/forms';
import { LoadMore, readAll, usePagedList } from '../../components/paging';
import { TabError, useWorkgroup } from '../WorkgroupPage';
import { useGuardedForm, useVersionedSave } from '../../features/forms';
import './KnowledgeTab.css';
import { useConfirm } from '../../components/dialog';

const ENTITIES: Record<string, string> = {
  '&amp;': '&',
  '&lt;': '<',
  '&gt;': '>',
  '&quot;': '"',
  '&#39;': "'",
  '&#x27;': "'",
  '&apos;': "'",
};

function unescape(text: string): string {
  return text.replace(/&(amp|lt|gt|quot|#39|#x27|apos);/g, (entity) => ENTITIES[entity] ?? entity);
}

/**
 * Renders the server's highlighted snippet (escaped text with <mark>…</mark>) as React elements: only the
 * mark tags become elements; everything else is text, so nothing from the content can become markup.
 */
export function Highlighted({ html }: { html: string }) {
  const parts: ReactNode[] = [];
  const pattern = /<mark>([\s\S]*?)<\/mark>/g;
  let last = 0;
  let match: RegExpExecArray | null;
  let key = 0;
  while ((match = pattern.exec(html))) {
    if (match.index > last)
      parts.push(<Fragment key={key++}>{unescape(html.slice(last, match.index).replace(/<[^>]*>/g, ''))}</Fragment>);
    parts.push(<mark key={key++}>{unescape(match[1].replace(/<[^>]*>/g, ''))}</mark>);
    last = pattern.lastIndex;
  }
  if (last < html.length)
    parts.push(<Fragment key={key++}>{unescape(html.slice(last).replace(/<[^>]*>/g, ''))}</Fragment>);
  return <>{parts}</>;
}

/** Items per page; "Meer laden" reads the next. */
const PAGE_SIZE = 50;

/** The API keeps at most 20 links per item. */
const MAX_LINKS = 20;

interface LinkRow {
  label: string;
  url: string;
  /** A stable React key while rows are added and removed. */
  key: number;
}

let linkKeys = 0;
const nextLinkKey = () => ++linkKeys;

/** What the API accepts: an absolute https URL with a host name that has a dot. */
export function isHttpsUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === 'https:' && url.hostname.includes('.') && !/\s/.test(value);
  } catch {
    return false;
  }
}

interface Filters {
  q: string;
  tag: string;
  status: string;
  gemeenteId: string;
}

/** The names of the filters in the address. */
const FILTER_PARAMS: Record<keyof Filters, string> = {
  q: 'zoek',
  tag: 'label',
  status: 'status',
  gemeenteId: 'gemeente',
};

/** The theme's kennisbank (lerende omgeving): full-text search with filters; create and edit for the werkgroep. */
export function KnowledgeTab() {
  const { workgroup } = useWorkgroup();
  if (!workgroup.themeId)
    return <p className="alert alert-info">Deze groep hoort bij geen thema en heeft daarom geen kennisbank.</p>;
  return <ThemeKnowledge themeId={workgroup.themeId} />;
}

function ThemeKnowledge({ themeId }: { themeId: string }) {
  const ctx = useWorkgroup();
  // The search and filters live in the address, so a reload or a shared link keeps them.
  const [searchParams, setSearchParams] = useSearchParams();
  const filters: Filters = {
    q: searchParams.get(FILTER_PARAMS.q) ?? '',
    tag: searchParams.get(FILTER_PARAMS.tag) ?? '',
    status: searchParams.get(FILTER_PARAMS.status) ?? '',
    gemeenteId: searchParams.get(FILTER_PARAMS.gemeenteId) ?? '',
  };
  const [draft, setDraft] = useState<Filters>(filters);
  function setFilters(next: Filters) {
    const params = new URLSearchParams(searchParams);
    for (const key of Object.keys(FILTER_PARAMS) as Array<keyof Filters>)
      if (next[key]) params.set(FILTER_PARAMS[key], next[key]);
      else params.delete(FILTER_PARAMS[key]);
    setSearchParams(params, { replace: true });
  }
  const results = usePagedList(
    (limit, offset) => api.knowledge(themeId, { ...filters, limit, offset }),
    [themeId, JSON.stringify(filters)],
    PAGE_SIZE,
    200,
  );
  // Everything (without filters) for the tag and gemeente choices.
  const all = useApi(() => readAll((limit, offset) => api.knowledge(themeId, { limit, offset }), 200), [themeId]);
  const organisations = useApi(() => api.organisations().catch(() => [] as Organisation[]), []);
  const [editing, setEditing] = useState<KnowledgeItem | 'new' | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [error, setError] = useState<ApiError | null>(null);

  const confirm = useConfirm();
  const tags = useMemo(
    () => [...new Set((all.data ?? []).flatMap((i) => i.tags))].sort((a, b) => a.localeCompare(b, 'nl')),
    [all.data],
  );
  const gemeenten = useMemo(() => {
    const seen = new Map<string, string>();
    for (const item of all.data ?? []) for (const g of item.gemeenten) seen.set(g.id, g.name);
    for (const o of organisations.data ?? []) if (o.type === 'gemeente') seen.set(o.id, o.name);
    return [...seen.entries()].sort((a, b) => a[1].localeCompare(b[1], 'nl'));
  }, [all.data, organisations.data]);

  function search(event?: FormEvent) {
    event?.preventDefault();
    setFilters({ ...draft, q: draft.q.trim() });
  }

  function setFilter(key: keyof Filters, value: string) {
    const next = { ...draft, [key]: value };
    setDraft(next);
    setFilters({ ...next, q: next.q.trim() });
  }

  async function remove(item: KnowledgeItem) {
    if (
      !(await confirm({
        title: `“${item.title}” uit de kennisbank verwijderen?`,
        confirmLabel: 'Verwijderen',
        danger: true,
      }))
    )
      return;
    try {
      await api.deleteKnowledge(item.id);
      setMessage(`“${item.title}” is verwijderd.`);
      await Promise.all([results.reload(), all.reload()]);
    } catch (err) {
      setError(asApiError(err));
    }
  }

  const items = results.data?.items ?? [];
  return (
    <section aria-labelledby="kennisbank-kop" className="section">
      <h2 id="kennisbank-kop">Kennisbank: {ctx.workgroup.theme?.title}</h2>
      <p>
        Interventies en werkwijzen die werken, om van elkaar te leren. Zoeken gaat op woorden in titel, trefwoorden en
        omschrijving.
      </p>
      <ErrorMessage error={error} />
      <SuccessMessage message={message} />
      <form role="search" aria-label="Kennisbank doorzoeken" className="card form search-form" onSubmit={search}>
        <div className="form-row">
          <Field label="Zoeken" name="q" hint='Bijvoorbeeld: jongeren, "digitale weerbaarheid" of mensenhandel -pilot'>
            {(props) => (
              <input
                {...props}
                type="search"
                value={draft.q}
                onChange={(e) => setDraft({ ...draft, q: e.target.value })}
              />
            )}
          </Field>
          <FormActions submit="Zoeken" />
        </div>
        <div className="form-row">
          <SelectField
            label="Trefwoord"
            name="tag"
            value={draft.tag}
            onChange={(v) => setFilter('tag', v)}
            choices={tags.map((t) => [t, t])}
            empty="Alle trefwoorden"
          />
          <SelectField
            label="Status"
            name="status"
            value={draft.status}
            onChange={(v) => setFilter('status', v)}
            choices={options(KNOWLEDGE_STATUS_LABELS)}
            empty="Alle statussen"
          />
          <SelectField
            label="Gemeente"
            name="gemeenteId"
            value={draft.gemeenteId}
            onChange={(v) => setFilter('gemeenteId', v)}
            choices={gemeenten}
            empty="Alle gemeenten"
          />
        </div>
      </form>

      {ctx.canManage && editing === null && (
        <p>
          <button type="button" className="button" onClick={() => setEditing('new')}>
            Interventie toevoegen
          </button>
        </p>
      )}
      {editing !== null && (
        <KnowledgeForm
          themeId={themeId}
          item={editing === 'new' ? null : editing}
          organisations={organisations.data ?? []}
          onCancel={() => setEditing(null)}
          onSaved={async (saved, created) => {
            setEditing(null);
            setMessage(
              created ? `“${saved.title}” is toegevoegd aan de kennisbank.` : `“${saved.title}” is opgeslagen.`,
            );
            await Promise.all([results.reload(), all.reload()]);
          }}
        />
      )}

      <TabError error={results.error} what="de kennisbank" />
      {results.loading && !results.data && <Loading what="De kennisbank" />}
      <p role="status" aria-live="polite" className="muted">
        {results.data && (results.data.total === 1 ? '1 resultaat' : `${results.data.total} resultaten`)}
        {results.data && filters.q && <> voor “{filters.q}”</>}
      </p>
      {results.data && items.length === 0 && <p>Niets gevonden. Probeer andere woorden of minder filters.</p>}
      <ul className="card-list search-results">
        {items.map((item) => (
          <li key={item.id} className="card">
            <h3>{item.highlight ? <Highlighted html={item.highlight.title} /> : item.title}</h3>
            <p className="small">
              Status: {KNOWLEDGE_STATUS_LABELS[item.status]}
              {item.ownerOrganisationName && <> · Eigenaar: {item.ownerOrganisationName}</>}
            </p>
            <p className={item.highlight ? 'highlight' : 'pre-wrap'}>
              {item.highlight ? <Highlighted html={item.highlight.snippet} /> : item.description}
            </p>
            {item.tags.length > 0 && (
              <>
                <span className="visually-hidden">Trefwoorden:</span>
                <ul className="tag-list">
                  {item.tags.map((t) => (
                    <li key={t} className="badge">
                      {t}
                    </li>
                  ))}
                </ul>
              </>
            )}
            {item.gemeenten.length > 0 && (
              <p className="small">In gebruik bij: {item.gemeenten.map((g) => g.name).join(', ')}</p>
            )}
            {item.links.length > 0 && (
              <ul className="small" aria-label="Links">
                {item.links.map((l, index) => (
                  <li key={index}>
                    <a href={l.url} rel="noopener noreferrer" target="_blank">
                      {l.label}
                      <span className="visually-hidden"> (opent in een nieuw venster)</span>
                    </a>
                  </li>
                ))}
              </ul>
            )}
            <p className="small muted">Bijgewerkt {formatDate(item.updatedAt)}</p>
            <FileList parent={{ type: 'knowledge_item', id: item.id }} mayUpload={ctx.canManage} collapsed />
            {ctx.canManage && (
              <div className="button-group">
                <button type="button" className="button button-secondary button-small" onClick={() => setEditing(item)}>
                  Bewerken<span className="visually-hidden">: {item.title}</span>
                </button>
                <button type="button" className="button button-danger button-small" onClick={() => remove(item)}>
                  Verwijderen<span className="visually-hidden">: {item.title}</span>
                </button>
              </div>
            )}
          </li>
        ))}
      </ul>
      {results.data && (
        <LoadMore
          shown={items.length}
          total={results.data.total}
          what="resultaten"
          one="resultaat"
          busy={results.loadingMore}
          error={results.moreError}
          onLoadMore={results.loadMore}
        />
      )}
    </section>
  );
}

function KnowledgeForm({
  themeId,
  item,
  organisations,
  onCancel,
  onSaved,
}: {
  themeId: string;
  item: KnowledgeItem | null;
  organisations: Organisation[];
  onCancel: () => void;
  onSaved: (item: KnowledgeItem, created: boolean) => Promise<void>;
}) {
  const [input, setInput] = useState({
    title: item?.title ?? '',
    description: item?.description ?? '',
    status: (item?.status ?? 'in_gebruik') as KnowledgeStatus,
    tags: item?.tags.join(', ') ?? '',
    ownerOrganisationId: item?.ownerOrganisationId ?? '',
    gemeenteIds: item?.gemeenten.map((g) => g.id) ?? [],
  });
  const [links, setLinks] = useState<LinkRow[]>(() => (item?.links ?? []).map((l) => ({ ...l, key: nextLinkKey() })));
  const addLinkRef = useRef<HTMLButtonElement>(null);
  const linksRef = useRef<HTMLFieldSetElement>(null);
  const [focusLink, setFocusLink] = useState<number | null>(null);
  // A new link row gets the keyboard focus on its first field.
  useEffect(() => {
    if (focusLink === null) return;
    linksRef.current?.querySelectorAll<HTMLInputElement>('input[data-link-label]')[focusLink]?.focus();
    setFocusLink(null);
  }, [focusLink]);
  const { error, setError, busy, submit } = useSubmit();
  const titleRef = useFocusOnMount<HTMLInputElement>();
  const gemeenten = organisations
    .filter((o) => o.type === 'gemeente')
    .sort((a, b) => a.name.localeCompare(b.name, 'nl'));

  const plainLinks = links.map(({ label, url }) => ({ label, url }));
  const guard = useGuardedForm({
    values: { ...input, links: plainLinks },
    draftKey: `kennis.${item?.id ?? `nieuw.${themeId}`}`,
    restore: ({ links: keptLinks, ...kept }) => {
      setInput(kept);
      setLinks(keptLinks.map((l) => ({ ...l, key: nextLinkKey() })));
    },
  });
  const versioned = useVersionedSave<KnowledgeItem, KnowledgeFieldValues>({
    fieldsOf: knowledgeFields,
    labels: (key) => KNOWLEDGE_FIELD_LABELS[key] ?? key,
    format: (key, value) => describeKnowledgeValue(key, value, organisations),
    save: (changes, version) => api.updateKnowledge(item!.id, changes, version),
    reload: () => api.knowledgeItem(item!.id),
    onSaved: (saved) => {
      guard.saved();
      void onSaved(saved, false);
    },
  });

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    const filled = links.map((l) => ({ label: l.label.trim(), url: l.url.trim() })).filter((l) => l.label || l.url);
    const checks: Check[] = [
      ['title', input.title.trim().length >= 3, 'Geef een titel van minstens 3 tekens.'],
      ...filled.flatMap((l, i): Check[] => [
        [`links.${i}.label`, l.label.length > 0, 'Geef de link een omschrijving.'],
        [`links.${i}.url`, isHttpsUrl(l.url), 'Gebruik een volledige https-link, zoals https://www.example.nl/pagina.'],
      ]),
    ];
    if (filled.length !== links.length) setLinks(links.filter((l) => l.label.trim() || l.url.trim()));
    return submit(event, checks, async () => {
      const body: KnowledgeFieldValues = {
        title: input.title.trim(),
        description: input.description.trim(),
        status: input.status,
        tags: input.tags
          .split(',')
          .map((t) => t.trim())
          .filter(Boolean),
        ownerOrganisationId: input.ownerOrganisationId || null,
        gemeenteIds: input.gemeenteIds,
        links: filled,
      };
      // An edit sends only what changed, based on the version the form opened with: a change someone else
      // made meanwhile is combined, or shown beside this one in the conflict dialog.
      if (item) return void (await versioned.submit(item, body));
      const saved = await api.createKnowledge(themeId, body);
      guard.saved();
      await onSaved(saved, true);
    });
  }

  return (
    <form onSubmit={onSubmit} noValidate className="card form" aria-labelledby="kennis-form-kop">
      <h3 id="kennis-form-kop">{item ? `Bewerken: ${item.title}` : 'Interventie toevoegen'}</h3>
      {guard.notice}
      {versioned.dialog}
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
            rows={4}
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
          choices={options(KNOWLEDGE_STATUS_LABELS)}
        />
        <Field label="Trefwoorden" name="tags" error={error} hint="Gescheiden door komma's.">
          {(props) => (
            <input {...props} value={input.tags} onChange={(e) => setInput({ ...input, tags: e.target.value })} />
          )}
        </Field>
        <SelectField
          label="Eigenaar (organisatie)"
          name="ownerOrganisationId"
          error={error}
          value={input.ownerOrganisationId}
          onChange={(ownerOrganisationId) => setInput({ ...input, ownerOrganisationId })}
          choices={[...organisations].sort((a, b) => a.name.localeCompare(b.name, 'nl')).map((o) => [o.id, o.name])}
          empty="Geen"
        />
      </div>
      <fieldset className="link-rows" ref={linksRef}>
        <legend>Links naar meer informatie</legend>
        {links.length === 0 && (
          <p className="hint">
            Nog geen links. Alleen https-links, met een omschrijving die zegt waar de link heen gaat.
          </p>
        )}
        {links.map((link, index) => (
          <div key={link.key} className="form-row">
            <Field label={`Omschrijving link ${index + 1}`} name={`links.${index}.label`} error={error}>
              {(props) => (
                <input
                  {...props}
                  data-link-label
                  value={link.label}
                  onChange={(e) => setLinks(links.map((l, i) => (i === index ? { ...l, label: e.target.value } : l)))}
                />
              )}
            </Field>
            <Field
              label={`Adres link ${index + 1}`}
              name={`links.${index}.url`}
              error={error}
              hint="Begint met https://"
            >
              {(props) => (
                <input
                  {...props}
                  type="url"
                  inputMode="url"
                  value={link.url}
                  onChange={(e) => setLinks(links.map((l, i) => (i === index ? { ...l, url: e.target.value } : l)))}
                />
              )}
            </Field>
            <div className="form-actions">
              <button
                type="button"
                className="button button-secondary button-small"
                onClick={() => {
                  setLinks(links.filter((_, i) => i !== index));
                  setError(null);
                  addLinkRef.current?.focus();
                }}
              >
                Verwijderen<span className="visually-hidden">: link {index + 1}</span>
              </button>
            </div>
          </div>
        ))}
        {links.length < MAX_LINKS && (
          <button
            ref={addLinkRef}
            type="button"
            className="button button-secondary button-small"
            onClick={() => {
              setLinks([...links, { label: '', url: '', key: nextLinkKey() }]);
              setFocusLink(links.length);
            }}
          >
            Link toevoegen
          </button>
        )}
      </fieldset>
      {gemeenten.length > 0 && (
        <fieldset className="checkbox-group">
          <legend>In gebruik bij gemeenten</legend>
          {error?.fieldMessages('gemeenteIds').length ? (
            <p className="field-error">{error.fieldMessages('gemeenteIds').join(' ')}</p>
          ) : null}
          {gemeenten.map((g) => (
            <label key={g.id} className="checkbox-inline">
              <input
                type="checkbox"
                checked={input.gemeenteIds.includes(g.id)}
                onChange={(e) =>
                  setInput({
                    ...input,
                    gemeenteIds: e.target.checked
                      ? [...input.gemeenteIds, g.id]
                      : input.gemeenteIds.filter((id) => id !== g.id),
                  })
                }
              />{' '}
              {g.name}
            </label>
          ))}
        </fieldset>
      )}
      <FormActions
        submit="Opslaan"
        busy={busy}
        onCancel={() => {
          guard.discard();
          onCancel();
        }}
      />
    </form>
  );
}

/** The fields of a kennisbank item as the form edits them and the API names them. */
type KnowledgeFieldValues = {
  title: string;
  description: string;
  status: KnowledgeStatus;
  tags: string[];
  ownerOrganisationId: string | null;
  gemeenteIds: string[];
  links: Array<{ label: string; url: string }>;
};

function knowledgeFields(item: KnowledgeItem): KnowledgeFieldValues {
  return {
    title: item.title,
    description: item.description,
    status: item.status,
    tags: item.tags,
    ownerOrganisationId: item.ownerOrganisationId,
    gemeenteIds: item.gemeenten.map((g) => g.id),
    links: item.links.map(({ label, url }) => ({ label, url })),
  };
}

const KNOWLEDGE_FIELD_LABELS: Record<string, string> = {
  title: 'Titel',
  description: 'Omschrijving',
  status: 'Status',
  tags: 'Trefwoorden',
  ownerOrganisationId: 'Eigenaar (organisatie)',
  gemeenteIds: 'In gebruik bij gemeenten',
  links: 'Links',
};

function describeKnowledgeValue(key: string, value: unknown, organisations: Organisation[]): string {
  const name = (id: unknown) => organisations.find((o) => o.id === id)?.name ?? '';
  if (key === 'status') return KNOWLEDGE_STATUS_LABELS[value as KnowledgeStatus] ?? String(value);
  if (key === 'ownerOrganisationId') return value ? name(value) : 'Geen';
  if (key === 'gemeenteIds') return (value as string[]).map(name).join(', ');
  if (key === 'tags') return (value as string[]).join(', ');
  if (key === 'links')
    return (value as Array<{ label: string; url: string }>).map((l) => `${l.label} (${l.url})`).join('; ');
  return value == null ? '' : String(value);
}
