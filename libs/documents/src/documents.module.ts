import { Module } from '@nestjs/common';
import { AccessModule } from '@koers/access';
import { AuditModule } from '@koers/audit';
import { NotificationsModule } from '@koers/notifications';
import { CollabBus } from './collab/collab-bus';
import { CollabService } from './collab/collab.service';
import { UpdateLog } from './collab/update-log';
import { DocumentHistoryRepository } from './document-history.repository';
import { DocumentHistoryService } from './document-history.service';
import { DocumentRepository } from './document.repository';
import { DocumentService } from './document.service';

@Module({
  imports: [AccessModule, AuditModule, NotificationsModule],
  providers: [
    DocumentRepository,
    DocumentService,
    DocumentHistoryRepository,
    DocumentHistoryService,
    UpdateLog,
    CollabBus,
    CollabService,
  ],
  exports: [DocumentService, DocumentHistoryService, CollabService],
})
export class DocumentsModule {}
