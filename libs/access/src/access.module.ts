import { Module } from '@nestjs/common';
import { AuditModule } from '@koers/audit';
import { AuthorizationService } from './authorization.service';
import { MembershipChanges } from './membership-changes';
import { MembershipReader } from './membership.reader';

@Module({
  imports: [AuditModule],
  providers: [MembershipReader, AuthorizationService, MembershipChanges],
  exports: [AuthorizationService, MembershipChanges],
})
export class AccessModule {}
