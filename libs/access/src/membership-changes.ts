/**
 * Someone's membership of a werkgroep changed (removed, or a new role), in the one event map (EventBus of
 * @koers/core), so open connections (documents, live lists) drop what the person may no longer see at once.
 */
declare module '@koers/core' {
  interface DomainEvents {
    'membership.changed': { workgroupId: string; userId: string };
  }
}

export {};
