import { useEffect, useState } from 'react';
import type { DossierJob } from '@koers/contracts';
import { api, ApiError } from '../../api';
import { ErrorMessage } from '../../components/common';

/**
 * For the secretariat: make the werkgroep's dossier (one ZIP for the archive) in the background, follow its
 * progress and download it when it is ready (docs/exports.md).
 */
export function WorkgroupDossier({ workgroupId }: { workgroupId: string }) {
  const [job, setJob] = useState<DossierJob | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);

  const running = job && (job.status === 'wachtend' || job.status === 'bezig');
  useEffect(() => {
    if (!job || !running) return;
    const timer = window.setTimeout(() => {
      api.dossier(workgroupId, job.id).then(setJob, setError);
    }, 1500);
    return () => window.clearTimeout(timer);
  }, [job, running, workgroupId]);

  const start = () => {
    setBusy(true);
    setError(null);
    api
      .requestDossier(workgroupId)
      .then(setJob, setError)
      .finally(() => setBusy(false));
  };

  return (
    <section aria-labelledby="dossier" className="section">
      <h2 id="dossier">Dossier voor het archief</h2>
      <p className="hint">
        Eén ZIP met de documenten (PDF/A en HTML), bijlagen, acties en besluiten (CSV en JSON), bijeenkomsten,
        rapportages met hun bevroren versies, de audittrail en een manifest met controlegetallen.
      </p>
      <ErrorMessage error={error} />
      <button type="button" onClick={start} disabled={busy || !!running}>
        Dossier samenstellen
      </button>
      <div aria-live="polite">
        {running && job && (
          <p>
            <label htmlFor="dossier-voortgang">Bezig met samenstellen: </label>
            <progress id="dossier-voortgang" max={Math.max(1, job.totalItems)} value={job.doneItems}>
              {job.doneItems} van {job.totalItems}
            </progress>{' '}
            {job.doneItems} van {job.totalItems || '…'} onderdelen
          </p>
        )}
        {job?.status === 'klaar' && (
          <p>
            Het dossier is klaar.{' '}
            <a href={api.dossierUrl(workgroupId, job.id)} download>
              Download {job.fileName}
            </a>
          </p>
        )}
        {job?.status === 'mislukt' && <p className="alert alert-error">{job.error ?? 'Het dossier is mislukt.'}</p>}
      </div>
    </section>
  );
}
