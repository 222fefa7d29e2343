import { Module } from '@nestjs/common';
import { NotificationsModule } from '@koers/notifications';
import { AccessModule } from '@koers/access';
import { ActionsModule } from '@koers/actions';
import { AuditModule } from '@koers/audit';
import { DocumentsModule } from '@koers/documents';
import { AgendaService } from './agenda.service';
import { DecisionService } from './decision.service';
import { SessionAccess } from './session-access';
import { SessionEvents } from './session-events';
import { SessionInvitations } from './session-invitations';
import { SessionRepository } from './session.repository';
import { SessionService } from './session.service';

@Module({
  imports: [AccessModule, AuditModule, ActionsModule, DocumentsModule, NotificationsModule],
  providers: [
    SessionRepository,
    SessionAccess,
    SessionEvents,
    SessionInvitations,
    SessionService,
    AgendaService,
    DecisionService,
  ],
  exports: [SessionService, AgendaService, DecisionService],
})
export class SessionsModule {}
