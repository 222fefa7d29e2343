import { Link } from 'react-router-dom';
import { useWorkgroup } from '../WorkgroupPage';
import { IndicatorsSection } from './IndicatorsSection';
import { ReportSection } from './ReportSection';
import './reporting.css';
import { useWords } from '../../features/region';

/** The werkgroep tab Voortgang: the progress report for the current cycle, and the indicators with their charts. */
export function ProgressTab() {
  const words = useWords();
  const ctx = useWorkgroup();
  const { workgroup, canManage } = ctx;
  if (!workgroup.permissions.readContent) {
    // RVC members see a werkgroep, but not its indicators or concept reports: only what went upward.
    return (
      <div className="alert alert-info">
        <p>
          De voortgang van een werkgroep is werkinhoud van de werkgroep. Als lid van het {words.board} ziet u een
          rapportage zodra de werkgroep haar heeft ingediend: zie het <Link to="/dashboard">Dashboard</Link> en de{' '}
          <Link to="/rvc">{words.board}-pagina</Link> met de bundel per vergadering.
        </p>
      </div>
    );
  }
  if (!workgroup.theme)
    return (
      <p className="alert alert-info">
        Deze groep hoort bij geen {words.themeSingular} van de strategie en rapporteert daarom niet aan het{' '}
        {words.board}.
      </p>
    );
  const focusAreas = [...workgroup.theme.focusAreas].sort((a, b) => a.position - b.position);
  return (
    <>
      <ReportSection ctx={ctx} strategyId={workgroup.theme.strategyId} />
      <IndicatorsSection
        workgroupId={workgroup.id}
        strategyId={workgroup.theme.strategyId}
        focusAreas={focusAreas}
        canManage={canManage}
      />
    </>
  );
}
