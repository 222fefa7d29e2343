import type { NewNotification } from './notification.model';
import { dutchDate } from './notification.model';

/**
 * The notices for people just named a contact person of an organisation in an inventory or a consultation
 * (docs/strategy-cycle.md, "Contact people"): one each, with a link to the page where they answer. Whoever
 * names themself is not told; people who were already named, or are un-named, get nothing. The dedupe key
 * makes it once per person, organisation and inventory or consultation: naming, un-naming and naming again
 * does not repeat it.
 */
export function contactNotices(input: {
  newlyNamed: string[];
  actorId: string;
  entityType: 'inventory' | 'consultation';
  entityId: string;
  organisationId: string;
  organisationName: string;
  title: string;
  deadline: string;
  link: string;
}): NewNotification[] {
  const what = input.entityType === 'inventory' ? 'de inventarisatie' : 'de consultatie';
  return input.newlyNamed
    .filter((userId) => userId !== input.actorId)
    .map((userId) => ({
      userId,
      kind: 'contactpersoon' as const,
      title: `U bent contactpersoon van ${input.organisationName} voor “${input.title}”`.slice(0, 300),
      detail: `U beantwoordt ${what} namens ${input.organisationName}, uiterlijk ${dutchDate(input.deadline)}.`,
      entityType: input.entityType,
      entityId: input.entityId,
      link: input.link,
      dedupeKey: `${input.entityType}-contact:${input.entityId}:${input.organisationId}:${userId}`,
    }));
}
