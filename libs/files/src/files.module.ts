import { Module } from '@nestjs/common';
import { AccessModule } from '@koers/access';
import { AuditModule } from '@koers/audit';
import { ConsultationModule } from '@koers/consultation';
import { KnowledgeModule } from '@koers/knowledge';
import { FILE_STORE } from './file-store';
import { FilePolicy } from './file.policy';
import { FileRepository } from './file.repository';
import { FileService } from './file.service';
import { OrphanSweep } from './orphan-sweep';
import { PostgresFileStore } from './postgres-file-store';

/** Attachments: files on werkgroepen, sessions, agenda items, kennisbank items, actions and consultation answers (docs/files.md). */
@Module({
  imports: [AccessModule, AuditModule, KnowledgeModule, ConsultationModule],
  providers: [
    FileRepository,
    FilePolicy,
    FileService,
    PostgresFileStore,
    OrphanSweep,
    { provide: FILE_STORE, useExisting: PostgresFileStore },
  ],
  exports: [FileService, FilePolicy, OrphanSweep, FILE_STORE],
})
export class FilesModule {}
