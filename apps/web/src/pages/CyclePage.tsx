import { Link } from 'react-router-dom';
import { isSecretariat, useAuth } from '../auth';
import { PageHeading } from '../components/common';
import { useWords } from '../features/region/words';

/**
 * /cyclus: the strategy cycle's index (docs/strategy-cycle.md). Each part adds its link here: the inventory
 * and financing below; consultation, bodies and calendar under /cyclus/consultaties, /organen, /kalender.
 */
export function CyclePage() {
  const { me } = useAuth();
  const words = useWords();
  const reads = isSecretariat(me) || !!me?.user.rvcMember;
  return (
    <>
      <PageHeading>Strategiecyclus</PageHeading>
      <p className="lead">Hoe de {words.strategyName} tot stand komt en wordt betaald.</p>
      <ul className="card-list">
        <li className="card">
          <h2>
            <Link to="/cyclus/inventarisaties">Inventarisaties</Link>
          </h2>
          <p>Lokale prioriteiten ophalen bij gemeenten, OM en politie; ranglijst; van inventarisatie naar thema’s.</p>
        </li>
        <li className="card">
          <h2>
            <Link to="/cyclus/consultaties">Consultaties</Link>
          </h2>
          <p>
            De concept-{words.strategyName} ter consultatie aan de gemeenteraden (wensen en bedenkingen); de nota van
            beantwoording.
          </p>
        </li>
        <li className="card">
          <h2>
            <Link to="/cyclus/organen">Bestuurlijke organen</Link>
          </h2>
          <p>
            Het {words.boardName}, de regionale driehoek, de adviescolleges en districtelijke colleges: leden en
            vergaderingen. Zie ook de <Link to="/cyclus/kalender">vergaderkalender</Link>.
          </p>
        </li>
        {reads && (
          <li className="card">
            <h2>
              <Link to="/cyclus/vaststelling">Vaststelling en periodewissel</Link>
            </h2>
            <p>
              De vaststelling door het {words.boardName}, het afsluiten van de periode en per werkgroep voortzetten of
              decharge.
            </p>
          </li>
        )}
        {reads && (
          <li className="card">
            <h2>
              <Link to="/cyclus/financien">Financiering</Link>
            </h2>
            <p>Bijdragen per partner per jaar en de begroting van het {words.bureauName}.</p>
          </li>
        )}
      </ul>
    </>
  );
}
