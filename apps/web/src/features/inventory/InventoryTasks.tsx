import { Link } from 'react-router-dom';
import { useApi } from '../../components/common';
import { dutchDate, inventoryApi, RESPONSE_STATUS_LABELS } from './inventory-api';

/** On the home page of a contact person: the inventories that wait for their organisation's answer. */
export function InventoryTasks() {
  const list = useApi(() => inventoryApi.list(), []);
  const tasks = (list.data ?? []).filter((i) => i.open).flatMap((i) => i.mine.map((m) => ({ inventory: i, mine: m })));
  if (!tasks.length) return null;
  return (
    <section className="card" aria-labelledby="inventarisatie-taken">
      <h2 id="inventarisatie-taken">Inventarisatie lokale prioriteiten</h2>
      <ul>
        {tasks.map(({ inventory, mine }) => (
          <li key={inventory.id + mine.organisationId}>
            <Link to={`/cyclus/inventarisaties/${inventory.id}/antwoord/${mine.organisationId}`}>
              {inventory.title}: antwoord van {mine.organisationName}
            </Link>{' '}
            ({RESPONSE_STATUS_LABELS[mine.status]}, uiterlijk {dutchDate(inventory.deadline)})
          </li>
        ))}
      </ul>
    </section>
  );
}
