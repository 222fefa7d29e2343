import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AccessModule } from '@koers/access';
import { AuditModule } from '@koers/audit';
import { StrategyModule } from '@koers/strategy';
import { WorkgroupEntity, WorkgroupMemberEntity } from './workgroup.entity';
import { WorkgroupRepository } from './workgroup.repository';
import { WorkgroupService } from './workgroup.service';

@Module({
  imports: [
    TypeOrmModule.forFeature([WorkgroupEntity, WorkgroupMemberEntity]),
    AccessModule,
    AuditModule,
    StrategyModule,
  ],
  providers: [WorkgroupRepository, WorkgroupService],
  exports: [WorkgroupService],
})
export class WorkgroupsModule {}
