import { Injectable } from '@nestjs/common';

export interface MembershipChange {
  workgroupId: string;
  userId: string;
}

/**
 * Tells listeners in this process that someone's membership of a werkgroep changed (removed, or a new role),
 * so open connections (documents, live lists) can drop what the person may no longer see at once.
 */
@Injectable()
export class MembershipChanges {
  private readonly listeners: Array<(change: MembershipChange) => void> = [];

  onChange(listener: (change: MembershipChange) => void): void {
    this.listeners.push(listener);
  }

  emit(change: MembershipChange): void {
    for (const listener of this.listeners) listener(change);
  }
}
