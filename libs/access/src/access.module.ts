import { Module } from '@nestjs/common';
import { AuditModule } from '@koers/audit';
import { AuthorizationService } from './authorization.service';
import { MembershipChanges } from './membership-changes';
import { MembershipReader } from './membership.reader';
import { WorkgroupScopeReader } from './workgroup-scope.reader';

@Module({
  imports: [AuditModule],
  providers: [MembershipReader, AuthorizationService, MembershipChanges, WorkgroupScopeReader],
  exports: [AuthorizationService, MembershipChanges, WorkgroupScopeReader],
})
export class AccessModule {}
