import { FormEvent, useRef, useState } from 'react';
import type { InventoryBodyQuestion } from '@koers/contracts';
import { Check, ErrorMessage, Field, useApi } from '../../components/common';
import { FormActions, useSubmit } from '../../components/forms';
import { useGuardedForm } from '../forms';
import { governanceApi } from '../governance/governance-api';
import { InventoryDetail, inventoryApi } from './inventory-api';

/** The value of a body that is only text (stored before bodies were chosen, or not registered). */
const TEXT_PREFIX = 'tekst:';

interface AnswerRow {
  key: number;
  /** A body's id, or TEXT_PREFIX + the text of a body that is not registered. */
  body: string;
  answer: string;
}

interface QuestionRow {
  key: number;
  question: string;
  answers: AnswerRow[];
}

/**
 * Questions put to bodies (e.g. the five district meetings) and each body's answer: per answer the body is
 * chosen from the region's governance bodies (GET /api/bodies), not typed. An answer stored with a body that
 * is not registered keeps its text as a choice of its own. Plain fields and buttons, so it works by keyboard
 * and on a phone.
 */
export function BodyQuestionsEditor({ detail, onSaved }: { detail: InventoryDetail; onSaved: () => void }) {
  const bodies = useApi(() => governanceApi.bodies(), []);
  const next = useRef(0);
  const key = () => ++next.current;
  const [questions, setQuestions] = useState<QuestionRow[]>(() =>
    detail.bodyQuestions.map((q) => ({
      key: key(),
      question: q.question,
      answers: q.answers.map((a) => ({
        key: key(),
        body: a.bodyId ?? TEXT_PREFIX + a.body,
        answer: a.answer,
      })),
    })),
  );
  const [message, setMessage] = useState<string | null>(null);
  const { error, busy, submit } = useSubmit();
  // Leaving with unsaved questions or answers asks first (features/forms).
  const guard = useGuardedForm({ values: { questions } });
  const formRef = useRef<HTMLFormElement>(null);

  /** Moves the focus to a field once React has rendered it (after adding a row). */
  const focusLater = (selector: string) =>
    requestAnimationFrame(() => formRef.current?.querySelector<HTMLElement>(selector)?.focus());

  const change = (qi: number, update: (q: QuestionRow) => QuestionRow) =>
    setQuestions((list) => list.map((q, i) => (i === qi ? update(q) : q)));
  const changeAnswer = (qi: number, ai: number, update: Partial<AnswerRow>) =>
    change(qi, (q) => ({ ...q, answers: q.answers.map((a, i) => (i === ai ? { ...a, ...update } : a)) }));

  const textBodies = new Set(
    questions.flatMap((q) => q.answers.map((a) => a.body)).filter((b) => b.startsWith(TEXT_PREFIX)),
  );
  const choices: Array<[string, string]> = [
    ...(bodies.data ?? []).map((b) => [b.id, b.name] as [string, string]),
    ...[...textBodies].map(
      (b) => [b, `${b.slice(TEXT_PREFIX.length)} (geen geregistreerd orgaan)`] as [string, string],
    ),
  ];

  const toApi = (): InventoryBodyQuestion[] =>
    questions.map((q) => ({
      question: q.question.trim(),
      answers: q.answers.map((a) =>
        a.body.startsWith(TEXT_PREFIX)
          ? { body: a.body.slice(TEXT_PREFIX.length), answer: a.answer.trim() }
          : {
              body: bodies.data?.find((b) => b.id === a.body)?.name ?? '',
              bodyId: a.body,
              answer: a.answer.trim(),
            },
      ),
    }));

  const onSubmit = (event: FormEvent<HTMLFormElement>) =>
    submit(
      event,
      questions.flatMap((q, qi): Check[] => [
        [`questions.${qi}.question`, q.question.trim().length >= 3, 'Een vraag heeft ten minste 3 tekens.'],
        ...q.answers.map((a, ai): Check => [`questions.${qi}.answers.${ai}.bodyId`, a.body !== '', 'Kies het orgaan.']),
      ]),
      async () => {
        setMessage(null);
        await inventoryApi.bodyQuestions(detail.id, toApi());
        guard.saved();
        setMessage('De vragen aan de organen zijn opgeslagen.');
        onSaved();
      },
    );

  return (
    <form
      ref={formRef}
      className="card form body-questions"
      noValidate
      onSubmit={onSubmit}
      aria-labelledby="vragen-aan-organen"
    >
      <h3 id="vragen-aan-organen">Vragen aan organen en hun antwoorden</h3>
      <p className="hint">
        Bijvoorbeeld de vragen aan de districtelijke veiligheidscolleges. Kies per antwoord het orgaan uit de organen
        van de regio (Strategiecyclus › Organen).
      </p>
      {message && (
        <p className="alert alert-success" role="status">
          {message}
        </p>
      )}
      <ErrorMessage error={error ?? bodies.error} />
      {bodies.data && bodies.data.length === 0 && (
        <p className="muted">Er zijn nog geen organen vastgelegd; leg ze eerst vast onder Organen.</p>
      )}
      {questions.length === 0 && <p className="muted">Nog geen vragen.</p>}
      {questions.map((q, qi) => (
        <fieldset key={q.key} className="body-question">
          <legend>Vraag {qi + 1}</legend>
          <Field label="Vraag" name={`questions.${qi}.question`} error={error} required>
            {(props) => (
              <textarea
                {...props}
                data-question={q.key}
                rows={2}
                maxLength={1000}
                value={q.question}
                onChange={(e) => change(qi, (row) => ({ ...row, question: e.target.value }))}
              />
            )}
          </Field>
          {q.answers.map((a, ai) => (
            <div key={a.key} className="body-answer">
              <Field
                label={`Orgaan (antwoord ${ai + 1})`}
                name={`questions.${qi}.answers.${ai}.bodyId`}
                error={error}
                required
              >
                {(props) => (
                  <select
                    {...props}
                    data-answer={a.key}
                    value={a.body}
                    onChange={(e) => changeAnswer(qi, ai, { body: e.target.value })}
                  >
                    <option value="">Kies een orgaan</option>
                    {choices.map(([value, label]) => (
                      <option key={value} value={value}>
                        {label}
                      </option>
                    ))}
                  </select>
                )}
              </Field>
              <Field label={`Antwoord ${ai + 1}`} name={`questions.${qi}.answers.${ai}.answer`} error={error}>
                {(props) => (
                  <textarea
                    {...props}
                    rows={2}
                    maxLength={5000}
                    value={a.answer}
                    onChange={(e) => changeAnswer(qi, ai, { answer: e.target.value })}
                  />
                )}
              </Field>
              <button
                type="button"
                className="button button-secondary button-small"
                onClick={() => {
                  change(qi, (row) => ({ ...row, answers: row.answers.filter((_, i) => i !== ai) }));
                  focusLater(`[data-question="${q.key}"]`);
                }}
              >
                Antwoord {ai + 1} verwijderen<span className="visually-hidden"> (vraag {qi + 1})</span>
              </button>
            </div>
          ))}
          <div className="form-actions">
            <button
              type="button"
              className="button button-secondary button-small"
              onClick={() => {
                const answerKey = key();
                change(qi, (row) => ({ ...row, answers: [...row.answers, { key: answerKey, body: '', answer: '' }] }));
                focusLater(`[data-answer="${answerKey}"]`);
              }}
            >
              Antwoord van een orgaan toevoegen<span className="visually-hidden"> (vraag {qi + 1})</span>
            </button>
            <button
              type="button"
              className="button button-secondary button-small"
              onClick={() => {
                setQuestions((list) => list.filter((_, i) => i !== qi));
                focusLater('[data-add-question]');
              }}
            >
              Vraag {qi + 1} verwijderen
            </button>
          </div>
        </fieldset>
      ))}
      <FormActions
        submit="Vragen opslaan"
        busy={busy}
        small
        before={
          <button
            type="button"
            data-add-question
            className="button button-secondary button-small"
            onClick={() => {
              const questionKey = key();
              setQuestions((list) => [...list, { key: questionKey, question: '', answers: [] }]);
              focusLater(`[data-question="${questionKey}"]`);
            }}
          >
            Vraag toevoegen
          </button>
        }
      />
    </form>
  );
}
