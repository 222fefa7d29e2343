import { Injectable } from '@nestjs/common';
import type { Actor } from '@koers/access';
import { HomeRepository } from './home.repository';

/** On a first visit, "what changed" covers the last week. */
const FIRST_VISIT_DAYS = 7;
const RECENT_DOCUMENTS = 8;
const CHANGES = 50;

/**
 * The home page's "find the work": the recent documents of my werkgroepen and what changed in them since
 * my previous visit. Only one's own: the caller is the subject, and only werkgroepen whose working material
 * they read (their memberships; every werkgroep for the secretariat) count.
 */
@Injectable()
export class HomeService {
  constructor(private readonly repository: HomeRepository) {}

  async feed(actor: Pick<Actor, 'userId' | 'platformRole'>) {
    const all = actor.platformRole === 'secretariaat';
    const previous = await this.repository.recordVisit(actor.userId);
    const since = previous ?? new Date(Date.now() - FIRST_VISIT_DAYS * 86_400_000);
    const [recentDocuments, changes] = await Promise.all([
      this.repository.recentDocuments(actor.userId, all, RECENT_DOCUMENTS),
      this.repository.changes(actor.userId, all, since, CHANGES),
    ]);
    return { since: previous, recentDocuments, changes: changes.items, changeCount: changes.total };
  }
}
