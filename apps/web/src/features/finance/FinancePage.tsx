import { useRef, useState } from 'react';
import { Link } from 'react-router-dom';
import { isSecretariat, useAuth } from '../../auth';
import { asApiError, ErrorMessage, Loading, PageHeading, SuccessMessage, Table, useApi } from '../../components/common';
import { useConfirm } from '../../components/dialog';
import { useWords } from '../region/words';
import { ORGANISATION_TYPE_LABELS } from '../inventory/inventory-api';
import { BudgetLine, Contribution, euro, financeApi } from './finance-api';
import { BudgetLineForm, ContributionForm } from './FinanceForms';

/**
 * /cyclus/financien: contributions per partner per year, totals per partner type, budget lines and the
 * balance; the secretariat adds, changes and removes (asked first), RVC members read, export as CSV.
 */
export function FinancePage() {
  const { me } = useAuth();
  const words = useWords();
  const [year, setYear] = useState<number | undefined>(undefined);
  const list = useApi(() => financeApi.contributions(year), [year]);
  const budget = useApi(() => financeApi.budgetLines(year), [year]);
  const [message, setMessage] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  // One form at a time: while a contribution or a budget line is being changed, the add forms are hidden.
  const [editing, setEditing] = useState<Contribution | null>(null);
  const [editingLine, setEditingLine] = useState<BudgetLine | null>(null);
  // The "Wijzigen" button that opened the edit form: focus goes back to it when the form closes.
  const opener = useRef<HTMLElement | null>(null);
  const closeEditForm = () => {
    setEditing(null);
    setEditingLine(null);
    const button = opener.current;
    opener.current = null;
    // After React removed the form; the row (and its button) stays in the table.
    if (button) requestAnimationFrame(() => (button.isConnected ? button.focus() : undefined));
  };
  const confirm = useConfirm();
  const secretariat = isSecretariat(me);
  const reload = (text: string) => {
    setMessage(text);
    setError(null);
    void list.reload();
    void budget.reload();
  };
  const name = (c: Contribution) => `${c.organisationName ?? c.label}, ${c.year}`;
  async function removeContribution(c: Contribution) {
    const yes = await confirm({
      title: 'Bijdrage verwijderen?',
      message: `De bijdrage van ${name(c)} (${euro(c.amountCents)}) wordt verwijderd.`,
      confirmLabel: 'Verwijderen',
      danger: true,
    });
    if (!yes) return;
    try {
      await financeApi.deleteContribution(c.id, c.version);
      if (editing?.id === c.id) setEditing(null);
      reload('De bijdrage is verwijderd.');
    } catch (err) {
      setError(err);
    }
  }
  async function removeBudgetLine(b: BudgetLine) {
    const yes = await confirm({
      title: 'Begrotingspost verwijderen?',
      message: `De post ${b.title} (${b.year}, ${euro(b.amountCents)}) wordt verwijderd.`,
      confirmLabel: 'Verwijderen',
      danger: true,
    });
    if (!yes) return;
    try {
      await financeApi.deleteBudgetLine(b.id, b.version);
      if (editingLine?.id === b.id) setEditingLine(null);
      reload('De begrotingspost is verwijderd.');
    } catch (err) {
      setError(err);
    }
  }
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
      {error !== null && <ErrorMessage error={asApiError(error)} />}
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
                  <td className="row-actions">
                    <button
                      type="button"
                      className="button button-secondary button-small"
                      onClick={(event) => {
                        setMessage(null);
                        opener.current = event.currentTarget;
                        setEditingLine(null);
                        setEditing(c);
                      }}
                    >
                      Wijzigen<span className="visually-hidden"> ({name(c)})</span>
                    </button>{' '}
                    <button
                      type="button"
                      className="button button-secondary button-small"
                      onClick={() => void removeContribution(c)}
                    >
                      Verwijderen<span className="visually-hidden"> ({name(c)})</span>
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
                  <td className="row-actions">
                    <button
                      type="button"
                      className="button button-secondary button-small"
                      onClick={(event) => {
                        setMessage(null);
                        opener.current = event.currentTarget;
                        setEditing(null);
                        setEditingLine(b);
                      }}
                    >
                      Wijzigen
                      <span className="visually-hidden">
                        {' '}
                        ({b.title}, {b.year})
                      </span>
                    </button>{' '}
                    <button
                      type="button"
                      className="button button-secondary button-small"
                      onClick={() => void removeBudgetLine(b)}
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
      {secretariat &&
        (editing ? (
          <ContributionForm
            key={editing.id}
            contribution={editing}
            onCancel={closeEditForm}
            onSaved={() => {
              closeEditForm();
              reload('De bijdrage is gewijzigd.');
            }}
          />
        ) : editingLine ? (
          <BudgetLineForm
            key={editingLine.id}
            line={editingLine}
            onCancel={closeEditForm}
            onSaved={() => {
              closeEditForm();
              reload('De begrotingspost is gewijzigd.');
            }}
          />
        ) : (
          <>
            <ContributionForm key="nieuw" onSaved={() => reload('De bijdrage is opgeslagen.')} />
            <BudgetLineForm key="nieuw" onSaved={() => reload('De begrotingspost is opgeslagen.')} />
          </>
        ))}
    </>
  );
}
