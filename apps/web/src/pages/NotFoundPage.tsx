import { Link } from 'react-router-dom';
import { PageHeading } from '../components/common';

export function NotFoundPage({ title = 'Pagina niet gevonden', message }: { title?: string; message?: string }) {
  return (
    <>
      <PageHeading>{title}</PageHeading>
      <p>{message ?? 'Deze pagina bestaat niet, of u heeft er geen toegang toe.'}</p>
      <p>
        <Link to="/">Naar het overzicht</Link>
      </p>
    </>
  );
}
