/** Events of the documents area. */
declare module '@koers/core' {
  interface DomainEvents {
    /** A document's update log was folded into its snapshot (off the write path): derived text may be stale. */
    'document.merged': { documentId: string };
  }
}

export {};
