import { NavLink, Outlet } from 'react-router-dom';

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
            <NavLink to="/beheer/organisaties">Organisaties</NavLink>
          </li>
          <li>
            <NavLink to="/beheer/werkgroepen">Werkgroepen en leden</NavLink>
          </li>
          <li>
            <NavLink to="/beheer/auditlog">Auditlog</NavLink>
          </li>
        </ul>
      </nav>
      <div className="admin-content">
        <Outlet />
      </div>
    </div>
  );
}
