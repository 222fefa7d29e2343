import { FormEvent, useEffect, useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { ApiError } from '../../api';
import { isSecretariat, useAuth } from '../../auth';
import { asApiError, ErrorMessage, Loading, PageHeading, SuccessMessage, useApi } from '../../components/common';
import { dutchDate, InventoryPriority, inventoryApi, RESPONSE_STATUS_LABELS } from './inventory-api';
import { DemoDataNote } from './InventoryPages';
import { useFormGuard } from '../forms';
import './inventory.css';

interface Row {
  key: number;
  title: string;
  explanation: string;
  regional: boolean;
}

let nextKey = 1;
const toRows = (priorities: InventoryPriority[]): Row[] =>
  [...priorities]
    .sort((a, b) => a.rank - b.rank)
    .map((p) => ({ key: nextKey++, title: p.title, explanation: p.explanation, regional: p.regional }));

/**
 * /cyclus/inventarisaties/:id/antwoord/:organisationId: an organisation's ranked local priorities. The order of
 * the list is the rank (move with the buttons); save as a draft, then submit; editable until the deadline.
 */
export function ResponsePage() {
  const { id = '', organisationId = '' } = useParams();
  const { me } = useAuth();
  const inventory = useApi(() => inventoryApi.get(id), [id]);
  const response = useApi(() => inventoryApi.response(id, organisationId), [id, organisationId]);
  const [rows, setRows] = useState<Row[]>([]);
  const [answers, setAnswers] = useState<string[]>([]);
  const [error, setError] = useState<ApiError | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    if (!response.data) return;
    setRows(
      response.data.priorities.length
        ? toRows(response.data.priorities)
        : [{ key: nextKey++, title: '', explanation: '', regional: false }],
    );
    setAnswers(response.data.answers);
  }, [response.data]);

  const r = response.data;
  const inv = inventory.data;
  // What is typed but not saved (as a concept or submitted): leaving the page asks first.
  const shown = JSON.stringify([
    rows
      .filter((row) => row.title.trim())
      .map(({ title, explanation, regional }) => [title.trim(), explanation, regional]),
    answers,
  ]);
  const stored = r
    ? JSON.stringify([
        [...r.priorities].sort((a, b) => a.rank - b.rank).map((p) => [p.title, p.explanation, p.regional]),
        r.answers,
      ])
    : shown;
  useFormGuard({ dirty: Boolean(r) && rows.length > 0 && shown !== stored });
  const secretariat = isSecretariat(me);
  const closed = inv ? !inv.open : false;
  const readOnly = !!me?.user.rvcMember && !secretariat;
  const update = (key: number, change: Partial<Row>) =>
    setRows(rows.map((row) => (row.key === key ? { ...row, ...change } : row)));
  const move = (index: number, by: number) => {
    const next = [...rows];
    const [row] = next.splice(index, 1);
    next.splice(index + by, 0, row);
    setRows(next);
    window.setTimeout(() => document.getElementById(`prioriteit-${row.key}-${by < 0 ? 'op' : 'neer'}`)?.focus(), 0);
  };

  async function send(event: FormEvent<HTMLFormElement> | null, submit: boolean) {
    event?.preventDefault();
    const filled = rows.filter((row) => row.title.trim());
    if (filled.some((row) => row.title.trim().length < 2)) {
      setError(new ApiError(400, 'VALIDATION_FAILED', 'Een prioriteit heeft een naam van ten minste 2 tekens.'));
      return;
    }
    if (submit && !filled.length) {
      setError(new ApiError(400, 'VALIDATION_FAILED', 'Noem ten minste één prioriteit voordat u indient.'));
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const saved = await inventoryApi.saveResponse(id, organisationId, {
        priorities: filled.map((row, i) => ({
          title: row.title.trim(),
          rank: i + 1,
          explanation: row.explanation,
          regional: row.regional,
        })),
        answers: answers.slice(0, inv?.questions.length ?? 0),
        submit,
        version: r && r.version > 0 ? r.version : undefined,
      });
      response.setData(saved);
      setMessage(
        submit ? 'Uw antwoord is ingediend. U kunt het tot de uiterste datum nog wijzigen.' : 'Opgeslagen als concept.',
      );
    } catch (err) {
      setError(asApiError(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <>
      <p className="breadcrumb">
        <Link to="/cyclus/inventarisaties">Inventarisaties</Link>
        {inv && (
          <>
            {' › '}
            <Link to={`/cyclus/inventarisaties/${id}`}>{inv.title}</Link>
          </>
        )}
      </p>
      <ErrorMessage error={response.error ?? inventory.error} />
      {(response.loading || inventory.loading) && !r && <Loading what="Het antwoord" />}
      {r && inv && (
        <form onSubmit={(e) => void send(e, true)} noValidate className="form">
          <PageHeading>Lokale prioriteiten van {r.organisationName}</PageHeading>
          <DemoDataNote />
          <p className="lead">
            {inv.title} · uiterste datum {dutchDate(inv.deadline)} · status:{' '}
            <strong>{RESPONSE_STATUS_LABELS[r.status]}</strong>
            {r.onBehalf && ' (ingevoerd door het secretariaat)'}
          </p>
          {secretariat && (
            <p className="read-only-notice">
              U vult dit in namens {r.organisationName}; het antwoord wordt zo gemarkeerd.
            </p>
          )}
          {closed && !secretariat && (
            <p className="read-only-notice">De termijn is verstreken; wijzigen kan alleen nog via het secretariaat.</p>
          )}
          <SuccessMessage message={message} />
          <ErrorMessage error={error} />
          <fieldset disabled={readOnly || (closed && !secretariat) || busy}>
            <legend>Prioriteiten, de belangrijkste eerst</legend>
            <ol className="priority-editor">
              {rows.map((row, index) => (
                <li key={row.key}>
                  <label htmlFor={`prioriteit-${row.key}`}>Prioriteit {index + 1}</label>
                  <input
                    id={`prioriteit-${row.key}`}
                    type="text"
                    value={row.title}
                    maxLength={200}
                    onChange={(e) => update(row.key, { title: e.target.value })}
                  />
                  <label htmlFor={`toelichting-${row.key}`}>Korte toelichting</label>
                  <textarea
                    id={`toelichting-${row.key}`}
                    rows={2}
                    value={row.explanation}
                    maxLength={2000}
                    onChange={(e) => update(row.key, { explanation: e.target.value })}
                  />
                  <label className="checkbox-inline">
                    <input
                      type="checkbox"
                      checked={row.regional}
                      onChange={(e) => update(row.key, { regional: e.target.checked })}
                    />{' '}
                    Vraagt om een regionale aanpak
                  </label>
                  <div className="button-group">
                    <button
                      id={`prioriteit-${row.key}-op`}
                      type="button"
                      className="button button-secondary button-small"
                      disabled={index === 0}
                      onClick={() => move(index, -1)}
                    >
                      Omhoog<span className="visually-hidden"> ({row.title || `prioriteit ${index + 1}`})</span>
                    </button>
                    <button
                      id={`prioriteit-${row.key}-neer`}
                      type="button"
                      className="button button-secondary button-small"
                      disabled={index === rows.length - 1}
                      onClick={() => move(index, 1)}
                    >
                      Omlaag<span className="visually-hidden"> ({row.title || `prioriteit ${index + 1}`})</span>
                    </button>
                    <button
                      type="button"
                      className="button button-secondary button-small"
                      onClick={() => setRows(rows.filter((x) => x.key !== row.key))}
                    >
                      Verwijderen<span className="visually-hidden"> ({row.title || `prioriteit ${index + 1}`})</span>
                    </button>
                  </div>
                </li>
              ))}
            </ol>
            <button
              type="button"
              className="button button-secondary"
              onClick={() => setRows([...rows, { key: nextKey++, title: '', explanation: '', regional: false }])}
            >
              Prioriteit toevoegen
            </button>
            {inv.questions.map((question, i) => (
              <div className="field" key={i}>
                <label htmlFor={`vraag-${i}`}>{question}</label>
                <textarea
                  id={`vraag-${i}`}
                  rows={3}
                  value={answers[i] ?? ''}
                  onChange={(e) => {
                    const next = [...answers];
                    while (next.length < i) next.push('');
                    next[i] = e.target.value;
                    setAnswers(next);
                  }}
                />
              </div>
            ))}
            <div className="form-actions">
              <button type="button" className="button button-secondary" onClick={() => void send(null, false)}>
                Opslaan als concept
              </button>
              <button type="submit" className="button">
                Indienen
              </button>
            </div>
          </fieldset>
        </form>
      )}
    </>
  );
}
