import { Controller, Get, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Actor, AuthorizationService } from '@koers/access';
import { AuditQueryDto, AuditService, toAuditEntryDto } from '@koers/audit';
import { CurrentActor } from '@koers/identity';

/** The audit log, paged and filtered: the secretariat only. */
@ApiTags('audit')
@Controller('audit')
export class AuditController {
  constructor(
    private readonly authorization: AuthorizationService,
    private readonly audit: AuditService,
  ) {}

  @Get()
  async page(@CurrentActor() actor: Actor, @Query() query: AuditQueryDto) {
    await this.authorization.assertInRegion(actor, 'audit.read', 'audit.read');
    const limit = query.limit ?? 50;
    const offset = query.offset ?? 0;
    const { items, total } = await this.audit.page({
      ...query,
      from: query.from ? new Date(query.from) : undefined,
      to: query.to ? new Date(query.to) : undefined,
      limit,
      offset,
    });
    return { items: items.map(toAuditEntryDto), total, limit, offset };
  }
}
