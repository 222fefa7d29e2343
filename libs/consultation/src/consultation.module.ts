import { Module } from '@nestjs/common';
import { AccessModule } from '@koers/access';
import { AuditModule } from '@koers/audit';
import { NotificationsModule } from '@koers/notifications';
import { AdoptionRepository } from './adoption.repository';
import { AdoptionService } from './adoption.service';
import { ConsultationPolicy } from './consultation.policy';
import { ConsultationReminders } from './consultation-reminders';
import { ConsultationRepository } from './consultation.repository';
import { ConsultationService } from './consultation.service';

/** The strategy cycle around the plan: consultation of the councils, adoption and the turn of the period. */
@Module({
  imports: [AccessModule, AuditModule, NotificationsModule],
  providers: [
    ConsultationRepository,
    ConsultationPolicy,
    ConsultationService,
    ConsultationReminders,
    AdoptionRepository,
    AdoptionService,
  ],
  exports: [ConsultationService, ConsultationPolicy, AdoptionService],
})
export class ConsultationModule {}
