import { Module } from '@nestjs/common';
import { AccessModule } from '@koers/access';
import { AuditModule } from '@koers/audit';
import { KnowledgePolicy } from './knowledge.policy';
import { KnowledgeRepository } from './knowledge.repository';
import { KnowledgeService } from './knowledge.service';

/** The learning environment (lerende omgeving): a kennisbank of interventions and practices per theme. */
@Module({
  imports: [AccessModule, AuditModule],
  providers: [KnowledgeRepository, KnowledgePolicy, KnowledgeService],
  exports: [KnowledgeService, KnowledgePolicy],
})
export class KnowledgeModule {}
