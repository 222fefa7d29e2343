import { Module } from '@nestjs/common';
import { AccessModule } from '@koers/access';
import { AuditModule } from '@koers/audit';
import { KnowledgeModule } from '@koers/knowledge';
import { FILE_STORE } from './file-store';
import { FilePolicy } from './file.policy';
import { FileRepository } from './file.repository';
import { FileService } from './file.service';
import { PostgresFileStore } from './postgres-file-store';

/** Attachments: files on werkgroepen, sessions, agenda items, kennisbank items and actions (docs/files.md). */
@Module({
  imports: [AccessModule, AuditModule, KnowledgeModule],
  providers: [
    FileRepository,
    FilePolicy,
    FileService,
    PostgresFileStore,
    { provide: FILE_STORE, useExisting: PostgresFileStore },
  ],
  exports: [FileService, FilePolicy],
})
export class FilesModule {}
