/**
 * Events that close a loop, published (after the commit) by the libraries where they happen and heard by the
 * loop notifier here. Declared on this side because those libraries depend on @koers/notifications, never
 * the other way round.
 */
declare module '@koers/core' {
  interface DomainEvents {
    'progress_report.submitted': ReportLoopEvent;
    'progress_report.reviewed': ReportLoopEvent & { outcome: 'geaccepteerd' | 'teruggestuurd'; comment: string };
    /** A new thread or a reply on a document; `mentioned` already got a `vermelding`. */
    'document.commented': {
      documentId: string;
      documentTitle: string;
      workgroupId: string;
      commentId: string;
      /** The thread's first comment (the comment itself when it starts a thread). */
      threadId: string;
      actorId: string;
      actorName: string;
      mentioned: string[];
    };
    /** A document's text changed (an automatic version was made after its editors left). */
    'document.changed': { documentId: string; documentTitle: string; workgroupId: string; contributorIds: string[] };
  }
}

export interface ReportLoopEvent {
  reportId: string;
  workgroupId: string;
  workgroupName: string;
  cycleTitle: string;
  /** The frozen version submitted or reviewed. */
  version: number;
  actorId: string;
  /** Submitted by the secretariat on behalf of the werkgroep (submitted events only). */
  onBehalf?: boolean;
}

export {};
