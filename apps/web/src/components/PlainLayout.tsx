import { Outlet } from 'react-router-dom';

export function SkipLink() {
  return (
    <a className="skip-link" href="#inhoud">
      Naar de inhoud
    </a>
  );
}

export function Footer() {
  return (
    <footer className="site-footer">
      <div className="container">
        Koers – samenwerken aan de Regionale Veiligheidsstrategie. Demo-omgeving: personen en districtsindeling zijn
        fictief.
      </div>
    </footer>
  );
}

/** The frame for the login page: no navigation. */
export function PlainLayout() {
  return (
    <>
      <SkipLink />
      <header className="site-header">
        <div className="container header-inner">
          <span className="brand">
            <span className="brand-mark" aria-hidden="true">
              ▲
            </span>
            Koers
          </span>
        </div>
      </header>
      <main id="inhoud" className="container main main-narrow" tabIndex={-1}>
        <Outlet />
      </main>
      <Footer />
    </>
  );
}
