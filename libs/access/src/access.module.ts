import { Module } from '@nestjs/common';
import { AuditModule } from '@koers/audit';
import { AuthorizationService } from './authorization.service';
import { MembershipReader } from './membership.reader';

@Module({
  imports: [AuditModule],
  providers: [MembershipReader, AuthorizationService],
  exports: [AuthorizationService],
})
export class AccessModule {}
