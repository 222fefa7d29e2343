import { Outlet } from 'react-router-dom';
import { useWords } from '../features/region';

export function SkipLink() {
  return (
    <a className="skip-link" href="#inhoud">
      Naar de inhoud
    </a>
  );
}

/** Says "Demo-omgeving" only when the demo region was seeded. */
export function Footer() {
  const words = useWords();
  return (
    <footer className="site-footer">
      <div className="container">
        Koers – samenwerken aan de {words.strategyName}
        {words.regionName && ` ${words.regionName}`}.
        {words.demo && ' Demo-omgeving: personen en districtsindeling zijn fictief.'}
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
