import { Module } from '@nestjs/common';
import { AccessModule } from '@koers/access';
import { AuditModule } from '@koers/audit';
import { DocumentsModule } from '@koers/documents';
import { FilesModule } from '@koers/files';
import { DossierRepository } from './dossier.repository';
import { DossierService } from './dossier.service';

/** The werkgroep's dossier: one ZIP of its records for the archive (docs/exports.md). */
@Module({
  imports: [AccessModule, AuditModule, DocumentsModule, FilesModule],
  providers: [DossierRepository, DossierService],
  exports: [DossierService],
})
export class DossierModule {}
