import { Suspense } from 'react';
import { NavLink, Outlet } from 'react-router-dom';
import { Loading } from '../../components/common';

/** Beheer (secretariat only): sub-navigation and the chosen admin page. */
export function AdminLayout() {
  return (
    <div className="admin">
      <nav aria-label="Beheer" className="sub-nav">
        <ul>
          <li>
            <NavLink to="/beheer/gebruikers">Gebruikers</NavLink>
          </li>
          <li>
            <NavLink to="/beheer/regio">Regio</NavLink>
          </li>
          <li>
            <NavLink to="/beheer/organisaties">Organisaties</NavLink>
          </li>
          <li>
            <NavLink to="/beheer/werkgroepen">Werkgroepen en leden</NavLink>
          </li>
          <li>
            <NavLink to="/beheer/importeren">Importeren</NavLink>
          </li>
          <li>
            <NavLink to="/beheer/beveiliging">Beveiliging</NavLink>
          </li>
          <li>
            <NavLink to="/beheer/auditlog">Auditlog</NavLink>
          </li>
        </ul>
      </nav>
      <div className="admin-content">
        <Suspense fallback={<Loading what="De pagina" />}>
          <Outlet />
        </Suspense>
      </div>
    </div>
  );
}
