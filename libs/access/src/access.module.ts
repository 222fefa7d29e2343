import { Module } from '@nestjs/common';
import { AuditModule } from '@koers/audit';
import { AuthorizationService } from './authorization.service';
import { MembershipReader } from './membership.reader';
import { WorkgroupScopeReader } from './workgroup-scope.reader';

@Module({
  imports: [AuditModule],
  providers: [MembershipReader, AuthorizationService, WorkgroupScopeReader],
  exports: [AuthorizationService, WorkgroupScopeReader],
})
export class AccessModule {}
