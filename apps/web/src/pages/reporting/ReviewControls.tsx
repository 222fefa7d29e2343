import { useState } from 'react';
import { ApiError } from '../../api';
import { asApiError, ErrorMessage } from '../../components/common';
import { ConfirmDialog } from '../../components/dialog';
import { reportingApi } from './reporting-api';
import { useWords } from '../../features/region';

/** The secretariat's verdict on a submitted report: accept it, or return it with a required comment. */
export function ReviewControls({
  reportId,
  workgroupName,
  onReviewed,
}: {
  reportId: string;
  workgroupName: string;
  onReviewed: (message: string) => Promise<void> | void;
}) {
  const words = useWords();
  const [dialog, setDialog] = useState<'accept' | 'return' | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);

  async function review(comment: string) {
    setBusy(true);
    setError(null);
    try {
      if (dialog === 'accept') await reportingApi.acceptReport(reportId);
      else await reportingApi.returnReport(reportId, comment);
      const message =
        dialog === 'accept'
          ? `De rapportage van ${workgroupName} is geaccepteerd.`
          : `De rapportage van ${workgroupName} is teruggestuurd.`;
      setDialog(null);
      await onReviewed(message);
    } catch (err) {
      setError(asApiError(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <>
      <span className="button-group">
        <button type="button" className="button button-small" onClick={() => (setError(null), setDialog('accept'))}>
          Accepteren<span className="visually-hidden"> rapportage {workgroupName}</span>
        </button>
        <button
          type="button"
          className="button button-small button-secondary"
          onClick={() => (setError(null), setDialog('return'))}
        >
          Terugsturen<span className="visually-hidden"> rapportage {workgroupName}</span>
        </button>
      </span>
      {!dialog && <ErrorMessage error={error} />}
      {dialog === 'accept' && (
        <ConfirmDialog
          title={`Rapportage van ${workgroupName} accepteren?`}
          confirmLabel="Accepteren"
          busy={busy}
          error={error}
          onCancel={() => setDialog(null)}
          onConfirm={review}
        >
          <p>De ingediende versie gaat daarmee definitief naar het {words.board}.</p>
        </ConfirmDialog>
      )}
      {dialog === 'return' && (
        <ConfirmDialog
          title={`Rapportage van ${workgroupName} terugsturen?`}
          confirmLabel="Terugsturen"
          busy={busy}
          error={error}
          comment={{
            label: 'Toelichting voor de werkgroep',
            hint: 'Wat moet er anders? De werkgroep ziet dit bij de rapportage.',
            message: 'Geef aan waarom de rapportage wordt teruggestuurd.',
          }}
          onCancel={() => setDialog(null)}
          onConfirm={review}
        >
          <p>De werkgroep kan de rapportage dan aanpassen en opnieuw indienen; deze versie blijft bewaard.</p>
        </ConfirmDialog>
      )}
    </>
  );
}
