import { FormEvent, useEffect, useId, useMemo, useRef, useState } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import {
  FOCUS_AREA_STATUS_LABELS,
  FocusAreaStatus,
  isWorkingReport,
  ProgressReport,
  ReportChanges,
  ReportContent,
  ReportingCycle,
  SubmitCheckItem,
  WorkingReport,
} from '@koers/contracts';
import { ApiError } from '../../api';
import { isSecretariat } from '../../auth';
import { asApiError, ErrorMessage, Field, Loading, SuccessMessage, useApi } from '../../components/common';
import { SelectField } from '../../components/forms';
import { formatDate, formatDateTime, options, todayIso } from '../../labels';
import { TabError, WorkgroupContext } from '../WorkgroupPage';
import { ConfirmDialog } from '../../components/dialog';
import { storedDraft, useFormGuard, useVersionedSave } from '../../features/forms';
import { currentCycle, reportingApi } from './reporting-api';
import { ReportContentView, ReportFiguresView, VersionHistory } from './ReportView';
import { ReportStatusBadge } from './status';
import { useWords } from '../../features/region';

const EDITABLE = ['concept', 'teruggestuurd'];

/** The werkgroep's progress report for a chosen reporting cycle (by default the current one). */
export function ReportSection({ ctx, strategyId }: { ctx: WorkgroupContext; strategyId: string }) {
  const words = useWords();
  const { workgroup, canWrite } = ctx;
  const cycles = useApi(() => reportingApi.cycles(strategyId), [strategyId]);
  const reports = useApi(() => reportingApi.reports(workgroup.id), [workgroup.id]);
  // The cycle is in the address (?cyclus=), so a link can open the report of a given cycle.
  const [searchParams, setSearchParams] = useSearchParams();
  const chosen = searchParams.get('cyclus');
  const [creating, setCreating] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const selectId = useId();

  const sorted = useMemo(
    () => [...(cycles.data ?? [])].sort((a, b) => b.meetingDate.localeCompare(a.meetingDate)),
    [cycles.data],
  );
  const cycle: ReportingCycle | null = sorted.find((c) => c.id === chosen) ?? currentCycle(sorted, todayIso());
  const item = cycle ? reports.data?.find((r) => r.cycleId === cycle.id) : undefined;

  async function create() {
    if (!cycle) return;
    setCreating(true);
    setError(null);
    try {
      await reportingApi.createReport(workgroup.id, cycle.id);
      await reports.reload();
    } catch (err) {
      setError(asApiError(err));
    } finally {
      setCreating(false);
    }
  }

  return (
    <section aria-labelledby="rapportage" className="section">
      <h2 id="rapportage">Voortgangsrapportage</h2>
      {(cycles.error || reports.error) && (
        <TabError error={cycles.error ?? reports.error} what="de voortgangsrapportages" />
      )}
      {(!cycles.data || !reports.data) && !cycles.error && !reports.error && <Loading what="De rapportage" />}
      {cycles.data && reports.data && !cycle && (
        <p>Het secretariaat heeft nog geen rapportagecyclus ({words.board}-vergadering) aangemaakt.</p>
      )}
      {cycles.data && reports.data && cycle && (
        <>
          <div className="field cycle-select">
            <label htmlFor={selectId}>Rapportagecyclus</label>
            <select
              id={selectId}
              value={cycle.id}
              onChange={(e) => setSearchParams({ cyclus: e.target.value }, { replace: true })}
            >
              {sorted.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.title} ({words.board} {formatDate(c.meetingDate)})
                </option>
              ))}
            </select>
          </div>
          <dl className="facts">
            <div>
              <dt>{words.board}-vergadering</dt>
              <dd>{formatDate(cycle.meetingDate)}</dd>
            </div>
            <div>
              <dt>Indienen uiterlijk</dt>
              <dd>{formatDate(cycle.reportDeadline)}</dd>
            </div>
            <div>
              <dt>Verslagperiode</dt>
              <dd>
                {formatDate(cycle.periodStart)} – {formatDate(cycle.periodEnd)}
              </dd>
            </div>
          </dl>
          <ErrorMessage error={error} />
          {item ? (
            <ReportEditor key={item.id} reportId={item.id} ctx={ctx} onChanged={reports.reload} />
          ) : (
            <div className="card">
              <p>Er is nog geen rapportage van deze werkgroep voor deze cyclus.</p>
              {canWrite ? (
                <button type="button" className="button" onClick={create} disabled={creating}>
                  Rapportage aanmaken
                </button>
              ) : (
                <p className="muted">
                  De leden van de werkgroep schrijven de rapportage; de aanjager of een rapporteur dient haar in.
                </p>
              )}
            </div>
          )}
        </>
      )}
    </section>
  );
}

type Draft = { summary: string; focusAreas: Record<string, { status: FocusAreaStatus; narrative: string }> };
/** What this browser keeps while the report has unsaved input: the draft and the version it is based on. */
type StoredReportDraft = { version: number; base: Draft; draft: Draft };

function draftOf(content: ReportContent): Draft {
  return {
    summary: content.summary,
    focusAreas: Object.fromEntries(
      content.focusAreas.map((f) => [f.focusAreaId, { status: f.status, narrative: f.narrative }]),
    ),
  };
}

/** The report's texts as the API names its fields: `summary`, `focusAreas.<id>.status|narrative`. */
function fieldsOfDraft(draft: Draft): Record<string, string> {
  const fields: Record<string, string> = { summary: draft.summary };
  for (const [focusAreaId, f] of Object.entries(draft.focusAreas)) {
    fields[`focusAreas.${focusAreaId}.status`] = f.status;
    fields[`focusAreas.${focusAreaId}.narrative`] = f.narrative;
  }
  return fields;
}

function changesOf(fields: Record<string, unknown>): ReportChanges {
  const changes: ReportChanges = {};
  const byArea = new Map<string, { focusAreaId: string; status?: FocusAreaStatus; narrative?: string }>();
  for (const [key, value] of Object.entries(fields)) {
    if (key === 'summary') changes.summary = value as string;
    const [, focusAreaId, part] = /^focusAreas\.([^.]+)\.(status|narrative)$/.exec(key) ?? [];
    if (!focusAreaId) continue;
    const area = byArea.get(focusAreaId) ?? { focusAreaId };
    if (part === 'status') area.status = value as FocusAreaStatus;
    else area.narrative = value as string;
    byArea.set(focusAreaId, area);
  }
  if (byArea.size) changes.focusAreas = [...byArea.values()];
  return changes;
}

/** The report as the conflict handling compares it: its version and texts (and the report itself). */
type ReportState = { version: number; draft: Draft; saved: WorkingReport };

function reportState(report: ProgressReport): ReportState {
  if (!isWorkingReport(report)) throw new ApiError(409, 'CONFLICT', 'Deze rapportage kan niet meer worden gewijzigd.');
  return { version: report.version, draft: draftOf(report.content), saved: report };
}

/** A stored draft that fits this report (known focus areas only), or null. */
function fittingDraft(stored: StoredReportDraft | null, loaded: Draft): StoredReportDraft | null {
  if (!stored?.draft || !stored.base || typeof stored.version !== 'number') return null;
  const fit = (d: Draft): Draft => ({
    summary: typeof d.summary === 'string' ? d.summary : loaded.summary,
    focusAreas: Object.fromEntries(
      Object.entries(loaded.focusAreas).map(([id, area]) => [id, { ...area, ...(d.focusAreas?.[id] ?? {}) }]),
    ),
  });
  const result = { version: stored.version, base: fit(stored.base), draft: fit(stored.draft) };
  return JSON.stringify(result.draft) === JSON.stringify(result.base) ? null : result;
}

function ReportEditor({
  reportId,
  ctx,
  onChanged,
}: {
  reportId: string;
  ctx: WorkgroupContext;
  onChanged: () => Promise<void>;
}) {
  const words = useWords();
  const report = useApi(() => reportingApi.report(reportId), [reportId]);
  const versions = useApi(() => reportingApi.versions(reportId), [reportId]);
  const [draft, setDraft] = useState<Draft | null>(null);
  // The version and texts the draft is based on: the loaded report, or a draft kept from an earlier visit.
  const [base, setBase] = useState<{ version: number; draft: Draft } | null>(null);
  const [restored, setRestored] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const [check, setCheck] = useState<SubmitCheckItem[]>([]);
  const firstLoad = useRef(true);
  const draftKey = `rapportage.${reportId}`;

  const data = report.data && isWorkingReport(report.data) ? report.data : null;
  const editable = Boolean(data && EDITABLE.includes(data.status) && ctx.canWrite);
  useEffect(() => {
    if (!data) return;
    const loaded = draftOf(data.content);
    const kept = firstLoad.current && editable ? fittingDraft(storedDraft<StoredReportDraft>(draftKey), loaded) : null;
    firstLoad.current = false;
    setBase(kept ? { version: kept.version, draft: kept.base } : { version: data.version, draft: loaded });
    setDraft(kept ? kept.draft : loaded);
    setRestored(Boolean(kept));
  }, [data?.updatedAt]); // eslint-disable-line react-hooks/exhaustive-deps

  const dirty = Boolean(draft && base && JSON.stringify(base.draft) !== JSON.stringify(draft));
  const guard = useFormGuard<StoredReportDraft | undefined>({
    dirty: editable && dirty,
    draftKey,
    draft: draft && base ? { version: base.version, base: base.draft, draft } : undefined,
  });
  const titles = new Map(data?.content.focusAreas.map((f) => [f.focusAreaId, f.title]));
  const versioned = useVersionedSave<ReportState, Record<string, string>>({
    fieldsOf: (r) => fieldsOfDraft(r.draft),
    labels: (key) => {
      if (key === 'summary') return 'Samenvatting';
      const [, focusAreaId, part] = /^focusAreas\.([^.]+)\.(status|narrative)$/.exec(key) ?? [];
      return `${part === 'status' ? 'Status' : 'Toelichting'}: ${titles.get(focusAreaId) ?? 'onderdeel'}`;
    },
    format: (key, value) =>
      key.endsWith('.status')
        ? (FOCUS_AREA_STATUS_LABELS[value as FocusAreaStatus] ?? String(value))
        : String(value ?? ''),
    save: async (fields, version) => reportState(await reportingApi.updateReport(reportId, changesOf(fields), version)),
    reload: async () => reportState(await reportingApi.report(reportId)),
    fromCurrent: (current) => reportState(current as ProgressReport),
    onSaved: ({ saved }) => {
      guard.saved();
      setRestored(false);
      void apply(saved, 'De rapportage is opgeslagen.');
    },
  });

  if (report.error) return <TabError error={report.error} what="deze rapportage" />;
  if (!data || !draft || !base) return <Loading what="De rapportage" />;

  // The aanjager and the rapporteurs submit as the werkgroep; the secretariat may submit on its behalf.
  const ownSubmit = ctx.myRole === 'aanjager' || ctx.myRole === 'rapporteur';
  const onBehalf = !ownSubmit && isSecretariat(ctx.me);
  const maySubmit = EDITABLE.includes(data.status) && (ownSubmit || onBehalf);
  // A field is marked while it still holds the value carried over (stored, and not changed in the form).
  const storedFields = fieldsOfDraft(draftOf(data.content));
  const carried = (field: string, value: string) =>
    Boolean(data.carriedOver?.fields.includes(field)) && storedFields[field] === value;
  const returned = data.status === 'teruggestuurd' ? data.latestVersion?.review : null;

  async function apply(next: WorkingReport, text: string) {
    report.setData(next);
    setMessage(text);
    await Promise.all([versions.reload(), onChanged()]);
  }

  /** Saves the fields this person changed; false while a conflict waits for their choice. */
  async function saveChanges(): Promise<boolean> {
    return versioned.submit({ ...base!, saved: data! }, fieldsOfDraft(draft!));
  }

  async function save(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    setMessage(null);
    try {
      await saveChanges();
    } catch (err) {
      setError(asApiError(err));
    } finally {
      setBusy(false);
    }
  }

  /** Before asking: unsaved edits are saved, then the server names what is empty, template or carried over. */
  async function askToSubmit() {
    setBusy(true);
    setError(null);
    setMessage(null);
    try {
      if (dirty && !(await saveChanges())) return;
      setCheck((await reportingApi.submitCheck(reportId)).items);
      setConfirming(true);
    } catch (err) {
      setError(asApiError(err));
    } finally {
      setBusy(false);
    }
  }

  async function submit() {
    setBusy(true);
    setError(null);
    setMessage(null);
    try {
      // Unsaved edits go with the submission: what the aanjager sees is what is frozen.
      if (dirty && !(await saveChanges())) {
        setConfirming(false);
        return;
      }
      const submitted = await reportingApi.submitReport(reportId);
      setConfirming(false);
      await apply(
        submitted,
        onBehalf
          ? `De rapportage is namens ${ctx.workgroup.name} ingediend als versie ${submitted.currentVersion}.`
          : `De rapportage is ingediend als versie ${submitted.currentVersion}. Het secretariaat beoordeelt haar.`,
      );
    } catch (err) {
      setConfirming(false);
      setError(asApiError(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="report-editor">
      <p className="report-state">
        Status: <ReportStatusBadge status={data.status} />
        {data.currentVersion > 0 && <span className="muted"> – laatst ingediende versie: {data.currentVersion}</span>}
      </p>
      {returned && (
        <div className="alert alert-info" role="note">
          <strong>Teruggestuurd door het secretariaat</strong> op {formatDateTime(returned.reviewedAt)}:{' '}
          <q>{returned.comment}</q>
          <br />
          Pas de rapportage aan en dien haar opnieuw in; er komt dan een nieuwe versie bij.
        </div>
      )}
      {data.status === 'ingediend' && (
        <p className="alert alert-info">
          Ingediend; het secretariaat beoordeelt deze versie. Wijzigen kan niet meer, tenzij zij wordt teruggestuurd.
        </p>
      )}
      <SuccessMessage message={message} />
      <ErrorMessage error={error} />
      {restored && editable && (
        <p className="alert alert-info" role="status">
          Uw niet-opgeslagen tekst van een eerder bezoek is teruggezet. Sla haar op, of ververs de velden door ze aan te
          passen.
        </p>
      )}
      {versioned.dialog}
      {editable && data.carriedOver && (
        <p className="alert alert-info" role="note">
          Deze rapportage begint met de statussen en teksten van de geaccepteerde rapportage van{' '}
          {data.carriedOver.cycleTitle} (versie {data.carriedOver.version}). Wat nog ongewijzigd is overgenomen, staat
          gemarkeerd tot u het aanpast.
        </p>
      )}
      {data.narrativeDocumentId && (
        <p>
          <Link to={`/documenten/${data.narrativeDocumentId}`}>Toelichting samen schrijven</Link>
        </p>
      )}
      {editable && data.carriedOver?.narrative && (
        <p className="hint carried-over">
          De gezamenlijke toelichting begint met die van {data.carriedOver.cycleTitle}
          {data.carriedOver.narrative.changedSinceAcceptance ? ', zoals die na de acceptatie nog is aangevuld' : ''};
          werk haar bij voordat u indient.
        </p>
      )}

      {editable ? (
        <form onSubmit={save} noValidate className="card form report-form" aria-label="Rapportage bewerken">
          <Field
            label="Samenvatting"
            name="summary"
            error={error}
            required
            hint={`Voor het ${words.board}: de kern van de voortgang in deze periode.`}
          >
            {(props) => (
              <textarea
                {...props}
                rows={5}
                maxLength={20000}
                value={draft.summary}
                onChange={(e) => setDraft({ ...draft, summary: e.target.value })}
              />
            )}
          </Field>
          {carried('summary', draft.summary) && <CarriedOverMark from={data.carriedOver!.cycleTitle} />}
          {data.content.focusAreas.map((area, index) => {
            const value = draft.focusAreas[area.focusAreaId];
            const set = (patch: Partial<{ status: FocusAreaStatus; narrative: string }>) =>
              setDraft({ ...draft, focusAreas: { ...draft.focusAreas, [area.focusAreaId]: { ...value, ...patch } } });
            return (
              <fieldset key={area.focusAreaId} className="focus-fieldset">
                <legend>{area.title}</legend>
                <SelectField
                  label={`Status: ${area.title}`}
                  name={`focusAreas.${index}.status`}
                  error={error}
                  value={value.status}
                  onChange={(status) => set({ status })}
                  choices={options(FOCUS_AREA_STATUS_LABELS)}
                />
                {carried(`focusAreas.${area.focusAreaId}.status`, value.status) && (
                  <CarriedOverMark from={data.carriedOver!.cycleTitle} />
                )}
                <Field label={`Toelichting: ${area.title}`} name={`focusAreas.${index}.narrative`} error={error}>
                  {(props) => (
                    <textarea
                      {...props}
                      rows={3}
                      maxLength={20000}
                      value={value.narrative}
                      onChange={(e) => set({ narrative: e.target.value })}
                    />
                  )}
                </Field>
                {carried(`focusAreas.${area.focusAreaId}.narrative`, value.narrative) && (
                  <CarriedOverMark from={data.carriedOver!.cycleTitle} />
                )}
              </fieldset>
            );
          })}
          <div className="form-actions">
            <button type="submit" className="button" disabled={busy || !dirty}>
              Opslaan
            </button>
            {dirty && <span className="muted">Er zijn niet-opgeslagen wijzigingen.</span>}
          </div>
        </form>
      ) : (
        <div className="card">
          <ReportContentView content={data.content} level={3} />
        </div>
      )}

      {maySubmit ? (
        <div className="card submit-box">
          {onBehalf ? (
            <p>
              Heeft de werkgroep geen aanjager of rapporteur die kan indienen? Als secretariaat dient u de rapportage
              namens {ctx.workgroup.name} in; dat wordt zo vastgelegd.
            </p>
          ) : (
            <p>
              Klaar? Als {ctx.myRole === 'rapporteur' ? 'rapporteur' : 'aanjager'} dient u de rapportage in bij het
              secretariaat. Dat kan tot en met de deadline.
            </p>
          )}
          <button type="button" className="button" onClick={() => void askToSubmit()} disabled={busy}>
            {onBehalf ? `Indienen namens ${ctx.workgroup.name}` : 'Indienen'}
          </button>
        </div>
      ) : (
        EDITABLE.includes(data.status) && (
          <p className="muted">
            De aanjager en de rapporteurs van de werkgroep dienen de rapportage in (of het secretariaat, namens de
            werkgroep).
          </p>
        )
      )}
      {confirming && (
        <ConfirmDialog
          title={onBehalf ? `Rapportage namens ${ctx.workgroup.name} indienen?` : 'Rapportage indienen?'}
          confirmLabel={onBehalf ? 'Ja, namens de werkgroep indienen' : 'Ja, indienen'}
          busy={busy}
          onCancel={() => setConfirming(false)}
          onConfirm={() => void submit()}
        >
          <p>
            Bij het indienen wordt deze versie bevroren: de tekst en de cijfers van vandaag worden vastgelegd met een
            digitale vingerafdruk en gaan naar het secretariaat. Daarna kunt u niets meer wijzigen, tenzij het
            secretariaat de rapportage terugstuurt.
          </p>
          {check.length > 0 && (
            <>
              <p>
                <strong>Nog niet af?</strong> Kijk hier eerst naar; u kunt de rapportage ook zo indienen.
              </p>
              <ul className="submit-check" aria-label="Nog niet af">
                {check.map((item) => (
                  <li key={`${item.field}:${item.label}`}>
                    {item.label}: {SUBMIT_PROBLEMS[item.problem]}
                  </li>
                ))}
              </ul>
            </>
          )}
        </ConfirmDialog>
      )}

      <h3>
        {data.figuresFrozen
          ? `Cijfers bij indiening (versie ${data.currentVersion})`
          : 'Cijfers (actueel, nog niet bevroren)'}
      </h3>
      <ReportFiguresView figures={data.figures} level={4} label={data.figuresFrozen ? 'bij indiening' : 'actueel'} />

      <h3>Versies</h3>
      {versions.error ? (
        <ErrorMessage error={versions.error} />
      ) : versions.data ? (
        <VersionHistory versions={versions.data} level={4} workgroupName={ctx.workgroup.name} />
      ) : (
        <Loading what="De versies" plural />
      )}
    </div>
  );
}

const SUBMIT_PROBLEMS: Record<SubmitCheckItem['problem'], string> = {
  leeg: 'nog leeg',
  sjabloon: 'nog alleen het sjabloon (koppen zonder tekst)',
  overgenomen: 'ongewijzigd overgenomen van de vorige rapportage',
};

/** Says under a field that its value is still the one carried over from the last accepted report. */
function CarriedOverMark({ from }: { from: string }) {
  return <p className="hint carried-over">Overgenomen uit {from}; nog niet bijgewerkt.</p>;
}
