import { KeyboardEvent, Suspense, useEffect, useRef, useState } from 'react';
import { Link, NavLink, Outlet, useLocation, useNavigate } from 'react-router-dom';
import { isSecretariat, useAuth } from '../auth';
import { forgetLocalCopies, hasUnacknowledgedChanges } from '../collab/session';
import { UnsavedChangesGuard } from '../features/forms';
import { useWords } from '../features/region';
import { SearchLauncher } from '../features/search';
import { closeLive } from '../live';
import { Loading } from './common';
import { ConfirmProvider, useConfirm } from './dialog';
import { NotificationBell } from './NotificationBell';
import { Footer, SkipLink } from './PlainLayout';

/**
 * The frame around every page of a logged-in user: header, navigation, main content, footer. Loaded lazily
 * (with the live socket of the notification bell), so the login page does not carry it. It gives every page
 * the app's confirmation dialog (useConfirm).
 */
export function Layout() {
  return (
    <ConfirmProvider>
      <Frame />
    </ConfirmProvider>
  );
}

/**
 * On a phone (below 48rem, see styles.css) the navigation and the account controls fold behind a "Menu"
 * button: a disclosure (aria-expanded), closed by Esc (focus back on the button) and by following a link.
 */
function Frame() {
  const { me, logout } = useAuth();
  const navigate = useNavigate();
  const location = useLocation();
  const confirm = useConfirm();
  const [busy, setBusy] = useState(false);
  const [menuOpen, setMenuOpen] = useState(false);
  const menuButton = useRef<HTMLButtonElement>(null);
  const words = useWords();

  useEffect(() => setMenuOpen(false), [location.pathname]);

  function onMenuKeyDown(event: KeyboardEvent) {
    if (event.key === 'Escape' && menuOpen) {
      event.stopPropagation();
      setMenuOpen(false);
      menuButton.current?.focus();
    }
  }

  async function onLogout() {
    if (
      hasUnacknowledgedChanges() &&
      !(await confirm({
        title: 'Toch uitloggen?',
        message: 'Niet al uw wijzigingen zijn opgeslagen. Als u nu uitlogt, gaan ze verloren.',
        confirmLabel: 'Uitloggen',
        danger: true,
      }))
    )
      return;
    setBusy(true);
    let atProvider: string | null = null;
    try {
      atProvider = (await logout()).endSessionUrl;
    } finally {
      // Document content kept in this browser (for offline editing) goes with the session.
      await forgetLocalCopies();
      closeLive();
      setBusy(false);
      // After single sign-on the organisation's provider ends its session too and sends the browser back here.
      if (atProvider) window.location.assign(atProvider);
      else void navigate('/inloggen', { replace: true, state: { loggedOut: true } });
    }
  }

  return (
    <>
      <SkipLink />
      <header className="site-header" onKeyDown={onMenuKeyDown}>
        <div className="container header-inner">
          <Link to="/" className="brand" aria-label="Koers, naar het overzicht">
            <span className="brand-mark" aria-hidden="true">
              ▲
            </span>
            Koers
          </Link>
          {me && (
            <div className="header-tools">
              <SearchLauncher />
              <NotificationBell />
              <button
                ref={menuButton}
                type="button"
                className="menu-button"
                aria-expanded={menuOpen}
                aria-controls="hoofdmenu-paneel"
                onClick={() => setMenuOpen((open) => !open)}
              >
                <span aria-hidden="true" className="menu-icon">
                  {menuOpen ? '✕' : '☰'}
                </span>{' '}
                Menu
              </button>
            </div>
          )}
          <div id="hoofdmenu-paneel" className={menuOpen ? 'header-menu header-menu-open' : 'header-menu'}>
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
                <span className="user-name">
                  <span className="visually-hidden">Ingelogd als </span>
                  {me.user.displayName}
                </span>
                <button
                  type="button"
                  className="button button-secondary button-small"
                  onClick={onLogout}
                  disabled={busy}
                >
                  Uitloggen
                </button>
              </div>
            )}
          </div>
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
