import { FormEvent, useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { api } from '../../api';
import { isSecretariat, useAuth } from '../../auth';
import { ErrorMessage, Field, Loading, PageHeading, SuccessMessage, Table, useApi } from '../../components/common';
import { FormActions, useSubmit } from '../../components/forms';
import { useWords } from '../region/words';
import { useGuardedForm } from '../forms';
import { BodyQuestionsEditor } from './BodyQuestionsEditor';
import { ContactsEditor } from './ContactsEditor';
import {
  dutchDate,
  InventoryDetail,
  inventoryApi,
  InventoryRanking,
  ORGANISATION_TYPE_LABELS,
  RESPONSE_STATUS_LABELS,
} from './inventory-api';
import './inventory.css';

/** Said on every screen of the cycle in the demo region: the figures and answers are demo data. */
export function DemoDataNote() {
  const words = useWords();
  if (!words.demo) return null;
  return (
    <p className="read-only-notice">
      Demogegevens: de antwoorden in deze inventarisatie zijn verzonnen om Koers te laten zien.
    </p>
  );
}

const lines = (text: string) =>
  text
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);

/** /cyclus/inventarisaties: the inventories; the secretariat starts a new one here. */
export function InventoriesPage() {
  const { me } = useAuth();
  const list = useApi(() => inventoryApi.list(), []);
  const [message, setMessage] = useState<string | null>(null);
  return (
    <>
      <p className="breadcrumb">
        <Link to="/cyclus">Strategiecyclus</Link>
      </p>
      <PageHeading>Inventarisaties van lokale prioriteiten</PageHeading>
      <DemoDataNote />
      <SuccessMessage message={message} />
      <ErrorMessage error={list.error} />
      {list.loading && !list.data && <Loading what="De inventarisaties" plural />}
      {list.data && list.data.length === 0 && <p>Er zijn nog geen inventarisaties waar u bij betrokken bent.</p>}
      <ul className="card-list">
        {list.data?.map((inventory) => (
          <li key={inventory.id} className="card">
            <h2>
              <Link to={`/cyclus/inventarisaties/${inventory.id}`}>{inventory.title}</Link>
            </h2>
            <p>
              Uiterste datum {dutchDate(inventory.deadline)} {inventory.open ? '' : '(gesloten)'} ·{' '}
              <strong>
                {inventory.answered} van {inventory.asked} beantwoord
              </strong>
            </p>
            {inventory.mine.map((m) => (
              <p key={m.organisationId}>
                <Link to={`/cyclus/inventarisaties/${inventory.id}/antwoord/${m.organisationId}`}>
                  Antwoord van {m.organisationName} invullen
                </Link>{' '}
                ({RESPONSE_STATUS_LABELS[m.status]})
              </p>
            ))}
          </li>
        ))}
      </ul>
      {isSecretariat(me) && (
        <NewInventoryForm
          onCreated={(title) => {
            setMessage(`Inventarisatie “${title}” is gestart.`);
            void list.reload();
          }}
        />
      )}
    </>
  );
}

function NewInventoryForm({ onCreated }: { onCreated: (title: string) => void }) {
  const organisations = useApi(() => api.organisations(), []);
  const [title, setTitle] = useState('');
  const [deadline, setDeadline] = useState('');
  const [questions, setQuestions] = useState('');
  const [types, setTypes] = useState<string[]>(['gemeente', 'openbaar_ministerie', 'politie']);
  const { error, busy, submit } = useSubmit();
  const guard = useGuardedForm({
    values: { title, deadline, questions, types },
    draftKey: 'inventarisatie.nieuw',
    restore: (kept) => {
      setTitle(kept.title);
      setDeadline(kept.deadline);
      setQuestions(kept.questions);
      setTypes(kept.types);
    },
  });
  const chosen = (organisations.data ?? []).filter((o) => types.includes(o.type));
  const onSubmit = (event: FormEvent<HTMLFormElement>) =>
    submit(
      event,
      [
        ['title', title.trim().length >= 3, 'Een titel heeft 3 tot 200 tekens.'],
        ['deadline', /^\d{4}-\d{2}-\d{2}$/.test(deadline), 'Kies een uiterste datum.'],
        ['organisationIds', chosen.length > 0, 'Kies ten minste één soort organisatie.'],
      ],
      async () => {
        await inventoryApi.create({
          title: title.trim(),
          deadline,
          organisationIds: chosen.map((o) => o.id),
          questions: lines(questions),
        });
        onCreated(title.trim());
        setTitle('');
        setDeadline('');
        setQuestions('');
        guard.saved({ title: '', deadline: '', questions: '', types });
      },
    );
  return (
    <form onSubmit={onSubmit} noValidate className="card form" aria-labelledby="nieuwe-inventarisatie">
      <h2 id="nieuwe-inventarisatie">Nieuwe inventarisatie starten</h2>
      {guard.notice}
      <ErrorMessage error={error} />
      <Field label="Titel" name="title" error={error} required>
        {(props) => <input {...props} type="text" value={title} onChange={(e) => setTitle(e.target.value)} />}
      </Field>
      <Field
        label="Uiterste datum"
        name="deadline"
        error={error}
        required
        hint="Tot en met deze dag kunnen contactpersonen hun antwoord wijzigen."
      >
        {(props) => <input {...props} type="date" value={deadline} onChange={(e) => setDeadline(e.target.value)} />}
      </Field>
      <fieldset className="checkbox-group">
        <legend>Wie worden gevraagd?</legend>
        {Object.entries(ORGANISATION_TYPE_LABELS)
          .filter(([type]) => type !== 'bureau')
          .map(([type, label]) => (
            <label key={type} className="checkbox-inline">
              <input
                type="checkbox"
                checked={types.includes(type)}
                onChange={(e) => setTypes(e.target.checked ? [...types, type] : types.filter((t) => t !== type))}
              />{' '}
              {label} ({(organisations.data ?? []).filter((o) => o.type === type).length})
            </label>
          ))}
      </fieldset>
      {error?.fieldMessages('organisationIds').length ? (
        <p className="field-error">{error.fieldMessages('organisationIds').join(' ')}</p>
      ) : null}
      <Field label="Vragen (optioneel, één per regel)" name="questions" error={error}>
        {(props) => <textarea {...props} rows={3} value={questions} onChange={(e) => setQuestions(e.target.value)} />}
      </Field>
      <p className="hint">
        Contactpersonen wijst u daarna per organisatie aan, in de tabel “Wie heeft geantwoord”. Alleen zij zien de
        inventarisatie en vullen het antwoord in.
      </p>
      <FormActions submit={`Starten (${chosen.length} organisaties)`} busy={busy} />
    </form>
  );
}

/** /cyclus/inventarisaties/:id: progress, the overview and (secretariat) the selection of themes. */
export function InventoryPage() {
  const { id = '' } = useParams();
  const { me } = useAuth();
  const detail = useApi(() => inventoryApi.get(id), [id]);
  const overview = isSecretariat(me) || !!me?.user.rvcMember;
  const d = detail.data;
  return (
    <>
      <p className="breadcrumb">
        <Link to="/cyclus">Strategiecyclus</Link> › <Link to="/cyclus/inventarisaties">Inventarisaties</Link>
      </p>
      <ErrorMessage error={detail.error} />
      {detail.loading && !d && <Loading what="De inventarisatie" />}
      {d && (
        <>
          <PageHeading>{d.title}</PageHeading>
          <DemoDataNote />
          <p className="lead">
            Uiterste datum {dutchDate(d.deadline)}
            {d.open ? '' : ' (gesloten)'} ·{' '}
            <strong>
              {d.answered} van {d.asked} beantwoord
            </strong>
          </p>
          {d.questions.length > 0 && (
            <>
              <h2>Vragen</h2>
              <ol>
                {d.questions.map((q, i) => (
                  <li key={i}>{q}</li>
                ))}
              </ol>
            </>
          )}
          <Progress detail={d} secretariat={isSecretariat(me)} onChanged={() => void detail.reload()} />
          {overview && <RankingSection id={id} />}
          {isSecretariat(me) && <Selection detail={d} onSaved={() => void detail.reload()} />}
        </>
      )}
    </>
  );
}

function Progress({
  detail,
  secretariat,
  onChanged,
}: {
  detail: InventoryDetail;
  secretariat: boolean;
  onChanged: () => void;
}) {
  return (
    <section className="section" aria-labelledby="voortgang">
      <h2 id="voortgang">Wie heeft geantwoord</h2>
      <Table
        label="Voortgang per organisatie"
        caption="Gevraagde organisaties en hun antwoord"
        columns={['Organisatie', 'District', 'Status', 'Contactpersonen', '']}
      >
        {detail.organisations.map((o) => (
          <tr key={o.organisationId}>
            <th scope="row">{o.organisationName}</th>
            <td>{o.districtName ?? '–'}</td>
            <td>
              {RESPONSE_STATUS_LABELS[o.status]}
              {o.onBehalf && ' (ingevoerd door het secretariaat)'}
            </td>
            <td>
              {o.contacts.map((c) => c.displayName).join(', ') || (secretariat ? 'Nog niet aangewezen' : '–')}
              {secretariat && (
                <ContactsEditor
                  organisationId={o.organisationId}
                  organisationName={o.organisationName}
                  contacts={o.contacts}
                  onSave={async (userIds) => {
                    await inventoryApi.contacts(detail.id, o.organisationId, userIds);
                    onChanged();
                  }}
                />
              )}
            </td>
            <td>
              <Link to={`/cyclus/inventarisaties/${detail.id}/antwoord/${o.organisationId}`}>
                {secretariat ? 'Bekijken of namens invullen' : 'Invullen'}
                <span className="visually-hidden"> voor {o.organisationName}</span>
              </Link>
            </td>
          </tr>
        ))}
      </Table>
    </section>
  );
}

function RankingTable({ entries, label }: { entries: InventoryRanking['overall']; label: string }) {
  return (
    <Table
      label={label}
      caption={label}
      columns={['#', 'Prioriteit', 'Genoemd door', 'Score', 'Regionale aanpak gevraagd']}
    >
      {entries.map((e, i) => (
        <tr key={e.title}>
          <td>{i + 1}</td>
          <th scope="row">
            {e.title}
            {e.variants.length > 1 && <span className="muted small"> ({e.variants.join(', ')})</span>}
          </th>
          <td>{e.mentions}</td>
          <td>{e.score}</td>
          <td>{e.regional}</td>
        </tr>
      ))}
    </Table>
  );
}

function RankingSection({ id }: { id: string }) {
  const [top, setTop] = useState(10);
  const ranking = useApi(() => inventoryApi.ranking(id, top), [id, top]);
  const r = ranking.data;
  return (
    <section className="section" aria-labelledby="ranglijst">
      <h2 id="ranglijst">Ranglijst</h2>
      <p className="hint">
        Gerangschikt naar het aantal gemeenten dat het noemt, dan naar de score: een prioriteit op plaats 1 telt 10
        punten, op plaats 2 telt 9, en zo verder tot plaats 10 (1 punt).
      </p>
      <div className="toolbar no-print">
        <label>
          Toon top{' '}
          <select value={top} onChange={(e) => setTop(Number(e.target.value))}>
            {[5, 10, 20, 0].map((n) => (
              <option key={n} value={n}>
                {n === 0 ? 'alles' : n}
              </option>
            ))}
          </select>
        </label>
        <a className="button button-secondary button-small" href={inventoryApi.exportUrl(id)} download>
          Exporteren (CSV)
        </a>
        <Link className="button button-secondary button-small" to={`/cyclus/inventarisaties/${id}/afdruk`}>
          Afdrukversie
        </Link>
      </div>
      <ErrorMessage error={ranking.error} />
      {r && <RankingBody ranking={r} />}
    </section>
  );
}

function RankingBody({ ranking }: { ranking: InventoryRanking }) {
  return (
    <>
      <h3>Gemeenten ({ranking.gemeenten} ingediend)</h3>
      {ranking.overall.length ? (
        <RankingTable entries={ranking.overall} label="Ranglijst gemeenten" />
      ) : (
        <p>Nog geen ingediende antwoorden.</p>
      )}
      {ranking.partners.map((p) => (
        <div key={p.organisationId}>
          <h3>{p.organisationName}</h3>
          <ol>
            {p.priorities.map((pr) => (
              <li key={pr.rank}>
                {pr.title}
                {pr.regional && ' (regionale aanpak gevraagd)'}
              </li>
            ))}
          </ol>
        </div>
      ))}
      {ranking.byDistrict.length > 0 && <h3>Per district</h3>}
      {ranking.byDistrict.map((d) => (
        <details key={d.districtName}>
          <summary>
            {d.districtName} ({d.gemeenten} gemeenten)
          </summary>
          <RankingTable entries={d.entries} label={`Ranglijst ${d.districtName}`} />
        </details>
      ))}
    </>
  );
}

/** /cyclus/inventarisaties/:id/afdruk: the overview on paper. */
export function InventoryPrintPage() {
  const { id = '' } = useParams();
  const detail = useApi(() => inventoryApi.get(id), [id]);
  const ranking = useApi(() => inventoryApi.ranking(id, 0), [id]);
  return (
    <article>
      <p className="no-print">
        <Link to={`/cyclus/inventarisaties/${id}`}>Terug</Link>{' '}
        <button type="button" className="button button-small" onClick={() => window.print()}>
          Afdrukken
        </button>
      </p>
      <ErrorMessage error={detail.error ?? ranking.error} />
      {detail.data && (
        <>
          <PageHeading>{detail.data.title}</PageHeading>
          <DemoDataNote />
          <p>
            {detail.data.answered} van {detail.data.asked} beantwoord · uiterste datum {dutchDate(detail.data.deadline)}
          </p>
        </>
      )}
      {ranking.data && <RankingBody ranking={ranking.data} />}
      {detail.data && detail.data.proposedThemes.length > 0 && (
        <>
          <h2>Voorgestelde thema’s</h2>
          <ThemeScores detail={detail.data} />
        </>
      )}
    </article>
  );
}

function ThemeScores({ detail }: { detail: InventoryDetail }) {
  return (
    <Table
      label="Scores per criterium"
      caption="Voorgestelde thema’s en hun score per criterium"
      columns={['Thema', ...detail.criteria.map((_, i) => `C${i + 1}`), 'Totaal', 'Gesteund door']}
    >
      {detail.proposedThemes.map((t) => (
        <tr key={t.title}>
          <th scope="row">
            {t.title}
            {t.scope && <span className="muted small"> – {t.scope}</span>}
          </th>
          {t.scores.map((s, i) => (
            <td key={i}>{s}</td>
          ))}
          <td>{t.scores.reduce((a, b) => a + b, 0)}</td>
          <td>{t.supports.join(', ')}</td>
        </tr>
      ))}
    </Table>
  );
}

/**
 * The secretariat's selection: name groups, criteria, proposed themes scored 0-3 per criterium, questions to
 * bodies (each answer's body chosen from the region's bodies), and adopting the proposal as the concept
 * strategy's themes. Plain text areas, one item per line, so it works with a keyboard and on a phone.
 */
function Selection({ detail, onSaved }: { detail: InventoryDetail; onSaved: () => void }) {
  const [groups, setGroups] = useState(detail.nameGroups.map((g) => `${g.title}: ${g.variants.join('; ')}`).join('\n'));
  const [criteria, setCriteria] = useState(detail.criteria.join('\n'));
  const [themes, setThemes] = useState(
    detail.proposedThemes
      .map((t) => `${t.title} | ${t.scope} | ${t.scores.join(' ')} | ${t.supports.join('; ')}`)
      .join('\n'),
  );
  const [strategyId, setStrategyId] = useState('');
  const strategies = useApi(() => api.strategies(), []);
  const [message, setMessage] = useState<string | null>(null);
  const { error, busy, submit } = useSubmit();
  // Each text area is saved on its own: one guard (and draft) each, so saving one leaves the others unsaved.
  const draftKey = (part: string) => `inventarisatie.${detail.id}.${part}`;
  const guards = {
    groups: useGuardedForm({ values: { groups }, draftKey: draftKey('groepen'), restore: (k) => setGroups(k.groups) }),
    criteria: useGuardedForm({
      values: { criteria },
      draftKey: draftKey('criteria'),
      restore: (k) => setCriteria(k.criteria),
    }),
    themes: useGuardedForm({ values: { themes }, draftKey: draftKey('themas'), restore: (k) => setThemes(k.themes) }),
  };
  const save = (
    event: FormEvent<HTMLFormElement>,
    send: () => Promise<unknown>,
    done: string,
    part: keyof typeof guards,
  ) =>
    submit(event, [], async () => {
      await send();
      guards[part].saved();
      setMessage(done);
      onSaved();
    });
  const parsedThemes = () =>
    lines(themes).map((line) => {
      const [title = '', scope = '', scores = '', supports = ''] = line.split('|').map((p) => p.trim());
      return {
        title,
        scope,
        scores: scores.split(/\s+/).filter(Boolean).map(Number),
        supports: supports
          .split(';')
          .map((s) => s.trim())
          .filter(Boolean),
      };
    });
  return (
    <section className="section" aria-labelledby="selectie">
      <h2 id="selectie">Van inventarisatie naar thema’s</h2>
      <SuccessMessage message={message} />
      <ErrorMessage error={error} />
      <form
        className="card form"
        noValidate
        onSubmit={(e) =>
          save(
            e,
            () =>
              inventoryApi.nameGroups(
                detail.id,
                lines(groups).map((line) => {
                  const [title, variants = ''] = line.split(':');
                  return {
                    title: title.trim(),
                    variants: variants
                      .split(';')
                      .map((v) => v.trim())
                      .filter(Boolean),
                  };
                }),
              ),
            'De groepering is opgeslagen; de ranglijst telt de varianten nu samen.',
            'groups',
          )
        }
      >
        {guards.groups.notice}
        <Field
          label="Gelijke namen samenvoegen"
          name="groups"
          error={error}
          hint="Eén groep per regel: Titel: variant; variant"
        >
          {(props) => <textarea {...props} rows={3} value={groups} onChange={(e) => setGroups(e.target.value)} />}
        </Field>
        <FormActions submit="Groepering opslaan" busy={busy} small />
      </form>
      <form
        className="card form"
        noValidate
        onSubmit={(e) =>
          save(e, () => inventoryApi.criteria(detail.id, lines(criteria)), 'De criteria zijn opgeslagen.', 'criteria')
        }
      >
        {guards.criteria.notice}
        <Field label="Criteria" name="criteria" error={error} hint="Eén criterium per regel.">
          {(props) => <textarea {...props} rows={5} value={criteria} onChange={(e) => setCriteria(e.target.value)} />}
        </Field>
        <FormActions submit="Criteria opslaan" busy={busy} small />
      </form>
      <form
        className="card form"
        noValidate
        onSubmit={(e) =>
          save(
            e,
            () => inventoryApi.proposedThemes(detail.id, parsedThemes()),
            'De voorgestelde thema’s zijn opgeslagen.',
            'themes',
          )
        }
      >
        {guards.themes.notice}
        <Field
          label="Voorgestelde thema’s"
          name="themes"
          error={error}
          hint={`Eén thema per regel: titel | omschrijving | scores 0-3 per criterium (${detail.criteria.length}), met spaties | ondersteunende prioriteiten, met ;`}
        >
          {(props) => <textarea {...props} rows={5} value={themes} onChange={(e) => setThemes(e.target.value)} />}
        </Field>
        <FormActions submit="Thema’s opslaan" busy={busy} small />
      </form>
      {detail.proposedThemes.length > 0 && <ThemeScores detail={detail} />}
      <BodyQuestionsEditor detail={detail} onSaved={onSaved} />
      {detail.adoptedStrategyId ? (
        <p>
          De voorgestelde thema’s zijn overgenomen in{' '}
          <Link to={`/strategie/${detail.adoptedStrategyId}`}>de conceptstrategie</Link>.
        </p>
      ) : (
        <form
          className="card form"
          noValidate
          onSubmit={(e) =>
            submit(e, [['strategyId', !!strategyId, 'Kies de conceptstrategie.']], async () => {
              await inventoryApi.adopt(detail.id, strategyId);
              setMessage('De voorgestelde thema’s staan nu in de conceptstrategie.');
              onSaved();
            })
          }
        >
          <Field label="Overnemen als thema’s van de conceptstrategie" name="strategyId" error={error}>
            {(props) => (
              <select {...props} value={strategyId} onChange={(e) => setStrategyId(e.target.value)}>
                <option value="">Kies een strategie</option>
                {(strategies.data ?? [])
                  .filter((s) => s.status === 'concept' || s.status === 'consultatie')
                  .map((s) => (
                    <option key={s.id} value={s.id}>
                      {s.title}
                    </option>
                  ))}
              </select>
            )}
          </Field>
          <FormActions submit="Thema’s overnemen" busy={busy} small />
        </form>
      )}
    </section>
  );
}
