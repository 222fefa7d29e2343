import { ChangeEvent, FormEvent, useState } from 'react';
import type { ImportKind, ImportReport } from '@koers/contracts';
import { ErrorMessage, Field, PageHeading, SuccessMessage, Table } from '../../components/common';
import { useSubmit } from '../../components/forms';
import { useFormGuard } from '../forms';
import { regionApi } from './region-api';

interface KindInfo {
  label: string;
  /** "78 organisaties" */
  noun: [singular: string, plural: string];
  columns: string;
  example: string;
}

const KINDS: Record<ImportKind, KindInfo> = {
  organisations: {
    label: 'Organisaties',
    noun: ['organisatie', 'organisaties'],
    columns: 'naam; type (gemeente, politie, openbaar ministerie, …); district (mag leeg)',
    example: 'naam;type;district\nGemeente Súdwest-Fryslân;gemeente;District Fryslân',
  },
  users: {
    label: 'Gebruikers',
    noun: ['gebruiker', 'gebruikers'],
    columns: 'naam; e-mail; organisatie (zoals onder Organisaties); functie; functietitel (mag ontbreken)',
    example:
      'naam;e-mail;organisatie;functie\nJan de Vries;jan.devries@gemeente.nl;Gemeente Súdwest-Fryslân;burgemeester',
  },
  members: {
    label: 'Werkgroepleden',
    noun: ['lidmaatschap', 'lidmaatschappen'],
    columns: 'e-mail; werkgroep (de naam); rol (aanjager, lid, ambtelijk, gast of waarnemer; leeg is lid)',
    example: 'e-mail;werkgroep;rol\njan.devries@gemeente.nl;Werkgroep Ondermijning;aanjager',
  },
};

const count = (n: number, [one, many]: [string, string]) => `${n} ${n === 1 ? one : many}`;

/**
 * Beheer > Importeren: organisations, users and werkgroep members from a CSV file (Excel's "CSV (puntkomma)"
 * or comma separated, UTF-8). "Controleren" shows every row with its errors and writes nothing; "Inlezen"
 * checks first and writes only a file without errors, all at once.
 */
export function ImportPage() {
  const [kind, setKind] = useState<ImportKind>('organisations');
  const [csv, setCsv] = useState('');
  const [fileName, setFileName] = useState<string | null>(null);
  const [report, setReport] = useState<ImportReport | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const { error, busy, submit } = useSubmit();
  const info = KINDS[kind];
  // Rows chosen or pasted but not read in: leaving asks first. No draft: the rows hold personal data.
  const [importedCsv, setImportedCsv] = useState('');
  useFormGuard({ dirty: csv.trim() !== '' && csv !== importedCsv });

  async function onFile(event: ChangeEvent<HTMLInputElement>) {
    const file = event.target.files?.[0];
    setReport(null);
    setMessage(null);
    if (!file) return;
    setFileName(file.name);
    setCsv(await file.text());
  }

  function run(event: FormEvent<HTMLFormElement>, write: boolean) {
    setMessage(null);
    return submit(event, [['csv', csv.trim().length > 0, 'Kies een CSV-bestand of plak de regels.']], async () => {
      const checked = await regionApi.importCsv(kind, csv, true);
      setReport(checked);
      const wrong = checked.rows.filter((r) => r.errors.length > 0).length;
      if (wrong > 0) {
        setMessage(
          `${checked.rows.length} regels gecontroleerd: ${wrong === 1 ? 'één regel heeft' : `${wrong} regels hebben`} fouten. Er is niets ingelezen.`,
        );
        return;
      }
      if (!write) {
        setMessage(`Alle ${checked.rows.length} regels zijn in orde. Kies "Inlezen" om ze op te slaan.`);
        return;
      }
      const done = await regionApi.importCsv(kind, csv, false);
      setReport(done);
      setImportedCsv(csv);
      const invited = done.invitations
        ? ` ${done.invitations.mailed} uitnodigingen zijn gemaild.` +
          (done.invitations.withoutMail > 0
            ? ` ${done.invitations.withoutMail} mensen krijgen hun uitnodiging via Gebruikers › Uitnodiging opnieuw sturen (er is geen e-mailserver ingesteld).`
            : '')
        : '';
      setMessage(`${count(done.created, info.noun)} ingelezen.${invited}`);
    });
  }

  const wrongRows = report?.rows.filter((r) => r.errors.length > 0) ?? [];
  return (
    <>
      <PageHeading>Importeren</PageHeading>
      <p className="lead">
        Lees organisaties, gebruikers en werkgroepleden in uit een CSV-bestand, bijvoorbeeld uit Excel (Opslaan als
        &ldquo;CSV UTF-8&rdquo;). Doe het in deze volgorde: eerst de organisaties, dan de gebruikers, dan de
        werkgroepleden. Een bestand met een fout wordt helemaal niet ingelezen.
      </p>
      <SuccessMessage message={message} />
      <form
        noValidate
        className="card form"
        aria-label="CSV importeren"
        onSubmit={(event) => {
          const submitter = (event.nativeEvent as SubmitEvent).submitter as HTMLButtonElement | null;
          return run(event, submitter?.value === 'inlezen');
        }}
      >
        <ErrorMessage error={error} title="Importeren is niet gelukt." />
        <fieldset className="checkbox-group">
          <legend>Wat leest u in?</legend>
          {(Object.keys(KINDS) as ImportKind[]).map((k) => (
            <label key={k} className="checkbox-inline">
              <input
                type="radio"
                name="kind"
                value={k}
                checked={kind === k}
                onChange={() => {
                  setKind(k);
                  setReport(null);
                  setMessage(null);
                }}
              />{' '}
              {KINDS[k].label}
            </label>
          ))}
        </fieldset>
        <p id="import-columns">
          <strong>Kolommen:</strong> {info.columns}. De eerste regel geeft de kolomnamen; puntkomma of komma als
          scheidingsteken.
        </p>
        <Field label="CSV-bestand" name="file" hint={fileName ? `Gekozen: ${fileName}` : undefined}>
          {(props) => <input {...props} type="file" accept=".csv,text/csv" onChange={onFile} />}
        </Field>
        <Field
          label="Inhoud van het bestand"
          name="csv"
          error={error}
          hint={`U kunt de regels ook hier plakken. Voorbeeld: ${info.example.replace('\n', ' ⏎ ')}`}
        >
          {(props) => (
            <textarea
              {...props}
              rows={8}
              spellCheck={false}
              value={csv}
              onChange={(event) => {
                setCsv(event.target.value);
                setReport(null);
              }}
            />
          )}
        </Field>
        <div className="form-actions">
          <button type="submit" name="action" value="controleren" className="button button-secondary" disabled={busy}>
            Controleren
          </button>
          <button type="submit" name="action" value="inlezen" className="button" disabled={busy}>
            Inlezen
          </button>
        </div>
      </form>
      {report && wrongRows.length > 0 && (
        <section className="section" aria-labelledby="import-fouten-kop">
          <h2 id="import-fouten-kop">Regels met fouten ({wrongRows.length})</h2>
          <Table label="Regels met fouten" caption="Regels met fouten" columns={['Regel', 'Inhoud', 'Fouten']} cards>
            {wrongRows.map((row) => (
              <tr key={row.line}>
                <th scope="row">{row.line}</th>
                <td>{Object.values(row.values).join('; ')}</td>
                <td>
                  <ul>
                    {row.errors.map((e) => (
                      <li key={e}>{e}</li>
                    ))}
                  </ul>
                </td>
              </tr>
            ))}
          </Table>
        </section>
      )}
    </>
  );
}
