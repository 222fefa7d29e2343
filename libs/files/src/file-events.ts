import type { FileMeta } from '@koers/contracts';

declare module '@koers/core' {
  interface DomainEvents {
    /** A file was added to a parent, or got a new version (`file.version` > 1). */
    'file.stored': { file: FileMeta; actorId: string };
    'file.archived': { fileId: string; parentType: FileMeta['parentType']; parentId: string; actorId: string };
  }
}
