import { Link } from 'react-router-dom';
import { isSecretariat, useAuth } from '../../auth';
import { useApi } from '../../components/common';
import { dutchDate } from '../inventory/inventory-api';
import { consultationApi } from './consultation-api';

/**
 * On the home page of the contact people the secretariat named (who have no Strategiecyclus menu): the open
 * consultations they answer in, to enter or look up their council's answer.
 */
export function ConsultationTasks() {
  const { me } = useAuth();
  const skip = !me || isSecretariat(me) || !!me.user.rvcMember;
  const list = useApi(() => (skip ? Promise.resolve([]) : consultationApi.list()), [skip]);
  const open = (list.data ?? []).filter((c) => !c.closed);
  if (!open.length) return null;
  return (
    <section className="card" aria-labelledby="consultatie-taken">
      <h2 id="consultatie-taken">Consultatie van de gemeenteraden</h2>
      <ul>
        {open.map((c) => (
          <li key={c.id}>
            <Link to={`/cyclus/consultaties/${c.id}`}>{c.title}</Link> (reageren tot en met {dutchDate(c.deadline)})
          </li>
        ))}
      </ul>
    </section>
  );
}
