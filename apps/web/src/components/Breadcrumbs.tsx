import { Link } from 'react-router-dom';
import './breadcrumbs.css';

export interface Crumb {
  label: string;
  /** Absent for the current page (the last crumb). */
  to?: string;
}

/** Where a deep page sits: werkgroep, tab, item. A navigation landmark with the current page marked. */
export function Breadcrumbs({ trail }: { trail: Crumb[] }) {
  return (
    <nav aria-label="Kruimelpad" className="breadcrumb">
      <ol>
        {trail.map((crumb, i) => (
          <li key={`${i}-${crumb.label}`}>
            {crumb.to ? <Link to={crumb.to}>{crumb.label}</Link> : <span aria-current="page">{crumb.label}</span>}
          </li>
        ))}
      </ol>
    </nav>
  );
}
