import { FormEvent, useState } from 'react';
import { Link } from 'react-router-dom';
import { api } from '../../api';
import { isSecretariat, useAuth } from '../../auth';
import { ErrorMessage, Field, Loading, PageHeading, SuccessMessage, Table, useApi } from '../../components/common';
import { FormActions, useSubmit } from '../../components/forms';
import { useWords } from '../region/words';
import { ORGANISATION_TYPE_LABELS } from '../inventory/inventory-api';
import { euro, financeApi, parseEuro } from './finance-api';

/**
 * /cyclus/financien: contributions per partner per year, totals per partner type, budget lines and the
 * balance; the secretariat adds and removes, RVC members read, export as CSV.
 */
export function FinancePage() {
  const { me } = useAuth();
  const words = useWords();
  const [year, setYear] = useState<number | undefined>(undefined);
  const list = useApi(() => financeApi.contributions(year), [year]);
  const budget = useApi(() => financeApi.budgetLines(year), [year]);
  const [message, setMessage] = useState<string | null>(null);
  const secretariat = isSecretariat(me);
  const reload = (text: string) => {
    setMessage(text);
    void list.reload();
    void budget.reload();
  };
  const years = [...new Set((list.data?.years ?? []).map((y) => y.year))];
  return (
    <>
      <p className="breadcrumb">
        <Link to="/cyclus">Strategiecyclus</Link>
      </p>
      <PageHeading>Financiering van het {words.bureauName}</PageHeading>
      {words.demo && (
        <p className="read-only-notice">
          Demogegevens: de bedragen van 2019 komen uit de raadsinformatie van Hilversum (bron 002); de verdeling over de
          overige gemeenten staat daar niet in en is één regel.
        </p>
      )}
      {!secretariat && <p className="read-only-notice">U kunt de financiën lezen; het secretariaat houdt ze bij.</p>}
      <SuccessMessage message={message} />
      <div className="toolbar">
        <label>
          Jaar{' '}
          <select value={year ?? ''} onChange={(e) => setYear(e.target.value ? Number(e.target.value) : undefined)}>
            <option value="">Alle jaren</option>
            {years.map((y) => (
              <option key={y} value={y}>
                {y}
              </option>
            ))}
          </select>
        </label>
        <a className="button button-secondary button-small" href={financeApi.exportUrl(year)} download>
          Exporteren (CSV)
        </a>
      </div>
      <ErrorMessage error={list.error ?? budget.error} />
      {list.loading && !list.data && <Loading what="De financiën" plural />}
      {list.data && (
        <>
          <h2>Per jaar</h2>
          <Table
            label="Saldo per jaar"
            caption="Bijdragen, begroting en saldo per jaar"
            columns={['Jaar', 'Bijdragen', 'Begroting', 'Saldo']}
          >
            {list.data.years.map((y) => (
              <tr key={y.year}>
                <th scope="row">{y.year}</th>
                <td>{euro(y.contributionsCents)}</td>
                <td>{euro(y.budgetCents)}</td>
                <td>{euro(y.balanceCents)}</td>
              </tr>
            ))}
          </Table>
          <h2>Totaal per soort partner</h2>
          <Table
            label="Totalen per soort partner"
            caption="Bijdragen per jaar en soort partner"
            columns={['Jaar', 'Soort partner', 'Bedrag']}
          >
            {list.data.totals.map((t) => (
              <tr key={`${t.year}-${t.partnerType}`}>
                <td>{t.year}</td>
                <th scope="row">{ORGANISATION_TYPE_LABELS[t.partnerType] ?? t.partnerType}</th>
                <td>{euro(t.amountCents)}</td>
              </tr>
            ))}
          </Table>
          <h2>Bijdragen</h2>
          <Table
            label="Bijdragen"
            caption="Bijdragen per partner per jaar"
            columns={['Jaar', 'Partner', 'Grondslag', 'Bedrag', secretariat && '']}
          >
            {list.data.items.map((c) => (
              <tr key={c.id}>
                <td>{c.year}</td>
                <th scope="row">
                  {c.organisationName ?? c.label}
                  {c.note && <span className="muted small"> – {c.note}</span>}
                </th>
                <td>
                  {c.basis === 'vast'
                    ? 'Vast bedrag'
                    : `${c.inhabitants} inwoners × ${euro(c.centsPerInhabitant ?? 0)}`}
                </td>
                <td>{euro(c.amountCents)}</td>
                {secretariat && (
                  <td>
                    <button
                      type="button"
                      className="button button-secondary button-small"
                      onClick={() =>
                        void financeApi.deleteContribution(c.id).then(() => reload('De bijdrage is verwijderd.'))
                      }
                    >
                      Verwijderen
                      <span className="visually-hidden">
                        {' '}
                        ({c.organisationName ?? c.label}, {c.year})
                      </span>
                    </button>
                  </td>
                )}
              </tr>
            ))}
          </Table>
        </>
      )}
      {budget.data && (
        <>
          <h2>Begroting</h2>
          <Table
            label="Begrotingsposten"
            caption="Begrotingsposten per jaar"
            columns={['Jaar', 'Post', 'Bedrag', secretariat && '']}
          >
            {budget.data.map((b) => (
              <tr key={b.id}>
                <td>{b.year}</td>
                <th scope="row">{b.title}</th>
                <td>{euro(b.amountCents)}</td>
                {secretariat && (
                  <td>
                    <button
                      type="button"
                      className="button button-secondary button-small"
                      onClick={() =>
                        void financeApi.deleteBudgetLine(b.id).then(() => reload('De begrotingspost is verwijderd.'))
                      }
                    >
                      Verwijderen
                      <span className="visually-hidden">
                        {' '}
                        ({b.title}, {b.year})
                      </span>
                    </button>
                  </td>
                )}
              </tr>
            ))}
          </Table>
        </>
      )}
      {secretariat && (
        <>
          <ContributionForm onSaved={() => reload('De bijdrage is opgeslagen.')} />
          <BudgetLineForm onSaved={() => reload('De begrotingspost is opgeslagen.')} />
        </>
      )}
    </>
  );
}

function ContributionForm({ onSaved }: { onSaved: () => void }) {
  const organisations = useApi(() => api.organisations(), []);
  const [organisationId, setOrganisationId] = useState('');
  const [year, setYear] = useState(String(new Date().getFullYear()));
  const [basis, setBasis] = useState<'vast' | 'per_inwoner'>('vast');
  const [amount, setAmount] = useState('');
  const [inhabitants, setInhabitants] = useState('');
  const [perInhabitant, setPerInhabitant] = useState('');
  const { error, busy, submit } = useSubmit();
  const onSubmit = (event: FormEvent<HTMLFormElement>) =>
    submit(
      event,
      [
        ['organisationId', !!organisationId, 'Kies een organisatie.'],
        ['year', /^\d{4}$/.test(year), 'Geef een jaar als 2027.'],
        ['amountCents', basis !== 'vast' || parseEuro(amount) !== null, 'Geef een bedrag als 14.000 of 14000,50.'],
        ['inhabitants', basis === 'vast' || /^\d+$/.test(inhabitants), 'Geef het aantal inwoners.'],
        [
          'centsPerInhabitant',
          basis === 'vast' || parseEuro(perInhabitant) !== null,
          'Geef het bedrag per inwoner, zoals 0,17.',
        ],
      ],
      async () => {
        await financeApi.createContribution(
          basis === 'vast'
            ? { organisationId, year: Number(year), basis, amountCents: parseEuro(amount)! }
            : {
                organisationId,
                year: Number(year),
                basis,
                inhabitants: Number(inhabitants),
                centsPerInhabitant: parseEuro(perInhabitant)!,
              },
        );
        setAmount('');
        onSaved();
      },
    );
  return (
    <form onSubmit={onSubmit} noValidate className="card form" aria-labelledby="bijdrage-nieuw">
      <h2 id="bijdrage-nieuw">Bijdrage toevoegen</h2>
      <ErrorMessage error={error} />
      <Field label="Organisatie" name="organisationId" error={error} required>
        {(props) => (
          <select {...props} value={organisationId} onChange={(e) => setOrganisationId(e.target.value)}>
            <option value="">Kies een organisatie</option>
            {(organisations.data ?? []).map((o) => (
              <option key={o.id} value={o.id}>
                {o.name}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field label="Jaar" name="year" error={error} required>
        {(props) => (
          <input {...props} type="text" inputMode="numeric" value={year} onChange={(e) => setYear(e.target.value)} />
        )}
      </Field>
      <Field label="Grondslag" name="basis" error={error}>
        {(props) => (
          <select {...props} value={basis} onChange={(e) => setBasis(e.target.value as 'vast' | 'per_inwoner')}>
            <option value="vast">Vast bedrag</option>
            <option value="per_inwoner">Per inwoner</option>
          </select>
        )}
      </Field>
      {basis === 'vast' ? (
        <Field label="Bedrag in euro" name="amountCents" error={error} required>
          {(props) => (
            <input
              {...props}
              type="text"
              inputMode="decimal"
              value={amount}
              onChange={(e) => setAmount(e.target.value)}
            />
          )}
        </Field>
      ) : (
        <>
          <Field label="Aantal inwoners" name="inhabitants" error={error} required>
            {(props) => (
              <input
                {...props}
                type="text"
                inputMode="numeric"
                value={inhabitants}
                onChange={(e) => setInhabitants(e.target.value)}
              />
            )}
          </Field>
          <Field label="Bedrag per inwoner in euro" name="centsPerInhabitant" error={error} required>
            {(props) => (
              <input
                {...props}
                type="text"
                inputMode="decimal"
                value={perInhabitant}
                onChange={(e) => setPerInhabitant(e.target.value)}
              />
            )}
          </Field>
        </>
      )}
      <FormActions submit="Bijdrage opslaan" busy={busy} />
    </form>
  );
}

function BudgetLineForm({ onSaved }: { onSaved: () => void }) {
  const [year, setYear] = useState(String(new Date().getFullYear()));
  const [title, setTitle] = useState('');
  const [amount, setAmount] = useState('');
  const { error, busy, submit } = useSubmit();
  const onSubmit = (event: FormEvent<HTMLFormElement>) =>
    submit(
      event,
      [
        ['year', /^\d{4}$/.test(year), 'Geef een jaar als 2027.'],
        ['title', title.trim().length >= 2, 'Geef de post een naam.'],
        ['amountCents', parseEuro(amount) !== null, 'Geef een bedrag als 14.000 of 14000,50.'],
      ],
      async () => {
        await financeApi.createBudgetLine({ year: Number(year), title: title.trim(), amountCents: parseEuro(amount)! });
        setTitle('');
        setAmount('');
        onSaved();
      },
    );
  return (
    <form onSubmit={onSubmit} noValidate className="card form" aria-labelledby="post-nieuw">
      <h2 id="post-nieuw">Begrotingspost toevoegen</h2>
      <ErrorMessage error={error} />
      <Field label="Jaar" name="year" error={error} required>
        {(props) => (
          <input {...props} type="text" inputMode="numeric" value={year} onChange={(e) => setYear(e.target.value)} />
        )}
      </Field>
      <Field label="Post" name="title" error={error} required>
        {(props) => <input {...props} type="text" value={title} onChange={(e) => setTitle(e.target.value)} />}
      </Field>
      <Field label="Bedrag in euro" name="amountCents" error={error} required>
        {(props) => (
          <input
            {...props}
            type="text"
            inputMode="decimal"
            value={amount}
            onChange={(e) => setAmount(e.target.value)}
          />
        )}
      </Field>
      <FormActions submit="Post opslaan" busy={busy} />
    </form>
  );
}
