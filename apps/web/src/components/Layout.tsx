import { Suspense, useState } from 'react';
import { Link, NavLink, Outlet, useNavigate } from 'react-router-dom';
import { isSecretariat, useAuth } from '../auth';
import { forgetLocalCopies, hasUnacknowledgedChanges } from '../collab/session';
import { UnsavedChangesGuard } from '../features/forms';
import { useWords } from '../features/region';
import { SearchLauncher } from '../features/search';
import { closeLive } from '../live';
import { Loading } from './common';
import { NotificationBell } from './NotificationBell';
import { Footer, SkipLink } from './PlainLayout';

/**
 * The frame around every page of a logged-in user: header, navigation, main content, footer. Loaded lazily
 * (with the live socket of the notification bell), so the login page does not carry it.
 */
export function Layout() {
  const { me, logout } = useAuth();
  const navigate = useNavigate();
  const [busy, setBusy] = useState(false);
  const words = useWords();

  async function onLogout() {
    if (
      hasUnacknowledgedChanges() &&
      !window.confirm('Niet al uw wijzigingen zijn opgeslagen. Als u nu uitlogt, gaan ze verloren. Toch uitloggen?')
    )
      return;
    setBusy(true);
    try {
      await logout();
    } finally {
      // Document content kept in this browser (for offline editing) goes with the session.
      await forgetLocalCopies();
      closeLive();
      setBusy(false);
      void navigate('/inloggen', { replace: true, state: { loggedOut: true } });
    }
  }

  return (
    <>
      <SkipLink />
      <header className="site-header">
        <div className="container header-inner">
          <Link to="/" className="brand" aria-label="Koers, naar het overzicht">
            <span className="brand-mark" aria-hidden="true">
              ▲
            </span>
            Koers
          </Link>
          <nav aria-label="Hoofdmenu" className="main-nav">
            <ul>
              <li>
                <NavLink to="/" end>
                  Overzicht
                </NavLink>
              </li>
              <li>
                <NavLink to="/strategie">Strategie</NavLink>
              </li>
              {(isSecretariat(me) || me?.user.rvcMember) && (
                <>
                  <li>
                    <NavLink to="/dashboard">Dashboard</NavLink>
                  </li>
                  <li>
                    <NavLink to="/rvc">{words.board}</NavLink>
                  </li>
                  <li>
                    <NavLink to="/cyclus">Strategiecyclus</NavLink>
                  </li>
                </>
              )}
              <li>
                <NavLink to="/instellingen">Mijn instellingen</NavLink>
              </li>
              {isSecretariat(me) && (
                <li>
                  <NavLink to="/beheer">Beheer</NavLink>
                </li>
              )}
            </ul>
          </nav>
          {me && (
            <div className="user-box">
              <SearchLauncher />
              <NotificationBell />
              <span className="user-name">
                <span className="visually-hidden">Ingelogd als </span>
                {me.user.displayName}
              </span>
              <button type="button" className="button button-secondary button-small" onClick={onLogout} disabled={busy}>
                Uitloggen
              </button>
            </div>
          )}
        </div>
      </header>
      <main id="inhoud" className="container main" tabIndex={-1}>
        <Suspense fallback={<Loading what="De pagina" />}>
          <Outlet />
          <UnsavedChangesGuard />
        </Suspense>
      </main>
      <Footer />
    </>
  );
}
